// How a performance indicator's quarters make its year (issue 13): a percentage is the mean of
// its quarters, a count of unique clients reported year-to-date is the last quarter, dagdelen are
// summed; and the settlement reads each value in its own unit.
#include "invoicing/domain/indicator_year.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "contracting/kernel/errors.hpp"
#include "invoicing/domain/budget_settlement.hpp"

namespace zc::invoicing {
namespace {

const std::vector<int> kWholeYear = {1, 2, 3, 4};

IndicatorTerms terms(IndicatorKind kind, YearAggregation aggregation) {
    return {"Tevredenheid", kind, aggregation};
}

TEST(IndicatorYear, APercentageIsTheMeanOfItsQuartersNotTheirSum) {
    const auto y = aggregateYear(terms(IndicatorKind::Percentage, YearAggregation::Mean), 2025,
                                 kWholeYear, {{1, 8200}, {2, 8500}, {3, 8000}, {4, 8300}});
    EXPECT_EQ(y.realised, 8250);  // 82.50 %, not 330.00 %
    EXPECT_TRUE(y.missing.empty());
    EXPECT_EQ(y.line,
              "Tevredenheid 2025, mean of the quarters reported: (Q1 82.00 % + Q2 85.00 % + "
              "Q3 80.00 % + Q4 83.00 %) / 4 = 82.50 %");
}

TEST(IndicatorYear, AMeanUsesTheQuartersReportedAndRoundsHalfUp) {
    // (80.00 + 85.01) / 2 = 82.505 % → 82.51 % (half-up to a hundredth).
    const auto y = aggregateYear(terms(IndicatorKind::Percentage, YearAggregation::Mean), 2025,
                                 kWholeYear, {{1, 8000}, {3, 8501}});
    EXPECT_EQ(y.realised, 8251);
    EXPECT_EQ(y.missing, (std::vector<int>{2, 4}));
    EXPECT_NE(y.line.find("Q2 not reported"), std::string::npos) << y.line;
    EXPECT_NE(y.line.find(") / 2 = 82.51 %"), std::string::npos) << y.line;
}

TEST(IndicatorYear, UniqueClientsYearToDateAreTheLastQuarterReported) {
    IndicatorTerms t{"Unieke cliënten", IndicatorKind::Count, YearAggregation::Last};
    auto y = aggregateYear(t, 2025, kWholeYear, {{1, 40}, {2, 55}, {3, 61}, {4, 70}});
    EXPECT_EQ(y.realised, 70);  // not 226
    EXPECT_EQ(
        y.line,
        "Unieke cliënten 2025, the last quarter reported: Q1 40, Q2 55, Q3 61, Q4 70 → Q4 70");
    y = aggregateYear(t, 2025, kWholeYear, {{1, 40}, {2, 55}, {3, 61}});
    EXPECT_EQ(y.realised, 61);
    EXPECT_EQ(y.missing, (std::vector<int>{4}));
}

TEST(IndicatorYear, DagdelenAreSummedAndAMissingQuarterCountsZero) {
    IndicatorTerms t{"Dagdelen", IndicatorKind::Count, YearAggregation::Sum};
    const auto y = aggregateYear(t, 2025, kWholeYear, {{1, 200}, {2, 250}, {4, 1250}});
    EXPECT_EQ(y.realised, 1700);
    EXPECT_EQ(y.missing, (std::vector<int>{3}));
    EXPECT_EQ(y.line,
              "Dagdelen 2025 by quarter: Q1 200 + Q2 250 + Q3 not reported (0) + Q4 1,250 = 1,700");
}

TEST(IndicatorYear, OnlyTheQuartersOfTheTermCount) {
    // A contract that starts in July: quarters 3 and 4.
    const auto y = aggregateYear(terms(IndicatorKind::Percentage, YearAggregation::Mean), 2025,
                                 {3, 4}, {{3, 7000}, {4, 9000}});
    EXPECT_EQ(y.realised, 8000);
    EXPECT_TRUE(y.missing.empty());
}

TEST(IndicatorYear, NothingReportedIsZeroForEveryAggregation) {
    for (auto a : {YearAggregation::Sum, YearAggregation::Mean, YearAggregation::Last}) {
        const auto y = aggregateYear(terms(IndicatorKind::Count, a), 2025, kWholeYear, {});
        EXPECT_EQ(y.realised, 0) << yearAggregationName(a);
        EXPECT_EQ(y.missing, kWholeYear) << yearAggregationName(a);
    }
}

TEST(IndicatorYear, AnAmountIsShownInEuros) {
    IndicatorTerms t{"Eigen bijdrage", IndicatorKind::Amount, YearAggregation::Sum};
    const auto y = aggregateYear(t, 2025, kWholeYear, {{1, 125'050}, {2, 100}});
    EXPECT_EQ(y.realised, 125'150);
    EXPECT_NE(y.line.find("= 1,251.50"), std::string::npos) << y.line;
}

TEST(IndicatorKinds, NamesRoundTripAndUnknownNamesAreRefused) {
    for (auto k : {IndicatorKind::Count, IndicatorKind::Percentage, IndicatorKind::Amount}) {
        EXPECT_EQ(parseIndicatorKind(indicatorKindName(k)), k);
    }
    for (auto a : {YearAggregation::Sum, YearAggregation::Mean, YearAggregation::Last}) {
        EXPECT_EQ(parseYearAggregation(yearAggregationName(a)), a);
    }
    try {
        parseIndicatorKind("ratio", "performance_agreements[0].kind");
        FAIL() << "accepted an unknown kind";
    } catch (const ValidationError& e) {
        EXPECT_EQ(e.code(), "INVALID_INDICATOR_KIND");
        EXPECT_EQ(e.field(), "performance_agreements[0].kind");
    }
    EXPECT_THROW(parseYearAggregation("median"), ValidationError);
}

TEST(IndicatorKinds, APercentageIsNeverSummedAndDefaultsToTheMean) {
    EXPECT_EQ(defaultAggregation(IndicatorKind::Percentage), YearAggregation::Mean);
    EXPECT_EQ(defaultAggregation(IndicatorKind::Count), YearAggregation::Sum);
    EXPECT_EQ(defaultAggregation(IndicatorKind::Amount), YearAggregation::Sum);
    try {
        requireAggregationFits(IndicatorKind::Percentage, YearAggregation::Sum, "agg");
        FAIL() << "a percentage was summed";
    } catch (const ValidationError& e) {
        EXPECT_EQ(e.code(), "INVALID_AGGREGATION");
    }
    EXPECT_NO_THROW(requireAggregationFits(IndicatorKind::Count, YearAggregation::Last, "agg"));
    EXPECT_NO_THROW(
        requireAggregationFits(IndicatorKind::Percentage, YearAggregation::Last, "agg"));
}

TEST(IndicatorKinds, TheSettlementReadsAPercentageAsAPercentage) {
    // Satisfaction 82.50 % of a target of 80.00 %: counted as 100 %; dagdelen 900 of 1,000.
    SettlementInput in{
        2025,
        Money::parse("1000.00"),
        Money::parse("1000.00"),
        {{"Dagdelen", 1'000, 900}, {"Tevredenheid", 8'000, 8'250, IndicatorKind::Percentage}},
        SettlementRule::ProportionalToRealisation};
    const auto s = settleBudget(in);
    EXPECT_EQ(s.due, Money::parse("950.00"));  // (9/10 + 1) / 2
    EXPECT_NE(std::find(s.lines.begin(), s.lines.end(),
                        "Tevredenheid: realised 82.50 % of 80.00 % = 103.13 %, counted as "
                        "100.00 %"),
              s.lines.end());
}

}  // namespace
}  // namespace zc::invoicing
