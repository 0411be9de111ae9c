#pragma once
// Hostile connections for the connection-exhaustion tests (issue 14, finding 1): bare TCP
// connections that send nothing and TLS connections that trickle their request header one byte
// a second, opened from a chosen loopback source address (Linux routes all of 127/8 to lo).
#include <atomic>
#include <memory>
#include <string>
#include <thread>
#include <vector>

namespace zc::e2e {

// Raises this process's soft RLIMIT_NOFILE to the hard limit.
void raiseTestOpenFileLimit();

// A TCP connection from `source` (IPv4, any port) to 127.0.0.1:port; -1 when it failed.
int connectFrom(const std::string& source, int port);

// Waits up to `seconds` for the peer to close `fd` (EOF or reset); true when it did.
bool closedByPeerWithin(int fd, double seconds);

class ConnectionFlood {
  public:
    ConnectionFlood(std::string source, int port);
    ~ConnectionFlood();  // stops trickling and closes everything

    void openIdle(int count);
    // Each in its own thread: TCP connect, TLS handshake (3 s at most), then one header byte a
    // second until stopped or cut off.
    void openSlowHeaders(int count);
    void stop();

    // Idle connections the server closed within `seconds` of now.
    int idleClosedWithin(double seconds);
    int slowHandshakesDone() const { return handshakes_done_; }
    int slowHandshakesFailed() const { return handshakes_failed_; }
    int slowCutOff() const { return cut_off_; }

  private:
    void trickle();

    std::string source_;
    int port_;
    std::vector<int> idle_;
    std::vector<std::thread> slow_;
    std::atomic<bool> stopping_{false};
    std::atomic<int> handshakes_done_{0};
    std::atomic<int> handshakes_failed_{0};
    std::atomic<int> cut_off_{0};
};

// GET /health over TLS to `host` (an IPv4 or IPv6 literal) on `port`, verifying the server
// certificate against `ca_file` for the name localhost. Returns the whole answer, "" on failure.
std::string rawHealth(const std::string& host, int port, const std::string& ca_file,
                      double timeout_seconds);

}  // namespace zc::e2e
