#pragma once
// Runs database work on a thread of its own, one job at a time, so that the caller can go on
// with work that does not need the connection meanwhile (a declaration's batch of claim lines is
// written while the next batch is adjudicated). The connection a job uses must not be touched by
// anyone else until wait() has returned: the caller owns that discipline.
#include <condition_variable>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>

namespace zc::db {

class BackgroundJob {
  public:
    BackgroundJob();
    // Waits for a running job (its failure is dropped) and ends the thread.
    ~BackgroundJob();
    BackgroundJob(const BackgroundJob&) = delete;
    BackgroundJob& operator=(const BackgroundJob&) = delete;

    // Waits for the previous job (rethrowing its exception), then starts `job`.
    void start(std::function<void()> job);
    // Blocks until no job runs; rethrows the exception of the job that just ended, if any.
    void wait();

  private:
    void run();

    std::mutex mutex_;
    std::condition_variable changed_;
    std::function<void()> job_;
    bool running_ = false;
    bool quit_ = false;
    std::exception_ptr failure_;
    std::thread thread_;
};

}  // namespace zc::db
