#include "audit_checkpointer.hpp"

#include <chrono>
#include <exception>
#include <iostream>

#include "interfaces/mysql/connection_pool.hpp"
#include "interfaces/security/audit_checkpoint.hpp"

namespace zc::server {

AuditCheckpointer::AuditCheckpointer(db::DbConfig db, const app::AppConfig& config,
                                     int interval_seconds, const Clock& clock)
    : db_(std::move(db)), config_(config), interval_seconds_(interval_seconds), clock_(clock) {
    thread_ = std::thread([this] { run(); });
}

AuditCheckpointer::~AuditCheckpointer() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stop_ = true;
    }
    stop_requested_.notify_all();
    thread_.join();
}

void AuditCheckpointer::run() {
    db::ensureThreadInit();
    for (;;) {
        checkpoint();
        std::unique_lock<std::mutex> lock(mutex_);
        if (stop_requested_.wait_for(lock, std::chrono::seconds(interval_seconds_),
                                     [this] { return stop_; })) {
            lock.unlock();
            checkpoint();
            return;
        }
    }
}

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
