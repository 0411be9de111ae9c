#include "contracting/kernel/civil_date.hpp"

#include <gtest/gtest.h>

#include "contracting/kernel/errors.hpp"

namespace zc {
namespace {

using std::chrono::day;
using std::chrono::month;
using std::chrono::year;

Date ymd(int y, unsigned m, unsigned d) { return Date{year{y}, month{m}, day{d}}; }

class FixedClock : public Clock {
  public:
    explicit FixedClock(std::chrono::system_clock::time_point t) : t_(t) {}
    std::chrono::system_clock::time_point now() const override { return t_; }

  private:
    std::chrono::system_clock::time_point t_;
};

TEST(ParseDate, ParsesStrictIsoDates) {
    EXPECT_EQ(parseDate("2025-01-31"), ymd(2025, 1, 31));
    EXPECT_EQ(parseDate("2024-02-29"), ymd(2024, 2, 29));
    EXPECT_EQ(parseDate("1900-01-01"), ymd(1900, 1, 1));
    EXPECT_EQ(parseDate("2999-12-31"), ymd(2999, 12, 31));
}

TEST(ParseDate, RefusesMalformedImpossibleOrOutOfRangeDates) {
    for (const char* bad : {"",           "2025-1-31",   "2025-01-1",   "25-01-31",
                            "2025/01/31", "2025-01-31 ", " 2025-01-31", "2025-01-31T00:00",
                            "2025-13-01", "2025-00-10",  "2025-01-00",  "2025-02-29",
                            "2023-02-29", "2100-02-29",  "2025-04-31",  "1899-12-31",
                            "3000-01-01", "20250131",    "2025-0a-31",  "+025-01-31",
                            "-025-01-31"}) {
        SCOPED_TRACE(bad);
        EXPECT_FALSE(tryParseDate(bad).has_value());
        try {
            parseDate(bad, "valid_from");
            FAIL() << "accepted " << bad;
        } catch (const ValidationError& e) {
            EXPECT_EQ(e.code(), "INVALID_DATE");
            EXPECT_EQ(e.field(), "valid_from");
        }
    }
}

TEST(ParseDate, UsesDateAsDefaultField) {
    try {
        parseDate("nope");
        FAIL();
    } catch (const ValidationError& e) {
        EXPECT_EQ(e.field(), "date");
    }
}

TEST(FormatDate, WritesZeroPaddedIsoDate) {
    EXPECT_EQ(formatDate(ymd(2025, 3, 7)), "2025-03-07");
    EXPECT_EQ(formatDate(ymd(1900, 12, 31)), "1900-12-31");
    EXPECT_EQ(formatDate(parseDate("2024-02-29")), "2024-02-29");
}

TEST(AddDays, CrossesMonthAndYearBoundaries) {
    EXPECT_EQ(addDays(ymd(2024, 12, 31), 1), ymd(2025, 1, 1));
    EXPECT_EQ(addDays(ymd(2024, 2, 28), 1), ymd(2024, 2, 29));
    EXPECT_EQ(addDays(ymd(2025, 3, 1), -1), ymd(2025, 2, 28));
    EXPECT_EQ(addDays(ymd(2025, 3, 1), 0), ymd(2025, 3, 1));
}

TEST(AddMonths, ClampsToTheLastDayOfTheMonth) {
    EXPECT_EQ(addMonths(ymd(2025, 1, 31), 1), ymd(2025, 2, 28));
    EXPECT_EQ(addMonths(ymd(2024, 1, 31), 1), ymd(2024, 2, 29));
    EXPECT_EQ(addMonths(ymd(2025, 3, 31), -1), ymd(2025, 2, 28));
    EXPECT_EQ(addMonths(ymd(2025, 11, 15), 2), ymd(2026, 1, 15));
    EXPECT_EQ(addMonths(ymd(2025, 1, 15), -1), ymd(2024, 12, 15));
    EXPECT_EQ(addMonths(ymd(2025, 5, 30), 12), ymd(2026, 5, 30));
}

TEST(DaysBetween, CountsToMinusFrom) {
    EXPECT_EQ(daysBetween(ymd(2025, 1, 1), ymd(2026, 1, 1)), 365);
    EXPECT_EQ(daysBetween(ymd(2024, 1, 1), ymd(2025, 1, 1)), 366);
    EXPECT_EQ(daysBetween(ymd(2025, 3, 1), ymd(2025, 2, 1)), -28);
    EXPECT_EQ(daysBetween(ymd(2025, 3, 1), ymd(2025, 3, 1)), 0);
}

TEST(Period, ContainsItsBeginButNotItsEnd) {
    Period p{ymd(2025, 1, 1), ymd(2025, 2, 1)};
    EXPECT_TRUE(p.contains(ymd(2025, 1, 1)));
    EXPECT_TRUE(p.contains(ymd(2025, 1, 31)));
    EXPECT_FALSE(p.contains(ymd(2025, 2, 1)));
    EXPECT_FALSE(p.contains(ymd(2024, 12, 31)));
}

TEST(Period, OpenEndContainsEveryLaterDate) {
    Period p{ymd(2025, 1, 1), std::nullopt};
    EXPECT_TRUE(p.contains(ymd(2999, 12, 31)));
    EXPECT_FALSE(p.contains(ymd(2024, 12, 31)));
}

TEST(Period, AdjacentPeriodsDoNotOverlap) {
    Period jan{ymd(2025, 1, 1), ymd(2025, 2, 1)};
    Period feb{ymd(2025, 2, 1), ymd(2025, 3, 1)};
    EXPECT_FALSE(jan.overlaps(feb));
    EXPECT_FALSE(feb.overlaps(jan));
}

TEST(Period, SharedDayMeansOverlap) {
    Period jan{ymd(2025, 1, 1), ymd(2025, 2, 1)};
    Period late_jan{ymd(2025, 1, 31), ymd(2025, 3, 1)};
    Period inside{ymd(2025, 1, 10), ymd(2025, 1, 11)};
    EXPECT_TRUE(jan.overlaps(late_jan));
    EXPECT_TRUE(late_jan.overlaps(jan));
    EXPECT_TRUE(jan.overlaps(inside));
    EXPECT_TRUE(inside.overlaps(jan));
}

TEST(Period, OpenEndedPeriodsOverlapLaterPeriods) {
    Period open{ymd(2025, 1, 1), std::nullopt};
    Period later{ymd(2030, 1, 1), ymd(2030, 2, 1)};
    Period earlier{ymd(2024, 1, 1), ymd(2025, 1, 1)};
    Period other_open{ymd(2040, 1, 1), std::nullopt};
    EXPECT_TRUE(open.overlaps(later));
    EXPECT_TRUE(later.overlaps(open));
    EXPECT_FALSE(open.overlaps(earlier));
    EXPECT_FALSE(earlier.overlaps(open));
    EXPECT_TRUE(open.overlaps(other_open));
}

TEST(Period, IsValidOnlyWhenEndAfterBegin) {
    EXPECT_TRUE((Period{ymd(2025, 1, 1), ymd(2025, 1, 2)}.isValid()));
    EXPECT_TRUE((Period{ymd(2025, 1, 1), std::nullopt}.isValid()));
    EXPECT_FALSE((Period{ymd(2025, 1, 1), ymd(2025, 1, 1)}.isValid()));
    EXPECT_FALSE((Period{ymd(2025, 1, 2), ymd(2025, 1, 1)}.isValid()));
}

TEST(Clock, TodayIsTheUtcDateOfNow) {
    using namespace std::chrono;
    sys_days day_start{ymd(2025, 6, 30)};
    EXPECT_EQ(FixedClock(day_start).today(), ymd(2025, 6, 30));
    EXPECT_EQ(FixedClock(day_start + hours{23} + minutes{59} + seconds{59}).today(),
              ymd(2025, 6, 30));
    EXPECT_EQ(FixedClock(day_start + hours{24}).today(), ymd(2025, 7, 1));
    EXPECT_EQ(FixedClock(day_start - nanoseconds{1}).today(), ymd(2025, 6, 29));
}

TEST(SystemClock, TodayIsAPlausibleDate) {
    Date today = SystemClock().today();
    EXPECT_TRUE(today.ok());
    EXPECT_GE(today, ymd(2024, 1, 1));
}

}  // namespace
}  // namespace zc
