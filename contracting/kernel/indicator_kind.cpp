#include "indicator_kind.hpp"

#include "errors.hpp"

namespace zc {

std::string indicatorKindName(IndicatorKind kind) {
    switch (kind) {
        case IndicatorKind::Count:
            return "count";
        case IndicatorKind::Percentage:
            return "percentage";
        case IndicatorKind::Amount:
            return "amount";
    }
    assertionFailed("unknown indicator kind", __FILE__, __LINE__);
}

IndicatorKind parseIndicatorKind(std::string_view name, std::string_view field) {
    for (IndicatorKind k :
         {IndicatorKind::Count, IndicatorKind::Percentage, IndicatorKind::Amount}) {
        if (indicatorKindName(k) == name) return k;
    }
    throw ValidationError(
        "INVALID_INDICATOR_KIND",
        "The kind of a performance indicator must be count, percentage or amount.",
        std::string(field));
}

std::string yearAggregationName(YearAggregation aggregation) {
    switch (aggregation) {
        case YearAggregation::Sum:
            return "sum";
        case YearAggregation::Mean:
            return "mean";
        case YearAggregation::Last:
            return "last";
    }
    assertionFailed("unknown year aggregation", __FILE__, __LINE__);
}

YearAggregation parseYearAggregation(std::string_view name, std::string_view field) {
    for (YearAggregation a : {YearAggregation::Sum, YearAggregation::Mean, YearAggregation::Last}) {
        if (yearAggregationName(a) == name) return a;
    }
    throw ValidationError("INVALID_AGGREGATION",
                          "How a year is made of its quarters must be sum, mean or last.",
                          std::string(field));
}

YearAggregation defaultAggregation(IndicatorKind kind) {
    return kind == IndicatorKind::Percentage ? YearAggregation::Mean : YearAggregation::Sum;
}

void requireAggregationFits(IndicatorKind kind, YearAggregation aggregation,
                            std::string_view field) {
    if (kind == IndicatorKind::Percentage && aggregation == YearAggregation::Sum) {
        throw ValidationError("INVALID_AGGREGATION",
                              "A percentage is not summed over quarters; use mean or last.",
                              std::string(field));
    }
}

}  // namespace zc
