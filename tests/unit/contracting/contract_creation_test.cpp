// The rules of creating contracts that need no database: a new framework contract starts as
// draft or active, a budget contract's coalition names each member once besides its lead, and
// each budget year has one non-negative budget inside the term, paid as monthly advances.
#include "contracting/app/contract_creation.hpp"

#include <gtest/gtest.h>

#include <functional>

#include "contracting/kernel/errors.hpp"

namespace zc::contracting {
namespace {

std::string refusal(const std::function<void()>& call) {
    try {
        call();
    } catch (const ValidationError& e) {
        return e.code();
    }
    return "";
}

TEST(ContractCreation, ANewContractStartsAsDraftOrActive) {
    EXPECT_EQ(initialStatus("draft"), ContractStatus::Draft);
    EXPECT_EQ(initialStatus("active"), ContractStatus::Active);
    EXPECT_EQ(refusal([] { initialStatus("suspended"); }), "ILLEGAL_STATUS_CHANGE");
    EXPECT_EQ(refusal([] { initialStatus("terminated"); }), "ILLEGAL_STATUS_CHANGE");
    EXPECT_NE(refusal([] { initialStatus("gestart"); }), "");
    EXPECT_NE(refusal([] { initialStatus("gestart"); }), "ILLEGAL_STATUS_CHANGE");
}

TEST(ContractCreation, TheCoalitionNamesEachMemberOnceBesidesTheLead) {
    EXPECT_EQ(coalitionMembers(5, {9, 3, 5, 9, 4}), (std::vector<std::int64_t>{3, 4, 9}));
    EXPECT_TRUE(coalitionMembers(5, {5}).empty());
    EXPECT_TRUE(coalitionMembers(5, {}).empty());
}

TEST(ContractCreation, ABudgetYearIsPaidInMonthlyAdvancesWithinTheTerm) {
    const Period term{parseDate("2026-04-01"), parseDate("2028-01-01")};
    std::set<std::int64_t> years;
    const auto first = budgetAdvances({2026, Money::fromCents(900'001)}, term, years);
    ASSERT_EQ(first.size(), 9u);  // April to December
    std::int64_t sum = 0;
    for (const auto& a : first) sum += a.amount.cents();
    EXPECT_EQ(sum, 900'001);
    EXPECT_EQ(budgetAdvances({2027, Money::fromCents(0)}, term, years).size(), 12u);
}

TEST(ContractCreation, ABudgetYearIsRefusedTwiceNegativeOrOutsideTheTerm) {
    const Period term{parseDate("2026-01-01"), parseDate("2027-01-01")};
    std::set<std::int64_t> years;
    budgetAdvances({2026, Money::fromCents(100)}, term, years);
    EXPECT_EQ(refusal([&] {
                  budgetAdvances({2026, Money::fromCents(200)}, term, years);
              }),
              "INVALID_BUDGET");
    EXPECT_EQ(refusal([&] {
                  budgetAdvances({2027, Money::fromCents(-1)}, term, years);
              }),
              "INVALID_BUDGET");
    EXPECT_EQ(refusal([&] {
                  budgetAdvances({2027, Money::fromCents(100)}, term, years);
              }),
              "BUDGET_OUTSIDE_TERM");
    // A negative budget outside the term: the budget's own check comes first.
    EXPECT_EQ(refusal([&] {
                  budgetAdvances({2030, Money::fromCents(-5)}, term, years);
              }),
              "INVALID_BUDGET");
}

}  // namespace
}  // namespace zc::contracting
