#pragma once
// A thread of the service that does one round of work, then waits `interval` (or until it is
// stopped) and does the next: the audit checkpoints and the GGk chain's sender. A round's
// failure is the round's own business (it logs and is tried again at the next one).
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace zc::server {

class PeriodicThread {
  public:
    // `round(first)` runs at once and then every `interval`; `last` (optional) once when the
    // thread is stopped. `round` may ask stopping() to end a long round early.
    PeriodicThread(std::chrono::milliseconds interval, std::function<void(bool first)> round,
                   std::function<void()> last = {});
    // Ends the thread after the round in progress (and `last`).
    ~PeriodicThread();
    PeriodicThread(const PeriodicThread&) = delete;
    PeriodicThread& operator=(const PeriodicThread&) = delete;

    bool stopping();

  private:
    void run();

    std::chrono::milliseconds interval_;
    std::function<void(bool)> round_;
    std::function<void()> last_;
    std::mutex mutex_;
    std::condition_variable stop_requested_;
    bool stop_ = false;
    std::thread thread_;
};

}  // namespace zc::server
