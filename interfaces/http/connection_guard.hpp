#pragma once
// The HTTPS listeners and what keeps idle or slow clients from taking every worker (issue 14,
// finding 1). POCO serves a connection on one worker thread from accept to close, so a client
// that connects and sends nothing, or trickles its header, holds a worker. Three bounds:
//  - a deadline for the whole request header, TLS handshake included
//  (server.header_timeout_seconds,
//    counted from accept, and again from the end of each answer on a kept-alive connection); a
//    watchdog shuts the socket down when it passes;
//  - at most server.max_connections_per_address connections per peer address (more are closed at
//    once) and server.max_connections in all (the dispatcher's queue is this large, so POCO never
//    drops a queued connection behind our back and the counts cannot leak);
//  - server.threads workers.
// On a loopback host (localhost, 127.0.0.1, ::1) the service listens on both 127.0.0.1 and [::1]
// (when the machine has IPv6 loopback), so clients that resolve localhost to ::1 first connect.
#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/TCPServer.h>
#include <Poco/ThreadPool.h>

#include <memory>
#include <string>

#include "api_server.hpp"

namespace zc::http {

class ConnectionGuard;
struct GuardedSetup;

// Counters of the guard, for tests and logs.
struct ConnectionGuardStats {
    long refused = 0;         // closed at accept: per-address or total cap reached
    long header_expired = 0;  // shut down by the watchdog: header not complete by its deadline
    int open = 0;             // connections counted now
};

// The server's listening sockets with their dispatchers, worker pools and guard.
class Listeners {
  public:
    // Binds and starts serving `handlers` (raises the open-file limit first). Throws when the
    // configured address cannot be bound; a missing [::1] on a loopback host is only logged.
    Listeners(const ServerConfig& config, Poco::Net::Context::Ptr context,
              Poco::Net::HTTPRequestHandlerFactory::Ptr handlers);
    ~Listeners();
    // Stops accepting and ends every open connection.
    void stop();
    int port() const;
    ConnectionGuardStats stats() const;

  private:
    std::unique_ptr<Poco::ThreadPool> pool_v4_;
    std::unique_ptr<Poco::ThreadPool> pool_v6_;
    Poco::AutoPtr<ConnectionGuard> guard_;
    std::unique_ptr<GuardedSetup> setup_;
    std::unique_ptr<Poco::Net::TCPServer> v4_;
    std::unique_ptr<Poco::Net::TCPServer> v6_;
};

// True for localhost, 127.0.0.1 and ::1.
bool isLoopbackHost(const std::string& host);

// Raises the soft RLIMIT_NOFILE to the hard limit (each connection is a descriptor); returns the
// soft limit in effect afterwards.
long raiseOpenFileLimit();

}  // namespace zc::http
