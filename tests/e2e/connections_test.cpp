// What one address's idle and slow connections leave for everyone else (issue 14, finding 1),
// and the IPv6 loopback listener (finding 10). The flood comes from 127.0.0.2/127.0.0.3, the
// measuring client from 127.0.0.1: other addresses, as on a real network.
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>

#include "e2e/connection_flood.hpp"
#include "e2e/session.hpp"

namespace zc::e2e {
namespace {

constexpr const char* kPassword = "connections-pass-2026";

double secondsSince(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

TEST(Connections, HealthAndLogInAnswerWhileOneAddressHoldsIdleAndSlowHeaderConnections) {
    raiseTestOpenFileLimit();
    const auto env = test::serverEnv();
    const std::string user = createStaffUser("e2e.flood", "auditor", kPassword);
    ConnectionFlood flood("127.0.0.2", env.port);
    flood.openSlowHeaders(60);
    flood.openIdle(60);
    std::this_thread::sleep_for(std::chrono::milliseconds(500));

    const auto start = std::chrono::steady_clock::now();
    const std::string health = rawHealth("127.0.0.1", env.port, env.ca_file, 5.0);
    const double health_seconds = secondsSince(start);
    EXPECT_NE(health.find(" 200 "), std::string::npos) << "no answer: " << health;
    EXPECT_LT(health_seconds, 1.0) << "/health took " << health_seconds << " s";
    const test::Response r = login(user, kPassword);
    EXPECT_EQ(r.status, 200) << r.describe();
    // One address gets at most server.max_connections_per_address (32): the rest is closed at
    // once, without a TLS handshake.
    const int refused = flood.idleClosedWithin(1.0) + flood.slowHandshakesFailed();
    EXPECT_GE(refused, 120 - 32) << "idle closed + handshakes failed";
}

TEST(Connections, IdleAndSlowHeaderConnectionsAreCutAfterTheHeaderTime) {
    const auto env = test::serverEnv();
    ConnectionFlood flood("127.0.0.3", env.port);
    const auto start = std::chrono::steady_clock::now();
    flood.openIdle(1);
    flood.openSlowHeaders(1);
    // server.header_timeout_seconds is 5 (the watchdog looks every 0.2 s).
    EXPECT_EQ(flood.idleClosedWithin(8.0), 1) << "an idle connection was still open after 8 s";
    while (flood.slowCutOff() == 0 && secondsSince(start) < 9.0) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    EXPECT_EQ(flood.slowHandshakesDone(), 1);
    EXPECT_EQ(flood.slowCutOff(), 1) << "a header trickling one byte a second was not cut off";
    EXPECT_GE(secondsSince(start), 4.0) << "cut before the header time";
}

bool hasIpv6Loopback() {
    const int fd = ::socket(AF_INET6, SOCK_STREAM, 0);
    if (fd < 0) return false;
    sockaddr_in6 a{};
    a.sin6_family = AF_INET6;
    a.sin6_addr = in6addr_loopback;
    const bool ok = ::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
    ::close(fd);
    return ok;
}

TEST(Connections, HealthAnswersOnIpv6LoopbackAsOnIpv4) {
    if (!hasIpv6Loopback()) GTEST_SKIP() << "this machine has no IPv6 loopback (::1)";
    const auto env = test::serverEnv();
    const std::string v6 = rawHealth("::1", env.port, env.ca_file, 5.0);
    EXPECT_NE(v6.find(" 200 "), std::string::npos) << "[::1]:" << env.port << ": " << v6;
    EXPECT_NE(v6.find("\"status\":\"ok\""), std::string::npos) << v6;
    const std::string v4 = rawHealth("127.0.0.1", env.port, env.ca_file, 5.0);
    EXPECT_NE(v4.find(" 200 "), std::string::npos) << v4;
}

}  // namespace
}  // namespace zc::e2e
