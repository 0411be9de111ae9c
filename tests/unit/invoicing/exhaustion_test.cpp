#include "invoicing/domain/exhaustion.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <vector>

namespace zc::invoicing {
namespace {

using zc::Cap;
using zc::Frequency;

Date d(const char* text) { return parseDate(text); }
Money m(const char* text) { return Money::parse(text); }
Period p(const char* from, const char* to) { return Period{d(from), d(to)}; }
Period open(const char* from) { return Period{d(from), std::nullopt}; }

// --- remainingCapUnits / committedFor ---

TEST(RemainingCapUnits, WeeklyCapCountsIsoWeeksFromReportDateToAllocationEnd) {
    // Allocation [2025-03-01, 2025-09-01), 4 hours per week, report 2025-06-30 (a Monday).
    // Window [2025-06-30, 2025-09-01): last day 2025-08-31 (a Sunday), whose Monday is
    // 2025-08-25; (08-25 − 06-30) = 56 days = 8 weeks → 9 weeks touched × 4 = 36 hours,
    // minus 3 already accepted in the week of 06-30 → 33.
    Cap cap{4, Unit::Hours, Frequency::PerWeek};
    EXPECT_EQ(
        remainingCapUnits(cap, p("2025-03-01", "2025-09-01"), d("2025-06-30"), d("2026-01-01"), 3),
        33);
    // 33 hours × 65.00 = 2,145.00 committed.
    EXPECT_EQ(committedFor(33, m("65.00")), m("2145.00"));
}

TEST(RemainingCapUnits, MonthlyCapOfOpenAllocationRunsToYearEnd) {
    // 40 hours per month, open-ended since 2025-02-01, report 2025-06-30: window
    // [2025-06-30, 2026-01-01) touches June..December = 7 months × 40 = 280, minus 25 accepted
    // for June → 255.
    Cap cap{40, Unit::Hours, Frequency::PerMonth};
    EXPECT_EQ(remainingCapUnits(cap, open("2025-02-01"), d("2025-06-30"), d("2026-01-01"), 25),
              255);
}

TEST(RemainingCapUnits, DailyCapCountsTheLeapDay) {
    // One 24-hour day per day, February: from the 15th up to 1 March.
    Cap cap{1, Unit::Days24h, Frequency::PerDay};
    // 2024 is a leap year: 15..29 February = 15 days.
    EXPECT_EQ(
        remainingCapUnits(cap, p("2024-02-01", "2024-03-01"), d("2024-02-15"), d("2025-01-01"), 0),
        15);
    // 2025: 15..28 February = 14 days.
    EXPECT_EQ(
        remainingCapUnits(cap, p("2025-02-01", "2025-03-01"), d("2025-02-15"), d("2026-01-01"), 0),
        14);
}

TEST(RemainingCapUnits, YearEndClipsAnAllocationRunningIntoNextYear) {
    // 4 per week, allocation [2025-12-01, 2026-03-01), report 2025-12-15 (a Monday): window
    // [2025-12-15, 2026-01-01) touches the weeks of 12-15, 12-22 and 12-29 (that last one
    // broken by the year end, still whole) = 3 × 4 = 12.
    Cap cap{4, Unit::Hours, Frequency::PerWeek};
    EXPECT_EQ(
        remainingCapUnits(cap, p("2025-12-01", "2026-03-01"), d("2025-12-15"), d("2026-01-01"), 0),
        12);
}

TEST(RemainingCapUnits, Table) {
    struct Row {
        const char* name;
        Cap cap;
        Period allocation;
        const char* from;
        std::int64_t accepted;
        std::int64_t expected;
    };
    const Cap total100{100, Unit::Hours, Frequency::TotalInValidity};
    const Cap week4{4, Unit::Hours, Frequency::PerWeek};
    const Cap month40{40, Unit::Hours, Frequency::PerMonth};
    const std::vector<Row> rows = {
        // Total: 100 − 60 accepted over the validity.
        {"total minus accepted", total100, p("2025-01-01", "2025-12-01"), "2025-06-30", 60, 40},
        {"total never negative", total100, p("2025-01-01", "2025-12-01"), "2025-06-30", 120, 0},
        {"total fully used", total100, p("2025-01-01", "2025-12-01"), "2025-06-30", 100, 0},
        // Ended before the report date: nothing left to commit, whatever the frequency.
        {"ended before report", total100, p("2025-01-01", "2025-06-30"), "2025-06-30", 0, 0},
        {"weekly ended before", week4, p("2025-01-01", "2025-06-01"), "2025-06-30", 0, 0},
        // Starts in next year: outside this budget year.
        {"starts after year", month40, open("2026-01-01"), "2025-06-30", 0, 0},
        // Starts after the report date: window from its begin, [2025-09-15, 2025-11-01) touches
        // September and October = 2 × 40 = 80.
        {"starts after report", month40, p("2025-09-15", "2025-11-01"), "2025-06-30", 0, 80},
        // Accepted more than the window allows (e.g. accepted over the cap after review).
        {"monthly over-accepted", month40, p("2025-06-01", "2025-07-01"), "2025-06-30", 50, 0},
        // One day left in the window: the ISO week of 2025-06-30 counts whole.
        {"single day window", week4, p("2025-06-01", "2025-07-01"), "2025-06-30", 1, 3},
    };
    for (const Row& row : rows) {
        SCOPED_TRACE(row.name);
        EXPECT_EQ(
            remainingCapUnits(row.cap, row.allocation, d(row.from), d("2026-01-01"), row.accepted),
            row.expected);
    }
}

TEST(CommittedFor, IsExactUnitsTimesTariff) {
    EXPECT_EQ(committedFor(0, m("65.00")), Money());
    // 255 hours × 62.37 = 15,904.35 (255 × 6,237 cents = 1,590,435 cents).
    EXPECT_EQ(committedFor(255, m("62.37")).cents(), 1'590'435);
}

// --- completeMonths ---

TEST(CompleteMonths, CountsMonthsEndedByTheEndOfTheReportDay) {
    EXPECT_EQ(completeMonths(2025, d("2025-06-30")), 6);
    EXPECT_EQ(completeMonths(2025, d("2025-06-29")), 5);
    EXPECT_EQ(completeMonths(2025, d("2025-01-01")), 0);
    EXPECT_EQ(completeMonths(2025, d("2025-01-31")), 1);
    EXPECT_EQ(completeMonths(2025, d("2025-12-31")), 12);
    // Leap year: 29 February closes February, 28 February does not.
    EXPECT_EQ(completeMonths(2024, d("2024-02-29")), 2);
    EXPECT_EQ(completeMonths(2024, d("2024-02-28")), 1);
    EXPECT_EQ(completeMonths(2025, d("2025-02-28")), 2);
    // Before and after the budget year.
    EXPECT_EQ(completeMonths(2025, d("2024-12-31")), 0);
    EXPECT_EQ(completeMonths(2025, d("2026-01-15")), 12);
}

// --- exhaustionReport ---

ExhaustionInput briefExample() {
    // Budget 1,000,000.00; paid 400,000.00; accepted 100,000.00; committed 150,000.00 on
    // 2025-06-30. Realised per month January..June: 60k, 70k, 80k, 90k, 100k, 100k = 500,000.00
    // (= paid + accepted).
    return ExhaustionInput{
        m("1000000.00"),
        m("400000.00"),
        m("100000.00"),
        m("150000.00"),
        d("2025-06-30"),
        2025,
        {m("60000"), m("70000"), m("80000"), m("90000"), m("100000"), m("100000")}};
}

TEST(ExhaustionReport, WorkedExampleOnTarget) {
    // exhaustion = 400,000 + 100,000 + 150,000 = 650,000.00 → 6,500 bp; remaining 350,000.00.
    // 6 complete months: run rate = 500,000.00 × 12 / 6 = 1,000,000.00;
    // forecast = max(1,000,000.00, 650,000.00) = 1,000,000.00; deviation 0 bp, no signal.
    ExhaustionReport r = exhaustionReport(briefExample());
    EXPECT_EQ(r.exhaustion, m("650000.00"));
    EXPECT_EQ(r.remaining, m("350000.00"));
    EXPECT_EQ(r.exhaustion_bp, 6'500);
    EXPECT_EQ(r.complete_months, 6);
    EXPECT_EQ(r.run_rate, m("1000000.00"));
    EXPECT_EQ(r.forecast, m("1000000.00"));
    EXPECT_EQ(r.deviation_bp, 0);
    EXPECT_FALSE(r.signal);
}

TEST(ExhaustionReport, WorkedExampleOverspendSignals) {
    // Same spending against a budget of 950,000.00: deviation = 50,000 / 950,000 = 5.263 %
    // → 526.3 bp → 526 bp, above 5 % → signal. Remaining 950,000 − 650,000 = 300,000.00;
    // exhaustion 650,000 / 950,000 = 6,842.1 bp → 6,842.
    ExhaustionInput in = briefExample();
    in.budget = m("950000.00");
    ExhaustionReport r = exhaustionReport(in);
    EXPECT_EQ(r.remaining, m("300000.00"));
    EXPECT_EQ(r.exhaustion_bp, 6'842);
    EXPECT_EQ(r.deviation_bp, 526);
    EXPECT_TRUE(r.signal);
    // With a 6 % threshold the same deviation is tolerated.
    EXPECT_FALSE(exhaustionReport(in, ExhaustionPolicy{Percentage::parse("6")}).signal);
}

TEST(ExhaustionReport, WorkedExampleUnderspendWithinThreshold) {
    // Budget 1,050,000.00: deviation = −50,000 / 1,050,000 = −4.762 % → −476.19 bp → −476.
    ExhaustionInput in = briefExample();
    in.budget = m("1050000.00");
    ExhaustionReport r = exhaustionReport(in);
    EXPECT_EQ(r.deviation_bp, -476);
    EXPECT_FALSE(r.signal);
}

TEST(ExhaustionReport, CommittedFloorsTheForecast) {
    // Slow start: 6 months realised 240,000.00 → run rate 480,000.00; but paid 200,000,
    // accepted 40,000 and committed 700,000 give an exhaustion of 940,000.00, which is the
    // forecast: −6 % → −600 bp → signal.
    ExhaustionInput in = briefExample();
    in.paid = m("200000.00");
    in.accepted_unpaid = m("40000.00");
    in.committed = m("700000.00");
    in.monthly_realised = {m("40000"), m("40000"), m("40000"), m("40000"), m("40000"), m("40000")};
    ExhaustionReport r = exhaustionReport(in);
    EXPECT_EQ(r.run_rate, m("480000.00"));
    EXPECT_EQ(r.exhaustion, m("940000.00"));
    EXPECT_EQ(r.forecast, m("940000.00"));
    EXPECT_EQ(r.deviation_bp, -600);
    EXPECT_TRUE(r.signal);
}

TEST(ExhaustionReport, IncompleteCurrentMonthIsLeftOutOfTheRunRate) {
    // Report 2025-07-15: 6 complete months (Jan..Jun 500,000.00) and 10,000.00 realised in July
    // so far. Run rate = 500,000 × 12 / 6 = 1,000,000.00, not (510,000 × 12 / 7).
    ExhaustionInput in = briefExample();
    in.report_date = d("2025-07-15");
    in.monthly_realised.push_back(m("10000"));
    ExhaustionReport r = exhaustionReport(in);
    EXPECT_EQ(r.complete_months, 6);
    EXPECT_EQ(r.run_rate, m("1000000.00"));
}

TEST(ExhaustionReport, RunRateRoundsHalfUpToCents) {
    struct Row {
        const char* report_date;
        std::vector<Money> realised;
        std::int64_t expected_cents;
    };
    const std::vector<Row> rows = {
        // 7 months, 100.00 realised: 10,000 × 12 / 7 = 17,142.857 → 17,143 cents.
        {"2025-07-31", {m("100.00")}, 17'143},
        // 8 months, 0.03: 3 × 12 / 8 = 4.5 → 5 cents (half-up).
        {"2025-08-31", {m("0.03")}, 5},
        // 8 months, 0.01: 1.5 → 2; 5 months, 0.01: 12 / 5 = 2.4 → 2.
        {"2025-08-31", {m("0.01")}, 2},
        {"2025-05-31", {m("0.01")}, 2},
        // Leap year, 2 months (report on 29 February): (100,000.01 + 50,000.00) × 6
        // = 900,000.06, exact.
        {"2024-02-29", {m("100000.01"), m("50000.00")}, 90'000'006},
        // Missing months count as zero: 12 months, 1,200.00 only in January → 1,200.00.
        {"2025-12-31", {m("1200.00")}, 120'000},
    };
    for (const Row& row : rows) {
        SCOPED_TRACE(row.report_date);
        ExhaustionInput in{m("1000000.00"),
                           Money(),
                           Money(),
                           Money(),
                           d(row.report_date),
                           static_cast<int>(d(row.report_date).year()),
                           row.realised};
        ExhaustionReport r = exhaustionReport(in);
        ASSERT_TRUE(r.run_rate.has_value());
        EXPECT_EQ(r.run_rate->cents(), row.expected_cents);
    }
}

TEST(ExhaustionReport, SignalThresholdIsStrictAndExact) {
    // Year closed (2025-12-31, 12 months): the run rate is the realised total itself.
    // Budget 1,000,000.00, threshold 5 %: exactly ±50,000.00 does not signal, one cent more does.
    struct Row {
        const char* realised;
        std::int64_t deviation_bp;
        bool signal;
    };
    const std::vector<Row> rows = {
        {"1050000.00", 500, false}, {"1050000.01", 500, true}, {"950000.00", -500, false},
        {"949999.99", -500, true},  {"1000000.00", 0, false},  {"1500000.00", 5'000, true},
    };
    for (const Row& row : rows) {
        SCOPED_TRACE(row.realised);
        ExhaustionInput in{m("1000000.00"),  m(row.realised), Money(),
                           Money(),          d("2025-12-31"), 2025,
                           {m(row.realised)}};
        ExhaustionReport r = exhaustionReport(in);
        EXPECT_EQ(r.forecast, m(row.realised));
        EXPECT_EQ(r.deviation_bp, row.deviation_bp);
        EXPECT_EQ(r.signal, row.signal);
    }
}

TEST(ExhaustionReport, BeforeAnySpendingTheBudgetIsTheForecast) {
    // 2025-01-15: no complete month, nothing spent or committed. No run rate; the forecast is
    // the plan (the budget), so no signal.
    ExhaustionInput in{m("1000000.00"), Money(), Money(), Money(), d("2025-01-15"), 2025, {}};
    ExhaustionReport r = exhaustionReport(in);
    EXPECT_EQ(r.exhaustion, Money());
    EXPECT_EQ(r.remaining, m("1000000.00"));
    EXPECT_EQ(r.exhaustion_bp, 0);
    EXPECT_EQ(r.complete_months, 0);
    EXPECT_FALSE(r.run_rate.has_value());
    EXPECT_EQ(r.forecast, m("1000000.00"));
    EXPECT_EQ(r.deviation_bp, 0);
    EXPECT_FALSE(r.signal);
}

TEST(ExhaustionReport, JanuaryCommitmentsBeyondBudgetSignal) {
    // 2025-01-15, committed 1,200,000.00 already: forecast max(budget, exhaustion) =
    // 1,200,000.00, +20 % → 2,000 bp → signal.
    ExhaustionInput in{m("1000000.00"), Money(), Money(), m("1200000.00"),
                       d("2025-01-15"), 2025,    {}};
    ExhaustionReport r = exhaustionReport(in);
    EXPECT_EQ(r.forecast, m("1200000.00"));
    EXPECT_EQ(r.remaining, m("-200000.00"));
    EXPECT_EQ(r.deviation_bp, 2'000);
    EXPECT_TRUE(r.signal);
}

TEST(ExhaustionReport, ZeroBudget) {
    // Nothing budgeted, nothing used: no ratios, no signal.
    ExhaustionInput none{Money(), Money(), Money(), Money(), d("2025-06-30"), 2025, {}};
    ExhaustionReport r = exhaustionReport(none);
    EXPECT_EQ(r.forecast, Money());
    EXPECT_FALSE(r.exhaustion_bp.has_value());
    EXPECT_FALSE(r.deviation_bp.has_value());
    EXPECT_FALSE(r.signal);
    // A single committed cent against a zero budget signals.
    ExhaustionInput some{Money(), Money(), Money(), m("0.01"), d("2025-06-30"), 2025, {}};
    r = exhaustionReport(some);
    EXPECT_EQ(r.remaining, m("-0.01"));
    EXPECT_FALSE(r.deviation_bp.has_value());
    EXPECT_TRUE(r.signal);
}

}  // namespace
}  // namespace zc::invoicing
