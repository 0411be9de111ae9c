#include "ggk_sender.hpp"

#include <chrono>
#include <exception>
#include <iostream>

#include "contracting/app/chain_exchange.hpp"
#include "interfaces/iwmo/chain/ggk_delivery.hpp"

namespace zc::server {

GgkSender::GgkSender(db::DbConfig db, const app::AppConfig& config, int poll_ms, const Clock& clock)
    : db_(std::move(db)),
      config_(config),
      clock_(clock),
      thread_(std::chrono::milliseconds(poll_ms), [this](bool first) { round(first); }) {}

// A round that fails (database away) is logged and tried again at the next poll: the outbox is
// safe in the database meanwhile. A round goes on while envelopes are due.
void GgkSender::round(bool first) {
    try {
        db::Connection conn(db_);
        app::RequestContext ctx{conn, {}, "ggk-sender", clock_, config_};
        ctx.actor.name = "system:ggk-sender";
        if (first) contracting::releaseLeases(ctx);
        while (iwmo::deliverDue(ctx) > 0 && !thread_.stopping()) {
        }
    } catch (const std::exception& e) {
        std::cerr << "GGk outbox round failed: " << e.what() << std::endl;
    }
}

}  // namespace zc::server
