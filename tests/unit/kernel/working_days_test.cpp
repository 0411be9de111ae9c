#include "contracting/kernel/working_days.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <utility>
#include <vector>

namespace zc {
namespace {

TEST(WorkingDays, SkipsTheWeekend) {
    // Thursday 2025-01-09 + 3 working days = Tuesday 2025-01-14.
    EXPECT_EQ(formatDate(addWorkingDays(parseDate("2025-01-09"), 3)), "2025-01-14");
    // Friday + 1 = Monday.
    EXPECT_EQ(formatDate(addWorkingDays(parseDate("2025-01-10"), 1)), "2025-01-13");
    // From a Saturday, 5 working days = the next Friday.
    EXPECT_EQ(formatDate(addWorkingDays(parseDate("2025-01-11"), 5)), "2025-01-17");
    EXPECT_EQ(formatDate(addWorkingDays(parseDate("2025-01-11"), 0)), "2025-01-11");
}

TEST(WorkingDays, KnowsWeekendDays) {
    EXPECT_FALSE(isWorkingDay(parseDate("2025-01-11")));
    EXPECT_FALSE(isWorkingDay(parseDate("2025-01-12")));
    EXPECT_TRUE(isWorkingDay(parseDate("2025-01-13")));
}

TEST(WorkingDays, EasterSundayMatchesKnownDates) {
    const struct {
        int year;
        const char* easter;
    } cases[] = {
        {2024, "2024-03-31"},
        {2025, "2025-04-20"},
        {2026, "2026-04-05"},
        {2027, "2027-03-28"},
        {2028, "2028-04-16"},
        {2029, "2029-04-01"},
        {2030, "2030-04-21"},
        // Outside the table: the edges of the date range and the earliest/late extremes.
        {1900, "1900-04-15"},
        {2000, "2000-04-23"},
        {2038, "2038-04-25"},
        {2285, "2285-03-22"},
        {2999, "2999-03-24"},
    };
    for (const auto& c : cases) {
        EXPECT_EQ(formatDate(easterSunday(c.year)), c.easter) << c.year;
    }
}

// Every general holiday (algemeen erkende feestdag, Algemene termijnenwet art. 3) of 2024-2030,
// in the order: Nieuwjaarsdag, tweede Paasdag, Koningsdag, Bevrijdingsdag, Hemelvaartsdag,
// tweede Pinksterdag, eerste Kerstdag, tweede Kerstdag.
constexpr const char* kHolidays2024To2030[][8] = {
    {"2024-01-01", "2024-04-01", "2024-04-27", "2024-05-05", "2024-05-09", "2024-05-20",
     "2024-12-25", "2024-12-26"},
    {"2025-01-01", "2025-04-21", "2025-04-26", "2025-05-05", "2025-05-29", "2025-06-09",
     "2025-12-25", "2025-12-26"},
    {"2026-01-01", "2026-04-06", "2026-04-27", "2026-05-05", "2026-05-14", "2026-05-25",
     "2026-12-25", "2026-12-26"},
    {"2027-01-01", "2027-03-29", "2027-04-27", "2027-05-05", "2027-05-06", "2027-05-17",
     "2027-12-25", "2027-12-26"},
    {"2028-01-01", "2028-04-17", "2028-04-27", "2028-05-05", "2028-05-25", "2028-06-05",
     "2028-12-25", "2028-12-26"},
    {"2029-01-01", "2029-04-02", "2029-04-27", "2029-05-05", "2029-05-10", "2029-05-21",
     "2029-12-25", "2029-12-26"},
    {"2030-01-01", "2030-04-22", "2030-04-27", "2030-05-05", "2030-05-30", "2030-06-10",
     "2030-12-25", "2030-12-26"},
};

TEST(WorkingDays, GeneralHolidaysOf2024To2030AreExactlyTheTable) {
    std::set<std::string> expected;
    for (const auto& year : kHolidays2024To2030) {
        for (const char* day : year) {
            expected.insert(day);
            EXPECT_TRUE(isGeneralHoliday(parseDate(day))) << day;
            EXPECT_FALSE(isWorkingDay(parseDate(day))) << day;
        }
    }
    ASSERT_EQ(expected.size(), 7u * 8u);
    // No other day of those years is a holiday.
    std::set<std::string> found;
    for (Date d = parseDate("2024-01-01"); d <= parseDate("2030-12-31"); d = addDays(d, 1)) {
        if (isGeneralHoliday(d)) found.insert(formatDate(d));
    }
    EXPECT_EQ(found, expected);
}

TEST(WorkingDays, KingsDayMovesToSaturdayWhenThe27thIsASunday) {
    // 27 April 2025 is a Sunday: Koningsdag is Saturday 26 April.
    EXPECT_TRUE(isGeneralHoliday(parseDate("2025-04-26")));
    EXPECT_FALSE(isGeneralHoliday(parseDate("2025-04-27")));
    EXPECT_TRUE(isWorkingDay(parseDate("2025-04-25")));
    EXPECT_TRUE(isWorkingDay(parseDate("2025-04-28")));
    // On a weekday it takes the day: Monday 27 April 2026.
    EXPECT_FALSE(isWorkingDay(parseDate("2026-04-27")));
    EXPECT_FALSE(isGeneralHoliday(parseDate("2026-04-26")));
}

TEST(WorkingDays, GoodFridayAndOtherDaysAreWorkingDays) {
    // Goede Vrijdag is not a general holiday under the Algemene termijnenwet.
    EXPECT_FALSE(isGeneralHoliday(parseDate("2025-04-18")));
    EXPECT_TRUE(isWorkingDay(parseDate("2025-04-18")));
    // Nor are Christmas Eve, New Year's Eve or 4 May (Dodenherdenking).
    EXPECT_TRUE(isWorkingDay(parseDate("2025-12-24")));
    EXPECT_TRUE(isWorkingDay(parseDate("2025-12-31")));
    EXPECT_TRUE(isWorkingDay(parseDate("2026-05-04")));
    // Easter Sunday and Whit Sunday are not in the list (they are Sundays anyway).
    EXPECT_FALSE(isGeneralHoliday(parseDate("2025-04-20")));
    EXPECT_FALSE(isGeneralHoliday(parseDate("2025-06-08")));
    EXPECT_FALSE(isWorkingDay(parseDate("2025-04-20")));
}

TEST(WorkingDays, DeadlinesSkipGeneralHolidays) {
    const struct {
        const char* from;
        int n;
        const char* due;
        const char* why;
    } cases[] = {
        // 10 working days from Thursday 18 Dec 2025: skips both Christmas days and New Year.
        {"2025-12-18", 10, "2026-01-06", "Christmas and New Year"},
        {"2024-12-20", 10, "2025-01-08", "Christmas and New Year"},
        // 3 working days from Wednesday 28 May 2025 over Ascension (Thursday 29 May).
        {"2025-05-28", 3, "2025-06-03", "Ascension"},
        // 3 working days from Maundy Thursday 17 Apr 2025: Good Friday counts, Easter Monday
        // does not.
        {"2025-04-17", 3, "2025-04-23", "Easter Monday"},
        // Whit Monday 9 Jun 2025.
        {"2025-06-06", 1, "2025-06-10", "Whit Monday"},
        // 5 working days over Koningsdag (Monday 27 Apr 2026).
        {"2026-04-24", 5, "2026-05-04", "Kings Day"},
        // 5 working days over Bevrijdingsdag (Tuesday 5 May 2026).
        {"2026-04-30", 5, "2026-05-08", "Liberation Day"},
        // Easter Monday 17 Apr 2028, a week before Koningsdag (Thursday 27 Apr 2028).
        {"2028-04-13", 5, "2028-04-21", "Easter Monday"},
        {"2025-12-31", 1, "2026-01-02", "New Year"},
        // Counting from a holiday starts on the next working day.
        {"2025-12-25", 1, "2025-12-29", "from Christmas"},
        {"2025-12-25", 0, "2025-12-25", "zero days"},
    };
    for (const auto& c : cases) {
        EXPECT_EQ(formatDate(addWorkingDays(parseDate(c.from), c.n)), c.due)
            << c.from << " + " << c.n << " (" << c.why << ")";
    }
}

// The bank calendar (TARGET2) closes on six days a year, which differ from the Dutch holidays.
TEST(BankBusinessDays, FollowTheTarget2Calendar) {
    const std::vector<std::pair<const char*, bool>> days = {
        {"2026-01-01", false},                         // New Year's Day
        {"2026-01-02", true},  {"2026-04-03", false},  // Good Friday
        {"2026-04-06", false},                         // Easter Monday
        {"2026-04-27", true},                          // Koningsdag: banks work
        {"2026-05-01", false},                         // Labour Day
        {"2026-05-05", true},                          // Bevrijdingsdag
        {"2026-05-14", true},                          // Hemelvaartsdag
        {"2026-05-25", true},                          // Whit Monday
        {"2026-12-25", false},                         // Christmas
        {"2026-12-28", true},  {"2026-12-26", false},  // a Saturday
        {"2027-12-24", true},                          // Christmas Eve, a Friday
    };
    for (const auto& [day, open] : days) {
        EXPECT_EQ(isBankBusinessDay(parseDate(day)), open) << day;
    }
}

}  // namespace
}  // namespace zc
