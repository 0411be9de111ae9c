#include "budget_settlement.hpp"

#include <algorithm>
#include <numeric>
#include <stdexcept>

#include "amount_text.hpp"
#include "contracting/kernel/errors.hpp"
#include "contracting/kernel/rounding.hpp"
#include "indicator_year.hpp"

namespace zc::invoicing {
namespace {

constexpr std::int64_t kHundredthsPerWhole = 10'000;  // 100.00 % in hundredths of a percent

// A non-negative fraction kept in lowest terms, so that the denominator stays the least
// common multiple of the targets (divided by what the numerator shares with it).
struct Fraction {
    std::int64_t numerator = 0;
    std::int64_t denominator = 1;
};

std::int64_t checkedMul(std::int64_t a, std::int64_t b) {
    std::int64_t out = 0;
    if (__builtin_mul_overflow(a, b, &out))
        throw std::overflow_error("settlement fraction overflow");
    return out;
}

std::int64_t checkedAdd(std::int64_t a, std::int64_t b) {
    std::int64_t out = 0;
    if (__builtin_add_overflow(a, b, &out))
        throw std::overflow_error("settlement fraction overflow");
    return out;
}

Fraction reduced(Fraction f) {
    const std::int64_t g = std::gcd(f.numerator, f.denominator);
    return g > 1 ? Fraction{f.numerator / g, f.denominator / g} : f;
}

Fraction plus(Fraction a, std::int64_t numerator, std::int64_t denominator) {
    const std::int64_t g = std::gcd(a.denominator, denominator);
    const std::int64_t common = checkedMul(a.denominator / g, denominator);
    const std::int64_t sum = checkedAdd(checkedMul(a.numerator, denominator / g),
                                        checkedMul(numerator, a.denominator / g));
    return reduced(Fraction{sum, common});
}

std::int64_t hundredthsOfPercent(std::int64_t numerator, std::int64_t denominator) {
    return divideRoundHalfUp(static_cast<__int128>(numerator) * kHundredthsPerWhole, denominator);
}

std::string fractionText(Fraction f) {
    return std::to_string(f.numerator) + "/" + std::to_string(f.denominator);
}

void validate(const SettlementInput& input) {
    if (input.budget < Money()) {
        throw ValidationError("INVALID_BUDGET", "The budget must not be negative.", "budget");
    }
    if (input.advances_paid < Money()) {
        throw ValidationError("INVALID_AMOUNT", "The advances paid must not be negative.",
                              "advances_paid");
    }
    if (input.indicators.size() > kMaxIndicators) {
        throw ValidationError("TOO_MANY_INDICATORS",
                              "A contract year has at most 32 performance indicators.",
                              "indicators");
    }
    for (std::size_t i = 0; i < input.indicators.size(); ++i) {
        const std::string field = "indicators[" + std::to_string(i) + "]";
        if (input.indicators[i].target <= 0) {
            throw ValidationError("INVALID_TARGET", "An indicator's target must be above zero.",
                                  field + ".target");
        }
        if (input.indicators[i].realised < 0) {
            throw ValidationError("INVALID_REALISED",
                                  "An indicator's realised value must not be negative.",
                                  field + ".realised");
        }
    }
    if (input.rule != SettlementRule::FixedBudget && input.indicators.empty()) {
        throw ValidationError("INDICATORS_REQUIRED",
                              "Settling in proportion to realisation needs at least one "
                              "performance indicator.",
                              "indicators");
    }
}

// "Dagdelen: realised 90,000 of 96,000 = 93.75 %", values in the indicator's unit.
std::string indicatorLine(const PerformanceIndicator& ind) {
    return ind.name + ": realised " + formatIndicatorValue(ind.kind, ind.realised) + " of " +
           formatIndicatorValue(ind.kind, ind.target) + " = " +
           formatPercentHundredths(hundredthsOfPercent(ind.realised, ind.target));
}

// One line per indicator; returns R = (Σ min(1, realised/target)) / n in lowest terms.
Fraction realisation(const std::vector<PerformanceIndicator>& indicators,
                     std::vector<std::string>& lines) {
    Fraction sum;
    for (const PerformanceIndicator& ind : indicators) {
        std::string line = indicatorLine(ind);
        if (ind.realised > ind.target) line += ", counted as 100.00 %";
        lines.push_back(std::move(line));
        sum = plus(sum, std::min(ind.realised, ind.target), ind.target);
    }
    const auto n = static_cast<std::int64_t>(indicators.size());
    return reduced(Fraction{sum.numerator, checkedMul(sum.denominator, n)});
}

Money proportionalDue(const SettlementInput& input, std::vector<std::string>& lines) {
    const Fraction r = realisation(input.indicators, lines);
    lines.push_back("Average realisation over " + std::to_string(input.indicators.size()) +
                    " indicator(s), equal weights: " + fractionText(r) + " = " +
                    formatPercentHundredths(hundredthsOfPercent(r.numerator, r.denominator)));
    const Money due = Money::fromCents(divideRoundHalfUp(
        static_cast<__int128>(input.budget.cents()) * r.numerator, r.denominator));
    lines.push_back("Amount due: " + formatAmount(input.budget) + " × " + fractionText(r) + " = " +
                    formatAmount(due) + " (rounded half-up to cents)");
    return due;
}

Money amountDue(const SettlementInput& input, std::vector<std::string>& lines) {
    switch (input.rule) {
        case SettlementRule::FixedBudget:
            for (const PerformanceIndicator& ind : input.indicators) {
                lines.push_back(indicatorLine(ind));
            }
            lines.push_back("Amount due: the fixed budget " + formatAmount(input.budget) +
                            " (no claw-back)");
            return input.budget;
        case SettlementRule::ProportionalToRealisation:
            return proportionalDue(input, lines);
        case SettlementRule::CapAtAdvances: {
            const Money proportional = proportionalDue(input, lines);
            const Money due = std::min(proportional, input.advances_paid);
            lines.push_back("Capped at the advances paid: min(" + formatAmount(proportional) +
                            ", " + formatAmount(input.advances_paid) + ") = " + formatAmount(due));
            return due;
        }
    }
    assertionFailed("unknown settlement rule", __FILE__, __LINE__);
}

}  // namespace

Settlement settleBudget(const SettlementInput& input) {
    validate(input);
    Settlement s;
    s.lines.push_back("Settlement " + std::to_string(input.year) +
                      ", rule: " + settlementRuleName(input.rule));
    s.lines.push_back("Budget " + std::to_string(input.year) + ": " + formatAmount(input.budget));
    s.due = amountDue(input, s.lines);
    s.difference = s.due - input.advances_paid;
    s.lines.push_back("Advances paid: " + formatAmount(input.advances_paid));
    if (s.difference > Money()) {
        s.direction = SettlementDirection::PayableToProvider;
        s.lines.push_back("Difference: " + formatAmount(s.difference) + " payable to the provider");
    } else if (s.difference < Money()) {
        s.direction = SettlementDirection::ReceivableFromProvider;
        s.lines.push_back("Difference: " + formatAmount(s.difference) +
                          " to be clawed back from the provider");
    } else {
        s.lines.push_back("Difference: 0.00, settled by the advances");
    }
    return s;
}

}  // namespace zc::invoicing
