#pragma once
// What a provider can follow (issue 5): its statement over a period — claims, accepted amounts,
// offsets, payments, returns and the open balance — and the trace of one prestatie from its
// declaration through the answer to the payment and the bank entry that paid it. A provider
// sees only its own (404 for another's).
#include "context.hpp"

namespace zc::app {

// GET /providers/{id}/statement?from=YYYY-MM-DD&to=YYYY-MM-DD[&format=csv] (to exclusive;
// default: this calendar year).
ApiResponse providerStatement(RequestContext& ctx, const ApiRequest& req);
// GET /claim-lines/{id}/trace
ApiResponse traceClaimLine(RequestContext& ctx, const ApiRequest& req);

}  // namespace zc::app
