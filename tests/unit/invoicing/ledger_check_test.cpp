#include "invoicing/domain/ledger_check.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

namespace zc::invoicing {
namespace {

Money m(const char* text) { return Money::parse(text); }
const Date kDate = parseDate("2026-03-31");
const Iban kBank = Iban::parse("NL91ABNA0417164300");
const Iban kOtherBank = Iban::parse("NL39RABO0300065264");

// Provider 17: two claims of 1,000.00 and 234.56 accepted, 150.00 clawed back and offset, the
// rest (1,084.56) sent and booked. Provider 18: 500.00 accepted, not paid yet.
Ledger consistentLedger() {
    Ledger ledger;
    ledger.append(postAcceptedClaim(17, 5, m("1000.00"), "claim:1", kDate));
    ledger.append(postAcceptedClaim(17, 5, m("234.56"), "claim:2", kDate));
    ledger.append(postAcceptedClaim(18, 5, m("500.00"), "claim:3", kDate));
    ledger.append(postClawBack(17, 5, m("150.00"), "audit:1", kDate));
    ledger.append(postOffset(17, m("150.00"), "run:1:provider:17", kDate));
    ledger.append(postPaymentSent(17, kBank, m("1084.56"), "run:1:provider:17", kDate));
    ledger.append(postPaymentBooked(kBank, m("1084.56"), "stmt:1:1", kDate));
    return ledger;
}

LedgerFacts consistentFacts() {
    return LedgerFacts{consistentLedger().postedLines(),
                       {{17, Money()}, {18, m("500.00")}},
                       {{kBank, m("1084.56")}}};
}

TEST(LedgerCheck, ConsistentLedgerHasNoViolation) {
    EXPECT_EQ(checkLedger(consistentFacts()), std::nullopt);
    EXPECT_EQ(checkLedger(LedgerFacts{}), std::nullopt);
}

struct ViolationRow {
    const char* name;
    LedgerFacts facts;
    std::optional<std::string> code;
    std::string subject;
    std::string message;
};

std::vector<ViolationRow> violationRows() {
    std::vector<ViolationRow> rows;
    {
        LedgerFacts f = consistentFacts();
        f.lines.push_back({3, AccountKey::budgetExpense(5), m("0.01")});  // journal 3 off a cent
        rows.push_back({"journal off by a cent", f, "JOURNAL_UNBALANCED", "journal:3",
                        "Journal 3 does not balance: debits 500.01, credits 500.00, difference "
                        "0.01."});
    }
    {
        LedgerFacts f = consistentFacts();
        f.lines.push_back({99, AccountKey::providerPayable(18), m("-25.00")});  // a lone line
        f.open_payables[1].total = m("525.00");  // so only the journal is wrong
        rows.push_back({"journal with one line", f, "JOURNAL_UNBALANCED", "journal:99",
                        "Journal 99 does not balance: debits 0.00, credits 25.00, difference "
                        "-25.00."});
    }
    {
        LedgerFacts f = consistentFacts();
        f.open_payables[1].total = m("499.99");  // the payables store lost a cent
        rows.push_back({"open payables a cent short", f, "PAYABLE_MISMATCH", "payable:provider:18",
                        "Provider 18: the ledger owes 500.00 (payable:provider:18) but its open "
                        "payables total 499.99."});
    }
    {
        LedgerFacts f = consistentFacts();
        f.open_payables = {{18, m("500.00")}, {17, m("1084.56")}};  // payment not recorded
        rows.push_back({"paid payables still open", f, "PAYABLE_MISMATCH", "payable:provider:17",
                        "Provider 17: the ledger owes 0.00 (payable:provider:17) but its open "
                        "payables total 1084.56."});
    }
    {
        LedgerFacts f = consistentFacts();
        f.open_payables.pop_back();  // provider 18's open payables missing
        rows.push_back({"provider missing from open payables", f, "PAYABLE_MISMATCH",
                        "payable:provider:18",
                        "Provider 18: the ledger owes 500.00 (payable:provider:18) but its open "
                        "payables total 0.00."});
    }
    {
        LedgerFacts f = consistentFacts();
        f.open_payables.push_back({19, m("10.00")});  // open payables the ledger never saw
        rows.push_back({"open payables without ledger lines", f, "PAYABLE_MISMATCH",
                        "payable:provider:19",
                        "Provider 19: the ledger owes 0.00 (payable:provider:19) but its open "
                        "payables total 10.00."});
    }
    {
        LedgerFacts f = consistentFacts();
        f.reconciled_bank = {{kBank, m("1084.55")}};
        rows.push_back({"bank a cent off", f, "BANK_MISMATCH", "bank:iban:NL91ABNA0417164300",
                        "Bank account NL91ABNA0417164300: the ledger shows 1084.56 paid out "
                        "(net) but the reconciled statement entries total 1084.55."});
    }
    {
        LedgerFacts f = consistentFacts();
        f.reconciled_bank.push_back({kOtherBank, m("20.00")});
        rows.push_back({"statement of an account the ledger never paid from", f, "BANK_MISMATCH",
                        "bank:iban:NL39RABO0300065264",
                        "Bank account NL39RABO0300065264: the ledger shows 0.00 paid out (net) "
                        "but the reconciled statement entries total 20.00."});
    }
    {
        LedgerFacts f = consistentFacts();
        f.reconciled_bank.clear();
        rows.push_back({"booked payment not reconciled", f, "BANK_MISMATCH",
                        "bank:iban:NL91ABNA0417164300",
                        "Bank account NL91ABNA0417164300: the ledger shows 1084.56 paid out "
                        "(net) but the reconciled statement entries total 0.00."});
    }
    {
        // Precedence: an unbalanced journal is reported before the payable and bank checks.
        LedgerFacts f = consistentFacts();
        f.lines.push_back({3, AccountKey::budgetExpense(5), m("0.01")});
        f.open_payables.clear();
        f.reconciled_bank.clear();
        rows.push_back(
            {"journal before payables and bank", f, "JOURNAL_UNBALANCED", "journal:3", ""});
    }
    {
        LedgerFacts f = consistentFacts();
        f.open_payables[1].total = m("1.00");
        f.reconciled_bank.clear();
        rows.push_back({"payables before bank", f, "PAYABLE_MISMATCH", "payable:provider:18", ""});
    }
    return rows;
}

TEST(LedgerCheck, FindsEachKindOfViolation) {
    for (const ViolationRow& row : violationRows()) {
        SCOPED_TRACE(row.name);
        const std::optional<LedgerViolation> v = checkLedger(row.facts);
        ASSERT_TRUE(v.has_value());
        EXPECT_EQ(v->code, row.code);
        EXPECT_EQ(v->subject, row.subject);
        if (!row.message.empty()) {
            EXPECT_EQ(v->message, row.message);
        }
    }
}

TEST(LedgerCheck, ReturnedPaymentReopensPayableAndNetsTheBank) {
    Ledger ledger = consistentLedger();
    ledger.append(postPaymentReturned(17, kBank, m("1084.56"), "stmt:2:1", kDate));
    // Bank: 1,084.56 out and 1,084.56 back in: net 0.00; provider 17 is owed 1,084.56 again.
    EXPECT_EQ(
        checkLedger(
            {ledger.postedLines(), {{17, m("1084.56")}, {18, m("500.00")}}, {{kBank, Money()}}}),
        std::nullopt);
}

TEST(LedgerCheck, RowsForOneProviderOrAccountAreAddedUp) {
    LedgerFacts f = consistentFacts();
    f.open_payables = {{18, m("200.00")}, {18, m("300.00")}};
    f.reconciled_bank = {{kBank, m("1100.00")}, {kBank, m("-15.44")}};
    EXPECT_EQ(checkLedger(f), std::nullopt);
}

TEST(LedgerCheck, KindMatchesCode) {
    LedgerFacts f = consistentFacts();
    f.reconciled_bank.clear();
    const std::optional<LedgerViolation> v = checkLedger(f);
    ASSERT_TRUE(v.has_value());
    EXPECT_EQ(v->kind, LedgerViolationKind::BankMismatch);
}

// Provider 17 works for Kampen (0166) and Zwolle (0193): 100.00 accepted in Kampen's books,
// 200.00 in Zwolle's; each municipality's run paid its own from its own account.
const Iban kKampenBank = Iban::parse("NL39RABO0300065264");
JournalEntry inBooksOf(const char* municipality, JournalEntry entry) {
    entry.municipality = municipality;
    return entry;
}

Ledger regionLedger() {
    Ledger ledger;
    ledger.append(inBooksOf("0166", postAcceptedClaim(17, 5, m("100.00"), "claim:1", kDate)));
    ledger.append(inBooksOf("0193", postAcceptedClaim(17, 6, m("200.00"), "claim:2", kDate)));
    ledger.append(inBooksOf("0166", postPaymentSent(17, kKampenBank, m("100.00"), "i:1", kDate)));
    ledger.append(inBooksOf("0193", postPaymentSent(17, kBank, m("200.00"), "i:2", kDate)));
    ledger.append(inBooksOf("0193", postPaymentBooked(kBank, m("200.00"), "e:1", kDate)));
    return ledger;
}

TEST(LedgerCheck, EachMunicipalitysBooksAreCheckedOnTheirOwn) {
    LedgerFacts f{regionLedger().postedLines(), {}, {{kBank, m("200.00"), "0193"}}, {"0148"}};
    EXPECT_EQ(checkLedger(f), std::nullopt);
    std::vector<std::string> checked;
    for (const auto& r : checkLedgerPerMunicipality(f)) {
        checked.push_back(r.municipality + (r.violation ? " " + r.violation->code : " ok"));
    }
    EXPECT_EQ(checked, (std::vector<std::string>{"0148 ok", "0166 ok", "0193 ok"}))
        << "a municipality without entries is reported too";
}

TEST(LedgerCheck, AKampenImbalanceIsNamedWithKampen) {
    // Kampen's 100.00 is still open in Kampen's books, Zwolle paid 300.00 from its account: the
    // provider's payable sums to zero over both books, yet each is wrong on its own.
    Ledger ledger;
    ledger.append(inBooksOf("0166", postAcceptedClaim(17, 5, m("100.00"), "claim:1", kDate)));
    ledger.append(inBooksOf("0193", postAcceptedClaim(17, 6, m("200.00"), "claim:2", kDate)));
    ledger.append(inBooksOf("0193", postPaymentSent(17, kBank, m("300.00"), "i:1", kDate)));
    const LedgerFacts f{ledger.postedLines(), {}, {}, {}};
    const std::optional<LedgerViolation> v = checkLedger(f);
    ASSERT_TRUE(v.has_value());
    EXPECT_EQ(v->code, "PAYABLE_MISMATCH");
    EXPECT_EQ(v->subject, "0166/payable:provider:17");
    EXPECT_EQ(v->message,
              "Municipality 0166: Provider 17: the ledger owes 100.00 (payable:provider:17) but "
              "its open payables total 0.00.");
    const auto all = checkLedgerPerMunicipality(f);
    ASSERT_EQ(all.size(), 2u);
    ASSERT_TRUE(all[1].violation.has_value());
    EXPECT_EQ(all[1].violation->subject, "0193/payable:provider:17");

    // Open payables of Kampen do not make up for Zwolle's books.
    const LedgerFacts owed_by_zwolle{ledger.postedLines(), {{17, m("100.00"), "0193"}}, {}, {}};
    ASSERT_TRUE(checkLedger(owed_by_zwolle).has_value());
    EXPECT_EQ(checkLedger(owed_by_zwolle)->subject, "0166/payable:provider:17");
}

TEST(LedgerCheck, KampensJournalsAndBankAreNamedWithKampen) {
    LedgerFacts f{regionLedger().postedLines(), {}, {{kBank, m("200.00"), "0193"}}, {}};
    f.lines.push_back({1, AccountKey::budgetExpense(5), m("0.01"), "0166"});
    ASSERT_TRUE(checkLedger(f).has_value());
    EXPECT_EQ(checkLedger(f)->subject, "0166/journal:1");

    // Kampen's statement booked 100.00 that Kampen's ledger never moved to the bank.
    LedgerFacts bank{regionLedger().postedLines(),
                     {},
                     {{kBank, m("200.00"), "0193"}, {kKampenBank, m("100.00"), "0166"}},
                     {}};
    ASSERT_TRUE(checkLedger(bank).has_value());
    EXPECT_EQ(checkLedger(bank)->subject, "0166/bank:iban:NL39RABO0300065264");
    // The same total in the wrong municipality's books is no match either.
    bank.reconciled_bank = {{kBank, m("200.00"), "0166"}};
    ASSERT_TRUE(checkLedger(bank).has_value());
    EXPECT_EQ(checkLedger(bank)->subject, "0166/bank:iban:NL91ABNA0417164300");
}

}  // namespace
}  // namespace zc::invoicing
