#pragma once
// The review queue's decisions over HTTP (contract manager): JSON of
// billing/app/review_decisions.hpp, wired to invoicing (what an acceptance awards) and to the
// message layer (the WMO325 of a declaration answered). Listing and reading reviews are still in
// interfaces/app/claims_api.cpp.
#include "api_request.hpp"

namespace zc::http {

// POST /reviews/{id}/decision {decision: accept|reject, reason}.
ApiResponse decideReview(RequestContext& ctx, const ApiRequest& req);
// POST /reviews/answer-overdue: {answered: N}.
ApiResponse answerOverdueApi(RequestContext& ctx, const ApiRequest& req);

}  // namespace zc::http
