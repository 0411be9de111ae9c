#include "connection_pool.hpp"

#include <cppconn/driver.h>
#include <mysql_driver.h>

namespace zc::db {
namespace {

struct ThreadGuard {
    ThreadGuard() { sql::mysql::get_driver_instance()->threadInit(); }
    ~ThreadGuard() { sql::mysql::get_driver_instance()->threadEnd(); }
};

}  // namespace

void ensureThreadInit() { thread_local ThreadGuard guard; }

ConnectionPool::ConnectionPool(DbConfig config, std::size_t max_size)
    : config_(std::move(config)), max_size_(max_size) {}

ConnectionPool::~ConnectionPool() = default;

ConnectionPool::Lease::~Lease() {
    if (pool_ && c_) pool_->release(std::move(c_));
}

ConnectionPool::Lease ConnectionPool::acquire(std::chrono::milliseconds wait) {
    ensureThreadInit();
    std::unique_lock lock(mutex_);
    if (!cv_.wait_for(lock, wait, [&] { return !idle_.empty() || created_ < max_size_; })) {
        throw DbError(2002, "no database connection free within the wait limit");
    }
    if (!idle_.empty()) {
        auto c = std::move(idle_.back());
        idle_.pop_back();
        return Lease(*this, std::move(c));
    }
    ++created_;
    lock.unlock();
    try {
        return Lease(*this, std::make_unique<Connection>(config_));
    } catch (...) {
        std::lock_guard relock(mutex_);
        --created_;
        cv_.notify_one();
        throw;
    }
}

ConnectionPool::Usage ConnectionPool::usage() {
    std::lock_guard lock(mutex_);
    return {created_ - idle_.size(), created_, max_size_};
}

void ConnectionPool::release(std::unique_ptr<Connection> c) {
    while (c->inTransaction()) c->rollback();
    std::lock_guard lock(mutex_);
    idle_.push_back(std::move(c));
    cv_.notify_one();
}

}  // namespace zc::db
