#pragma once
// Budgets and monitoring (issue 4): yearly budgets per municipality (optionally per district or
// team), product category and financing kind; their exhaustion report with the year-end
// forecast; the controllers' monthly overview; providers' spending ceilings; and reallocations
// between budgets (proposed by a budget holder, decided by finance, never by the same person).
//
// The arithmetic lives in invoicing/domain (exhaustion, spending_ceiling, reallocation); these
// use cases gather its inputs from the database. Until payment runs exist nothing is "paid":
// every paid figure is 0 and every accepted claim counts as accepted-unpaid.
#include <optional>

#include "context.hpp"
#include "contracting/kernel/money.hpp"
#include "contracting/kernel/rounding.hpp"
#include "invoicing/domain/exhaustion.hpp"

namespace zc::app {

// The figures of one budget on one report date (the state at the end of that day).
struct BudgetFigures {
    Money amount;
    Money paid;             // 0 until payment runs exist
    Money accepted_unpaid;  // net accepted claims of the budget year received by the report date
    Money committed;        // what the allocations in scope may still cost until the year end
    std::vector<Money> monthly_realised;  // 12 entries, January first (by service month)
    std::int64_t allocations_counted = 0;
    std::int64_t allocations_without_tariff = 0;  // no contract tariff on the date: not committed
    invoicing::ExhaustionReport report;
};

// Computes the figures of budget `budget_id` on `report_date`. NOT_FOUND when there is no such
// budget. Reads only; inside a transaction the tariff versions read are locked.
BudgetFigures budgetFigures(RequestContext& ctx, std::int64_t budget_id, Date report_date,
                            Percentage signal_threshold);

// POST /budgets (finance, admin) and GET /budgets?year=&municipality= .
ApiResponse createBudget(RequestContext& ctx, const ApiRequest& req);
ApiResponse listBudgets(RequestContext& ctx, const ApiRequest& req);
// GET /budgets/{id}/exhaustion?date=&threshold= .
ApiResponse budgetExhaustion(RequestContext& ctx, const ApiRequest& req);
// GET /budgets/overview?year=&municipality=&month=&threshold=&format=csv .
ApiResponse budgetOverview(RequestContext& ctx, const ApiRequest& req);
// GET /providers/{id}/spending-ceiling?year= (a provider only its own).
ApiResponse providerSpendingCeiling(RequestContext& ctx, const ApiRequest& req);
// POST /budget-reallocations (budget holder), POST /budget-reallocations/{id}/decision
// (finance), GET /budget-reallocations?status=&year= .
ApiResponse requestReallocation(RequestContext& ctx, const ApiRequest& req);
ApiResponse decideReallocation(RequestContext& ctx, const ApiRequest& req);
ApiResponse listReallocations(RequestContext& ctx, const ApiRequest& req);

}  // namespace zc::app
