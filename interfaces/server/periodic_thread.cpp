#include "periodic_thread.hpp"

#include "interfaces/mysql/connection_pool.hpp"

namespace zc::server {

PeriodicThread::PeriodicThread(std::chrono::milliseconds interval,
                               std::function<void(bool first)> round, std::function<void()> last)
    : interval_(interval), round_(std::move(round)), last_(std::move(last)) {
    thread_ = std::thread([this] { run(); });
}

PeriodicThread::~PeriodicThread() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stop_ = true;
    }
    stop_requested_.notify_all();
    thread_.join();
}

bool PeriodicThread::stopping() {
    std::lock_guard<std::mutex> lock(mutex_);
    return stop_;
}

void PeriodicThread::run() {
    db::ensureThreadInit();
    for (bool first = true;; first = false) {
        round_(first);
        std::unique_lock<std::mutex> lock(mutex_);
        if (stop_requested_.wait_for(lock, interval_, [this] { return stop_; })) {
            lock.unlock();
            if (last_) last_();
            return;
        }
    }
}

}  // namespace zc::server
