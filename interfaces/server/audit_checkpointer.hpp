#pragma once
// While the service runs, a thread of its own writes a checkpoint of the audit chain's head
// every audit.checkpoint_seconds (when it moved) to audit.checkpoint_file and to the log
// (security/audit_checkpoint.hpp); one more when the service stops.
#include <condition_variable>
#include <mutex>
#include <thread>

#include "contracting/kernel/civil_date.hpp"
#include "contracting/kernel/request_context.hpp"
#include "interfaces/mysql/connection.hpp"

namespace zc::server {

class AuditCheckpointer {
  public:
    AuditCheckpointer(db::DbConfig db, const app::AppConfig& config, int interval_seconds,
                      const Clock& clock);
    // Writes the last checkpoint and ends the thread.
    ~AuditCheckpointer();
    AuditCheckpointer(const AuditCheckpointer&) = delete;
    AuditCheckpointer& operator=(const AuditCheckpointer&) = delete;

  private:
    void run();
    void checkpoint();

    db::DbConfig db_;
    const app::AppConfig& config_;
    int interval_seconds_;
    const Clock& clock_;
    std::mutex mutex_;
    std::condition_variable stop_requested_;
    bool stop_ = false;
    std::thread thread_;
};

}  // namespace zc::server
