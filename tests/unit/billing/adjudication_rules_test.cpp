// One table per rule function of billing/domain/adjudication.hpp: row = change to a valid
// claim → expected outcome ("ok", "<retourcode> <reason>", or "review <retourcode> <reason>").
#include <gtest/gtest.h>

#include <set>

#include "billing/domain/adjudication.hpp"
#include "claim_fixture.hpp"

namespace zc::billing {
namespace {

using namespace testing;
using zc::Frequency;

TEST(AdjudicationRules, ReasonsHaveNamesAndCodesInPrecedenceOrder) {
    const auto& reasons = allReasons();
    ASSERT_EQ(reasons.size(), 28u);
    std::set<std::string> names;
    for (std::size_t i = 0; i < reasons.size(); ++i) {
        EXPECT_EQ(static_cast<std::size_t>(reasons[i]), i) << "table order = declaration order";
        EXPECT_EQ(reasonCode(reasons[i]).size(), 4u) << reasonName(reasons[i]);
        names.insert(reasonName(reasons[i]));
    }
    EXPECT_EQ(names.size(), reasons.size());
    EXPECT_EQ(reasonName(Reason::NotZin), "not_zin");
    EXPECT_EQ(reasonCode(Reason::NotZin), "9338");
    EXPECT_EQ(reasonCode(Reason::NoActiveContract), "0611");
    EXPECT_EQ(reasonCode(Reason::LateDeclaration), "9319");
}

TEST(AdjudicationRules, AllocationBelongsToProvider) {
    runTable(
        {
            {"own allocation", [](Case&) {}, "ok"},
            {"unknown allocation", [](Case& c) { c.allocation.reset(); },
             "9338 allocation_not_found"},
            {"another provider's", [](Case& c) { c.alloc().provider_id = kOtherProvider; },
             "9338 allocation_not_found"},
            {"claiming as another provider", [](Case& c) { c.provider_id = kOtherProvider; },
             "9338 allocation_not_found"},
            {"facts of another number", [](Case& c) { c.line.allocation_number = 1002; },
             "9338 allocation_not_found"},
        },
        [](Case& c) { return checkAllocationBelongs(c.line, c.provider_id, c.allocation); });
}

TEST(AdjudicationRules, AllocationIsPaidByTheRecipient) {
    runTable(
        {
            {"paid by the recipient", [](Case&) {}, "ok"},
            {"paid by another municipality",
             [](Case& c) { c.alloc().paying_municipality = "0166"; }, "9338 wrong_municipality"},
            {"sent to another municipality", [](Case& c) { c.header.recipient = "0166"; },
             "9338 wrong_municipality"},
        },
        [](Case& c) { return checkPayingMunicipality(c.header, c.alloc()); });
}

// A Kampen allocation declared to Zwolle is refused with 9338 alone: the allocation number is
// not one of the recipient's, so its other rules are not weighed.
TEST(AdjudicationRules, AnAllocationOfAnotherMunicipalityIsRefusedWith9338Only) {
    Case c = validCase();
    c.alloc().paying_municipality = "0166";
    c.line.volume = 1000;  // would break the caps and the amount too
    prepare(c);
    const auto all = adjudicateDebitAll(c.line, c.header, c.provider_id, c.allocation, c.contract,
                                        c.prior, c.policy);
    ASSERT_EQ(all.size(), 1u);
    EXPECT_EQ(all[0].reason, Reason::WrongMunicipality);
    EXPECT_EQ(retourCodes(all), std::vector<std::string>{"9338"});
    EXPECT_NE(all[0].message.find("0166"), std::string::npos) << all[0].message;
}

TEST(AdjudicationRules, AllocationNotRemoved) {
    runTable(
        {
            {"current", [](Case&) {}, "ok"},
            {"removed (13)", [](Case& c) { c.alloc().removed = true; }, "9384 allocation_removed"},
        },
        [](Case& c) { return checkAllocationNotRemoved(c.alloc()); });
}

TEST(AdjudicationRules, ClientMatches) {
    runTable(
        {
            {"same BSN", [](Case&) {}, "ok"},
            {"other BSN", [](Case& c) { c.line.bsn = "111222333"; }, "8187 client_mismatch"},
            {"empty BSN", [](Case& c) { c.line.bsn.clear(); }, "8187 client_mismatch"},
        },
        [](Case& c) { return checkClient(c.line, c.alloc()); });
}

TEST(AdjudicationRules, CategoryMatches) {
    runTable(
        {
            {"same", [](Case&) {}, "ok"},
            {"household help on a support allocation", [](Case& c) { c.line.category = "01"; },
             "9339 category_mismatch"},
        },
        [](Case& c) { return checkCategory(c.line, c.alloc()); });
}

TEST(AdjudicationRules, ProductCodeMatches) {
    runTable(
        {
            {"same", [](Case&) {}, "ok"},
            {"other code", [](Case& c) { c.line.product_code = "02A02"; },
             "9340 product_code_mismatch"},
            {"case differs", [](Case& c) { c.line.product_code = "02a01"; },
             "9340 product_code_mismatch"},
        },
        [](Case& c) { return checkProductCode(c.line, c.alloc()); });
}

TEST(AdjudicationRules, PeriodWithinOneCalendarMonth) {
    runTable(
        {
            {"whole month", [](Case&) {}, "ok"},
            {"one day, the last", [](Case& c) { c.line.period = p("2025-03-31", "2025-04-01"); },
             "ok"},
            {"part of a month", [](Case& c) { c.line.period = p("2025-03-10", "2025-03-20"); },
             "ok"},
            {"into next month", [](Case& c) { c.line.period = p("2025-03-15", "2025-04-02"); },
             "0001 period_not_one_month"},
            {"same month a year later",
             [](Case& c) { c.line.period = p("2024-03-01", "2025-03-02"); },
             "0001 period_not_one_month"},
            {"December into January",
             [](Case& c) { c.line.period = p("2024-12-31", "2025-01-02"); },
             "0001 period_not_one_month"},
            {"no end", [](Case& c) { c.line.period.end.reset(); }, "0001 period_not_one_month"},
            {"empty", [](Case& c) { c.line.period = p("2025-03-10", "2025-03-10"); },
             "0001 period_not_one_month"},
            {"end before begin", [](Case& c) { c.line.period = p("2025-03-10", "2025-03-05"); },
             "0001 period_not_one_month"},
        },
        [](Case& c) { return checkPeriodInOneMonth(c.line); });
}

TEST(AdjudicationRules, PeriodInDeclarationPeriodOrEarlier) {
    runTable(
        {
            {"the declared month", [](Case&) {}, "ok"},
            {"an earlier month", [](Case& c) { c.line.period = p("2025-01-01", "2025-02-01"); },
             "ok"},
            {"a later month", [](Case& c) { c.line.period = p("2025-04-01", "2025-05-01"); },
             "9319 period_after_declaration"},
            {"declared February, claimed March",
             [](Case& c) { c.header.declaration_period = p("2025-02-01", "2025-03-01"); },
             "9319 period_after_declaration"},
            {"declaration period without end",
             [](Case& c) { c.header.declaration_period.end.reset(); },
             "9319 period_after_declaration"},
        },
        [](Case& c) { return checkPeriodDeclared(c.line, c.header); });
}

TEST(AdjudicationRules, LateLinesGoToReview) {
    // March 2025 ends on the 31st; three whole months later is 30 June.
    runTable(
        {
            {"policy off", [](Case& c) { c.header.received_on = d("2026-04-05"); }, "ok"},
            {"received in time",
             [](Case& c) {
                 c.policy.late_months = 3;
                 c.header.received_on = d("2025-06-30");
             },
             "ok"},
            {"received a day too late",
             [](Case& c) {
                 c.policy.late_months = 3;
                 c.header.received_on = d("2025-07-01");
             },
             "review 9319 late_declaration"},
            {"received much later",
             [](Case& c) {
                 c.policy.late_months = 1;
                 c.header.received_on = d("2025-07-05");
             },
             "review 9319 late_declaration"},
            {"negative policy is off",
             [](Case& c) {
                 c.policy.late_months = -1;
                 c.header.received_on = d("2026-07-05");
             },
             "ok"},
        },
        [](Case& c) { return checkLateness(c.line, c.header, c.policy); });
}

TEST(AdjudicationRules, PeriodBeginsInsideAllocation) {
    runTable(
        {
            {"inside", [](Case&) {}, "ok"},
            {"allocation starts that day",
             [](Case& c) { c.alloc().period.begin = d("2025-03-01"); }, "ok"},
            {"allocation starts later in the month",
             [](Case& c) { c.alloc().period.begin = d("2025-03-10"); },
             "9307 begin_outside_allocation"},
            {"allocation ended before",
             [](Case& c) { c.alloc().period = p("2024-01-01", "2025-03-01"); },
             "9307 begin_outside_allocation"},
        },
        [](Case& c) { return checkPeriodBegin(c.line, c.alloc()); });
}

TEST(AdjudicationRules, PeriodEndsInsideAllocation) {
    runTable(
        {
            {"inside", [](Case&) {}, "ok"},
            {"allocation ends on the last day (exclusive 1 April)",
             [](Case& c) { c.alloc().period.end = d("2025-04-01"); }, "ok"},
            {"open-ended allocation", [](Case& c) { c.alloc().period.end.reset(); }, "ok"},
            {"allocation ends on the 30th", [](Case& c) { c.alloc().period.end = d("2025-03-31"); },
             "9308 end_outside_allocation"},
            {"allocation starts after the period",
             [](Case& c) { c.alloc().period = p("2025-04-01", "2025-06-01"); },
             "9308 end_outside_allocation"},
        },
        [](Case& c) { return checkPeriodEnd(c.line, c.alloc()); });
}

TEST(AdjudicationRules, ContractActiveThroughout) {
    runTable(
        {
            {"active", [](Case&) {}, "ok"},
            {"not active on some day", [](Case& c) { c.contract.active_throughout = false; },
             "0611 no_active_contract"},
        },
        [](Case& c) { return checkContractActive(c.contract); });
}

TEST(AdjudicationRules, UnitFitsAllocation) {
    runTable(
        {
            {"hours on hours", [](Case&) {}, "ok"},
            {"minutes on hours", [](Case& c) { c.line.unit = Unit::Minutes; }, "ok"},
            {"hours on minutes",
             [](Case& c) { c.alloc().unit = c.alloc().cap.unit = Unit::Minutes; },
             "9341 unit_mismatch"},
            {"day parts on hours", [](Case& c) { c.line.unit = Unit::DayParts; },
             "9341 unit_mismatch"},
            {"euros on hours", [](Case& c) { c.line.unit = Unit::Euros; }, "9341 unit_mismatch"},
            {"24h days on 24h days",
             [](Case& c) {
                 c.line.unit = Unit::Days24h;
                 c.alloc().unit = Unit::Days24h;
             },
             "ok"},
        },
        [](Case& c) { return checkUnit(c.line, c.alloc()); });
}

TEST(AdjudicationRules, TariffEqualsContractedTariff) {
    runTable(
        {
            {"equal", [](Case&) {}, "ok"},
            {"one cent more", [](Case& c) { c.line.tariff = cents(6001); }, "0611 tariff_mismatch"},
            {"one cent less", [](Case& c) { c.line.tariff = cents(5999); }, "0611 tariff_mismatch"},
            {"no tariff on an hours line", [](Case& c) { c.line.tariff.reset(); },
             "0611 tariff_mismatch"},
            {"no single contracted tariff", [](Case& c) { c.contract.tariff.reset(); },
             "0611 tariff_mismatch"},
            {"minutes carry the hourly tariff", [](Case& c) { c.line.unit = Unit::Minutes; }, "ok"},
            {"euros without tariff",
             [](Case& c) {
                 c.line.unit = Unit::Euros;
                 c.line.tariff.reset();
                 c.contract.tariff.reset();
             },
             "ok"},
            {"euros with a tariff", [](Case& c) { c.line.unit = Unit::Euros; },
             "0611 tariff_mismatch"},
        },
        [](Case& c) { return checkTariff(c.line, c.contract); });
}

TEST(AdjudicationRules, AmountIsVolumeTimesTariff) {
    auto minutes = [](Case& c, std::int64_t volume, std::int64_t tariff, std::int64_t amount) {
        c.line.unit = Unit::Minutes;
        c.line.volume = volume;
        c.line.tariff = cents(tariff);
        c.line.amount = cents(amount);
    };
    runTable(
        {
            {"10 h × 60.00 = 600.00", [](Case&) {}, "ok"},
            {"one cent more", [](Case& c) { c.line.amount = cents(60001); },
             "9346 amount_mismatch"},
            {"one cent less", [](Case& c) { c.line.amount = cents(59999); },
             "9346 amount_mismatch"},
            // 61.37 × 25 / 60 = 25.5708… → 25.57
            {"25 min at 61.37/h = 25.57", [&](Case& c) { minutes(c, 25, 6137, 2557); }, "ok"},
            {"25 min at 61.37/h is not 25.58", [&](Case& c) { minutes(c, 25, 6137, 2558); },
             "9346 amount_mismatch"},
            // 60.01 × 30 / 60 = 30.005 → half-up 30.01
            {"half a cent rounds up", [&](Case& c) { minutes(c, 30, 6001, 3001); }, "ok"},
            {"half a cent is not dropped", [&](Case& c) { minutes(c, 30, 6001, 3000); },
             "9346 amount_mismatch"},
            {"minutes on a minutes allocation: no division",
             [&](Case& c) {
                 minutes(c, 25, 100, 2500);
                 c.alloc().unit = Unit::Minutes;
             },
             "ok"},
            {"euros: amount is the volume in cents",
             [](Case& c) {
                 c.line.unit = Unit::Euros;
                 c.line.tariff.reset();
                 c.line.volume = 12345;
                 c.line.amount = cents(12345);
             },
             "ok"},
            {"euros: amount differs",
             [](Case& c) {
                 c.line.unit = Unit::Euros;
                 c.line.tariff.reset();
                 c.line.volume = 12345;
                 c.line.amount = cents(12346);
             },
             "9346 amount_mismatch"},
            {"no tariff cannot be checked", [](Case& c) { c.line.tariff.reset(); },
             "9346 amount_mismatch"},
            {"product beyond int64 is a mismatch, not a crash",
             [](Case& c) {
                 c.line.volume = kMaxLineVolume;
                 c.line.tariff = cents(std::numeric_limits<std::int64_t>::max());
             },
             "9346 amount_mismatch"},
        },
        [](Case& c) { return checkAmount(c.line, c.alloc()); });
}

TEST(AdjudicationRules, VolumeWithinPeriodCap) {
    // March 2025 on 4 h/week: 6 ISO weeks → 24 h = 1440 minutes; 10 % tolerance → 1584.
    auto use = [](Case& c, Unit unit, std::int64_t volume, std::int64_t before) {
        c.line.unit = unit;
        c.line.volume = volume;
        c.usedInMarch(before);
    };
    runTable(
        {
            {"24 h of 24", [&](Case& c) { use(c, Unit::Hours, 24, 0); }, "ok"},
            {"25 h: 4 % over → review", [&](Case& c) { use(c, Unit::Hours, 25, 0); },
             "review 9321 period_volume_exceeded"},
            {"25 h without tolerance",
             [&](Case& c) {
                 use(c, Unit::Hours, 25, 0);
                 c.policy.over_cap_percent = 0;
             },
             "9321 period_volume_exceeded"},
            {"28 h: 17 % over → rejected", [&](Case& c) { use(c, Unit::Hours, 28, 0); },
             "9321 period_volume_exceeded"},
            {"1440 min", [&](Case& c) { use(c, Unit::Minutes, 1440, 0); }, "ok"},
            {"1584 min: exactly 10 % over", [&](Case& c) { use(c, Unit::Minutes, 1584, 0); },
             "review 9321 period_volume_exceeded"},
            {"1585 min: just beyond 10 %", [&](Case& c) { use(c, Unit::Minutes, 1585, 0); },
             "9321 period_volume_exceeded"},
            {"1200 min before + 4 h", [&](Case& c) { use(c, Unit::Hours, 4, 1200); }, "ok"},
            {"1200 min before + 5 h", [&](Case& c) { use(c, Unit::Hours, 5, 1200); },
             "review 9321 period_volume_exceeded"},
            {"1440 min before + 1 min, no tolerance",
             [&](Case& c) {
                 use(c, Unit::Minutes, 1, 1440);
                 c.policy.over_cap_percent = 0;
             },
             "9321 period_volume_exceeded"},
            {"February, 5 weeks: 24 h is 20 % over",
             [&](Case& c) {
                 use(c, Unit::Hours, 24, 0);
                 c.line.period = p("2025-02-01", "2025-03-01");
             },
             "9321 period_volume_exceeded"},
            {"household help: February allows 6 × 4 h",
             [&](Case& c) {
                 use(c, Unit::Hours, 24, 0);
                 c.line.period = p("2025-02-01", "2025-03-01");
                 c.line.category = c.alloc().category = "01";
             },
             "ok"},
            {"allocation ends Tuesday 11 March: 3 weeks = 12 h, 14 h is 17 % over",
             [&](Case& c) {
                 use(c, Unit::Hours, 14, 0);
                 c.alloc().period.end = d("2025-03-12");
                 c.line.period = p("2025-03-01", "2025-03-12");
             },
             "9321 period_volume_exceeded"},
            {"month cap: broken first month uses the full 40 h",
             [&](Case& c) {
                 use(c, Unit::Hours, 40, 0);
                 c.alloc().period.begin = d("2025-03-20");
                 c.line.period = p("2025-03-20", "2025-04-01");
                 c.alloc().cap = {40, Unit::Hours, Frequency::PerMonth};
             },
             "ok"},
            {"month cap: 41 h",
             [&](Case& c) {
                 use(c, Unit::Hours, 41, 0);
                 c.alloc().cap = {40, Unit::Hours, Frequency::PerMonth};
             },
             "review 9321 period_volume_exceeded"},
            {"day cap: 2 day parts × 22 days = 44",
             [&](Case& c) {
                 use(c, Unit::DayParts, 44, 0);
                 c.alloc().unit = Unit::DayParts;
                 c.alloc().cap = {2, Unit::DayParts, Frequency::PerDay};
                 c.alloc().period.begin = d("2025-03-10");
                 c.line.period = p("2025-03-10", "2025-04-01");
             },
             "ok"},
            {"day cap: 50 day parts is 14 % over",
             [&](Case& c) {
                 use(c, Unit::DayParts, 50, 0);
                 c.alloc().unit = Unit::DayParts;
                 c.alloc().cap = {2, Unit::DayParts, Frequency::PerDay};
                 c.alloc().period.begin = d("2025-03-10");
                 c.line.period = p("2025-03-10", "2025-04-01");
             },
             "9321 period_volume_exceeded"},
            {"total cap: no per-period limit",
             [&](Case& c) {
                 use(c, Unit::Hours, 500, 0);
                 c.alloc().cap = {100, Unit::Hours, Frequency::TotalInValidity};
             },
             "ok"},
        },
        [](Case& c) { return checkPeriodCap(c.line, c.alloc(), c.prior, c.policy); });
}

TEST(AdjudicationRules, VolumeWithinCumulativeCap) {
    // 6 January to 31 March 2025 on 4 h/week: ISO weeks 2..14 → 52 h = 3120 minutes.
    auto use = [](Case& c, Unit unit, std::int64_t volume, std::int64_t before) {
        c.alloc().period.end = d("2025-04-01");
        c.line.unit = unit;
        c.line.volume = volume;
        c.usedBefore(before);
    };
    runTable(
        {
            {"fills the allocation", [&](Case& c) { use(c, Unit::Hours, 4, 2880); }, "ok"},
            {"60 minutes over: review", [&](Case& c) { use(c, Unit::Hours, 5, 2880); },
             "review 9322 cumulative_volume_exceeded"},
            {"60 minutes over, no tolerance",
             [&](Case& c) {
                 use(c, Unit::Hours, 5, 2880);
                 c.policy.over_cap_percent = 0;
             },
             "9322 cumulative_volume_exceeded"},
            {"far over", [&](Case& c) { use(c, Unit::Hours, 10, 3120); },
             "9322 cumulative_volume_exceeded"},
            {"open-ended weekly allocation has no total",
             [&](Case& c) {
                 use(c, Unit::Hours, 10, 1'000'000);
                 c.alloc().period.end.reset();
             },
             "ok"},
            {"total cap 100 h: 5900 + 100 min",
             [&](Case& c) {
                 use(c, Unit::Minutes, 100, 5900);
                 c.alloc().cap = {100, Unit::Hours, Frequency::TotalInValidity};
             },
             "ok"},
            {"total cap 100 h: 5900 + 101 min",
             [&](Case& c) {
                 use(c, Unit::Minutes, 101, 5900);
                 c.alloc().cap = {100, Unit::Hours, Frequency::TotalInValidity};
             },
             "review 9322 cumulative_volume_exceeded"},
            {"total cap on an open-ended allocation still counts",
             [&](Case& c) {
                 use(c, Unit::Hours, 101, 0);
                 c.alloc().period.end.reset();
                 c.alloc().cap = {100, Unit::Hours, Frequency::TotalInValidity};
                 c.policy.over_cap_percent = 0;
             },
             "9322 cumulative_volume_exceeded"},
        },
        [](Case& c) { return checkCumulativeCap(c.line, c.alloc(), c.prior, c.policy); });
}

TEST(AdjudicationRules, ReferenceIsNew) {
    runTable(
        {
            {"new", [](Case&) {}, "ok"},
            {"used before", [](Case& c) { c.prior.reference_used = true; }, "8021 reference_used"},
        },
        [](Case& c) { return checkReferenceNew(c.line, c.prior); });
}

TEST(AdjudicationRules, PeriodNotClaimedBefore) {
    runTable(
        {
            {"first claim", [](Case&) {}, "ok"},
            {"already claimed, not credited", [](Case& c) { c.usedInMarch(0); },
             "9389 period_already_claimed"},
        },
        [](Case& c) { return checkPeriodNotClaimed(c.line, c.prior); });
}

TEST(AdjudicationRules, PeriodCoversTheWholeMonth) {
    // TR387/TR388: March 2025 in one line, from the 1st (or the allocation's start) to the last
    // day (or the allocation's end); a split only at a tariff change.
    const auto both = [](Case& c) {
        const auto a = checkPeriodFromMonthStart(c.line, c.alloc(), c.contract);
        const auto b = checkPeriodToMonthEnd(c.line, c.alloc(), c.contract);
        return a ? a : b;
    };
    runTable(
        {
            {"whole month", [](Case&) {}, "ok"},
            {"from the 2nd", [](Case& c) { c.line.period = p("2025-03-02", "2025-04-01"); },
             "9387 period_not_from_month_start"},
            {"one day", [](Case& c) { c.line.period = p("2025-03-05", "2025-03-06"); },
             "9387 period_not_from_month_start"},
            {"to the 30th", [](Case& c) { c.line.period = p("2025-03-01", "2025-03-31"); },
             "9388 period_not_to_month_end"},
            {"allocation starts 10 March",
             [](Case& c) {
                 c.alloc().period.begin = d("2025-03-10");
                 c.line.period = p("2025-03-10", "2025-04-01");
             },
             "ok"},
            {"allocation starts 10 March, line from the 1st",
             [](Case& c) { c.alloc().period.begin = d("2025-03-10"); },
             "9387 period_not_from_month_start"},
            {"allocation ends 20 March",
             [](Case& c) {
                 c.alloc().period.end = d("2025-03-21");
                 c.line.period = p("2025-03-01", "2025-03-21");
             },
             "ok"},
            {"allocation ends 20 March, line to the 19th",
             [](Case& c) {
                 c.alloc().period.end = d("2025-03-21");
                 c.line.period = p("2025-03-01", "2025-03-20");
             },
             "9388 period_not_to_month_end"},
            {"split at a tariff change on 15 March: first part",
             [](Case& c) {
                 c.contract.tariff_changes = {d("2025-03-15")};
                 c.line.period = p("2025-03-01", "2025-03-15");
             },
             "ok"},
            {"split at a tariff change on 15 March: second part",
             [](Case& c) {
                 c.contract.tariff_changes = {d("2025-03-15")};
                 c.line.period = p("2025-03-15", "2025-04-01");
             },
             "ok"},
            {"split elsewhere than the tariff change",
             [](Case& c) {
                 c.contract.tariff_changes = {d("2025-03-15")};
                 c.line.period = p("2025-03-16", "2025-04-01");
             },
             "9387 period_not_from_month_start"},
        },
        both);
}

TEST(AdjudicationRules, DecisionBindsAcrossAllocations) {
    runTable(
        {
            {"no finite decision total", [](Case&) {}, "ok"},
            {"fits what was granted",
             [](Case& c) {
                 c.prior.decision = DecisionCap{3000, 3000 - 600};
             },
             "ok"},
            {"one minute over what was granted (other provider used the rest)",
             [](Case& c) {
                 c.prior.decision = DecisionCap{3000, 3000 - 599};
             },
             "9322 decision_volume_exceeded"},
        },
        [](Case& c) { return checkDecisionCap(c.line, c.alloc(), c.prior); });
}

TEST(AdjudicationRules, TwentyFourHourDaysNeverExceedTheCalendarDays) {
    const auto etmaal = [](Case& c, std::int64_t days) {
        c.alloc().unit = Unit::Days24h;
        c.alloc().cap = {2, Unit::Days24h, Frequency::PerDay};  // an absurd cap of 2 a day
        c.line.unit = Unit::Days24h;
        c.line.volume = days;
    };
    runTable(
        {
            {"31 in March", [&](Case& c) { etmaal(c, 31); }, "ok"},
            {"32 in March", [&](Case& c) { etmaal(c, 32); }, "9321 period_volume_exceeded"},
        },
        [](Case& c) { return checkPeriodCap(c.line, c.alloc(), c.prior, c.policy); });
}

TEST(AdjudicationRules, EveryApplicableRetourcodeIsReported) {
    Case c = validCase();
    c.line.period = p("2025-03-02", "2025-03-31");  // 9387 and 9388
    c.line.amount = cents(1);                       // 9346
    c.prior.reference_used = true;                  // 8021
    c.usedInMarch(0);                               // 9389
    prepare(c);
    const auto verdicts = adjudicateDebitAll(c.line, c.header, c.provider_id, c.allocation,
                                             c.contract, c.prior, c.policy);
    EXPECT_EQ(retourCodes(verdicts),
              (std::vector<std::string>{"9387", "9388", "9346", "8021", "9389"}));
    ASSERT_TRUE(decisive(verdicts));
    EXPECT_EQ(decisive(verdicts)->code, "9387");

    // Preconditions: a period outside the allocation is not also checked against the caps,
    // and a period that spans two months not against the month's bounds.
    Case outside = validCase();
    outside.alloc().period.end = d("2025-03-20");
    outside.line.volume = 1000;
    outside.line.amount = cents(6'000'000);
    prepare(outside);
    EXPECT_EQ(retourCodes(adjudicateDebitAll(outside.line, outside.header, outside.provider_id,
                                             outside.allocation, outside.contract, outside.prior,
                                             outside.policy)),
              (std::vector<std::string>{"9308"}));
    // A review alone keeps the line for review; next to a rejection it is listed too.
    Case late = validCase();
    late.policy.late_months = 1;
    late.header.received_on = d("2025-06-01");
    prepare(late);
    auto v = adjudicateDebitAll(late.line, late.header, late.provider_id, late.allocation,
                                late.contract, late.prior, late.policy);
    ASSERT_EQ(v.size(), 1u);
    EXPECT_TRUE(decisive(v)->review);
    late.prior.reference_used = true;
    v = adjudicateDebitAll(late.line, late.header, late.provider_id, late.allocation, late.contract,
                           late.prior, late.policy);
    EXPECT_EQ(retourCodes(v), (std::vector<std::string>{"9319", "8021"}));
    EXPECT_FALSE(decisive(v)->review);
}

TEST(AdjudicationRules, FinancingIsCareInKind) {
    runTable(
        {
            {"ZIN", [](Case&) {}, "ok"},
            {"PGB", [](Case& c) { c.alloc().zin = false; }, "9338 not_zin"},
        },
        [](Case& c) { return checkFinancing(c.alloc()); });
}

}  // namespace
}  // namespace zc::billing
