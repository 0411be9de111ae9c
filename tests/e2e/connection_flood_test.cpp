// The connection-exhaustion goal of issue 14 (finding 1), label `fault`: with 500 idle and 500
// slow-header connections open from one address, /health answers within 1 s and a normal client
// logs in. Prints the figures kept in docs/benchmarks.md.
#include "e2e/connection_flood.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <iostream>

#include "e2e/session.hpp"

namespace zc::e2e {
namespace {

double secondsSince(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

TEST(ConnectionFlood, FiveHundredIdleAndFiveHundredSlowHeaderConnectionsFromOneAddress) {
    raiseTestOpenFileLimit();
    const auto env = test::serverEnv();
    const std::string password = "flood-pass-2026";
    const std::string user = createStaffUser("e2e.flood500", "auditor", password);
    ConnectionFlood flood("127.0.0.2", env.port);
    const auto opened = std::chrono::steady_clock::now();
    flood.openSlowHeaders(500);
    flood.openIdle(500);
    const double open_seconds = secondsSince(opened);
    std::this_thread::sleep_for(std::chrono::milliseconds(500));

    const auto health_start = std::chrono::steady_clock::now();
    const std::string health = rawHealth("127.0.0.1", env.port, env.ca_file, 5.0);
    const double health_seconds = secondsSince(health_start);
    const auto login_start = std::chrono::steady_clock::now();
    const test::Response r = login(user, password);
    const double login_seconds = secondsSince(login_start);
    const int idle_closed = flood.idleClosedWithin(1.0);
    const int handshakes_failed = flood.slowHandshakesFailed();

    std::cout << "flood: 500 idle + 500 slow-header connections from 127.0.0.2 opened in "
              << open_seconds << " s\n"
              << "  /health from 127.0.0.1: " << health_seconds << " s\n"
              << "  log-in from 127.0.0.1: " << login_seconds << " s (status " << r.status << ")\n"
              << "  idle closed at once: " << idle_closed
              << " of 500; TLS handshakes refused: " << handshakes_failed
              << " of 500, completed: " << flood.slowHandshakesDone() << std::endl;
    EXPECT_NE(health.find(" 200 "), std::string::npos) << health;
    EXPECT_LT(health_seconds, 1.0);
    EXPECT_EQ(r.status, 200) << r.describe();
    EXPECT_LT(login_seconds, 5.0);
    EXPECT_GE(idle_closed + handshakes_failed, 1000 - 32);
}

}  // namespace
}  // namespace zc::e2e
