#include "connection_guard.hpp"

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPServerConnection.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/SecureStreamSocket.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/TCPServerConnectionFactory.h>
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <condition_variable>
#include <iostream>
#include <map>
#include <mutex>
#include <optional>
#include <thread>

namespace zc::http {

using SteadyTime = std::chrono::steady_clock::time_point;

// Counts connections per peer address and keeps each one's header deadline; a watchdog thread
// shuts a socket down (shutdown(2), which wakes the worker blocked in recv or in the TLS
// handshake) once its deadline passed. An entry (keyed by POCO's socket object) lives from
// accept until its worker is done with it and holds its own duplicate of the descriptor, so the
// watchdog never touches a descriptor number that was closed and reused for another client.
class ConnectionGuard : public Poco::Net::TCPServerConnectionFilter {
  public:
    ConnectionGuard(std::chrono::milliseconds header_timeout, int per_address, int total)
        : header_timeout_(header_timeout),
          per_address_(per_address),
          total_(total),
          watchdog_([this] { watch(); }) {}

    ~ConnectionGuard() override {
        stopWatchdog();
        for (auto& [key, entry] : entries_) ::close(entry.own_fd);
    }

    bool accept(const Poco::Net::StreamSocket& socket) override {
        std::string address;
        try {
            address = socket.peerAddress().host().toString();
        } catch (const Poco::Exception&) {
            return false;
        }
        const void* key = socket.impl();
        std::lock_guard lock(mutex_);
        if (auto old = entries_.find(key); old != entries_.end()) forget(old);
        int& count = per_address_count_[address];
        if (count >= per_address_ || static_cast<int>(entries_.size()) >= total_) {
            if (count == 0) per_address_count_.erase(address);
            ++stats_.refused;
            return false;
        }
        // Our own descriptor of the connection: POCO closes its own before the worker reports
        // the end, and a closed number may be reused at once; this one stays ours until then.
        const int own = ::fcntl(socket.impl()->sockfd(), F_DUPFD_CLOEXEC, 0);
        if (own < 0) {
            if (count == 0) per_address_count_.erase(address);
            ++stats_.refused;
            return false;
        }
        ++count;
        entries_[key] = Entry{address, own, std::chrono::steady_clock::now() + header_timeout_};
        return true;
    }

    // The worker's connection ended (called before its socket is closed).
    void connectionEnded(const void* key) {
        std::lock_guard lock(mutex_);
        if (auto it = entries_.find(key); it != entries_.end()) forget(it);
    }

    // The request header is complete: no deadline while the request is being answered.
    void headerReceived(const void* key) { setDeadline(key, std::nullopt); }
    // The answer is out: the next header on this kept-alive connection (the idle wait included)
    // must be complete within keep-alive time plus header time.
    void awaitNextHeader(const void* key) {
        setDeadline(key, std::chrono::steady_clock::now() + 2 * header_timeout_);
    }

    // Ends every open connection (server stop).
    void shutdownAll() {
        std::lock_guard lock(mutex_);
        for (auto& [key, entry] : entries_) ::shutdown(entry.own_fd, SHUT_RDWR);
    }

    void stopWatchdog() {
        {
            std::lock_guard lock(mutex_);
            stopping_ = true;
        }
        wake_.notify_all();
        if (watchdog_.joinable()) watchdog_.join();
    }

    ConnectionGuardStats stats() const {
        std::lock_guard lock(mutex_);
        ConnectionGuardStats s = stats_;
        s.open = static_cast<int>(entries_.size());
        return s;
    }

  private:
    struct Entry {
        std::string address;
        int own_fd;
        std::optional<SteadyTime> deadline;
    };

    void forget(std::map<const void*, Entry>::iterator it) {
        ::close(it->second.own_fd);
        auto count = per_address_count_.find(it->second.address);
        if (count != per_address_count_.end() && --count->second <= 0) {
            per_address_count_.erase(count);
        }
        entries_.erase(it);
    }

    void setDeadline(const void* key, std::optional<SteadyTime> deadline) {
        std::lock_guard lock(mutex_);
        if (auto it = entries_.find(key); it != entries_.end()) it->second.deadline = deadline;
    }

    void watch() {
        std::unique_lock lock(mutex_);
        while (!stopping_) {
            wake_.wait_for(lock, std::chrono::milliseconds(200));
            const auto now = std::chrono::steady_clock::now();
            for (auto& [key, entry] : entries_) {
                if (entry.deadline && *entry.deadline <= now) {
                    ::shutdown(entry.own_fd, SHUT_RDWR);
                    entry.deadline.reset();
                    ++stats_.header_expired;
                }
            }
        }
    }

    const std::chrono::milliseconds header_timeout_;
    const int per_address_;
    const int total_;
    mutable std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    std::map<const void*, Entry> entries_;
    std::map<std::string, int> per_address_count_;
    ConnectionGuardStats stats_;
    std::thread watchdog_;
};

// What every connection is served with (owned by Listeners, outlives the servers).
struct GuardedSetup {
    ConnectionGuard& guard;
    Poco::Net::Context::Ptr context;
    Poco::Net::HTTPServerParams::Ptr params;
    Poco::Net::HTTPRequestHandlerFactory::Ptr handlers;
};

namespace {

// The connection a worker thread is serving (one connection per worker at a time).
thread_local ConnectionGuard* current_guard = nullptr;
thread_local const void* current_key = nullptr;

// One accepted TCP connection: announced to and released from the guard; TLS (server side,
// handshake on the first read, within the header deadline) and POCO's HTTP connection on top.
// TLS is attached here rather than by a SecureServerSocket so that the guard sees the real
// descriptor (a SecureStreamSocket does not expose it).
class GuardedConnection : public Poco::Net::TCPServerConnection {
  public:
    GuardedConnection(const Poco::Net::StreamSocket& socket, const GuardedSetup& setup)
        : TCPServerConnection(socket), setup_(setup) {}

    void run() override {
        const void* key = socket().impl();
        // Destroyed after `release`: the guard forgets the connection while it is still open.
        std::optional<Poco::Net::SecureStreamSocket> secure;
        struct Release {
            ConnectionGuard& guard;
            const void* key;
            ~Release() {
                guard.connectionEnded(key);
                current_guard = nullptr;
                current_key = nullptr;
            }
        } release{setup_.guard, key};
        current_guard = &setup_.guard;
        current_key = key;
        secure = Poco::Net::SecureStreamSocket::attach(socket(), setup_.context);
        Poco::Net::HTTPServerConnection http(*secure, setup_.params, setup_.handlers);
        http.run();
    }

  private:
    const GuardedSetup& setup_;
};

class GuardedConnectionFactory : public Poco::Net::TCPServerConnectionFactory {
  public:
    explicit GuardedConnectionFactory(const GuardedSetup& setup) : setup_(setup) {}
    Poco::Net::TCPServerConnection* createConnection(
        const Poco::Net::StreamSocket& socket) override {
        return new GuardedConnection(socket, setup_);
    }

  private:
    const GuardedSetup& setup_;
};

// Re-arms the header deadline once the answer is out (also when the handler threw).
class RearmingHandler : public Poco::Net::HTTPRequestHandler {
  public:
    explicit RearmingHandler(Poco::Net::HTTPRequestHandler* inner) : inner_(inner) {}
    void handleRequest(Poco::Net::HTTPServerRequest& req,
                       Poco::Net::HTTPServerResponse& res) override {
        struct Rearm {
            ~Rearm() {
                if (current_guard) current_guard->awaitNextHeader(current_key);
            }
        } rearm;
        inner_->handleRequest(req, res);
    }

  private:
    std::unique_ptr<Poco::Net::HTTPRequestHandler> inner_;
};

// Called by POCO once a request header is complete.
class HeaderDoneFactory : public Poco::Net::HTTPRequestHandlerFactory {
  public:
    explicit HeaderDoneFactory(Poco::Net::HTTPRequestHandlerFactory::Ptr inner) : inner_(inner) {}
    Poco::Net::HTTPRequestHandler* createRequestHandler(
        const Poco::Net::HTTPServerRequest& req) override {
        if (current_guard) current_guard->headerReceived(current_key);
        return new RearmingHandler(inner_->createRequestHandler(req));
    }

  private:
    Poco::Net::HTTPRequestHandlerFactory::Ptr inner_;
};

Poco::Net::HTTPServerParams::Ptr serverParams(const ServerConfig& config) {
    Poco::Net::HTTPServerParams::Ptr params = new Poco::Net::HTTPServerParams;
    params->setMaxThreads(config.threads);
    // Every accepted connection fits in the queue (the guard admits at most max_connections).
    params->setMaxQueued(config.max_connections);
    params->setKeepAlive(true);
    params->setKeepAliveTimeout(Poco::Timespan(config.header_timeout_seconds, 0));
    // One receive (of a body) may wait this long; the header is bounded by the guard.
    params->setTimeout(Poco::Timespan(30, 0));
    return params;
}

std::unique_ptr<Poco::Net::TCPServer> serve(Poco::Net::ServerSocket& socket, Poco::ThreadPool& pool,
                                            const GuardedSetup& setup) {
    // A burst of connections (a browser's six, a flood) waits in the kernel, not as a dropped SYN.
    socket.listen(1024);
    auto server = std::make_unique<Poco::Net::TCPServer>(new GuardedConnectionFactory(setup), pool,
                                                         socket, setup.params);
    server->setConnectionFilter(Poco::Net::TCPServerConnectionFilter::Ptr(&setup.guard, true));
    server->start();
    return server;
}

}  // namespace

bool isLoopbackHost(const std::string& host) {
    return host == "localhost" || host == "127.0.0.1" || host == "::1" || host == "[::1]";
}

long raiseOpenFileLimit() {
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) != 0) return -1;
    if (limit.rlim_cur < limit.rlim_max) {
        limit.rlim_cur = limit.rlim_max;
        setrlimit(RLIMIT_NOFILE, &limit);
        getrlimit(RLIMIT_NOFILE, &limit);
    }
    return static_cast<long>(limit.rlim_cur);
}

Listeners::Listeners(const ServerConfig& config, Poco::Net::Context::Ptr context,
                     Poco::Net::HTTPRequestHandlerFactory::Ptr handlers) {
    raiseOpenFileLimit();
    guard_ = new ConnectionGuard(std::chrono::seconds(config.header_timeout_seconds),
                                 config.max_connections_per_address, config.max_connections);
    setup_.reset(
        new GuardedSetup{*guard_, context, serverParams(config), new HeaderDoneFactory(handlers)});
    const bool loopback = isLoopbackHost(config.host);
    // Bound without SO_REUSEPORT (Poco's address constructor sets it): a second server on the
    // same port must fail to start, not share the port and answer half of the connections.
    Poco::Net::ServerSocket v4;
    v4.bind(Poco::Net::SocketAddress(loopback ? "127.0.0.1" : config.host,
                                     static_cast<Poco::UInt16>(config.port)),
            true, false);
    pool_v4_ = std::make_unique<Poco::ThreadPool>(2, config.threads, 60);
    v4_ = serve(v4, *pool_v4_, *setup_);
    if (!loopback) return;
    try {
        Poco::Net::ServerSocket v6;
        v6.bind6(Poco::Net::SocketAddress("::1", static_cast<Poco::UInt16>(v4_->port())), true,
                 false, true);
        pool_v6_ = std::make_unique<Poco::ThreadPool>(2, config.threads, 60);
        v6_ = serve(v6, *pool_v6_, *setup_);
    } catch (const Poco::Exception& e) {
        std::cerr << "IPv6 loopback [::1] not available, serving 127.0.0.1 only: "
                  << e.displayText() << std::endl;
    }
}

Listeners::~Listeners() { stop(); }

void Listeners::stop() {
    if (v4_) v4_->stop();
    if (v6_) v6_->stop();
    if (guard_) guard_->shutdownAll();
    if (pool_v4_) pool_v4_->joinAll();
    if (pool_v6_) pool_v6_->joinAll();
    v4_.reset();
    v6_.reset();
    if (guard_) guard_->stopWatchdog();
}

int Listeners::port() const { return v4_ ? v4_->port() : 0; }

ConnectionGuardStats Listeners::stats() const {
    return guard_ ? guard_->stats() : ConnectionGuardStats{};
}

}  // namespace zc::http
