#pragma once
// A provider's statement and a claim line's trace over HTTP: the reads of
// invoicing/app/provider_statements.hpp as JSON (or CSV).
#include "api_request.hpp"

namespace zc::http {

// GET /providers/{id}/statement?from=YYYY-MM-DD&to=YYYY-MM-DD[&format=csv] (to exclusive;
// default: this calendar year).
ApiResponse providerStatement(RequestContext& ctx, const ApiRequest& req);
// GET /claim-lines/{id}/trace
ApiResponse traceClaimLine(RequestContext& ctx, const ApiRequest& req);

}  // namespace zc::http
