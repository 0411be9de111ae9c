#include "contracting/kernel/advance_schedule.hpp"

#include <gtest/gtest.h>

#include <cstdint>

namespace zc::contracting {
namespace {

Date d(const char* text) { return parseDate(text); }

std::int64_t totalCents(const std::vector<Advance>& advances) {
    std::int64_t total = 0;
    for (const Advance& a : advances) total += a.amount.cents();
    return total;
}

TEST(MonthlyAdvances, FullYearSplitsBudgetOverTwelveMonthsExactly) {
    std::vector<Advance> advances =
        monthlyAdvances(Money::parse("100000.00"), 2025, Period{d("2020-01-01"), std::nullopt});
    ASSERT_EQ(advances.size(), 12u);
    EXPECT_EQ(totalCents(advances), 10'000'000);
    // 10'000'000 / 12 = 833'333 rest 4: the first four months get one cent more.
    for (std::size_t i = 0; i < 12; ++i) {
        SCOPED_TRACE(i);
        EXPECT_EQ(advances[i].year, 2025);
        EXPECT_EQ(advances[i].month, i + 1);
        EXPECT_EQ(advances[i].due,
                  (Date{std::chrono::year{2025}, std::chrono::month{static_cast<unsigned>(i + 1)},
                        std::chrono::day{1}}));
        EXPECT_EQ(advances[i].amount.cents(), i < 4 ? 833'334 : 833'333);
    }
}

TEST(MonthlyAdvances, ContractStartingInAprilGetsNineAdvances) {
    std::vector<Advance> advances =
        monthlyAdvances(Money::parse("90000.01"), 2025, Period{d("2025-04-01"), std::nullopt});
    ASSERT_EQ(advances.size(), 9u);
    EXPECT_EQ(advances.front().month, 4u);
    EXPECT_EQ(advances.front().due, d("2025-04-01"));
    EXPECT_EQ(advances.back().month, 12u);
    EXPECT_EQ(advances[0].amount.cents(), 1'000'001);
    EXPECT_EQ(advances[1].amount.cents(), 1'000'000);
    EXPECT_EQ(totalCents(advances), 9'000'001);
}

TEST(MonthlyAdvances, StartMidMonthIncludesThatMonth) {
    std::vector<Advance> advances =
        monthlyAdvances(Money::parse("1200"), 2025, Period{d("2025-04-15"), std::nullopt});
    ASSERT_EQ(advances.size(), 9u);
    EXPECT_EQ(advances.front().month, 4u);
    EXPECT_EQ(advances.front().due, d("2025-04-01"));
}

TEST(MonthlyAdvances, TermEndingMidYearStopsAtLastTouchedMonth) {
    // [2025-01-01, 2025-06-16): January up to and including June.
    std::vector<Advance> advances =
        monthlyAdvances(Money::parse("600.00"), 2025, Period{d("2025-01-01"), d("2025-06-16")});
    ASSERT_EQ(advances.size(), 6u);
    EXPECT_EQ(advances.back().month, 6u);
    for (const Advance& a : advances) EXPECT_EQ(a.amount.cents(), 10'000);
}

TEST(MonthlyAdvances, ExclusiveEndOnFirstOfMonthExcludesThatMonth) {
    std::vector<Advance> advances =
        monthlyAdvances(Money::parse("600.00"), 2025, Period{d("2025-01-01"), d("2025-07-01")});
    ASSERT_EQ(advances.size(), 6u);
    EXPECT_EQ(advances.back().month, 6u);
}

TEST(MonthlyAdvances, TermInsideOneMonthGivesOneAdvanceOfWholeBudget) {
    std::vector<Advance> advances =
        monthlyAdvances(Money::parse("123.45"), 2025, Period{d("2025-03-10"), d("2025-03-11")});
    ASSERT_EQ(advances.size(), 1u);
    EXPECT_EQ(advances[0].month, 3u);
    EXPECT_EQ(advances[0].amount.cents(), 12345);
}

TEST(MonthlyAdvances, EmptyWhenTermDoesNotTouchTheYear) {
    Money budget = Money::parse("1000");
    EXPECT_TRUE(monthlyAdvances(budget, 2025, Period{d("2026-01-01"), std::nullopt}).empty());
    EXPECT_TRUE(monthlyAdvances(budget, 2025, Period{d("2023-01-01"), d("2025-01-01")}).empty());
}

TEST(MonthlyAdvances, EmptyForATermWithoutDays) {
    Money budget = Money::parse("1000");
    EXPECT_TRUE(monthlyAdvances(budget, 2025, Period{d("2025-03-15"), d("2025-03-10")}).empty());
    EXPECT_TRUE(monthlyAdvances(budget, 2025, Period{d("2025-03-15"), d("2025-03-15")}).empty());
}

TEST(MonthlyAdvances, FewerCentsThanMonthsGoToTheFirstMonths) {
    std::vector<Advance> advances =
        monthlyAdvances(Money::fromCents(5), 2025, Period{d("2025-01-01"), std::nullopt});
    ASSERT_EQ(advances.size(), 12u);
    for (std::size_t i = 0; i < 12; ++i) EXPECT_EQ(advances[i].amount.cents(), i < 5 ? 1 : 0);
}

TEST(MonthlyAdvances, ZeroBudgetGivesZeroAdvances) {
    std::vector<Advance> advances =
        monthlyAdvances(Money(), 2025, Period{d("2025-01-01"), std::nullopt});
    ASSERT_EQ(advances.size(), 12u);
    EXPECT_EQ(totalCents(advances), 0);
}

TEST(MonthlyAdvances, SumsExactlyForManyBudgetsAndTerms) {
    // Deterministic sweep: every start month and a range of awkward budgets.
    for (unsigned start = 1; start <= 12; ++start) {
        for (std::int64_t cents : {1LL, 7LL, 11LL, 99'999LL, 10'000'001LL, 123'456'789LL}) {
            Period term{
                Date{std::chrono::year{2025}, std::chrono::month{start}, std::chrono::day{1}},
                std::nullopt};
            std::vector<Advance> advances = monthlyAdvances(Money::fromCents(cents), 2025, term);
            ASSERT_EQ(advances.size(), 13u - start);
            EXPECT_EQ(totalCents(advances), cents);
            for (std::size_t i = 1; i < advances.size(); ++i) {
                EXPECT_LE(advances[i].amount, advances[i - 1].amount);
                EXPECT_LE(advances[0].amount.cents() - advances[i].amount.cents(), 1);
            }
        }
    }
}

}  // namespace
}  // namespace zc::contracting
