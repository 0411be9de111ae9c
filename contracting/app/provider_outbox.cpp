#include "provider_outbox.hpp"

#include "contracting/kernel/errors.hpp"
#include "contracting/store/outbox_store.hpp"
#include "interfaces/mysql/connection.hpp"
#include "interfaces/security/audit_trail.hpp"

namespace zc::contracting {
namespace {

OutboxEntry entryOf(const OutboxRow& r) {
    return {r.id,         r.message_code, r.identificatie,   r.created_at,
            r.retour_due, r.fetched_at,   r.acknowledged_at, r.retour_codes};
}

[[noreturn]] void unknownMessage(std::int64_t id) {
    throw ValidationError("NOT_FOUND", "Outbox message " + std::to_string(id) + " does not exist.",
                          "id");
}

}  // namespace

std::int64_t outboxOwner(const app::RequestContext& ctx) {
    if (ctx.actor.role != app::Role::Provider) {
        throw ValidationError("FORBIDDEN", "Only a provider has an outbox.", "");
    }
    return ctx.actor.provider_id;
}

std::vector<OutboxEntry> listOutbox(app::RequestContext& ctx, bool all) {
    std::vector<OutboxEntry> out;
    for (const auto& r : providerOutbox(ctx.db, outboxOwner(ctx), all)) out.push_back(entryOf(r));
    return out;
}

std::string fetchOutboxMessage(app::RequestContext& ctx, std::int64_t id) {
    const auto xml = outboxXml(ctx.db, id, outboxOwner(ctx));
    if (!xml) unknownMessage(id);
    markFetched(ctx.db, id, app::timestamp(ctx.clock));
    return *xml;
}

OutboxEntry acknowledgeOutboxMessage(app::RequestContext& ctx, std::int64_t id) {
    const auto provider_id = outboxOwner(ctx);
    db::Transaction tx(ctx.db);
    const auto r = lockOutboxMessage(ctx.db, id, provider_id);
    if (!r) unknownMessage(id);
    markAcknowledged(ctx.db, id, app::timestamp(ctx.clock));
    security::appendAudit(
        ctx, {"message.acknowledge", "message", r->message_code + "/" + r->identificatie, "ok",
              std::nullopt, std::nullopt});
    tx.commit();
    return entryOf(outboxMessage(ctx.db, id));
}

}  // namespace zc::contracting
