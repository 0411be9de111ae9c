#include "exhaustion.hpp"

#include <algorithm>
#include <stdexcept>

#include "contracting/kernel/errors.hpp"

namespace zc::invoicing {
namespace {

// Percentage keeps millionths of a percent: a whole (100 %) is 100,000,000 of them.
constexpr std::int64_t kMillionthsPerWhole = 100'000'000;

std::int64_t checkedMultiply(std::int64_t a, std::int64_t b) {
    std::int64_t out = 0;
    if (__builtin_mul_overflow(a, b, &out)) throw std::overflow_error("cap units overflow");
    return out;
}

Date laterOf(Date a, Date b) { return a < b ? b : a; }

// The ratio part / whole in basis points, half-up; absent for a zero whole.
std::optional<std::int64_t> basisPoints(Money part, Money whole) {
    if (whole.cents() == 0) return std::nullopt;
    __int128 numerator = static_cast<__int128>(part.cents()) * kBasisPointsPerWhole;
    return divideRoundHalfUp(numerator, whole.cents());
}

// |forecast − budget| / budget > threshold, decided on exact integers so that a deviation
// that merely rounds to the threshold does not signal.
bool deviatesBeyond(Money forecast, Money budget, Percentage threshold) {
    __int128 difference = static_cast<__int128>(forecast.cents()) - budget.cents();
    if (difference < 0) difference = -difference;
    if (budget.cents() == 0) return difference > 0;
    return difference * kMillionthsPerWhole >
           static_cast<__int128>(threshold.millionths()) * budget.cents();
}

std::optional<Money> runRate(const std::vector<Money>& monthly_realised, int complete_months) {
    if (complete_months == 0) return std::nullopt;
    Money realised;
    auto months = std::min(static_cast<std::size_t>(complete_months), monthly_realised.size());
    for (std::size_t i = 0; i < months; ++i) realised += monthly_realised[i];
    __int128 numerator = static_cast<__int128>(realised.cents()) * kMonthsPerYear;
    return Money::fromCents(divideRoundHalfUp(numerator, complete_months));
}

}  // namespace

std::int64_t remainingCapUnits(const Cap& cap, const Period& allocation, Date from, Date year_end,
                               std::int64_t accepted_units_in_window) {
    ZC_ASSERT(cap.volume >= 0 && accepted_units_in_window >= 0 && allocation.isValid());
    const Date begin = laterOf(from, allocation.begin);
    const Date end = allocation.end && *allocation.end < year_end ? *allocation.end : year_end;
    if (!(begin < end)) return 0;
    const Period window{begin, end};

    std::int64_t allowed = 0;
    switch (cap.frequency) {
        case Frequency::PerDay:
            allowed = checkedMultiply(daysBetween(begin, end), cap.volume);
            break;
        case Frequency::PerWeek:
            allowed = checkedMultiply(isoWeeksTouched(window), cap.volume);
            break;
        case Frequency::PerMonth:
            allowed = checkedMultiply(monthsTouched(window), cap.volume);
            break;
        case Frequency::TotalInValidity:
            allowed = cap.volume;
            break;
    }
    return std::max<std::int64_t>(allowed - accepted_units_in_window, 0);
}

Money committedFor(std::int64_t remaining_cap_units, Money tariff) {
    ZC_ASSERT(remaining_cap_units >= 0);
    return tariff.times(remaining_cap_units);
}

int completeMonths(int year, Date report_date) {
    const int report_year = static_cast<int>(report_date.year());
    if (report_year < year) return 0;
    if (report_year > year) return static_cast<int>(kMonthsPerYear);
    const auto month = static_cast<int>(static_cast<unsigned>(report_date.month()));
    const bool last_day_of_month = addDays(report_date, 1).month() != report_date.month();
    return month - 1 + (last_day_of_month ? 1 : 0);
}

ExhaustionReport exhaustionReport(const ExhaustionInput& input, const ExhaustionPolicy& policy) {
    ZC_ASSERT(input.budget >= Money() && input.committed >= Money());
    ZC_ASSERT(input.monthly_realised.size() <= kMonthsPerYear);
    ExhaustionReport report;
    report.exhaustion = input.paid + input.accepted_unpaid + input.committed;
    report.remaining = input.budget - report.exhaustion;
    report.exhaustion_bp = basisPoints(report.exhaustion, input.budget);
    report.complete_months = completeMonths(input.budget_year, input.report_date);
    report.run_rate = runRate(input.monthly_realised, report.complete_months);
    report.forecast = std::max(report.run_rate.value_or(input.budget), report.exhaustion);
    report.deviation_bp = basisPoints(report.forecast - input.budget, input.budget);
    report.signal = deviatesBeyond(report.forecast, input.budget, policy.signal_threshold);
    return report;
}

}  // namespace zc::invoicing
