#pragma once
// Monthly advances (voorschotten) of a budget-financed contract (dagbesteding).
#include <vector>

#include "civil_date.hpp"
#include "money.hpp"

namespace zc {

struct Advance {
    int year;
    unsigned month;  // 1..12
    Date due;        // first day of the month
    Money amount;
};

// Splits the yearly budget over the months of `year` that overlap the contract term
// [term.begin, term.end). Each month gets budget / n rounded down to whole cents; the
// remaining cents go one each to the first months, so the advances add up to the budget exactly.
// Empty when the term does not touch the year. Precondition: budget >= 0.
std::vector<Advance> monthlyAdvances(Money yearly_budget, int year, const Period& term);

}  // namespace zc
