#include "provider_outbox.hpp"

#include "contracting/app/provider_queries.hpp"
#include "contracting/domain/wmo301_content.hpp"
#include "contracting/kernel/errors.hpp"
#include "contracting/kernel/working_days.hpp"
#include "contracting/store/message_safety_store.hpp"
#include "contracting/store/outbox_store.hpp"
#include "interfaces/mysql/connection.hpp"
#include "interfaces/security/audit_trail.hpp"
#include "interfaces/security/message_protection.hpp"

namespace zc::contracting {
namespace {

OutboxEntry entryOf(const OutboxRow& r) {
    return {r.id,         r.message_code, r.identificatie,   r.municipality_code, r.created_at,
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

app::ListPage<OutboxEntry> listOutbox(app::RequestContext& ctx, bool all, std::int64_t limit,
                                      std::int64_t offset) {
    const auto rows = providerOutbox(ctx.db, outboxOwner(ctx), all, limit, offset);
    app::ListPage<OutboxEntry> out;
    out.total = rows.total;
    for (const auto& r : rows.items) out.items.push_back(entryOf(r));
    return out;
}

namespace {

// The provider's message as XML, audited ("message.read": every iWmo message names the client,
// BSN, name, birth date), in one transaction; a fetch by the provider's software is recorded,
// a read in the web application's inbox is not.
std::string readMessage(app::RequestContext& ctx, std::int64_t id, bool record_fetch) {
    const auto provider_id = outboxOwner(ctx);
    db::Transaction tx(ctx.db);
    const auto r = lockOutboxMessage(ctx.db, id, provider_id);
    const auto xml = r ? outboxXml(ctx.db, id, provider_id) : std::nullopt;
    if (!xml) unknownMessage(id);
    if (record_fetch) markFetched(ctx.db, id, app::timestamp(ctx.clock));
    auto details = security::AuditRecord().set("outbox_id", id);
    if (!record_fetch) details.set("via", "inbox");
    security::appendAudit(ctx, {"message.read", "message", r->message_code + "/" + r->identificatie,
                                "ok", std::nullopt, details.json()});
    tx.commit();
    return security::openMessageBody(ctx.config, *xml);
}

}  // namespace

std::string fetchOutboxMessage(app::RequestContext& ctx, std::int64_t id) {
    return readMessage(ctx, id, true);
}

std::string readInboxMessage(app::RequestContext& ctx, std::int64_t id) {
    return readMessage(ctx, id, false);
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

std::string nextIdentificatie(app::RequestContext& ctx) {
    return std::to_string(nextMessageNumber(ctx.db));
}

namespace {

std::int64_t insertQueued(app::RequestContext& ctx, OutgoingRow& row, std::int64_t provider_id,
                          const std::string& municipality, const std::string& code,
                          const std::string& identificatie, std::optional<std::int64_t> client_id,
                          std::optional<std::int64_t> request_id) {
    row.provider_id = provider_id;
    row.municipality_code = municipality;
    row.message_code = code;
    row.identificatie = identificatie;
    row.client_id = client_id;
    row.request_id = request_id;
    row.created_at = app::timestamp(ctx.clock);
    row.retour_due = formatDate(addWorkingDays(ctx.today(), 3));
    const std::int64_t id = insertOutgoing(ctx.db, row);
    security::appendAudit(ctx, {"message.queue", "message",
                                providerAgb(ctx.db, provider_id) + "/" + code + "/" + identificatie,
                                "ok", std::nullopt, std::nullopt});
    return id;
}

}  // namespace

std::int64_t queueOutgoingMessage(app::RequestContext& ctx, std::int64_t provider_id,
                                  const std::string& municipality, const std::string& code,
                                  const std::string& identificatie, const std::string& xml,
                                  std::optional<std::int64_t> client_id,
                                  std::optional<std::int64_t> request_id) {
    OutgoingRow row;
    // Stored encrypted (BSNs, names, addresses); opened only when the provider fetches it.
    const std::string sealed = security::sealMessageBody(ctx.config, xml);
    row.xml = &sealed;
    return insertQueued(ctx, row, provider_id, municipality, code, identificatie, client_id,
                        request_id);
}

std::int64_t queueOutgoingMessage(app::RequestContext& ctx, std::int64_t provider_id,
                                  const std::string& municipality, const std::string& code,
                                  const std::string& identificatie, std::istream& xml,
                                  std::optional<std::int64_t> client_id,
                                  std::optional<std::int64_t> request_id) {
    OutgoingRow row;
    const auto sealed = security::sealMessageBodyStream(ctx.config, xml);
    row.xml_stream = sealed.get();
    return insertQueued(ctx, row, provider_id, municipality, code, identificatie, client_id,
                        request_id);
}

std::optional<Wmo301Content> wmo301Content(app::RequestContext& ctx, std::int64_t client_id,
                                           std::int64_t provider_id,
                                           const std::string& municipality) {
    if (messagesWithheld(ctx.db, client_id)) {
        // OP003: nothing about this client goes out; released, the current state follows.
        security::appendAudit(ctx, {"message.withheld", "client", std::to_string(client_id), "ok",
                                    std::nullopt, std::nullopt});
        return std::nullopt;
    }
    const auto client = loadClient(ctx.db, ctx.config, client_id);
    ZC_ASSERT(client.has_value());
    Wmo301Content out{*client, municipality, {}};
    const auto sent = sentAllocationVersions(ctx.db, client_id, provider_id, municipality);
    const auto all = currentAllocations(ctx.db, client_id, provider_id);
    std::vector<PaidAllocationForMessage> paid;
    for (const AllocationView& v : all) {
        paid.push_back({v.paying_municipality,
                        {v.start_date, v.end_date, v.reason_change, sent.count(v.id) > 0}});
    }
    for (const auto& selection : wmo301Selections(paid, ctx.today())) {
        if (selection.municipality != municipality) continue;
        for (const auto i : selection.carried) out.allocations.push_back(all[i]);
    }
    if (out.allocations.empty()) return std::nullopt;
    return out;
}

void recordWmo301(app::RequestContext& ctx, std::int64_t outbox_id,
                  const std::vector<AllocationView>& carried) {
    for (const auto& v : carried) recordWmo301Version(ctx.db, outbox_id, v.id);
}

}  // namespace zc::contracting
