#pragma once
// The providers' outbox over HTTP (mutual TLS) and their users' inbox (web session): the use cases
// of contracting/app/provider_outbox.hpp; the list and the acknowledgement in JSON, a message as
// its XML.
#include "api_request.hpp"

namespace zc::http {

// GET /outbox (?all=true includes acknowledged messages)
ApiResponse listOutbox(RequestContext& ctx, const ApiRequest& req);
// GET /outbox/{id}: application/xml
ApiResponse getOutboxMessage(RequestContext& ctx, const ApiRequest& req);
// POST /outbox/{id}/ack
ApiResponse acknowledgeOutbox(RequestContext& ctx, const ApiRequest& req);

// The same messages as the provider's users see them in the web application (its inbox,
// berichtenbox; contracting/app/provider_inbox.hpp), without fetching or acknowledging them:
// GET /inbox?message=wmo301|wmo319|wmo325&q=&limit=&offset= (newest first, X-Total-Count)
ApiResponse listInbox(RequestContext& ctx, const ApiRequest& req);
// GET /inbox/{id}: application/xml, as a download
ApiResponse getInboxMessage(RequestContext& ctx, const ApiRequest& req);

}  // namespace zc::http
