#include "message_safety.hpp"

#include "clients.hpp"
#include "contracting/kernel/errors.hpp"
#include "interfaces/mysql/connection.hpp"
#include "interfaces/security/audit_trail.hpp"

namespace zc::contracting {
namespace {

std::string stateJson(bool withheld) {
    return security::AuditRecord().set("messages_withheld", withheld).json();
}

}  // namespace

MessageSafetyOutcome changeMessageSafety(MessageSafetyStore& store, const MessageSafetyChange& c,
                                         const std::string& now) {
    if (c.withhold && (!c.reason || c.reason->empty())) {
        throw ValidationError("MISSING_FIELD",
                              "Give the professional's reason for withholding the messages "
                              "(iWmo OP003).",
                              "reason");
    }
    const auto before = store.lockWithheld(c.client_id);
    if (!before) {
        throw ValidationError("NOT_FOUND",
                              "client " + std::to_string(c.client_id) + " does not exist.");
    }
    MessageSafetyOutcome out{*before, {}};
    if (c.withhold) {
        store.withhold(c.client_id, now, *c.reason);
    } else {
        store.release(c.client_id);
    }
    if (out.before && !c.withhold) {
        out.providers_to_inform = store.providersWithAllocations(c.client_id);
    }
    return out;
}

void setMessageSafety(app::RequestContext& ctx, const MessageSafetyChange& c,
                      AllocationChanges& changes) {
    db::Transaction tx(ctx.db);
    if (ctx.actor.scoped()) requireClientInScope(ctx, c.client_id, false);
    MariaDbMessageSafety store(ctx.db);
    const auto outcome = changeMessageSafety(store, c, app::timestamp(ctx.clock));
    security::appendAudit(
        ctx, {c.withhold ? "client.messages_withheld" : "client.messages_released", "client",
              std::to_string(c.client_id), "ok", stateJson(outcome.before), stateJson(c.withhold)});
    // The providers get what was withheld: their current allocations (a WMO301 per provider
    // and paying municipality).
    for (const auto& p : outcome.providers_to_inform) {
        changes.allocationsChanged(c.client_id, p.provider_id, p.paying_municipality);
    }
    tx.commit();
}

}  // namespace zc::contracting
