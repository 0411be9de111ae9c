#pragma once
// A bounded pool of connections shared by the server's worker threads. acquire() blocks up to
// `wait` for a free connection and throws DbError(2002) when none comes. A lease returns its
// connection on destruction (rolled back if a transaction was left open).
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <vector>

#include "connection.hpp"

namespace zc::db {

class ConnectionPool {
  public:
    ConnectionPool(DbConfig config, std::size_t max_size);
    ~ConnectionPool();

    class Lease {
      public:
        Lease(ConnectionPool& pool, std::unique_ptr<Connection> c)
            : pool_(&pool), c_(std::move(c)) {}
        Lease(Lease&& o) noexcept : pool_(o.pool_), c_(std::move(o.c_)) {}
        ~Lease();
        Connection& operator*() { return *c_; }
        Connection* operator->() { return c_.get(); }

      private:
        ConnectionPool* pool_;
        std::unique_ptr<Connection> c_;
    };

    Lease acquire(std::chrono::milliseconds wait = std::chrono::milliseconds(5000));

    // Connections lent out now, open now (lent or idle) and the most there may be (GET /metrics).
    struct Usage {
        std::size_t in_use = 0;
        std::size_t open = 0;
        std::size_t max = 0;
    };
    Usage usage();

  private:
    void release(std::unique_ptr<Connection> c);
    DbConfig config_;
    std::size_t max_size_;
    std::size_t created_ = 0;
    std::vector<std::unique_ptr<Connection>> idle_;
    std::mutex mutex_;
    std::condition_variable cv_;
};

// Connector/C++ needs per-thread initialisation; call once at the top of every thread that
// uses connections (idempotent; cleaned up when the thread ends).
void ensureThreadInit();

}  // namespace zc::db
