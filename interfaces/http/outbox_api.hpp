#pragma once
// The providers' outbox over HTTP (mutual TLS): the use cases of
// contracting/app/provider_outbox.hpp; the list and the acknowledgement in JSON, a message as
// its XML.
#include "api_request.hpp"

namespace zc::http {

// GET /outbox (?all=true includes acknowledged messages)
ApiResponse listOutbox(RequestContext& ctx, const ApiRequest& req);
// GET /outbox/{id}: application/xml
ApiResponse getOutboxMessage(RequestContext& ctx, const ApiRequest& req);
// POST /outbox/{id}/ack
ApiResponse acknowledgeOutbox(RequestContext& ctx, const ApiRequest& req);

}  // namespace zc::http
