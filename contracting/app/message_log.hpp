#pragma once
// The message log as a use case (staff read; no audit row, no transaction of its own).
#include <vector>

#include "contracting/kernel/list_query.hpp"
#include "contracting/kernel/request_context.hpp"
#include "contracting/store/message_log_store.hpp"

namespace zc::contracting {

// GET /message-log: the messages matching the filter, newest first.
app::ListPage<MessageLogRow> messageLog(app::RequestContext& ctx, const MessageLogFilter& f);

}  // namespace zc::contracting
