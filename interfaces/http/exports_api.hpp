#pragma once
// CSV exports for Dutch Excel (issue 15): each list of the web application as a file, with the
// list's roles, scope and filters and all its rows (no paging; at most kMaxExportRows, else
// EXPORT_TOO_LARGE). Each export is audited ("export.csv"). The file is excel_csv.hpp's:
// UTF-8 with BOM, `;`, CRLF, Dutch headers, euros with a decimal comma, dd-mm-jjjj dates.
#include "api_request.hpp"

namespace zc::http {

// GET /exports/reviews.csv?status= (the review queue, GET /reviews).
ApiResponse exportReviews(RequestContext& ctx, const ApiRequest& req);
// GET /exports/declarations.csv?number=&agb= (GET /declarations; a provider: its own).
ApiResponse exportDeclarations(RequestContext& ctx, const ApiRequest& req);
// GET /exports/declarations/{id}/lines.csv (the lines of GET /declarations/{id}).
ApiResponse exportDeclarationLines(RequestContext& ctx, const ApiRequest& req);
// GET /exports/payment-runs.csv?municipality= (GET /payment-runs).
ApiResponse exportPaymentRuns(RequestContext& ctx, const ApiRequest& req);
// GET /exports/payment-runs/{id}/items.csv: the payables a run considered, each with the
// transfer that pays it (GET /payment-runs/{id}: items and transfers).
ApiResponse exportRunItems(RequestContext& ctx, const ApiRequest& req);
// GET /exports/work-list.csv (GET /reconciliation/work-list).
ApiResponse exportWorkList(RequestContext& ctx, const ApiRequest& req);
// GET /exports/audit.csv?actor=&object_type=&object_id=&action=&from=&to= (GET /audit).
ApiResponse exportAudit(RequestContext& ctx, const ApiRequest& req);
// GET /exports/budgets.csv?year=&municipality=&month=&threshold=&district=&team= (GET
// /budgets/overview, whose ?format=csv answers the same file): every budget of the year with its
// exhaustion figures, or those of the dashboard's district or team.
ApiResponse exportBudgets(RequestContext& ctx, const ApiRequest& req);

}  // namespace zc::http
