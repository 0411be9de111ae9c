#pragma once
// The lists of reconciliation over HTTP (issue 15): imported statements and resolved work-list
// items (invoicing/app/bank_statement_lists.hpp), paged with ?limit= and ?offset=.
#include "api_request.hpp"

namespace zc::http {

// GET /bank-statements: newest import first, with per statement its entries booked, returned,
// unmatched (still on the work list) and resolved, and its chain status.
ApiResponse listBankStatements(RequestContext& ctx, const ApiRequest& req);
// GET /reconciliation/resolved: the resolved entries and statement chains, most recently
// resolved first, with who resolved them, when and why.
ApiResponse listResolvedWorkItems(RequestContext& ctx, const ApiRequest& req);

}  // namespace zc::http
