#pragma once
// iWmo OP003 (withholding a client's messages) over HTTP: JSON in, the use case of
// contracting/app/message_safety.hpp, JSON out.
#include "api_request.hpp"
#include "contracting/app/allocation_changes.hpp"

namespace zc::http {

// POST /clients/{id}/message-safety: {withhold: true, reason} or {withhold: false} →
// {client_id, messages_withheld}. A release announces the client's allocations to `changes`
// (the route passes the WMO301 outbox: http::queueingWmo301<setMessageSafety>).
ApiResponse setMessageSafety(RequestContext& ctx, const ApiRequest& req,
                             contracting::AllocationChanges& changes);

}  // namespace zc::http
