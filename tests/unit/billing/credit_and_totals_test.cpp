// adjudicateCredit and checkDeclarationTotals, as tables.
#include <gtest/gtest.h>

#include "billing/domain/adjudication.hpp"
#include "claim_fixture.hpp"

namespace zc::billing {
namespace {

using namespace testing;

Case creditCase() {
    Case c = validCase();
    c.line.credit = true;
    c.line.reference = "R-2025-04-001";
    c.line.previous_reference = "R-2025-03-001";
    return c;
}

TEST(AdjudicateCredit, TableOfCredits) {
    const std::vector<Row> rows = {
        {"repeats an accepted debit", [](Case&) {}, "ok"},
        {"no previous reference", [](Case& c) { c.line.previous_reference.reset(); },
         "8017 credit_without_debit"},
        {"empty previous reference", [](Case& c) { c.line.previous_reference = ""; },
         "8017 credit_without_debit"},
        {"no accepted debit behind it", [](Case& c) { c.credit.debit_found = false; },
         "8017 credit_without_debit"},
        {"debit credited before", [](Case& c) { c.credit.debit_already_credited = true; },
         "9390 credit_already_credited"},
        {"does not repeat the debit", [](Case& c) { c.credit.matches_debit = false; },
         "8017 credit_does_not_match_debit"},
        {"credited before and different: 9390 first",
         [](Case& c) {
             c.credit.debit_already_credited = true;
             c.credit.matches_debit = false;
         },
         "9390 credit_already_credited"},
        {"no debit and different: without debit first",
         [](Case& c) {
             c.credit.debit_found = false;
             c.credit.matches_debit = false;
             c.credit.debit_already_credited = true;
         },
         "8017 credit_without_debit"},
    };
    for (const Row& row : rows) {
        Case c = creditCase();
        row.change(c);
        EXPECT_EQ(outcome(adjudicateCredit(c.line, c.credit)), row.expected) << row.name;
    }
}

TEST(AdjudicateCredit, EachRuleFunction) {
    Case c = creditCase();
    EXPECT_EQ(outcome(checkCreditHasDebit(c.line, c.credit)), "ok");
    EXPECT_EQ(outcome(checkCreditNotRepeated(c.credit)), "ok");
    EXPECT_EQ(outcome(checkCreditMatchesDebit(c.credit)), "ok");
    c.credit = CreditFacts{false, true, false};
    EXPECT_EQ(outcome(checkCreditHasDebit(c.line, c.credit)), "8017 credit_without_debit");
    EXPECT_EQ(outcome(checkCreditNotRepeated(c.credit)), "9390 credit_already_credited");
    EXPECT_EQ(outcome(checkCreditMatchesDebit(c.credit)), "8017 credit_does_not_match_debit");
}

ClaimLine line(bool credit, std::int64_t amount_cents) {
    ClaimLine l = validCase().line;
    l.credit = credit;
    l.amount = cents(amount_cents);
    return l;
}

struct TotalsRow {
    const char* name;
    Period declaration_period;
    std::int64_t total_cents;
    std::vector<ClaimLine> lines;
    const char* expected;
};

TEST(DeclarationTotals, TableOfDeclarations) {
    const Period march = p("2025-03-01", "2025-04-01");
    const std::vector<TotalsRow> rows = {
        {"debits minus credits",
         march,
         65000,
         {line(false, 60000), line(false, 10000), line(true, 5000)},
         "ok"},
        {"one cent short",
         march,
         64999,
         {line(false, 60000), line(false, 10000), line(true, 5000)},
         "0001 declaration_total_mismatch"},
        {"credits added instead of subtracted",
         march,
         75000,
         {line(false, 60000), line(false, 10000), line(true, 5000)},
         "0001 declaration_total_mismatch"},
        {"net negative", march, -5000, {line(true, 5000)}, "ok"},
        {"net negative written positive",
         march,
         5000,
         {line(true, 5000)},
         "0001 declaration_total_mismatch"},
        {"no lines, zero total", march, 0, {}, "ok"},
        {"February", p("2025-02-01", "2025-03-01"), 0, {}, "ok"},
        {"leap February", p("2024-02-01", "2024-03-01"), 0, {}, "ok"},
        {"starts on the 2nd",
         p("2025-03-02", "2025-04-02"),
         0,
         {},
         "0001 declaration_period_not_one_month"},
        {"ends a day early",
         p("2025-03-01", "2025-03-31"),
         0,
         {},
         "0001 declaration_period_not_one_month"},
        {"two months",
         p("2025-03-01", "2025-05-01"),
         0,
         {},
         "0001 declaration_period_not_one_month"},
        {"no end",
         Period{d("2025-03-01"), std::nullopt},
         0,
         {},
         "0001 declaration_period_not_one_month"},
        {"bad period and bad total: the period first",
         p("2025-03-01", "2025-03-31"),
         1,
         {line(false, 60000)},
         "0001 declaration_period_not_one_month"},
    };
    for (const TotalsRow& row : rows) {
        DeclarationHeader h = validCase().header;
        h.declaration_period = row.declaration_period;
        h.total_submitted = cents(row.total_cents);
        EXPECT_EQ(outcome(checkDeclarationTotals(h, row.lines)), row.expected) << row.name;
    }
}

TEST(DeclarationTotals, MessageNamesBothAmounts) {
    DeclarationHeader h = validCase().header;
    h.total_submitted = cents(100);
    const auto v = checkDeclarationTotals(h, {line(true, 5)});
    ASSERT_TRUE(v.has_value());
    EXPECT_NE(v->message.find("1.00"), std::string::npos) << v->message;
    EXPECT_NE(v->message.find("-0.05"), std::string::npos) << v->message;
}

}  // namespace
}  // namespace zc::billing
