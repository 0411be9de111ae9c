// Cap windows per ProductPeriode (iwmo-3.2.md §11), with the worked examples and a seeded
// comparison against a day-by-day model.
#include "billing/domain/cap_windows.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <set>

namespace zc::billing {
namespace {

using zc::Cap;
using zc::Frequency;

Date d(const char* text) { return parseDate(text); }
Period p(const char* from, const char* to) { return Period{d(from), d(to)}; }

const Cap kFourHoursAWeek{4, Unit::Hours, Frequency::PerWeek};
const Period kFromSixJanuary = p("2025-01-06", "2026-01-01");

TEST(CapWindows, IsoWeeksTouched) {
    struct Row {
        Period period;
        int weeks;
    };
    const std::vector<Row> rows = {
        {p("2025-01-06", "2025-02-01"), 4},  // weeks 2..5
        {p("2025-03-01", "2025-04-01"), 6},  // weeks 9..14
        {p("2025-02-01", "2025-03-01"), 5},  // weeks 5..9
        {p("2021-02-01", "2021-03-01"), 4},  // Monday 1 to Sunday 28: exactly weeks 5..8
        {p("2025-01-01", "2025-01-02"), 1},
        {p("2025-01-05", "2025-01-07"), 2},  // Sunday and Monday
        {p("2024-12-30", "2025-01-06"), 1},  // ISO week 1 of 2025 across the year end
    };
    for (const Row& row : rows) {
        EXPECT_EQ(billing::isoWeeksTouched(row.period), row.weeks) << formatDate(row.period.begin);
    }
}

TEST(CapWindows, WorkedExamplesOfTheStandard) {
    // 4 h/week from 2025-01-06: January (6..31) touches weeks 2..5 → 16; March → 24.
    EXPECT_EQ(
        maxVolumeInPeriod(kFourHoursAWeek, "02", p("2025-01-01", "2025-02-01"), kFromSixJanuary),
        16);
    EXPECT_EQ(
        maxVolumeInPeriod(kFourHoursAWeek, "02", p("2025-03-01", "2025-04-01"), kFromSixJanuary),
        24);
}

TEST(CapWindows, TableOfPeriods) {
    struct Row {
        const char* name;
        Cap cap;
        const char* category;
        Period period;
        Period allocation;
        std::int64_t max;
    };
    const std::vector<Row> rows = {
        {"February: 5 weeks", kFourHoursAWeek, "02", p("2025-02-01", "2025-03-01"), kFromSixJanuary,
         20},
        {"household help: always 6 weeks", kFourHoursAWeek, "01", p("2025-02-01", "2025-03-01"),
         kFromSixJanuary, 24},
        {"household help, broken first month: still 6", kFourHoursAWeek, "01",
         p("2025-01-01", "2025-02-01"), kFromSixJanuary, 24},
        {"household help, a single day: still 6", kFourHoursAWeek, "01",
         p("2025-03-31", "2025-04-01"), kFromSixJanuary, 24},
        {"allocation ends Tuesday 11 March", kFourHoursAWeek, "02", p("2025-03-01", "2025-04-01"),
         p("2025-01-06", "2025-03-12"), 12},
        {"open-ended allocation", kFourHoursAWeek, "02", p("2025-03-01", "2025-04-01"),
         Period{d("2025-01-06"), std::nullopt}, 24},
        {"month: full volume",
         {40, Unit::Hours, Frequency::PerMonth},
         "02",
         p("2025-03-01", "2025-04-01"),
         kFromSixJanuary,
         40},
        {"month: broken first month keeps the full volume",
         {40, Unit::Hours, Frequency::PerMonth},
         "02",
         p("2025-01-01", "2025-02-01"),
         p("2025-01-20", "2025-06-01"),
         40},
        {"day: 22 days inside the allocation",
         {2, Unit::DayParts, Frequency::PerDay},
         "07",
         p("2025-03-01", "2025-04-01"),
         p("2025-03-10", "2025-06-01"),
         44},
        {"day: whole month",
         {1, Unit::Days24h, Frequency::PerDay},
         "15",
         p("2025-03-01", "2025-04-01"),
         p("2025-01-01", "2026-01-01"),
         31},
        {"total: no per-period limit",
         {100, Unit::Hours, Frequency::TotalInValidity},
         "02",
         p("2025-03-01", "2025-04-01"),
         kFromSixJanuary,
         kNoPeriodLimit},
    };
    for (const Row& row : rows) {
        EXPECT_EQ(maxVolumeInPeriod(row.cap, row.category, row.period, row.allocation), row.max)
            << row.name;
    }
}

TEST(CapWindows, WholeAllocation) {
    EXPECT_EQ(maxVolumeOverAllocation(kFourHoursAWeek, p("2025-01-06", "2025-04-01")), 52);
    EXPECT_EQ(maxVolumeOverAllocation(kFourHoursAWeek, Period{d("2025-01-06"), std::nullopt}),
              std::nullopt);
    EXPECT_EQ(maxVolumeOverAllocation({100, Unit::Hours, Frequency::TotalInValidity},
                                      Period{d("2025-01-06"), std::nullopt}),
              100);
    EXPECT_EQ(maxVolumeOverAllocation({40, Unit::Hours, Frequency::PerMonth},
                                      p("2025-01-20", "2025-03-02")),
              120);
}

TEST(CapWindows, CountingUnits) {
    EXPECT_EQ(capCountingUnit(Unit::Hours), Unit::Minutes);
    EXPECT_EQ(capCountingUnit(Unit::DayParts), Unit::DayParts);
    EXPECT_EQ(toCapCountingUnit(3, Unit::Hours, Unit::Hours), 180);
    EXPECT_EQ(toCapCountingUnit(75, Unit::Minutes, Unit::Hours), 75);
    EXPECT_EQ(toCapCountingUnit(75, Unit::Minutes, Unit::Minutes), 75);
    EXPECT_EQ(toCapCountingUnit(5, Unit::DayParts, Unit::DayParts), 5);
}

// The model: walk the days of the period inside the allocation and count distinct Mondays.
std::int64_t modelWeeks(const Period& period, const Period& allocation) {
    std::set<std::int64_t> mondays;
    for (Date day = period.begin; day < *period.end; day = addDays(day, 1)) {
        if (!allocation.contains(day)) continue;
        const std::chrono::sys_days sd{day};
        const auto iso = std::chrono::weekday{sd}.iso_encoding();
        mondays.insert((sd - std::chrono::days{iso - 1}).time_since_epoch().count());
    }
    return static_cast<std::int64_t>(mondays.size());
}

TEST(CapWindows, SeededWeeklyCapsMatchADayByDayModel) {
    const auto seed = std::random_device{}();
    std::mt19937 rng(seed);
    SCOPED_TRACE("seed " + std::to_string(seed) + " (replay with std::mt19937(seed))");
    const Date origin = d("2024-01-01");
    constexpr int kCases = 500;
    for (int i = 0; i < kCases; ++i) {
        const Date month_start = addMonths(origin, static_cast<int>(rng() % 36));
        const Period month{month_start, addMonths(month_start, 1)};
        const Date alloc_begin = addDays(month_start, static_cast<int>(rng() % 60) - 30);
        const Date alloc_end = addDays(alloc_begin, 1 + static_cast<int>(rng() % 120));
        const Period allocation{alloc_begin, alloc_end};
        if (!allocation.overlaps(month)) continue;
        const std::int64_t volume = 1 + rng() % 10;
        const Cap cap{volume, Unit::Hours, Frequency::PerWeek};
        ASSERT_EQ(maxVolumeInPeriod(cap, "02", month, allocation),
                  modelWeeks(month, allocation) * volume)
            << formatDate(month.begin) << " in " << formatDate(alloc_begin) << ".."
            << formatDate(alloc_end);
        ASSERT_EQ(maxVolumeInPeriod(cap, "01", month, allocation), 6 * volume);
    }
}

}  // namespace
}  // namespace zc::billing
