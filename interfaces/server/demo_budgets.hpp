#pragma once
// The demo's budgets of the current year: per municipality, product category and financing, one
// per social team where a team keeps its own, each held by the municipality's budget holder.
#include "demo_context.hpp"

namespace zc::server::demo {

// Needs the teams (loadDistrictsAndTeams) and the budget holders (loadStaff).
void loadBudgets(Demo& d, int current_year);

}  // namespace zc::server::demo
