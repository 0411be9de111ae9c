#include "contracting/kernel/cap.hpp"

#include <gtest/gtest.h>

#include <limits>
#include <stdexcept>

#include "contracting/kernel/errors.hpp"

namespace zc::contracting {
namespace {

Period p(const char* from, const char* to) { return Period{parseDate(from), parseDate(to)}; }

TEST(Cap, FrequencyNamesAndIwmoCodes) {
    EXPECT_EQ(iwmoFrequencyCode(parseFrequency("day")), "1");
    EXPECT_EQ(iwmoFrequencyCode(parseFrequency("week")), "2");
    EXPECT_EQ(iwmoFrequencyCode(parseFrequency("month")), "4");
    EXPECT_EQ(iwmoFrequencyCode(parseFrequency("total")), "6");
    EXPECT_EQ(frequencyName(Frequency::PerMonth), "month");
    try {
        parseFrequency("year", "products.frequency");
        ADD_FAILURE() << "accepted year";
    } catch (const ValidationError& e) {
        EXPECT_EQ(e.code(), "INVALID_FREQUENCY");
        EXPECT_EQ(e.field(), "products.frequency");
    }
}

TEST(Cap, WeeklyCapCountsEveryIsoWeekTouched) {
    const Cap four_hours_a_week{4, Unit::Hours, Frequency::PerWeek};
    // 2025-01-06 (Monday, week 2) up to 2025-04-01: the last day 31 March is in week 14.
    EXPECT_EQ(maxVolumeOver(four_hours_a_week, p("2025-01-06", "2025-04-01")), 13 * 4);
    // iwmo-3.2.md §11: 6..31 January touches weeks 2..5, March 2025 weeks 9..14.
    EXPECT_EQ(maxVolumeOver(four_hours_a_week, p("2025-01-06", "2025-02-01")), 16);
    EXPECT_EQ(maxVolumeOver(four_hours_a_week, p("2025-03-01", "2025-04-01")), 24);
    // Broken weeks count: Wednesday 1 January to Tuesday 7 January touches two weeks.
    EXPECT_EQ(maxVolumeOver(four_hours_a_week, p("2025-01-01", "2025-01-08")), 8);
    // One day is one week; Monday 30 December 2024 is in ISO week 1 of 2025 with 1..5 January.
    EXPECT_EQ(maxVolumeOver(four_hours_a_week, p("2025-01-01", "2025-01-02")), 4);
    EXPECT_EQ(maxVolumeOver(four_hours_a_week, p("2024-12-30", "2025-01-06")), 4);
}

TEST(Cap, MonthlyCapCountsEveryCalendarMonthTouched) {
    const Cap forty_a_month{40, Unit::Hours, Frequency::PerMonth};
    EXPECT_EQ(maxVolumeOver(forty_a_month, p("2025-01-15", "2025-03-02")), 3 * 40);
    EXPECT_EQ(maxVolumeOver(forty_a_month, p("2025-01-01", "2026-01-01")), 12 * 40);
    EXPECT_EQ(maxVolumeOver(forty_a_month, p("2024-12-31", "2025-01-02")), 2 * 40);
    EXPECT_EQ(maxVolumeOver(forty_a_month, p("2025-02-01", "2025-03-01")), 40);
}

TEST(Cap, DailyAndTotalCaps) {
    EXPECT_EQ(maxVolumeOver({2, Unit::DayParts, Frequency::PerDay}, p("2025-01-01", "2025-01-11")),
              20);
    EXPECT_EQ(maxVolumeOver({100, Unit::Hours, Frequency::TotalInValidity},
                            p("2025-01-01", "2027-01-01")),
              100);
    EXPECT_EQ(maxVolumeOver({100, Unit::Hours, Frequency::TotalInValidity},
                            Period{parseDate("2025-01-01"), std::nullopt}),
              100);
}

TEST(Cap, ZinCostIsMaxVolumeTimesTariffExactly) {
    const Cap cap{4, Unit::Hours, Frequency::PerWeek};
    EXPECT_EQ(zinCost(cap, p("2025-01-06", "2025-04-01"), Money::fromCents(5460)).cents(),
              52 * 5460);
    EXPECT_EQ(zinCost({100, Unit::Hours, Frequency::TotalInValidity}, p("2025-01-01", "2026-01-01"),
                      Money::fromCents(3120))
                  .cents(),
              312000);
}

TEST(Cap, OverflowIsAnErrorNotAWrapAround) {
    const Cap huge{std::numeric_limits<std::int64_t>::max(), Unit::Minutes, Frequency::PerDay};
    EXPECT_THROW(maxVolumeOver(huge, p("2025-01-01", "2025-01-03")), std::overflow_error);
    const Cap big{std::numeric_limits<std::int64_t>::max() / 2, Unit::Hours,
                  Frequency::TotalInValidity};
    EXPECT_THROW(zinCost(big, p("2025-01-01", "2025-01-03"), Money::fromCents(5460)),
                 std::overflow_error);
}

}  // namespace
}  // namespace zc::contracting
