#include "contracting/domain/allocation_rules.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

#include "contracting/kernel/errors.hpp"

namespace zc::contracting {
namespace {

Date d(const char* text) { return parseDate(text); }

const Period kDecision{parseDate("2025-01-01"), parseDate("2026-01-01")};
const Cap kGranted{4, Unit::Hours, Frequency::PerWeek};

AllocationCandidate base() {
    AllocationCandidate c;
    c.financing = Financing::Zin;
    c.category = "02";
    c.granted = kGranted;
    c.decision = kDecision;
    c.requested = kGranted;
    c.begin = d("2025-02-01");
    c.end = d("2025-08-01");
    return c;
}

std::string codeOf(const std::function<void()>& f) {
    try {
        f();
    } catch (const ValidationError& e) {
        return e.code();
    }
    return "ok";
}

struct Row {
    const char* name;
    std::function<void(AllocationCandidate&)> change;
    std::vector<ExistingAllocation> current;
    const char* expected;
};

TEST(AllocationRules, TableOfCandidates) {
    const std::vector<ExistingAllocation> earlier{{7, Period{d("2025-01-01"), d("2025-02-01")}}};
    const std::vector<ExistingAllocation> overlapping{{7, Period{d("2025-07-01"), std::nullopt}}};
    const std::vector<Row> rows = {
        {"within everything", [](AllocationCandidate&) {}, {}, "ok"},
        {"adjacent earlier allocation", [](AllocationCandidate&) {}, earlier, "ok"},
        {"PGB grant",
         [](AllocationCandidate& c) { c.financing = Financing::Pgb; },
         {},
         "PGB_NOT_ALLOCATABLE"},
        {"week without end",
         [](AllocationCandidate& c) { c.end.reset(); },
         {},
         "END_DATE_REQUIRED"},
        {"month without end in an open decision",
         [](AllocationCandidate& c) {
             c.end.reset();
             c.decision.end.reset();
             c.granted.frequency = c.requested.frequency = Frequency::PerMonth;
         },
         {},
         "ok"},
        {"end before start",
         [](AllocationCandidate& c) { c.end = d("2025-01-15"); },
         {},
         "INVALID_PERIOD"},
        {"end equals start", [](AllocationCandidate& c) { c.end = c.begin; }, {}, "INVALID_PERIOD"},
        {"end equals start, removed (13)",
         [](AllocationCandidate& c) {
             c.end = c.begin;
             c.reason_code = "13";
         },
         overlapping, "ok"},
        {"start before decision",
         [](AllocationCandidate& c) { c.begin = d("2024-12-31"); },
         {},
         "ALLOCATION_OUTSIDE_DECISION"},
        {"end after decision",
         [](AllocationCandidate& c) { c.end = d("2026-01-02"); },
         {},
         "ALLOCATION_OUTSIDE_DECISION"},
        {"end on decision end", [](AllocationCandidate& c) { c.end = d("2026-01-01"); }, {}, "ok"},
        {"volume above grant",
         [](AllocationCandidate& c) { c.requested.volume = 5; },
         {},
         "VOLUME_EXCEEDS_GRANT"},
        {"volume below grant", [](AllocationCandidate& c) { c.requested.volume = 2; }, {}, "ok"},
        {"zero volume",
         [](AllocationCandidate& c) { c.requested.volume = 0; },
         {},
         "INVALID_VOLUME"},
        {"other frequency",
         [](AllocationCandidate& c) { c.requested.frequency = Frequency::PerMonth; },
         {},
         "VOLUME_EXCEEDS_GRANT"},
        {"other unit",
         [](AllocationCandidate& c) { c.requested.unit = Unit::Minutes; },
         {},
         "VOLUME_EXCEEDS_GRANT"},
        {"overlap same product", [](AllocationCandidate&) {}, overlapping, "ALLOCATION_OVERLAP"},
        {"overlap with itself (a change)", [](AllocationCandidate& c) { c.own_number = 7; },
         overlapping, "ok"},
        {"overlap in category 12 (stackable)", [](AllocationCandidate& c) { c.category = "12"; },
         overlapping, "ok"},
        {"overlap in category 15", [](AllocationCandidate& c) { c.category = "15"; }, overlapping,
         "ALLOCATION_OVERLAP"},
        {"etmalen per day (CS338)",
         [](AllocationCandidate& c) {
             c.granted = c.requested = Cap{1, Unit::Days24h, Frequency::PerDay};
         },
         {},
         "UNIT_FREQUENCY_NOT_ALLOWED"},
        {"8 etmalen per week",
         [](AllocationCandidate& c) {
             c.granted = c.requested = Cap{8, Unit::Days24h, Frequency::PerWeek};
         },
         {},
         "VOLUME_EXCEEDS_CALENDAR_DAYS"},
        {"7 etmalen per week",
         [](AllocationCandidate& c) {
             c.granted = c.requested = Cap{7, Unit::Days24h, Frequency::PerWeek};
         },
         {},
         "ok"},
        {"200 etmalen in total over 181 days",
         [](AllocationCandidate& c) {
             c.granted = c.requested = Cap{200, Unit::Days24h, Frequency::TotalInValidity};
         },
         {},
         "VOLUME_EXCEEDS_CALENDAR_DAYS"},
        {"removed (13) etmalen in total: no period to bound",
         [](AllocationCandidate& c) {
             c.granted = c.requested = Cap{200, Unit::Days24h, Frequency::TotalInValidity};
             c.end = c.begin;
             c.reason_code = "13";
         },
         {},
         "ok"},
    };
    for (const auto& row : rows) {
        AllocationCandidate c = base();
        row.change(c);
        EXPECT_EQ(codeOf([&] { checkAllocation(c, row.current); }), row.expected) << row.name;
    }
}

TEST(AllocationRules, PrecedenceFollowsTheDocumentedOrder) {
    AllocationCandidate c = base();
    c.financing = Financing::Pgb;
    c.end.reset();
    c.requested.volume = 99;
    EXPECT_EQ(codeOf([&] { checkAllocation(c, {}); }), "PGB_NOT_ALLOCATABLE");
    c.financing = Financing::Zin;
    EXPECT_EQ(codeOf([&] { checkAllocation(c, {}); }), "END_DATE_REQUIRED");
    c.end = d("2027-01-01");
    EXPECT_EQ(codeOf([&] { checkAllocation(c, {}); }), "ALLOCATION_OUTSIDE_DECISION");
    c.end = d("2025-06-01");
    EXPECT_EQ(codeOf([&] { checkAllocation(c, {}); }), "VOLUME_EXCEEDS_GRANT");
}

TEST(AllocationRules, ErrorKindsAndFields) {
    try {
        checkPgbCost(Money::fromCents(300'000), Money::fromCents(283'920));
        ADD_FAILURE() << "accepted";
    } catch (const ValidationError& e) {
        EXPECT_EQ(e.code(), "PGB_EXCEEDS_ZIN");
        EXPECT_EQ(e.kind(), ErrorKind::Unprocessable);
        EXPECT_EQ(e.field(), "pgb_budget_cents");
        EXPECT_NE(std::string(e.what()).find("3000.00"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("2839.20"), std::string::npos) << e.what();
    }
    EXPECT_NO_THROW(checkPgbCost(Money::fromCents(283'920), Money::fromCents(283'920)));
    try {
        checkNoOverlap("01", d("2025-01-01"), std::nullopt, 0,
                       {{3, Period{d("2024-01-01"), d("2025-01-02")}}});
        ADD_FAILURE() << "accepted";
    } catch (const ValidationError& e) {
        EXPECT_EQ(e.code(), "ALLOCATION_OVERLAP");
        EXPECT_EQ(e.kind(), ErrorKind::Conflict);
    }
}

TEST(AllocationRules, PgbGrantMustNotOverlapAnAllocationInKind) {
    const Period grant{d("2025-01-01"), d("2026-01-01")};
    EXPECT_EQ(
        codeOf([&] {
            checkPgbDoesNotOverlapAllocations(grant, {{5, Period{d("2025-12-01"), std::nullopt}}});
        }),
        "PGB_OVERLAPS_ALLOCATION");
    EXPECT_EQ(codeOf([&] {
                  checkPgbDoesNotOverlapAllocations(
                      grant, {{5, Period{d("2024-01-01"), d("2025-01-01")}}});
              }),
              "ok");
    // A removed allocation (empty period) is no overlap.
    EXPECT_EQ(codeOf([&] {
                  checkPgbDoesNotOverlapAllocations(
                      grant, {{5, Period{d("2025-03-01"), d("2025-03-01")}}});
              }),
              "ok");
}

TEST(AllocationRules, ReasonCodesAndFinancing) {
    for (const char* ok : {"02", "03", "09", "13", "14"}) EXPECT_EQ(parseChangeReason(ok), ok);
    for (const char* bad : {"01", "00", "15", "1", "2a", "013"}) {
        EXPECT_EQ(codeOf([&] { parseChangeReason(bad); }), "INVALID_REASON_CODE") << bad;
    }
    EXPECT_EQ(parseFinancing("ZIN"), Financing::Zin);
    EXPECT_EQ(parseFinancing("PGB"), Financing::Pgb);
    EXPECT_EQ(codeOf([] { parseFinancing("zin"); }), "INVALID_FINANCING");
    EXPECT_TRUE(categoryMayStack("11"));
    EXPECT_TRUE(categoryMayStack("14"));
    EXPECT_FALSE(categoryMayStack("10"));
    EXPECT_FALSE(categoryMayStack("15"));
}

}  // namespace
}  // namespace zc::contracting
