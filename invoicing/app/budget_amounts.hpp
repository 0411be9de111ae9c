#pragma once
// Setting or correcting a budget's amount (issue 15): a claim on a budget line that had no
// budget creates an "Unbudgeted …" budget of 0 (invoicing/store/ledger_store.cpp, budgetFor);
// finance sets its amount, and corrects any budget's amount, with a reason. The rule: the new
// amount may not be below what the budget year has already realised on the day of the change —
// paid + accepted-unpaid (care delivered, accepted and owed; it cannot be un-budgeted). It may be
// below the exhaustion (realised + committed): the commitments of allocations are an estimate,
// and a budget below them shows as overspending (signal) in the exhaustion report, which is what
// finance wants to see. The answer says so (`below_exhaustion`).
#include <cstdint>
#include <string>
#include <vector>

#include "contracting/kernel/list_query.hpp"
#include "contracting/kernel/request_context.hpp"
#include "invoicing/app/budgets.hpp"
#include "invoicing/store/budget_amount_store.hpp"

namespace zc::invoicing {

struct BudgetAmountChange {
    std::int64_t budget_id = 0;
    Money amount;        // the new amount, ≥ 0 (INVALID_AMOUNT)
    std::string reason;  // required (REASON_REQUIRED) unless the budget's amount is 0 now
};

struct BudgetAmountResult {
    BudgetRow budget;  // after the change
    BudgetAmountChangeRow change;
    Money realised;    // paid + accepted-unpaid on the day
    Money exhaustion;  // realised + committed on the day
    bool below_exhaustion = false;
};

// In this order: INVALID_AMOUNT (negative), NOT_FOUND, OUT_OF_SCOPE (a municipality the user does
// not work for), REASON_REQUIRED, BUDGET_BELOW_REALISED. One transaction, audited
// "budget.amount" (before/after amount_cents, the reason).
BudgetAmountResult setBudgetAmount(app::RequestContext& ctx, const BudgetAmountChange& c);
// GET /budgets/{id}/amount-changes: a page of them newest first, and how many there are
// (NOT_FOUND, OUT_OF_SCOPE).
app::ListPage<BudgetAmountChangeRow> listBudgetAmountChanges(app::RequestContext& ctx,
                                                             std::int64_t budget_id,
                                                             std::int64_t limit,
                                                             std::int64_t offset);

}  // namespace zc::invoicing
