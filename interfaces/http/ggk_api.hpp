#pragma once
// The chain through the GGk over HTTP (issue 16): the SOAP endpoint of
// ggk0310_OntvangAsynchroon.wsdl where the GGk delivers (its certificate names its OIN), staff's
// track & trace of every envelope sent (GET /chain/envelopes, a failed one sent again), and the
// path a provider's messages take (GET/PUT /providers/{id}/exchange-path).
#include "api_request.hpp"

namespace zc::http {

// POST /ggk0310/OntvangAsynchroon (SOAP 1.1; Bv03 or a SOAP Fault with a Fo03).
ApiResponse receiveGgkEnvelope(RequestContext& ctx, const ApiRequest& req);
ApiResponse listChainEnvelopes(RequestContext& ctx, const ApiRequest& req);
ApiResponse getChainEnvelope(RequestContext& ctx, const ApiRequest& req);
ApiResponse requeueChainEnvelope(RequestContext& ctx, const ApiRequest& req);
ApiResponse getExchangePath(RequestContext& ctx, const ApiRequest& req);
ApiResponse putExchangePath(RequestContext& ctx, const ApiRequest& req);

}  // namespace zc::http
