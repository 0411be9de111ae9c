#pragma once
// Budget exhaustion (uitputting) and the year-end forecast of one budget (municipality, district
// or team, product group, financing kind), and what the active allocations still commit to it.
// Pure functions: no clock, no storage. All amounts are exact euro-cents; the only lossy steps
// (the run-rate forecast and the basis points) round half-up through divideRoundHalfUp.
#include <cstdint>
#include <optional>
#include <vector>

#include "contracting/kernel/cap.hpp"
#include "contracting/kernel/civil_date.hpp"
#include "contracting/kernel/money.hpp"
#include "contracting/kernel/rounding.hpp"

namespace zc::invoicing {

inline constexpr std::int64_t kBasisPointsPerWhole = 10'000;  // 100 % = 10,000 bp
inline constexpr std::size_t kMonthsPerYear = 12;

// Units an allocation may still use from `from` until min(allocation end, year_end), by its cap:
//   window  = [max(from, allocation.begin), min(allocation.end, year_end)); empty → 0;
//   day     → days in the window × volume;
//   week    → ISO weeks the window touches (a broken week counts whole) × volume;
//   month   → calendar months the window touches (a broken month counts whole) × volume;
//   total   → volume (the cap over the whole validity, not split by year);
// minus `accepted_units_in_window`, never below 0.
// `year_end` is exclusive, as every period end: 1 January of the year after the budget year.
// `accepted_units_in_window` is what billing has already accepted against the cap windows the
// window touches: for week from the Monday of from's week, for month from the 1st of from's
// month, for day from `from`, for total over the whole validity. Precondition: cap.volume >= 0,
// accepted_units_in_window >= 0, allocation.isValid(). Throws std::overflow_error.
std::int64_t remainingCapUnits(const Cap& cap, const Period& allocation, Date from, Date year_end,
                               std::int64_t accepted_units_in_window);

// What the remaining cap still commits: remaining units × tariff per unit, exact (whole units
// times whole cents, no rounding). Precondition: remaining_cap_units >= 0.
// Throws std::overflow_error.
Money committedFor(std::int64_t remaining_cap_units, Money tariff);

struct ExhaustionInput {
    Money budget;           // the budget of the year, >= 0
    Money paid;             // paid against the budget in the year
    Money accepted_unpaid;  // accepted claims not yet paid
    Money committed;        // Σ committedFor over the active allocations, >= 0
    Date report_date;       // the state at the end of this day
    int budget_year = 0;
    // Accepted amounts (paid or not) per service month of the budget year, January first; at
    // most 12 entries, missing months count as 0. Only the complete months feed the forecast.
    std::vector<Money> monthly_realised;
};

struct ExhaustionPolicy {
    // Signal when |forecast − budget| / budget is strictly above this (default 5 %).
    Percentage signal_threshold = Percentage::fromMillionths(5'000'000);
};

struct ExhaustionReport {
    Money exhaustion;  // paid + accepted_unpaid + committed
    Money remaining;   // budget − exhaustion; negative when the budget is overdrawn
    // exhaustion / budget in basis points, rounded half-up; absent when the budget is 0.
    std::optional<std::int64_t> exhaustion_bp;
    int complete_months = 0;  // months of the budget year ended on or before report_date
    // Σ realised in the complete months × 12 / complete_months; absent without a complete month.
    std::optional<Money> run_rate;
    Money forecast;  // max(run_rate, exhaustion), or max(budget, exhaustion) without a run rate
    // (forecast − budget) / budget in basis points, rounded half-up; absent when the budget is 0.
    std::optional<std::int64_t> deviation_bp;
    // |deviation| above the threshold; with a zero budget: any forecast above 0.
    bool signal = false;
};

// The exhaustion report of one budget on one date.
//
// Forecast method (year-end forecast of what the budget year will cost):
//   1. Run rate: the accepted amounts of the complete service months of the year, extrapolated
//      to twelve months: Σ monthly_realised[0, m) × 12 / m, rounded half-up to cents, where m is
//      the number of calendar months of the budget year that ended on or before the report date
//      (2025-06-30 → 6, 2025-06-29 → 5, 2024-02-29 → 2). Claims are declared per month, so the
//      current, incomplete month is left out instead of diluting the average.
//   2. Without a complete month (a January report, or one before the year) there is no pattern
//      yet, and the plan itself is the forecast: the budget.
//   3. Floor: the forecast is never below the exhaustion, because paid, accepted and the caps of
//      allocations already granted are obligations the year may have to meet in full.
//   forecast = max(run rate, exhaustion), or max(budget, exhaustion) without a run rate.
// Deviation = (forecast − budget) × 10,000 / budget basis points, rounded half-up; the signal
// compares the exact (unrounded) ratio with the threshold.
// Precondition: budget >= 0, committed >= 0, monthly_realised.size() <= 12.
// Throws std::overflow_error.
ExhaustionReport exhaustionReport(const ExhaustionInput& input,
                                  const ExhaustionPolicy& policy = {});

// Months of `year` that ended on or before `report_date` (0..12). A month has ended at the end
// of its last day.
int completeMonths(int year, Date report_date);

}  // namespace zc::invoicing
