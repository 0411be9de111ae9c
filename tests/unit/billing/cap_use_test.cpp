// Cap use per window (issue 11): the windows of each frequency, Hall's condition over runs of
// windows, overlap of accepted debits, and the attacks that beat the old per-start-date count.
#include "billing/domain/cap_use.hpp"

#include <gtest/gtest.h>

#include "billing/domain/adjudication.hpp"
#include "claim_fixture.hpp"

namespace zc::billing {
namespace {

using testing::d;
using testing::p;
using zc::Cap;
using zc::Frequency;

constexpr std::int64_t kHour = 60;

// 3 hours a week of Individuele Begeleiding for all of 2026.
AllocationUse weekly3h() {
    return AllocationUse(Cap{3, Unit::Hours, Frequency::PerWeek}, "02",
                         p("2026-01-01", "2027-01-01"));
}

std::string windowsText(const std::vector<CapWindow>& ws) {
    std::string out;
    for (const auto& w : ws) {
        out += formatDate(w.period.begin) + ".." + formatDate(addDays(*w.period.end, -1)) + "=" +
               std::to_string(w.limit) + " ";
    }
    return out;
}

TEST(CapUse, WindowsPerFrequency) {
    const Period year = p("2026-01-01", "2027-01-01");
    // May 2026 begins on a Friday: a broken first week, then four whole weeks (the last one
    // ends on Sunday 31 May).
    EXPECT_EQ(windowsText(capWindowsInMonth(Cap{3, Unit::Hours, Frequency::PerWeek}, "02",
                                            d("2026-05-17"), year)),
              "2026-05-01..2026-05-03=180 2026-05-04..2026-05-10=180 2026-05-11..2026-05-17=180 "
              "2026-05-18..2026-05-24=180 2026-05-25..2026-05-31=180 ");
    // Household help: the month is one window of six weeks.
    EXPECT_EQ(windowsText(capWindowsInMonth(Cap{3, Unit::Hours, Frequency::PerWeek}, "01",
                                            d("2026-05-01"), year)),
              "2026-05-01..2026-05-31=1080 ");
    // A month cap inside an allocation that starts on 10 May: the rest of the month, full volume.
    EXPECT_EQ(windowsText(capWindowsInMonth(Cap{40, Unit::Hours, Frequency::PerMonth}, "02",
                                            d("2026-05-01"), p("2026-05-10", "2026-12-01"))),
              "2026-05-10..2026-05-31=2400 ");
    // Days: one window a day, in the cap's own unit (no minutes for day parts).
    EXPECT_EQ(
        capWindowsInMonth(Cap{2, Unit::DayParts, Frequency::PerDay}, "04", d("2026-02-01"), year)
            .size(),
        28u);
    EXPECT_TRUE(capWindowsInMonth(Cap{100, Unit::Hours, Frequency::TotalInValidity}, "02",
                                  d("2026-05-01"), year)
                    .empty());
    EXPECT_TRUE(
        capWindowsInMonth(Cap{3, Unit::Hours, Frequency::PerWeek}, "02", d("2027-05-01"), year)
            .empty());
}

// Stored lines are in the cap's unit or its counting unit; any other unit cannot be compared.
TEST(CapUse, UsageInHoursOrMinutesCountsInMinutesAndOtherUnitsAreLeftOut) {
    auto use = weekly3h();
    use.addInUnit(p("2026-05-04", "2026-05-05"), 2, Unit::Hours);
    use.addInUnit(p("2026-05-05", "2026-05-06"), 30, Unit::Minutes);
    use.addInUnit(p("2026-05-06", "2026-05-07"), 1, Unit::Pieces);
    EXPECT_EQ(use.total(), 2 * kHour + 30);
    EXPECT_EQ(use.usedInMonth(d("2026-05-01")), 2 * kHour + 30);
}

TEST(CapUse, ThirtyOneOneDayLinesCannotBeatAWeeklyCap) {
    // The attack of issue 11: 31 one-day lines of 3 hours for May against 3 hours a week.
    AllocationUse use = weekly3h();
    std::int64_t accepted = 0;
    for (Date day = d("2026-05-01"); day < d("2026-06-01"); day = addDays(day, 1)) {
        const Period one{day, addDays(day, 1)};
        if (!use.windowBreach(one, 3 * kHour)) {
            use.add(one, 3 * kHour);
            accepted += 3 * kHour;
        }
    }
    EXPECT_EQ(accepted, 15 * kHour);  // one line per ISO week window: 5 × 3 h
}

TEST(CapUse, ASecondLineOverAnAcceptedMonthBreaksTheWindows) {
    // June 2026 (weeks 23..27) on 3 h/week: 15 h. 1–30 June accepted with 15 h.
    AllocationUse use = weekly3h();
    use.add(p("2026-06-01", "2026-07-01"), 15 * kHour);
    EXPECT_TRUE(use.overlapsAccepted(p("2026-06-02", "2026-07-01")));
    const auto breach = use.windowBreach(p("2026-06-02", "2026-07-01"), 14 * kHour);
    ASSERT_TRUE(breach);
    EXPECT_EQ(breach->limit, 15 * kHour);
    EXPECT_EQ(breach->before, 15 * kHour);
    EXPECT_EQ(breach->used, 29 * kHour);
    // Another month has its own windows.
    EXPECT_FALSE(use.windowBreach(p("2026-07-01", "2026-08-01"), 15 * kHour));
    EXPECT_FALSE(use.overlapsAccepted(p("2026-07-01", "2026-08-01")));
}

TEST(CapUse, SplitLinesShareTheWindowTheyBothTouch) {
    // A tariff change on Thursday 11 June splits June: 1–10 June touches weeks 23–24 (6 h),
    // 11–30 June weeks 24–27 (12 h); together at most the month's 15 h.
    AllocationUse use = weekly3h();
    EXPECT_FALSE(use.windowBreach(p("2026-06-01", "2026-06-11"), 6 * kHour));
    use.add(p("2026-06-01", "2026-06-11"), 6 * kHour);
    const auto breach = use.windowBreach(p("2026-06-11", "2026-07-01"), 12 * kHour);
    ASSERT_TRUE(breach);
    EXPECT_EQ(breach->limit, 15 * kHour);
    EXPECT_EQ(breach->used, 18 * kHour);
    EXPECT_FALSE(use.windowBreach(p("2026-06-11", "2026-07-01"), 9 * kHour));
}

TEST(CapUse, CreditFreesTheWindowsAndTheDays) {
    AllocationUse use = weekly3h();
    use.add(p("2026-06-01", "2026-07-01"), 15 * kHour);
    EXPECT_FALSE(use.remove(p("2026-06-01", "2026-07-01"), 14 * kHour));  // no such line
    EXPECT_TRUE(use.remove(p("2026-06-01", "2026-07-01"), 15 * kHour));
    EXPECT_EQ(use.total(), 0);
    EXPECT_FALSE(use.overlapsAccepted(p("2026-06-02", "2026-07-01")));
    EXPECT_FALSE(use.windowBreach(p("2026-06-01", "2026-07-01"), 15 * kHour));
}

TEST(CapUse, TheWorstRunIsReported) {
    // Day cap 2 day parts: 1–2 May accepted with 4. A line for 3–4 May with 5 breaks the run
    // 3–4 May (5 of 4, 125 %) and the run 1–4 May (9 of 8, 112.5 %): the worst is 3–4 May.
    AllocationUse use(Cap{2, Unit::DayParts, Frequency::PerDay}, "04",
                      p("2026-01-01", "2027-01-01"));
    use.add(p("2026-05-01", "2026-05-03"), 4);
    const auto breach = use.windowBreach(p("2026-05-03", "2026-05-05"), 5);
    ASSERT_TRUE(breach);
    EXPECT_EQ(formatDate(breach->window.begin), "2026-05-03");
    EXPECT_EQ(breach->limit, 4);
    EXPECT_EQ(breach->used, 5);
    EXPECT_EQ(use.usedInMonth(d("2026-05-20")), 4);
}

}  // namespace
}  // namespace zc::billing
