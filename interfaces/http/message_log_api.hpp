#pragma once
// The message log over HTTP (staff): the read of contracting/store/message_log_store.hpp through
// contracting/app/message_log.hpp, as JSON.
#include "api_request.hpp"

namespace zc::http {

// GET /message-log?agb=&client_id=&limit=&offset=: incoming and outgoing messages, newest first.
ApiResponse messageLog(RequestContext& ctx, const ApiRequest& req);

}  // namespace zc::http
