#pragma once
// While the service runs, a thread of its own writes a checkpoint of the audit chain's head
// every audit.checkpoint_seconds (when it moved) to audit.checkpoint_file and to the log
// (security/audit_checkpoint.hpp); one more when the service stops.
#include "contracting/kernel/civil_date.hpp"
#include "contracting/kernel/request_context.hpp"
#include "interfaces/mysql/connection.hpp"
#include "periodic_thread.hpp"

namespace zc::server {

class AuditCheckpointer {
  public:
    AuditCheckpointer(db::DbConfig db, const app::AppConfig& config, int interval_seconds,
                      const Clock& clock);

  private:
    void checkpoint();

    db::DbConfig db_;
    const app::AppConfig& config_;
    const Clock& clock_;
    PeriodicThread thread_;  // last: started once the members above exist
};

}  // namespace zc::server
