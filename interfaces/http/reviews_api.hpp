#pragma once
// The review queue over HTTP (contract manager; auditors read): JSON of
// billing/app/review_queue.hpp and review_decisions.hpp, the decisions wired to invoicing (what
// an acceptance awards) and to the message layer (the WMO325 of a declaration answered).
#include "api_request.hpp"

namespace zc::http {

// GET /reviews?status=: by due date, each with its allocation's cap use.
ApiResponse listReviews(RequestContext& ctx, const ApiRequest& req);
// GET /reviews/{id}.
ApiResponse getReview(RequestContext& ctx, const ApiRequest& req);
// POST /reviews/{id}/decision {decision: accept|reject, reason}.
ApiResponse decideReview(RequestContext& ctx, const ApiRequest& req);
// POST /reviews/answer-overdue: {answered: N}.
ApiResponse answerOverdueApi(RequestContext& ctx, const ApiRequest& req);

}  // namespace zc::http
