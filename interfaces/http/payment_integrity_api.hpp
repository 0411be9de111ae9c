#pragma once
// Integrity blocks and disputes over HTTP (finance): JSON in, the use cases of
// invoicing/app/payment_integrity.hpp, JSON out.
#include "api_request.hpp"

namespace zc::http {

// POST /providers/{id}/block {reason} and /providers/{id}/unblock {reason}: an integrity block
// (unknown beneficial owner, sanctions or fraud-register hit) keeps the provider out of runs.
ApiResponse blockProvider(RequestContext& ctx, const ApiRequest& req);
ApiResponse unblockProvider(RequestContext& ctx, const ApiRequest& req);
// POST /payables/{id}/dispute {reason} and /payables/{id}/undispute: a disputed payable is left
// out of runs.
ApiResponse disputePayable(RequestContext& ctx, const ApiRequest& req);
ApiResponse undisputePayable(RequestContext& ctx, const ApiRequest& req);

}  // namespace zc::http
