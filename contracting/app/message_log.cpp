#include "message_log.hpp"

namespace zc::contracting {

std::vector<MessageLogRow> messageLog(app::RequestContext& ctx, const MessageLogFilter& f) {
    return messageLogRows(ctx.db, f);
}

}  // namespace zc::contracting
