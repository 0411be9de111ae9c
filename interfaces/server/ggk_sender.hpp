#pragma once
// While the service runs and the chain is configured (ggk.url), a thread of its own delivers
// the chain's durable outbox to the GGk (interfaces/iwmo/chain/ggk_delivery.hpp) every
// ggk.poll_ms, on a connection of its own. At its start it ends the leases a killed run left.
#include <condition_variable>
#include <mutex>
#include <thread>

#include "contracting/kernel/civil_date.hpp"
#include "contracting/kernel/request_context.hpp"
#include "interfaces/mysql/connection.hpp"

namespace zc::server {

class GgkSender {
  public:
    GgkSender(db::DbConfig db, const app::AppConfig& config, int poll_ms, const Clock& clock);
    // Ends the thread after the attempt in progress.
    ~GgkSender();
    GgkSender(const GgkSender&) = delete;
    GgkSender& operator=(const GgkSender&) = delete;

  private:
    void run();
    void round(bool first);

    db::DbConfig db_;
    const app::AppConfig& config_;
    int poll_ms_;
    const Clock& clock_;
    std::mutex mutex_;
    std::condition_variable stop_requested_;
    bool stop_ = false;
    std::thread thread_;
};

}  // namespace zc::server
