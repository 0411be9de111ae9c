#pragma once
// The work queue of requests for (changes of) allocations (WMO315/317) over HTTP: JSON in, the
// use cases of contracting/app/allocation_requests.hpp, JSON out. A grant's allocations queue
// their WMO301s and a rejection or "in onderzoek" its WMO319 (interfaces/iwmo/exchange).
#include "api_request.hpp"

namespace zc::http {

// GET /requests?status=: the staff work queue, by answer due date.
ApiResponse listRequests(RequestContext& ctx, const ApiRequest& req);
// GET /requests/{id}.
ApiResponse getRequest(RequestContext& ctx, const ApiRequest& req);
// POST /requests/{id}/grant: {allocations?: [...], changes?: [...], reason?} (at least one item).
ApiResponse grantRequest(RequestContext& ctx, const ApiRequest& req);
// POST /requests/{id}/reject: {reason_code: "1".."9", reason}.
ApiResponse rejectRequest(RequestContext& ctx, const ApiRequest& req);
// POST /requests/{id}/investigate: "in onderzoek", once.
ApiResponse investigateRequest(RequestContext& ctx, const ApiRequest& req);
// GET /deadlines/overdue: {requests, missing_retours}.
ApiResponse listOverdue(RequestContext& ctx, const ApiRequest& req);

}  // namespace zc::http
