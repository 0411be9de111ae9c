#include "interfaces/mysql/background_job.hpp"

#include <utility>

#include "interfaces/mysql/connection_pool.hpp"

namespace zc::db {

BackgroundJob::BackgroundJob() : thread_([this] { run(); }) {}

BackgroundJob::~BackgroundJob() {
    {
        std::unique_lock lock(mutex_);
        changed_.wait(lock, [&] { return !running_; });
        quit_ = true;
        changed_.notify_all();
    }
    thread_.join();
}

void BackgroundJob::start(std::function<void()> job) {
    wait();
    std::lock_guard lock(mutex_);
    job_ = std::move(job);
    running_ = true;
    changed_.notify_all();
}

void BackgroundJob::wait() {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return !running_; });
    if (failure_) std::rethrow_exception(std::exchange(failure_, nullptr));
}

void BackgroundJob::run() {
    ensureThreadInit();
    std::unique_lock lock(mutex_);
    for (;;) {
        changed_.wait(lock, [&] { return quit_ || running_; });
        if (!running_) return;  // asked to quit, nothing left to do
        auto job = std::move(job_);
        lock.unlock();
        std::exception_ptr failure;
        try {
            job();
        } catch (...) {
            failure = std::current_exception();
        }
        lock.lock();
        failure_ = failure;
        running_ = false;
        changed_.notify_all();
    }
}

}  // namespace zc::db
