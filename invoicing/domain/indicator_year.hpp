#pragma once
// One performance indicator's year (dagbesteding): how its quarterly reports make the year's
// realised value, by the indicator's aggregation, with the line that shows the calculation to
// finance staff and the provider. A percentage is the mean of its quarters, not their sum; a
// count of unique clients reported year-to-date is its last quarter.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "contracting/kernel/indicator_kind.hpp"

namespace zc::invoicing {

using zc::IndicatorKind;
using zc::YearAggregation;

// The indicator as the contract states it.
struct IndicatorTerms {
    std::string name;  // "Dagdelen"
    IndicatorKind kind = IndicatorKind::Count;
    YearAggregation aggregation = YearAggregation::Sum;
};

struct IndicatorYear {
    std::int64_t realised = 0;  // the year's value, in the indicator's unit
    std::vector<int> missing;   // quarters of the term not reported
    std::string line;           // e.g. "Dagdelen 2025 by quarter: Q1 200 + Q2 250 = 450"
};

// The year of `terms` from the quarters reported (quarter → value) over the quarters of the
// contract term in that year (`in_term`, ascending). Sum: a quarter not reported counts 0.
// Mean: the mean of the quarters reported, rounded half-up to a whole unit; 0 when none is.
// Last: the value of the latest quarter reported; 0 when none is.
IndicatorYear aggregateYear(const IndicatorTerms& terms, int year, const std::vector<int>& in_term,
                            const std::map<int, std::int64_t>& reported);

// A value in the indicator's unit as a calculation line shows it: "96,000", "82.50 %",
// "1,250.00".
std::string formatIndicatorValue(IndicatorKind kind, std::int64_t value);

}  // namespace zc::invoicing
