#include "provider_inbox.hpp"

#include "contracting/store/provider_inbox_store.hpp"
#include "interfaces/mysql/connection.hpp"

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

}  // namespace zc::contracting
