#pragma once
// Budgets, their figures, spending ceilings and reallocations over HTTP: JSON in, the use cases
// of invoicing/app/budgets.hpp and budget_reallocations.hpp, JSON (or CSV) out.
#include "api_request.hpp"

namespace zc::http {

// POST /budgets (finance, admin) and GET /budgets?year=&municipality= .
ApiResponse createBudget(RequestContext& ctx, const ApiRequest& req);
ApiResponse listBudgets(RequestContext& ctx, const ApiRequest& req);
// GET /budgets/{id}/exhaustion?date=&threshold= .
ApiResponse budgetExhaustion(RequestContext& ctx, const ApiRequest& req);
// POST /budgets/{id}/amount {amount_cents, reason?}: set or correct the amount (finance,
// invoicing/app/budget_amounts.hpp); GET /budgets/{id}/amount-changes: its history.
ApiResponse setBudgetAmount(RequestContext& ctx, const ApiRequest& req);
ApiResponse listBudgetAmountChanges(RequestContext& ctx, const ApiRequest& req);
// GET /budgets/overview?year=&municipality=&district=&team=&month=&threshold=&limit=&offset=
// (&format=csv: the export): one page of the budgets with their figures and their total.
ApiResponse budgetOverview(RequestContext& ctx, const ApiRequest& req);
// GET /providers/{id}/spending-ceiling?year= (a provider only its own).
ApiResponse providerSpendingCeiling(RequestContext& ctx, const ApiRequest& req);
// POST /budget-reallocations (budget holder), POST /budget-reallocations/{id}/decision
// (finance), GET /budget-reallocations?status=&year= .
ApiResponse requestReallocation(RequestContext& ctx, const ApiRequest& req);
ApiResponse decideReallocation(RequestContext& ctx, const ApiRequest& req);
ApiResponse listReallocations(RequestContext& ctx, const ApiRequest& req);

}  // namespace zc::http
