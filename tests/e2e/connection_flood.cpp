#include "e2e/connection_flood.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <openssl/ssl.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdint>

namespace zc::e2e {
namespace {

void setTimeouts(int fd, double seconds) {
    timeval tv{};
    tv.tv_sec = static_cast<long>(seconds);
    tv.tv_usec = static_cast<long>((seconds - static_cast<double>(tv.tv_sec)) * 1e6);
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
}

SSL_CTX* floodContext() {
    static SSL_CTX* ctx = [] {
        SSL_CTX* c = SSL_CTX_new(TLS_client_method());
        SSL_CTX_set_verify(c, SSL_VERIFY_NONE, nullptr);
        return c;
    }();
    return ctx;
}

}  // namespace

void raiseTestOpenFileLimit() {
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
        limit.rlim_cur = limit.rlim_max;
        setrlimit(RLIMIT_NOFILE, &limit);
    }
}

int connectFrom(const std::string& source, int port) {
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return -1;
    sockaddr_in from{};
    from.sin_family = AF_INET;
    inet_pton(AF_INET, source.c_str(), &from.sin_addr);
    sockaddr_in to{};
    to.sin_family = AF_INET;
    to.sin_port = htons(static_cast<std::uint16_t>(port));
    inet_pton(AF_INET, "127.0.0.1", &to.sin_addr);
    setTimeouts(fd, 3);
    if (::bind(fd, reinterpret_cast<sockaddr*>(&from), sizeof from) != 0 ||
        ::connect(fd, reinterpret_cast<sockaddr*>(&to), sizeof to) != 0) {
        ::close(fd);
        return -1;
    }
    return fd;
}

bool closedByPeerWithin(int fd, double seconds) {
    const auto deadline = std::chrono::steady_clock::now() +
                          std::chrono::milliseconds(static_cast<int>(seconds * 1000));
    while (true) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        pollfd p{fd, POLLIN, 0};
        if (::poll(&p, 1, static_cast<int>(std::max<long>(0, left.count()))) > 0) {
            char buf[256];
            const auto n = ::recv(fd, buf, sizeof buf, MSG_DONTWAIT);
            if (n == 0 || (n < 0 && errno != EAGAIN)) return true;  // EOF or reset
        }
        if (std::chrono::steady_clock::now() >= deadline) return false;
    }
}

ConnectionFlood::ConnectionFlood(std::string source, int port)
    : source_(std::move(source)), port_(port) {
    // A write to a connection the server cut must fail, not kill the test with SIGPIPE.
    std::signal(SIGPIPE, SIG_IGN);
}

ConnectionFlood::~ConnectionFlood() { stop(); }

void ConnectionFlood::openIdle(int count) {
    for (int i = 0; i < count; ++i) {
        const int fd = connectFrom(source_, port_);
        if (fd >= 0) idle_.push_back(fd);
    }
}

void ConnectionFlood::openSlowHeaders(int count) {
    for (int i = 0; i < count; ++i) slow_.emplace_back([this] { trickle(); });
}

void ConnectionFlood::trickle() {
    const int fd = connectFrom(source_, port_);
    if (fd < 0) {
        ++handshakes_failed_;
        return;
    }
    SSL* ssl = SSL_new(floodContext());
    SSL_set_fd(ssl, fd);
    if (SSL_connect(ssl) != 1) {
        ++handshakes_failed_;
    } else {
        ++handshakes_done_;
        const std::string header = "GET /health HTTP/1.1\r\nHost: localhost\r\nX-Slow: ";
        std::size_t sent = 0;
        while (!stopping_) {
            const char byte = sent < header.size() ? header[sent] : 'a';
            if (SSL_write(ssl, &byte, 1) != 1) {
                ++cut_off_;
                break;
            }
            ++sent;
            // Closed by the server (TLS 1.3 session tickets make the socket readable; a FIN is the
            // end).
            bool closed = false;
            for (int i = 0; i < 10 && !stopping_ && !closed; ++i) {
                pollfd p{fd, POLLRDHUP, 0};
                closed = ::poll(&p, 1, 100) > 0 && (p.revents & (POLLRDHUP | POLLHUP | POLLERR));
            }
            if (closed) {
                ++cut_off_;
                break;
            }
        }
    }
    SSL_free(ssl);
    ::close(fd);
}

void ConnectionFlood::stop() {
    stopping_ = true;
    for (auto& t : slow_) {
        if (t.joinable()) t.join();
    }
    slow_.clear();
    for (int fd : idle_) ::close(fd);
    idle_.clear();
}

int ConnectionFlood::idleClosedWithin(double seconds) {
    const auto deadline = std::chrono::steady_clock::now() +
                          std::chrono::milliseconds(static_cast<int>(seconds * 1000));
    int closed = 0;
    for (int fd : idle_) {
        const auto left =
            std::chrono::duration<double>(deadline - std::chrono::steady_clock::now());
        if (closedByPeerWithin(fd, std::max(0.001, left.count()))) ++closed;
    }
    return closed;
}

std::string rawHealth(const std::string& host, int port, const std::string& ca_file,
                      double timeout_seconds) {
    const bool v6 = host.find(':') != std::string::npos;
    const int fd = ::socket(v6 ? AF_INET6 : AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return "";
    setTimeouts(fd, timeout_seconds);
    int rc = -1;
    if (v6) {
        sockaddr_in6 to{};
        to.sin6_family = AF_INET6;
        to.sin6_port = htons(static_cast<std::uint16_t>(port));
        inet_pton(AF_INET6, host.c_str(), &to.sin6_addr);
        rc = ::connect(fd, reinterpret_cast<sockaddr*>(&to), sizeof to);
    } else {
        sockaddr_in to{};
        to.sin_family = AF_INET;
        to.sin_port = htons(static_cast<std::uint16_t>(port));
        inet_pton(AF_INET, host.c_str(), &to.sin_addr);
        rc = ::connect(fd, reinterpret_cast<sockaddr*>(&to), sizeof to);
    }
    std::string answer;
    if (rc == 0) {
        SSL_CTX* ctx = SSL_CTX_new(TLS_client_method());
        SSL_CTX_load_verify_locations(ctx, ca_file.c_str(), nullptr);
        SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, nullptr);
        SSL* ssl = SSL_new(ctx);
        SSL_set1_host(ssl, "localhost");
        SSL_set_tlsext_host_name(ssl, "localhost");
        SSL_set_fd(ssl, fd);
        if (SSL_connect(ssl) == 1) {
            const std::string request =
                "GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";
            if (SSL_write(ssl, request.data(), static_cast<int>(request.size())) > 0) {
                char buf[4096];
                int n = 0;
                while ((n = SSL_read(ssl, buf, sizeof buf)) > 0) answer.append(buf, n);
            }
        }
        SSL_free(ssl);
        SSL_CTX_free(ctx);
    }
    ::close(fd);
    return answer;
}

}  // namespace zc::e2e
