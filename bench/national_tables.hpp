// The national data set's rows (bench/national_model.hpp) as LOAD DATA files: reference data,
// clients, decisions and allocations, budgets (national_reference.cpp), then declarations,
// claim lines, reviews, payables, ledger journals and payment runs (national_claims.cpp).
// Each returns the LOAD DATA statements of what it wrote, in an order that satisfies the
// foreign keys.
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "bench/national_model.hpp"

namespace zc::app {
struct AppConfig;
}

namespace zc::bench {

// The municipality-wide ZIN budget per "year/municipality/category": the budget a claim's
// cost is booked on (invoicing::budgetFor).
using BudgetIds = std::map<std::string, std::int64_t>;
std::string budgetKey(int year, const std::string& municipality, const std::string& category);

struct ReferenceCounts {
    std::int64_t clients = 0, allocations = 0, budgets = 0;
};

struct ClaimCounts {
    std::int64_t declarations = 0, lines = 0, accepted = 0, rejected = 0, review = 0, credits = 0;
    std::int64_t review_items = 0, open_reviews = 0, payables = 0, paid_payables = 0, runs = 0;
    std::int64_t instructions = 0, journals = 0;
};

std::string writeReference(const Layout& l, const app::AppConfig& config, const std::string& dir,
                           BudgetIds& budgets, ReferenceCounts& counts);

std::string writeClaims(const Layout& l, const app::AppConfig& config, const BudgetIds& budgets,
                        const std::string& dir, ClaimCounts& counts);

// The client's district id and team id (0: no team recorded, about 1 in 10 clients).
std::int64_t districtOf(const Layout& l, std::int64_t client);
std::int64_t teamOf(const Layout& l, std::int64_t client);

}  // namespace zc::bench
