// The decision's granted volume binds all its allocations together
// (contracting/domain/decision_cap.hpp).
#include "contracting/domain/decision_cap.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

#include "contracting/kernel/errors.hpp"

namespace zc::contracting {
namespace {

Date d(const char* text) { return parseDate(text); }
Period p(const char* from, const char* to) {
    return {d(from), to ? std::optional(d(to)) : std::nullopt};
}

std::string codeOf(const std::function<void()>& f) {
    try {
        f();
    } catch (const ValidationError& e) {
        return e.code();
    }
    return "ok";
}

const Cap kWeekly{4, Unit::Hours, Frequency::PerWeek};
const Cap kMonthly{40, Unit::Hours, Frequency::PerMonth};
// Monday 2025-01-06 up to Tuesday 2025-04-01: ISO weeks 2..14, 13 weeks, 52 hours.
const Period kQuarter = {parseDate("2025-01-06"), parseDate("2025-04-01")};
const Period kYear = {parseDate("2025-01-01"), parseDate("2026-01-01")};
const Period kOpen = {parseDate("2025-01-01"), std::nullopt};

GrantUse use(std::int64_t number, Cap cap, Period validity) { return {number, cap, validity}; }
Cap weekly(std::int64_t v) { return {v, Unit::Hours, Frequency::PerWeek}; }
Cap monthly(std::int64_t v) { return {v, Unit::Hours, Frequency::PerMonth}; }
Cap total(std::int64_t v, Unit u = Unit::Hours) { return {v, u, Frequency::TotalInValidity}; }

struct Row {
    const char* name;
    Cap granted;
    Period decision;
    std::vector<GrantUse> allocations;
    std::int64_t granted_units;
    std::int64_t allocated_units;
    const char* expected;
};

TEST(DecisionCap, TableOfAllocations) {
    const std::vector<Row> rows = {
        {"one allocation, the whole grant",
         kWeekly,
         kQuarter,
         {use(1, weekly(4), kQuarter)},
         52,
         52,
         "ok"},
        {"switch of provider on a Monday",
         kWeekly,
         kQuarter,
         {use(1, weekly(4), p("2025-01-06", "2025-03-10")),
          use(0, weekly(4), p("2025-03-10", "2025-04-01"))},
         52,
         36 + 16,
         "ok"},
        {"switch on a Wednesday: week 10 twice in full",
         kWeekly,
         kQuarter,
         {use(1, weekly(4), p("2025-01-06", "2025-03-05")),
          use(0, weekly(4), p("2025-03-05", "2025-04-01"))},
         52,
         36 + 20,
         "DECISION_VOLUME_EXCEEDED"},
        {"switch on a Wednesday at 3 hours",
         kWeekly,
         kQuarter,
         {use(1, weekly(4), p("2025-01-06", "2025-03-05")),
          use(0, weekly(3), p("2025-03-05", "2025-04-01"))},
         52,
         36 + 15,
         "ok"},
        {"a withdrawn allocation uses nothing",
         kWeekly,
         kQuarter,
         {use(1, weekly(4), kQuarter), use(2, weekly(4), p("2025-03-05", "2025-03-05"))},
         52,
         52,
         "ok"},
        {"an allocation reaching outside counts only inside",
         kWeekly,
         kQuarter,
         {use(1, weekly(4), p("2024-12-02", "2025-02-03")),
          use(0, weekly(4), p("2025-02-03", "2025-04-01"))},
         52,
         16 + 36,
         "ok"},
        {"stacked aids: one granted, two allocated",
         total(1, Unit::Pieces),
         kOpen,
         {use(1, total(1, Unit::Pieces), p("2025-01-01", nullptr)),
          use(0, total(1, Unit::Pieces), p("2025-03-01", nullptr))},
         1,
         2,
         "DECISION_VOLUME_EXCEEDED"},
        {"total split over two providers",
         total(100),
         kYear,
         {use(1, total(60), p("2025-01-01", "2025-06-01")),
          use(0, total(40), p("2025-06-01", "2026-01-01"))},
         100,
         100,
         "ok"},
        {"total split, one hour too many",
         total(100),
         kYear,
         {use(1, total(60), p("2025-01-01", "2025-06-01")),
          use(0, total(41), p("2025-06-01", "2026-01-01"))},
         100,
         101,
         "DECISION_VOLUME_EXCEEDED"},
        {"monthly, switch mid-March",
         kMonthly,
         kYear,
         {use(1, monthly(40), p("2025-01-01", "2025-03-15")),
          use(0, monthly(40), p("2025-03-15", "2026-01-01"))},
         480,
         120 + 400,
         "DECISION_VOLUME_EXCEEDED"},
        {"monthly, switch on 1 April",
         kMonthly,
         kYear,
         {use(1, monthly(40), p("2025-01-01", "2025-04-01")),
          use(0, monthly(40), p("2025-04-01", "2026-01-01"))},
         480,
         120 + 360,
         "ok"},
        {"open decision, switch mid-March to an open end",
         kMonthly,
         kOpen,
         {use(1, monthly(40), p("2025-01-01", "2025-03-15")),
          use(0, monthly(40), p("2025-03-15", nullptr))},
         120,
         160,
         "DECISION_VOLUME_EXCEEDED"},
        {"open decision, switch on 1 April to an open end",
         kMonthly,
         kOpen,
         {use(1, monthly(40), p("2025-01-01", "2025-04-01")),
          use(0, monthly(40), p("2025-04-01", nullptr))},
         160,
         160,
         "ok"},
        {"open decision, two open-ended allocations stacked",
         kMonthly,
         kOpen,
         {use(1, monthly(10), p("2025-01-01", nullptr)),
          use(0, monthly(40), p("2025-12-01", nullptr))},
         480,
         160,
         "DECISION_VOLUME_EXCEEDED"},
        {"per day, adjacent",
         {2, Unit::Hours, Frequency::PerDay},
         p("2025-01-01", "2025-01-11"),
         {use(1, {2, Unit::Hours, Frequency::PerDay}, p("2025-01-01", "2025-01-06")),
          use(0, {2, Unit::Hours, Frequency::PerDay}, p("2025-01-06", "2025-01-11"))},
         20,
         20,
         "ok"},
        {"per day, one day shared",
         {2, Unit::Hours, Frequency::PerDay},
         p("2025-01-01", "2025-01-11"),
         {use(1, {2, Unit::Hours, Frequency::PerDay}, p("2025-01-01", "2025-01-07")),
          use(0, {2, Unit::Hours, Frequency::PerDay}, p("2025-01-06", "2025-01-11"))},
         20,
         22,
         "DECISION_VOLUME_EXCEEDED"},
    };
    for (const auto& r : rows) {
        const auto t = decisionCapTotals(r.granted, r.decision, r.allocations);
        EXPECT_EQ(t.granted, r.granted_units) << r.name;
        EXPECT_EQ(t.allocated, r.allocated_units) << r.name;
        EXPECT_EQ(
            codeOf([&] { checkAllocationsWithinDecision(r.granted, r.decision, r.allocations); }),
            r.expected)
            << r.name;
    }
}

TEST(DecisionCap, AChangeThatUsesNoMoreIsRecognised) {
    const GrantUse before = use(1, weekly(4), p("2025-01-06", "2025-04-01"));
    struct Case {
        const char* name;
        GrantUse after;
        bool expected;
    };
    const std::vector<Case> cases = {
        {"unchanged", before, true},
        {"earlier end", use(1, weekly(4), p("2025-01-06", "2025-03-01")), true},
        {"lower volume", use(1, weekly(3), p("2025-01-06", "2025-04-01")), true},
        {"withdrawn", use(1, weekly(4), p("2025-01-06", "2025-01-06")), true},
        {"later end", use(1, weekly(4), p("2025-01-06", "2025-04-02")), false},
        {"open end", use(1, weekly(4), p("2025-01-06", nullptr)), false},
        {"higher volume", use(1, weekly(5), p("2025-01-06", "2025-03-01")), false},
        {"earlier start", use(1, weekly(4), p("2025-01-01", "2025-03-01")), false},
        {"other frequency", use(1, monthly(4), p("2025-01-06", "2025-03-01")), false},
    };
    for (const auto& c : cases) EXPECT_EQ(usesNoMoreThan(c.after, before), c.expected) << c.name;
    EXPECT_TRUE(usesNoMoreThan(use(1, weekly(4), p("2025-01-06", "2025-03-01")),
                               use(1, weekly(4), p("2025-01-06", nullptr))));
}

TEST(DecisionCap, RefusalNamesBothTotals) {
    try {
        checkAllocationsWithinDecision(kWeekly, kQuarter,
                                       {use(1, weekly(4), p("2025-01-06", "2025-03-05")),
                                        use(0, weekly(4), p("2025-03-05", "2025-04-01"))});
        ADD_FAILURE() << "accepted";
    } catch (const ValidationError& e) {
        EXPECT_EQ(e.field(), "volume");
        EXPECT_EQ(e.kind(), ErrorKind::Unprocessable);
        EXPECT_NE(std::string(e.what()).find("56 hours"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("52"), std::string::npos) << e.what();
    }
}

}  // namespace
}  // namespace zc::contracting
