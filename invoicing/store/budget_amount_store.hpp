#pragma once
// The SQL of a budget's amount changes (budget_amount_changes, migration 0039): each change is a
// row of its own; budgets.amount_cents holds the result. In the caller's transaction.
#include <cstdint>
#include <string>
#include <vector>

#include "contracting/kernel/list_query.hpp"
#include "contracting/kernel/money.hpp"
#include "interfaces/mysql/connection.hpp"

namespace zc::invoicing {

struct BudgetAmountChangeRow {
    std::int64_t id = 0, budget_id = 0;
    Money before, after;
    std::string reason, changed_by, changed_at;  // changed_at: DATETIME(6) text
};

// Sets the budget's amount and records the change; returns the change's id.
std::int64_t recordBudgetAmount(db::Connection& db, const BudgetAmountChangeRow& change);
// A page of the budget's changes, newest first, and how many it has.
app::ListPage<BudgetAmountChangeRow> budgetAmountChanges(db::Connection& db, std::int64_t budget_id,
                                                         std::int64_t limit, std::int64_t offset);

}  // namespace zc::invoicing
