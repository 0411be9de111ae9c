#pragma once
// Shared by the budget use cases (budgets.cpp, budget_reallocations.cpp); not an API.
#include <optional>
#include <string>

#include "budgets.hpp"
#include "invoicing/domain/spending_ceiling.hpp"

namespace zc::app {

inline constexpr int kMinBudgetYear = 2000;
inline constexpr int kMaxBudgetYear = 2999;

// One row of `budgets` with the names of its district and team ("" when none).
struct BudgetRow {
    std::int64_t id = 0;
    int year = 0;
    std::string municipality;
    std::optional<std::int64_t> district_id, team_id;  // a team's budget has its district too
    std::string category;                              // product category, "02"
    std::string financing;                             // ZIN, budget, PGB
    Money amount;
    std::string name;
    std::optional<std::int64_t> holder;  // budget holder's user id
    std::string district_name, team_name;
};

// The budget, locked when `for_update` (inside a transaction).
std::optional<BudgetRow> loadBudget(db::Connection& db, std::int64_t id, bool for_update);
// The figures of a loaded budget on `report_date`.
BudgetFigures figuresOf(RequestContext& ctx, const BudgetRow& b, Date report_date,
                        Percentage signal_threshold);
// ?threshold= (percent, 0..100) or the configured default. INVALID_PERCENTAGE otherwise.
Percentage signalThreshold(const RequestContext& ctx, const ApiRequest& req);
// "within", "warning", "exceeded".
std::string ceilingStatusName(invoicing::CeilingStatus s);

}  // namespace zc::app
