#include "ggk_sender.hpp"

#include <chrono>
#include <exception>
#include <iostream>
#include <memory>

#include "contracting/app/chain_exchange.hpp"
#include "interfaces/iwmo/chain/ggk_delivery.hpp"
#include "interfaces/mysql/connection_pool.hpp"

namespace zc::server {

GgkSender::GgkSender(db::DbConfig db, const app::AppConfig& config, int poll_ms, const Clock& clock)
    : db_(std::move(db)), config_(config), poll_ms_(poll_ms), clock_(clock) {
    thread_ = std::thread([this] { run(); });
}

GgkSender::~GgkSender() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stop_ = true;
    }
    stop_requested_.notify_all();
    thread_.join();
}

void GgkSender::run() {
    db::ensureThreadInit();
    bool first = true;
    for (;;) {
        round(first);
        first = false;
        std::unique_lock<std::mutex> lock(mutex_);
        if (stop_requested_.wait_for(lock, std::chrono::milliseconds(poll_ms_),
                                     [this] { return stop_; })) {
            return;
        }
    }
}

// A round that fails (database away) is logged and tried again at the next poll: the outbox is
// safe in the database meanwhile.
void GgkSender::round(bool first) {
    try {
        db::Connection conn(db_);
        app::RequestContext ctx{conn, {}, "ggk-sender", clock_, config_};
        ctx.actor.name = "system:ggk-sender";
        if (first) contracting::releaseLeases(ctx);
        while (iwmo::deliverDue(ctx) > 0) {
            std::lock_guard<std::mutex> lock(mutex_);
            if (stop_) return;
        }
    } catch (const std::exception& e) {
        std::cerr << "GGk outbox round failed: " << e.what() << std::endl;
    }
}

}  // namespace zc::server
