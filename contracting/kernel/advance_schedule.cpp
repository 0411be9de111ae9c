#include "advance_schedule.hpp"

#include "errors.hpp"

namespace zc {
namespace {

constexpr unsigned kMonthsPerYear = 12;

// Whether [month_start, next_month_start) shares a day with the term.
bool monthOverlapsTerm(Date month_start, Date next_month_start, const Period& term) {
    bool starts_before_term_ends = !term.end || month_start < *term.end;
    return starts_before_term_ends && term.begin < next_month_start;
}

}  // namespace

std::vector<Advance> monthlyAdvances(Money yearly_budget, int year, const Period& term) {
    ZC_ASSERT(yearly_budget >= Money());
    std::vector<Advance> advances;
    // An inverted or empty term holds no days, so it touches no month.
    if (!term.isValid()) return advances;

    using std::chrono::month;
    for (unsigned m = 1; m <= kMonthsPerYear; ++m) {
        Date month_start{std::chrono::year{year}, month{m}, std::chrono::day{1}};
        Date next_month_start = addMonths(month_start, 1);
        if (monthOverlapsTerm(month_start, next_month_start, term)) {
            advances.push_back(Advance{year, m, month_start, Money()});
        }
    }
    if (advances.empty()) return advances;

    // Round down to whole cents, then hand out the leftover cents one by one from the first
    // month, so the advances add up to the budget exactly.
    auto count = static_cast<std::int64_t>(advances.size());
    std::int64_t base = yearly_budget.cents() / count;
    std::int64_t leftover = yearly_budget.cents() % count;
    for (std::int64_t i = 0; i < count; ++i) {
        advances[static_cast<std::size_t>(i)].amount = Money::fromCents(base + (i < leftover));
    }
    return advances;
}

}  // namespace zc
