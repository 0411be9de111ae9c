#include "audit_checkpointer.hpp"

#include <chrono>
#include <exception>
#include <iostream>

#include "interfaces/security/audit_checkpoint.hpp"

namespace zc::server {

AuditCheckpointer::AuditCheckpointer(db::DbConfig db, const app::AppConfig& config,
                                     int interval_seconds, const Clock& clock)
    : db_(std::move(db)),
      config_(config),
      clock_(clock),
      thread_(
          std::chrono::seconds(interval_seconds), [this](bool) { checkpoint(); },
          [this] { checkpoint(); }) {}

// A failed checkpoint (database away, disk full) is logged and tried again next interval: the
// chain itself is safe in the database meanwhile.
void AuditCheckpointer::checkpoint() {
    try {
        db::Connection conn(db_);
        const auto line = security::appendCheckpoint(conn, config_.audit_key,
                                                     config_.audit_checkpoint_file, clock_);
        if (line) std::cout << *line << std::endl;
    } catch (const std::exception& e) {
        std::cerr << "audit checkpoint not written: " << e.what() << std::endl;
    }
}

}  // namespace zc::server
