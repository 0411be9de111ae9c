// When a received WMO323 is answered as a whole (billing::wholeRejection): a broken in-message
// rule rejects it technically whatever else applies; a period not after the previous one
// (8214) and a number used before (9333) reject it at level 3, both codes when both apply.
#include "billing/app/declaration_intake.hpp"

#include <gtest/gtest.h>

namespace zc::billing {
namespace {

DeclarationHeader head() {
    return {"D-2026-03", Period{parseDate("2026-03-01"), parseDate("2026-04-01")},
            parseDate("2026-04-03"), Money::fromCents(12345), "0193"};
}

TEST(DeclarationIntake, AnOrdinaryDeclarationIsNotAnsweredAsAWhole) {
    EXPECT_FALSE(wholeRejection({}, false, "", head()));
}

TEST(DeclarationIntake, ABrokenInMessageRuleRejectsTheWholeDeclarationTechnically) {
    const std::vector<RuleProblem> problems{{"TR358", "The total differs.", 0},
                                            {"TR101", "A prestatie occurs twice.", 12}};
    const auto r = wholeRejection(problems, true, "2026-03-01", head());
    ASSERT_TRUE(r);
    EXPECT_TRUE(r->answer.technical_rejection);
    EXPECT_TRUE(r->answer.declaration_codes.empty()) << "level 2 wins over 8214 and 9333";
    EXPECT_EQ(r->why, "TR358: The total differs. TR101 (line 12): A prestatie occurs twice. ");
}

TEST(DeclarationIntake, APeriodNotAfterThePreviousOneIs8214) {
    const auto r = wholeRejection({}, false, "2026-03-01", head());
    ASSERT_TRUE(r);
    EXPECT_FALSE(r->answer.technical_rejection);
    EXPECT_EQ(r->answer.declaration_codes, std::vector<std::string>{"8214"});
    EXPECT_EQ(r->why,
              "8214: DeclaratiePeriode 2026-03-01 does not lie after the previous "
              "DeclaratiePeriode 2026-03-01. ");
}

TEST(DeclarationIntake, ANumberUsedBeforeIs9333AndBothCodesComeInOrder) {
    const auto once = wholeRejection({}, true, "", head());
    ASSERT_TRUE(once);
    EXPECT_EQ(once->answer.declaration_codes, std::vector<std::string>{"9333"});
    EXPECT_EQ(once->why, "9333: DeclaratieNummer D-2026-03 was used before by this provider.");
    const auto both = wholeRejection({}, true, "2026-04-01", head());
    ASSERT_TRUE(both);
    EXPECT_EQ(both->answer.declaration_codes, (std::vector<std::string>{"8214", "9333"}));
}

TEST(DeclarationIntake, TheProblemsTextStopsGrowingPastAbout2000Characters) {
    std::vector<RuleProblem> many(100, RuleProblem{"TR305", std::string(95, 'x'), 7});
    const auto text = describeProblems(many);
    EXPECT_GT(text.size(), 2000u);
    EXPECT_LT(text.size(), 2200u);
}

}  // namespace
}  // namespace zc::billing
