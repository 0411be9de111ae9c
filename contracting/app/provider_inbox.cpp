#include "provider_inbox.hpp"

#include "contracting/kernel/errors.hpp"
#include "contracting/store/provider_inbox_store.hpp"
#include "interfaces/mysql/connection.hpp"
#include "interfaces/security/audit_trail.hpp"
#include "interfaces/security/message_protection.hpp"

namespace zc::contracting {

InboxPage listInbox(app::RequestContext& ctx, const InboxFilter& filter) {
    const InboxQuery q{outboxOwner(ctx), filter.message_code, filter.identificatie, filter.limit,
                       filter.offset};
    InboxPage page;
    db::Transaction tx(ctx.db);  // the page and its count from one snapshot
    for (const auto& r : inboxPage(ctx.db, q)) {
        page.messages.push_back({r.id, r.message_code, r.identificatie, r.municipality_code,
                                 r.created_at, r.retour_due, r.fetched_at, r.acknowledged_at,
                                 r.retour_codes});
    }
    page.total = inboxCount(ctx.db, q);
    tx.commit();
    return page;
}

std::string readInboxMessage(app::RequestContext& ctx, std::int64_t id) {
    const auto provider_id = outboxOwner(ctx);
    db::Transaction tx(ctx.db);
    const auto row = lockOutboxMessage(ctx.db, id, provider_id);
    const auto xml = row ? outboxXml(ctx.db, id, provider_id) : std::nullopt;
    if (!xml) {
        throw ValidationError("NOT_FOUND", "Message " + std::to_string(id) + " does not exist.",
                              "id");
    }
    security::appendAudit(
        ctx,
        {"message.read", "message", row->message_code + "/" + row->identificatie, "ok",
         std::nullopt, security::AuditRecord().set("outbox_id", id).set("via", "inbox").json()});
    tx.commit();
    return security::openMessageBody(ctx.config, *xml);
}

}  // namespace zc::contracting
