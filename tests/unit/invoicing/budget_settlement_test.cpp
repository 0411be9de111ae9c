#include "invoicing/domain/budget_settlement.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <limits>
#include <vector>

#include "contracting/kernel/errors.hpp"
#include "invoicing/domain/amount_text.hpp"

namespace zc::invoicing {
namespace {

Money m(const char* text) { return Money::parse(text); }

// Dagbesteding 2025: budget 3,450,000.00, advances 12 × 287,500.00 = 3,450,000.00.
// Dagdelen 90,000 of 96,000 = 15/16 = 93.75 %; clients 120 of 110 = 109.09 %, counted as 1.
// R = (15/16 + 1) / 2 = 31/32 = 96.875 % (shown 96.88 %).
// due = 3,450,000.00 × 31/32 = 3,342,187.50 exactly (3,450,000 / 32 = 107,812.50).
SettlementInput dagbesteding(SettlementRule rule) {
    return SettlementInput{2025,
                           m("3450000.00"),
                           m("3450000.00"),
                           {{"Dagdelen", 96'000, 90'000}, {"Clients", 110, 120}},
                           rule};
}

TEST(BudgetSettlement, ProportionalWorkedExampleClawsBack) {
    Settlement s = settleBudget(dagbesteding(SettlementRule::ProportionalToRealisation));
    EXPECT_EQ(s.due, m("3342187.50"));
    EXPECT_EQ(s.difference, m("-107812.50"));
    EXPECT_EQ(s.direction, SettlementDirection::ReceivableFromProvider);
    const std::vector<std::string> expected = {
        "Settlement 2025, rule: proportional_to_realisation",
        "Budget 2025: 3,450,000.00",
        "Dagdelen: realised 90,000 of 96,000 = 93.75 %",
        "Clients: realised 120 of 110 = 109.09 %, counted as 100.00 %",
        "Average realisation over 2 indicator(s), equal weights: 31/32 = 96.88 %",
        "Amount due: 3,450,000.00 × 31/32 = 3,342,187.50 (rounded half-up to cents)",
        "Advances paid: 3,450,000.00",
        "Difference: -107,812.50 to be clawed back from the provider",
    };
    EXPECT_EQ(s.lines, expected);
}

TEST(BudgetSettlement, FixedBudgetClawsNothingBack) {
    Settlement s = settleBudget(dagbesteding(SettlementRule::FixedBudget));
    EXPECT_EQ(s.due, m("3450000.00"));
    EXPECT_EQ(s.difference, Money());
    EXPECT_EQ(s.direction, SettlementDirection::Settled);
    EXPECT_EQ(s.lines.back(), "Difference: 0.00, settled by the advances");
    EXPECT_EQ(s.lines[2], "Dagdelen: realised 90,000 of 96,000 = 93.75 %");
    EXPECT_EQ(s.lines[4], "Amount due: the fixed budget 3,450,000.00 (no claw-back)");
}

TEST(BudgetSettlement, LowAdvancesAreToppedUpOnlyWithoutTheCap) {
    // Advances 3,000,000.00 (paid from April, say). Proportional: due 3,342,187.50,
    // +342,187.50 payable. CapAtAdvances: min(3,342,187.50, 3,000,000.00) = 3,000,000.00, 0.
    SettlementInput in = dagbesteding(SettlementRule::ProportionalToRealisation);
    in.advances_paid = m("3000000.00");
    Settlement proportional = settleBudget(in);
    EXPECT_EQ(proportional.difference, m("342187.50"));
    EXPECT_EQ(proportional.direction, SettlementDirection::PayableToProvider);
    EXPECT_EQ(proportional.lines.back(), "Difference: 342,187.50 payable to the provider");

    in.rule = SettlementRule::CapAtAdvances;
    Settlement capped = settleBudget(in);
    EXPECT_EQ(capped.due, m("3000000.00"));
    EXPECT_EQ(capped.difference, Money());
    EXPECT_EQ(capped.direction, SettlementDirection::Settled);
    EXPECT_NE(std::find(capped.lines.begin(), capped.lines.end(),
                        "Capped at the advances paid: min(3,342,187.50, 3,000,000.00) = "
                        "3,000,000.00"),
              capped.lines.end());
}

TEST(BudgetSettlement, CapAtAdvancesStillClawsBackUnderPerformance) {
    // Advances 3,450,000.00 ≥ proportional 3,342,187.50: the cap does not bite.
    Settlement s = settleBudget(dagbesteding(SettlementRule::CapAtAdvances));
    EXPECT_EQ(s.due, m("3342187.50"));
    EXPECT_EQ(s.difference, m("-107812.50"));
}

TEST(BudgetSettlement, ThreeIndicatorsUseOneExactFraction) {
    // 15/16 + 10/11 + 7/10 over the common denominator 880: 825 + 800 + 616 = 2,241/880;
    // / 3 = 2,241/2,640 = 747/880 = 84.886 % (shown 84.89 %).
    // due = 345,000,000 cents × 747 / 880 = 257,715,000,000 / 880 = 292,857,954.545 cents
    // → 292,857,955 = 2,928,579.55 (half-up; three separately rounded thirds would not say so).
    SettlementInput in{2025,
                       m("3450000.00"),
                       m("3450000.00"),
                       {{"Dagdelen", 96'000, 90'000}, {"Clients", 110, 100}, {"Outcome", 10, 7}},
                       SettlementRule::ProportionalToRealisation};
    Settlement s = settleBudget(in);
    EXPECT_EQ(s.due, m("2928579.55"));
    EXPECT_EQ(s.difference, m("-521420.45"));
    EXPECT_EQ(s.lines[5],
              "Average realisation over 3 indicator(s), equal weights: 747/880 = 84.89 %");
}

TEST(BudgetSettlement, RoundsHalfUpToCents) {
    struct Row {
        const char* budget;
        std::int64_t target;
        std::int64_t realised;
        const char* due;
    };
    const std::vector<Row> rows = {
        {"1000.00", 3, 1, "333.33"},  // 100,000 / 3 = 33,333.33 cents → 33,333
        {"1000.00", 3, 2, "666.67"},  // 66,666.67 → 66,667
        {"0.01", 2, 1, "0.01"},       // 0.5 cent → 1 (half-up)
        {"0.03", 2, 1, "0.02"},       // 1.5 → 2
        {"0.01", 3, 1, "0.00"},       // 0.33 → 0
        {"1000.00", 5, 0, "0.00"},    // nothing realised
        {"0", 5, 5, "0.00"},          // zero budget
    };
    for (const Row& row : rows) {
        SCOPED_TRACE(std::string(row.budget) + " × " + std::to_string(row.realised) + "/" +
                     std::to_string(row.target));
        SettlementInput in{2025,
                           m(row.budget),
                           Money(),
                           {{"X", row.target, row.realised}},
                           SettlementRule::ProportionalToRealisation};
        EXPECT_EQ(settleBudget(in).due, m(row.due));
    }
}

TEST(BudgetSettlement, InvalidInputInOrderOfPrecedence) {
    struct Row {
        const char* name;
        SettlementInput input;
        const char* code;
        const char* field;
    };
    const auto proportional = SettlementRule::ProportionalToRealisation;
    std::vector<PerformanceIndicator> too_many(kMaxIndicators + 1, {"X", 1, 1});
    const std::vector<Row> rows = {
        {"negative budget",
         {2025, m("-0.01"), m("-1"), {{"X", 0, 0}}, proportional},
         "INVALID_BUDGET",
         "budget"},
        {"negative advances",
         {2025, m("1"), m("-1"), {{"X", 0, 0}}, proportional},
         "INVALID_AMOUNT",
         "advances_paid"},
        {"too many",
         {2025, m("1"), m("1"), too_many, proportional},
         "TOO_MANY_INDICATORS",
         "indicators"},
        {"zero target",
         {2025, m("1"), m("1"), {{"A", 1, 1}, {"B", 0, -1}}, proportional},
         "INVALID_TARGET",
         "indicators[1].target"},
        {"negative realised",
         {2025, m("1"), m("1"), {{"A", 1, -1}}, proportional},
         "INVALID_REALISED",
         "indicators[0].realised"},
        {"no indicators",
         {2025, m("1"), m("1"), {}, proportional},
         "INDICATORS_REQUIRED",
         "indicators"},
        {"no indicators capped",
         {2025, m("1"), m("1"), {}, SettlementRule::CapAtAdvances},
         "INDICATORS_REQUIRED",
         "indicators"},
    };
    for (const Row& row : rows) {
        SCOPED_TRACE(row.name);
        try {
            settleBudget(row.input);
            ADD_FAILURE() << "accepted";
        } catch (const ValidationError& e) {
            EXPECT_EQ(e.code(), row.code);
            EXPECT_EQ(e.field(), row.field);
        }
    }
}

TEST(BudgetSettlement, FixedBudgetNeedsNoIndicators) {
    SettlementInput in{2025, m("1200.00"), m("1300.00"), {}, SettlementRule::FixedBudget};
    Settlement s = settleBudget(in);
    EXPECT_EQ(s.due, m("1200.00"));
    EXPECT_EQ(s.difference, m("-100.00"));  // over-advanced: receivable
    EXPECT_EQ(s.direction, SettlementDirection::ReceivableFromProvider);
}

TEST(BudgetSettlement, RuleNames) {
    EXPECT_EQ(settlementRuleName(SettlementRule::FixedBudget), "fixed_budget");
    EXPECT_EQ(settlementRuleName(SettlementRule::ProportionalToRealisation),
              "proportional_to_realisation");
    EXPECT_EQ(settlementRuleName(SettlementRule::CapAtAdvances), "cap_at_advances");
}

TEST(AmountText, GroupsThousands) {
    EXPECT_EQ(formatAmount(Money()), "0.00");
    EXPECT_EQ(formatAmount(m("-0.05")), "-0.05");
    EXPECT_EQ(formatAmount(m("999.99")), "999.99");
    EXPECT_EQ(formatAmount(m("1000")), "1,000.00");
    EXPECT_EQ(formatAmount(m("1234567.89")), "1,234,567.89");
    EXPECT_EQ(formatAmount(m("-107812.50")), "-107,812.50");
    EXPECT_EQ(formatAmount(Money::fromCents(std::numeric_limits<std::int64_t>::min())),
              "-92,233,720,368,547,758.08");
    EXPECT_EQ(formatCount(0), "0");
    EXPECT_EQ(formatCount(999), "999");
    EXPECT_EQ(formatCount(96'000), "96,000");
    EXPECT_EQ(formatCount(-1'200), "-1,200");
    EXPECT_EQ(formatPercentHundredths(9'375), "93.75 %");
    EXPECT_EQ(formatPercentHundredths(10'000), "100.00 %");
    EXPECT_EQ(formatPercentHundredths(5), "0.05 %");
    EXPECT_EQ(formatPercentHundredths(-5), "-0.05 %");
}

}  // namespace
}  // namespace zc::invoicing
