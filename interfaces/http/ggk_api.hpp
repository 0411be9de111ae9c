#pragma once
// The chain through the GGk in the JSON API (issue 16; the SOAP endpoint is ggk_endpoint.hpp):
// staff's track & trace of every envelope sent (GET /chain/envelopes, a failed one sent again), and
// the path a provider's messages take (GET/PUT /providers/{id}/exchange-path).
#include "api_request.hpp"

namespace zc::http {

ApiResponse listChainEnvelopes(RequestContext& ctx, const ApiRequest& req);
ApiResponse getChainEnvelope(RequestContext& ctx, const ApiRequest& req);
ApiResponse requeueChainEnvelope(RequestContext& ctx, const ApiRequest& req);
ApiResponse getExchangePath(RequestContext& ctx, const ApiRequest& req);
ApiResponse putExchangePath(RequestContext& ctx, const ApiRequest& req);

}  // namespace zc::http
