#pragma once
// Year-end settlement (vaststelling) of a budget-financed contract (dagbesteding): what the
// provider has earned for the year, the difference with the advances already paid, and the
// calculation written out line by line with exact cents.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "contracting/kernel/indicator_kind.hpp"
#include "contracting/kernel/money.hpp"
#include "contracting/kernel/settlement_rule.hpp"

namespace zc::invoicing {

// The rule (a term of the contract) is the kernel's.
using zc::IndicatorKind;
using zc::SettlementRule;
using zc::settlementRuleName;

// A quantified performance agreement: e.g. "Dagdelen" target 96,000, realised 90,000.
struct PerformanceIndicator {
    std::string name;
    std::int64_t target = 0;                    // > 0, in the indicator's own unit
    std::int64_t realised = 0;                  // >= 0, same unit
    IndicatorKind kind = IndicatorKind::Count;  // how its values read: count, % or amount
};

struct SettlementInput {
    int year = 0;
    Money budget;         // the year's budget, >= 0
    Money advances_paid;  // Σ advances paid for the year, >= 0
    std::vector<PerformanceIndicator> indicators;
    SettlementRule rule = SettlementRule::ProportionalToRealisation;
};

enum class SettlementDirection {
    Settled,                 // due == advances paid
    PayableToProvider,       // due > advances: the municipality pays the difference
    ReceivableFromProvider,  // due < advances: claw-back
};

struct Settlement {
    Money due;         // what the provider has earned for the year
    Money difference;  // due − advances paid: > 0 payable to the provider, < 0 claw-back
    SettlementDirection direction = SettlementDirection::Settled;
    // The calculation, one step per line, amounts with exact cents, e.g.
    //   "Budget 2025: 3,450,000.00"
    //   "Dagdelen: realised 90,000 of 96,000 = 93.75 %"
    // Percentages are rounded half-up to hundredths for display only; the amount due uses the
    // exact fraction, which is printed too ("3,450,000.00 × 31/32 = 3,342,187.50").
    std::vector<std::string> lines;
};

inline constexpr std::size_t kMaxIndicators = 32;

// Settles one contract year. Throws ValidationError, checked in this order:
// INVALID_BUDGET (budget < 0, field "budget"), INVALID_AMOUNT (advances < 0, field
// "advances_paid"), TOO_MANY_INDICATORS (more than kMaxIndicators, field "indicators"),
// INVALID_TARGET (target <= 0, field "indicators[i].target"), INVALID_REALISED (realised < 0,
// field "indicators[i].realised"), INDICATORS_REQUIRED (Unprocessable, field "indicators": a
// rule other than FixedBudget without indicators). Throws std::overflow_error when the common
// denominator of the fractions does not fit 64 bits (far beyond real agreements).
Settlement settleBudget(const SettlementInput& input);

}  // namespace zc::invoicing
