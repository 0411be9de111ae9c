#include "message_log.hpp"

#include "contracting/kernel/staff_scope.hpp"

namespace zc::contracting {

app::ListPage<MessageLogRow> messageLog(app::RequestContext& ctx, const MessageLogFilter& f) {
    // A staff user sees the messages of the municipalities they work for.
    MessageLogFilter scoped = f;
    scoped.municipalities = app::ownMunicipalities(ctx.actor);
    return messageLogRows(ctx.db, scoped);
}

}  // namespace zc::contracting
