// adjudicateDebit: the rules in order of precedence, and review instead of rejection.
#include <gtest/gtest.h>

#include "billing/domain/adjudication.hpp"
#include "claim_fixture.hpp"

namespace zc::billing {
namespace {

using namespace testing;

TEST(AdjudicateDebit, AcceptsAValidLine) {
    Case c = validCase();
    EXPECT_EQ(outcome(debit(c)), "ok");
}

// One change per rejecting rule, in order of precedence. Each change alone yields its own code,
// and any two together yield the earlier one: the pairs prove the order, not just the rules.
const std::vector<Row>& failures() {
    static const std::vector<Row> rows = {
        {"claimed by another provider", [](Case& c) { c.provider_id = kOtherProvider; },
         "9338 allocation_not_found"},
        {"allocation removed", [](Case& c) { c.alloc().removed = true; },
         "9384 allocation_removed"},
        {"other client", [](Case& c) { c.line.bsn = "111222333"; }, "8187 client_mismatch"},
        {"other category", [](Case& c) { c.line.category = "07"; }, "9339 category_mismatch"},
        {"other product code", [](Case& c) { c.line.product_code = "02A09"; },
         "9340 product_code_mismatch"},
        {"two months", [](Case& c) { c.line.period = p("2025-03-15", "2025-04-02"); },
         "0001 period_not_one_month"},
        {"declared for February",
         [](Case& c) { c.header.declaration_period = p("2025-02-01", "2025-03-01"); },
         "9319 period_after_declaration"},
        {"allocation starts 10 March", [](Case& c) { c.alloc().period.begin = d("2025-03-10"); },
         "9307 begin_outside_allocation"},
        {"allocation ends 20 March", [](Case& c) { c.alloc().period.end = d("2025-03-20"); },
         "9308 end_outside_allocation"},
        {"no active contract", [](Case& c) { c.contract.active_throughout = false; },
         "0611 no_active_contract"},
        {"allocated in day parts", [](Case& c) { c.alloc().unit = Unit::DayParts; },
         "9341 unit_mismatch"},
        {"contracted tariff 61.00", [](Case& c) { c.contract.tariff = cents(6100); },
         "0611 tariff_mismatch"},
        {"amount one cent off", [](Case& c) { c.line.amount = cents(60001); },
         "9346 amount_mismatch"},
        {"period already full", [](Case& c) { c.usedInMarch(1440); },
         "9321 period_volume_exceeded"},
        {"allocation already used up", [](Case& c) { c.usedBefore(1'000'000); },
         "9322 cumulative_volume_exceeded"},
        {"reference used", [](Case& c) { c.prior.reference_used = true; }, "8021 reference_used"},
        {"period claimed", [](Case& c) { c.usedInMarch(0); }, "9389 period_already_claimed"},
        {"PGB", [](Case& c) { c.alloc().zin = false; }, "9338 not_zin"},
    };
    return rows;
}

TEST(AdjudicateDebit, EachRuleAloneRejectsWithItsCode) {
    for (const Row& row : failures()) {
        Case c = validCase();
        row.change(c);
        EXPECT_EQ(outcome(debit(c)), row.expected) << row.name;
    }
}

TEST(AdjudicateDebit, ALineFailingTwoRulesGetsTheEarlierCode) {
    const auto& rows = failures();
    for (std::size_t i = 0; i < rows.size(); ++i) {
        for (std::size_t j = i + 1; j < rows.size(); ++j) {
            for (const bool reversed : {false, true}) {
                Case c = validCase();
                (reversed ? rows[j] : rows[i]).change(c);
                (reversed ? rows[i] : rows[j]).change(c);
                EXPECT_EQ(outcome(debit(c)), rows[i].expected)
                    << rows[i].name << " + " << rows[j].name;
            }
        }
    }
}

TEST(AdjudicateDebit, UnknownAllocationComesFirst) {
    Case c = validCase();
    c.allocation.reset();
    c.line.bsn = "111222333";
    c.contract.active_throughout = false;
    EXPECT_EQ(outcome(debit(c)), "9338 allocation_not_found");
}

TEST(AdjudicateDebit, FivePercentOverTheCapGoesToReview) {
    // March: 1440 minutes allowed; 1512 is 5 % over, within the default 10 %.
    Case c = validCase();
    c.line.unit = Unit::Minutes;
    c.line.volume = 1512;
    c.line.amount = cents(151200);  // 60.00 × 1512 / 60
    const auto v = debit(c);
    ASSERT_TRUE(v.has_value());
    EXPECT_TRUE(v->review);
    EXPECT_EQ(v->code, "9321");
    EXPECT_EQ(v->reason, Reason::PeriodVolumeExceeded);
    EXPECT_NE(v->message.find("1512"), std::string::npos) << v->message;
}

TEST(AdjudicateDebit, FifteenPercentOverTheCapIsRejected) {
    Case c = validCase();
    c.line.unit = Unit::Minutes;
    c.line.volume = 1656;  // 1440 × 1.15
    c.line.amount = cents(165600);
    const auto v = debit(c);
    ASSERT_TRUE(v.has_value());
    EXPECT_FALSE(v->review);
    EXPECT_EQ(v->code, "9321");
}

TEST(AdjudicateDebit, ReviewPolicyTable) {
    auto over = [](Case& c, std::int64_t minutes) {
        c.line.unit = Unit::Minutes;
        c.line.volume = minutes;
        c.line.amount = cents(minutes * 100);
    };
    runTable(
        {
            {"5 % over, default 10 %", [&](Case& c) { over(c, 1512); },
             "review 9321 period_volume_exceeded"},
            {"15 % over, default 10 %", [&](Case& c) { over(c, 1656); },
             "9321 period_volume_exceeded"},
            {"15 % over, policy 20 %",
             [&](Case& c) {
                 over(c, 1656);
                 c.policy.over_cap_percent = 20;
             },
             "review 9321 period_volume_exceeded"},
            {"5 % over, policy off",
             [&](Case& c) {
                 over(c, 1512);
                 c.policy.over_cap_percent = 0;
             },
             "9321 period_volume_exceeded"},
            {"within the period but 5 % over the whole allocation",
             [&](Case& c) {
                 over(c, 1440);
                 c.alloc().period.end = d("2025-04-01");  // 52 h = 3120 min
                 c.usedBefore(3120 - 1440 + 156);
             },
             "review 9322 cumulative_volume_exceeded"},
            {"period review, cumulative rejection: the rejection wins",
             [&](Case& c) {
                 over(c, 1512);
                 c.usedBefore(1'000'000);
             },
             "9322 cumulative_volume_exceeded"},
            {"cap review does not hide a used reference",
             [&](Case& c) {
                 over(c, 1512);
                 c.prior.reference_used = true;
             },
             "8021 reference_used"},
            {"cap review does not hide a PGB",
             [&](Case& c) {
                 over(c, 1512);
                 c.alloc().zin = false;
             },
             "9338 not_zin"},
            {"late line goes to review",
             [](Case& c) {
                 c.policy.late_months = 2;
                 c.header.received_on = d("2025-07-01");
             },
             "review 9319 late_declaration"},
            {"late and over the cap: the earlier review",
             [&](Case& c) {
                 over(c, 1512);
                 c.policy.late_months = 2;
                 c.header.received_on = d("2025-07-01");
             },
             "review 9319 late_declaration"},
            {"late but a wrong tariff: rejected",
             [](Case& c) {
                 c.policy.late_months = 2;
                 c.header.received_on = d("2025-07-01");
                 c.contract.tariff = cents(6100);
             },
             "0611 tariff_mismatch"},
            {"late is checked after the period's own rules",
             [](Case& c) {
                 c.policy.late_months = 2;
                 c.header.received_on = d("2025-07-01");
                 c.line.period = p("2025-03-15", "2025-04-02");
             },
             "0001 period_not_one_month"},
        },
        [](Case& c) { return debit(c); });
}

}  // namespace
}  // namespace zc::billing
