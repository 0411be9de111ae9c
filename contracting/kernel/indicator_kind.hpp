#pragma once
// What a performance indicator (prestatie-indicator) of a budget contract measures, and how its
// four quarterly reports make one year: a term of the contract (contracting records it) that
// invoicing applies at the settlement (invoicing/domain/indicator_year).
#include <string>
#include <string_view>

namespace zc {

enum class IndicatorKind {
    Count,       // a number of things: dagdelen, clients (whole numbers)
    Percentage,  // in hundredths of a percent: 8250 = 82.50 %, at most 10000
    Amount,      // in cents
};

enum class YearAggregation {
    Sum,   // the year is the sum of its quarters (dagdelen delivered)
    Mean,  // the mean of the quarters reported (a satisfaction percentage)
    Last,  // the last quarter reported (unique clients reported year-to-date)
};

// "count", "percentage", "amount".
std::string indicatorKindName(IndicatorKind kind);
// The kind named `name`; INVALID_INDICATOR_KIND naming `field` otherwise.
IndicatorKind parseIndicatorKind(std::string_view name, std::string_view field = "kind");

// "sum", "mean", "last".
std::string yearAggregationName(YearAggregation aggregation);
// The aggregation named `name`; INVALID_AGGREGATION naming `field` otherwise.
YearAggregation parseYearAggregation(std::string_view name, std::string_view field = "aggregation");

// What a year of this kind is when the contract says nothing: a percentage is the mean of its
// quarters, a count or amount their sum.
YearAggregation defaultAggregation(IndicatorKind kind);
// Refuses (INVALID_AGGREGATION, naming `field`) a percentage that would be summed: four quarters
// of 80 % are not 320 %.
void requireAggregationFits(IndicatorKind kind, YearAggregation aggregation,
                            std::string_view field = "aggregation");

// The largest value of a percentage indicator: 100.00 %.
inline constexpr long long kMaxPercentageHundredths = 10'000;

}  // namespace zc
