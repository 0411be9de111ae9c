#pragma once
// iWmo OP003 — berichtenverkeer achterwege laten: when an access officer judges that sending a
// client's data puts the client at serious risk (e.g. a stay in a shelter), no standard message
// about the client is queued (no WMO301); the provider learns of the allocations outside the
// message traffic (the provider API lists them as always). Releasing the client queues a WMO301
// with the current allocations for every provider that has one.
#include <cstdint>

#include "context.hpp"

namespace zc::app {

// Whether messages about the client are withheld now.
bool messagesWithheld(db::Connection& db, std::int64_t client_id);

// POST /clients/{id}/message-safety: {withhold: true, reason} or {withhold: false}. Audited
// (client.messages_withheld / client.messages_released) with the state before and after.
ApiResponse setMessageSafety(RequestContext& ctx, const ApiRequest& req);

}  // namespace zc::app
