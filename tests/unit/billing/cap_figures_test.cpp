// The figures a cap verdict carries (CapFigures): what a provider is shown with a line that a
// cap rule rejected or held for review — the cap, the use before the line and what it claimed.
#include <gtest/gtest.h>

#include "claim_fixture.hpp"

namespace zc::billing::testing {
namespace {

// Four hours a week; March 2025 touches ISO weeks 9..14: 24 h in the windows of March (each
// week touched counts whole, its days are those in the month).
TEST(CapFigures, APeriodCapNamesTheWindowsTheCapAndBothVolumes) {
    Case c = validCase();
    c.usedInMarch(1000);  // minutes; the line adds 10 h = 600 min: 1600 > 1440
    prepare(c);
    const auto v = checkPeriodCap(c.line, c.alloc(), c.prior, c.policy);
    ASSERT_TRUE(v && v->cap);
    EXPECT_EQ(v->code, "9321");
    EXPECT_FALSE(v->review);  // 11 % over: beyond the tolerance
    EXPECT_EQ(v->cap->scope, CapScope::Period);
    EXPECT_EQ(v->cap->cap_unit, Unit::Hours);
    EXPECT_EQ(v->cap->limit, 1440);
    EXPECT_EQ(v->cap->before, 1000);
    EXPECT_EQ(v->cap->claimed, 600);
    ASSERT_TRUE(v->cap->window);
    EXPECT_EQ(formatDate(v->cap->window->begin), "2025-03-01");
    EXPECT_EQ(formatDate(*v->cap->window->end), "2025-04-01");
}

TEST(CapFigures, AReviewedLineCarriesItsFiguresToo) {
    Case c = validCase();
    c.usedInMarch(900);  // 900 + 600 = 1500: 4 % over 1440, within the 10 % tolerance
    prepare(c);
    const auto v = checkPeriodCap(c.line, c.alloc(), c.prior, c.policy);
    ASSERT_TRUE(v && v->cap);
    EXPECT_TRUE(v->review);
    EXPECT_EQ(v->cap->before + v->cap->claimed - v->cap->limit, 60);
}

TEST(CapFigures, MinutesOnAnHoursCapCountInMinutesAndKeepTheCapsUnit) {
    Case c = validCase();
    c.line.unit = Unit::Minutes;
    c.line.volume = 545;
    c.line.amount = cents(54500);  // 60.00 an hour × 545 min ÷ 60
    c.usedInMarch(1000);
    prepare(c);
    const auto v = checkPeriodCap(c.line, c.alloc(), c.prior, c.policy);
    ASSERT_TRUE(v && v->cap);
    EXPECT_EQ(v->cap->cap_unit, Unit::Hours);
    EXPECT_EQ(v->cap->claimed, 545);
    EXPECT_EQ(v->cap->before, 1000);
}

TEST(CapFigures, TheCumulativeCapNamesTheAllocationsValidity) {
    Case c = validCase();
    c.alloc().period.end = d("2025-04-01");  // weeks 2..14: 52 h = 3120 min
    c.usedBefore(3120);
    prepare(c);
    const auto v = checkCumulativeCap(c.line, c.alloc(), c.prior, c.policy);
    ASSERT_TRUE(v && v->cap);
    EXPECT_EQ(v->code, "9322");
    EXPECT_EQ(v->cap->scope, CapScope::Allocation);
    EXPECT_EQ(v->cap->limit, 3120);
    EXPECT_EQ(v->cap->before, 3120);
    EXPECT_EQ(v->cap->claimed, 600);
    ASSERT_TRUE(v->cap->window);
    EXPECT_EQ(formatDate(v->cap->window->begin), "2025-01-06");
    EXPECT_EQ(formatDate(*v->cap->window->end), "2025-04-01");
}

TEST(CapFigures, TheDecisionCapHasNoWindow) {
    Case c = validCase();
    c.prior.decision = DecisionCap{3000, 2401};  // 2401 + 600 = 3001
    prepare(c);
    const auto v = checkDecisionCap(c.line, c.alloc(), c.prior);
    ASSERT_TRUE(v && v->cap);
    EXPECT_EQ(v->cap->scope, CapScope::Decision);
    EXPECT_EQ(v->cap->limit, 3000);
    EXPECT_EQ(v->cap->before, 2401);
    EXPECT_EQ(v->cap->claimed, 600);
    EXPECT_FALSE(v->cap->window);
    EXPECT_EQ(capScopeName(v->cap->scope), "decision");
}

TEST(CapFigures, OtherRulesCarryNone) {
    Case c = validCase();
    c.alloc().unit = Unit::Days24h;
    c.alloc().cap = {2, Unit::Days24h, Frequency::PerDay};
    c.line.unit = Unit::Days24h;
    c.line.volume = 32;  // 32 etmalen in March: 9321, but no cap figures
    prepare(c);
    const auto v = checkPeriodCap(c.line, c.alloc(), c.prior, c.policy);
    ASSERT_TRUE(v);
    EXPECT_EQ(v->code, "9321");
    EXPECT_FALSE(v->cap);

    Case ok = validCase();
    prepare(ok);
    EXPECT_FALSE(capFigures(adjudicateDebitAll(ok.line, ok.header, ok.provider_id, ok.allocation,
                                               ok.contract, ok.prior, ok.policy)));
}

TEST(CapFigures, ALineDecidedByAnotherRuleStillShowsTheCapItBroke) {
    Case c = validCase();
    c.line.amount = cents(60001);  // 9346 decides (it comes first in the rule table)
    c.usedInMarch(1000);
    prepare(c);
    const auto verdicts = adjudicateDebitAll(c.line, c.header, c.provider_id, c.allocation,
                                             c.contract, c.prior, c.policy);
    ASSERT_TRUE(decisive(verdicts));
    EXPECT_EQ(decisive(verdicts)->code, "9346");
    const auto figures = capFigures(verdicts);
    ASSERT_TRUE(figures);
    EXPECT_EQ(figures->scope, CapScope::Period);
    EXPECT_EQ(figures->limit, 1440);
}

}  // namespace
}  // namespace zc::billing::testing
