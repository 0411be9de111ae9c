#include "invoicing/domain/ledger.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "contracting/kernel/errors.hpp"

namespace zc::invoicing {
namespace {

Money m(const char* text) { return Money::parse(text); }
const Date kDate = parseDate("2026-03-31");
const Iban kBank = Iban::parse("NL91ABNA0417164300");

// A line as a finance user reads it: account, debit or credit, amount.
using Readable = std::vector<std::string>;
Readable readable(const JournalEntry& entry) {
    Readable out;
    for (const JournalLine& line : entry.lines) {
        out.push_back(line.account.format() + (line.isDebit() ? " D " : " C ") +
                      (line.isDebit() ? line.debit() : line.credit()).toString());
    }
    return out;
}

std::optional<std::string> codeOf(const std::function<void()>& action) {
    try {
        action();
        return std::nullopt;
    } catch (const ValidationError& e) {
        return e.code();
    }
}

JournalEntry entryWith(std::vector<JournalLine> lines, std::string source = "test:1") {
    return JournalEntry{EventKind::ManualResolution, std::move(source), kDate, std::move(lines)};
}

TEST(LedgerJournal, ValidationTable) {
    const AccountKey payable = AccountKey::providerPayable(17);
    const AccountKey expense = AccountKey::budgetExpense(5);
    const AccountKey suspense = AccountKey::suspense(kBank);
    struct Row {
        const char* name;
        JournalEntry entry;
        std::optional<std::string> code;
    };
    const std::vector<Row> rows = {
        {"two balanced lines", entryWith({{expense, m("100.00")}, {payable, m("-100.00")}}),
         std::nullopt},
        {"three balanced lines",
         entryWith({{expense, m("100.00")}, {payable, m("-99.99")}, {suspense, m("-0.01")}}),
         std::nullopt},
        {"one cent off", entryWith({{expense, m("100.00")}, {payable, m("-99.99")}}),
         "JOURNAL_UNBALANCED"},
        {"debits only", entryWith({{expense, m("100.00")}, {payable, m("100.00")}}),
         "JOURNAL_UNBALANCED"},
        {"single line", entryWith({{expense, m("0.01")}}), "JOURNAL_UNBALANCED"},
        {"no lines", entryWith({}), "JOURNAL_EMPTY"},
        {"zero line", entryWith({{expense, m("100.00")}, {payable, m("-100.00")}, {suspense, {}}}),
         "JOURNAL_ZERO_LINE"},
        {"no source", entryWith({{expense, m("1.00")}, {payable, m("-1.00")}}, ""),
         "JOURNAL_SOURCE_REQUIRED"},
        // Precedence: source, then empty, then zero lines, then the balance.
        {"zero line and unbalanced", entryWith({{expense, {}}, {payable, m("-1.00")}}),
         "JOURNAL_ZERO_LINE"},
        {"no source and no lines", entryWith({}, ""), "JOURNAL_SOURCE_REQUIRED"},
    };
    for (const Row& row : rows) {
        SCOPED_TRACE(row.name);
        EXPECT_EQ(codeOf([&] { row.entry.validate(); }), row.code);
    }
}

TEST(LedgerJournal, TooManyLinesAreRefused) {
    std::vector<JournalLine> lines;
    for (std::int64_t i = 1; i <= 32; ++i) {
        lines.push_back({AccountKey::budgetExpense(i), m("1.00")});
        lines.push_back({AccountKey::providerPayable(i), m("-1.00")});
    }
    EXPECT_EQ(codeOf([&] { entryWith(lines).validate(); }), std::nullopt);  // 64 lines
    lines.push_back({AccountKey::budgetExpense(99), m("1.00")});
    EXPECT_EQ(codeOf([&] { entryWith(lines).validate(); }), "JOURNAL_TOO_LARGE");
}

TEST(LedgerJournal, UnbalancedNamesTheDifferenceAndField) {
    try {
        entryWith({{AccountKey::budgetExpense(5), m("100.00")},
                   {AccountKey::providerPayable(17), m("-99.95")}},
                  "claim-line:881")
            .validate();
        ADD_FAILURE() << "accepted";
    } catch (const ValidationError& e) {
        EXPECT_EQ(e.code(), "JOURNAL_UNBALANCED");
        EXPECT_EQ(e.field(), "lines");
        EXPECT_EQ(e.kind(), ErrorKind::Unprocessable);
        EXPECT_NE(std::string(e.what()).find("claim-line:881"), std::string::npos);
        EXPECT_NE(std::string(e.what()).find("0.05"), std::string::npos);
    }
}

TEST(LedgerJournal, ZeroLineNamesItsIndex) {
    try {
        entryWith({{AccountKey::budgetExpense(5), m("1.00")},
                   {AccountKey::providerPayable(17), m("-1.00")},
                   {AccountKey::suspense(kBank), Money()}})
            .validate();
        ADD_FAILURE() << "accepted";
    } catch (const ValidationError& e) {
        EXPECT_EQ(e.field(), "lines[2].amount");
    }
}

TEST(LedgerJournal, LineSides) {
    const JournalLine debit{AccountKey::budgetExpense(5), m("12.34")};
    const JournalLine credit{AccountKey::providerPayable(17), m("-12.34")};
    EXPECT_TRUE(debit.isDebit());
    EXPECT_EQ(debit.debit(), m("12.34"));
    EXPECT_EQ(debit.credit(), Money());
    EXPECT_FALSE(credit.isDebit());
    EXPECT_EQ(credit.debit(), Money());
    EXPECT_EQ(credit.credit(), m("12.34"));
}

TEST(LedgerJournal, EventKindNamesRoundTrip) {
    const std::vector<std::pair<EventKind, const char*>> names = {
        {EventKind::AcceptedClaim, "accepted_claim"},
        {EventKind::Credit, "credit"},
        {EventKind::Advance, "advance"},
        {EventKind::Settlement, "settlement"},
        {EventKind::ClawBack, "claw_back"},
        {EventKind::Offset, "offset"},
        {EventKind::PaymentSent, "payment_sent"},
        {EventKind::PaymentBooked, "payment_booked"},
        {EventKind::PaymentReturned, "payment_returned"},
        {EventKind::BudgetReallocation, "budget_reallocation"},
        {EventKind::ManualResolution, "manual_resolution"},
    };
    for (const auto& [kind, name] : names) {
        EXPECT_EQ(eventKindName(kind), name);
        EXPECT_EQ(parseEventKind(name), kind);
    }
    EXPECT_EQ(codeOf([] { parseEventKind("payment"); }), "INVALID_EVENT_KIND");
}

struct BuilderRow {
    const char* name;
    std::function<JournalEntry()> build;
    EventKind kind;
    Readable lines;
};

class LedgerBuilders : public ::testing::TestWithParam<BuilderRow> {};

TEST_P(LedgerBuilders, PostsTheDocumentedLines) {
    const BuilderRow& row = GetParam();
    const JournalEntry entry = row.build();
    EXPECT_EQ(entry.kind, row.kind);
    EXPECT_EQ(readable(entry), row.lines);
    EXPECT_EQ(entry.source, "src:1");
    EXPECT_EQ(entry.date, kDate);
    EXPECT_NO_THROW(entry.validate());
}

INSTANTIATE_TEST_SUITE_P(
    EveryEvent, LedgerBuilders,
    ::testing::Values(
        BuilderRow{"AcceptedClaim",
                   [] { return postAcceptedClaim(17, 5, m("1234.56"), "src:1", kDate); },
                   EventKind::AcceptedClaim,
                   {"expense:budget:5 D 1234.56", "payable:provider:17 C 1234.56"}},
        BuilderRow{"Credit",
                   [] { return postCredit(17, 5, m("61.73"), "src:1", kDate); },
                   EventKind::Credit,
                   {"payable:provider:17 D 61.73", "expense:budget:5 C 61.73"}},
        BuilderRow{"Advance",
                   [] { return postAdvance(17, 42, m("287500.00"), "src:1", kDate); },
                   EventKind::Advance,
                   {"advances:contract:42 D 287500.00", "payable:provider:17 C 287500.00"}},
        // Earned 3,342,187.50 of 3,450,000.00 advanced: 107,812.50 clawed back.
        BuilderRow{"SettlementClawsBack",
                   [] {
                       return postSettlement(17, 42, 5, m("3342187.50"), m("3450000.00"), "src:1",
                                             kDate);
                   },
                   EventKind::Settlement,
                   {"expense:budget:5 D 3342187.50", "advances:contract:42 C 3450000.00",
                    "receivable:provider:17 D 107812.50"}},
        // Earned 3,342,187.50 of 3,000,000.00 advanced: 342,187.50 still to pay.
        BuilderRow{"SettlementPaysTheRest",
                   [] {
                       return postSettlement(17, 42, 5, m("3342187.50"), m("3000000.00"), "src:1",
                                             kDate);
                   },
                   EventKind::Settlement,
                   {"expense:budget:5 D 3342187.50", "advances:contract:42 C 3000000.00",
                    "payable:provider:17 C 342187.50"}},
        BuilderRow{"SettlementEqualToAdvances",
                   [] {
                       return postSettlement(17, 42, 5, m("3450000.00"), m("3450000.00"), "src:1",
                                             kDate);
                   },
                   EventKind::Settlement,
                   {"expense:budget:5 D 3450000.00", "advances:contract:42 C 3450000.00"}},
        BuilderRow{"SettlementNothingEarned",
                   [] { return postSettlement(17, 42, 5, Money(), m("1000.00"), "src:1", kDate); },
                   EventKind::Settlement,
                   {"advances:contract:42 C 1000.00", "receivable:provider:17 D 1000.00"}},
        BuilderRow{"SettlementWithoutAdvances",
                   [] { return postSettlement(17, 42, 5, m("1000.00"), Money(), "src:1", kDate); },
                   EventKind::Settlement,
                   {"expense:budget:5 D 1000.00", "payable:provider:17 C 1000.00"}},
        BuilderRow{"ClawBack",
                   [] { return postClawBack(17, 5, m("500.00"), "src:1", kDate); },
                   EventKind::ClawBack,
                   {"receivable:provider:17 D 500.00", "expense:budget:5 C 500.00"}},
        BuilderRow{"Offset",
                   [] { return postOffset(17, m("150.00"), "src:1", kDate); },
                   EventKind::Offset,
                   {"payable:provider:17 D 150.00", "receivable:provider:17 C 150.00"}},
        BuilderRow{
            "PaymentSent",
            [] { return postPaymentSent(17, kBank, m("1084.56"), "src:1", kDate); },
            EventKind::PaymentSent,
            {"payable:provider:17 D 1084.56", "in-transit:iban:NL91ABNA0417164300 C 1084.56"}},
        BuilderRow{"PaymentBooked",
                   [] { return postPaymentBooked(kBank, m("1084.56"), "src:1", kDate); },
                   EventKind::PaymentBooked,
                   {"in-transit:iban:NL91ABNA0417164300 D 1084.56",
                    "bank:iban:NL91ABNA0417164300 C 1084.56"}},
        BuilderRow{"PaymentReturned",
                   [] { return postPaymentReturned(17, kBank, m("1084.56"), "src:1", kDate); },
                   EventKind::PaymentReturned,
                   {"bank:iban:NL91ABNA0417164300 D 1084.56", "payable:provider:17 C 1084.56"}},
        BuilderRow{"AllowanceReallocation",
                   [] { return postAllowanceReallocation(5, 6, m("25000.00"), "src:1", kDate); },
                   EventKind::BudgetReallocation,
                   {"allowance:budget:5 D 25000.00", "allowance:budget:6 C 25000.00"}},
        BuilderRow{"Reallocation",
                   [] { return postReallocation(5, 6, m("25000.00"), "src:1", kDate); },
                   EventKind::BudgetReallocation,
                   {"expense:budget:6 D 25000.00", "expense:budget:5 C 25000.00"}},
        BuilderRow{
            "ManualResolution",
            [] {
                return postManualResolution({{AccountKey::suspense(kBank), m("12.00")},
                                             {AccountKey::bank(kBank), m("-12.00")}},
                                            "src:1", kDate);
            },
            EventKind::ManualResolution,
            {"suspense:iban:NL91ABNA0417164300 D 12.00", "bank:iban:NL91ABNA0417164300 C 12.00"}}),
    [](const ::testing::TestParamInfo<BuilderRow>& info) { return std::string(info.param.name); });

TEST(LedgerBuilderRefusals, AmountsOfZeroOrBelowAndMore) {
    struct Row {
        const char* name;
        std::function<void()> build;
        std::optional<std::string> code;
    };
    const std::vector<Row> rows = {
        {"claim zero", [] { postAcceptedClaim(17, 5, Money(), "s", kDate); }, "INVALID_AMOUNT"},
        {"claim negative", [] { postAcceptedClaim(17, 5, m("-1.00"), "s", kDate); },
         "INVALID_AMOUNT"},
        {"credit zero", [] { postCredit(17, 5, Money(), "s", kDate); }, "INVALID_AMOUNT"},
        {"advance zero", [] { postAdvance(17, 42, Money(), "s", kDate); }, "INVALID_AMOUNT"},
        {"claw-back zero", [] { postClawBack(17, 5, Money(), "s", kDate); }, "INVALID_AMOUNT"},
        {"offset negative", [] { postOffset(17, m("-0.01"), "s", kDate); }, "INVALID_AMOUNT"},
        {"sent zero", [] { postPaymentSent(17, kBank, Money(), "s", kDate); }, "INVALID_AMOUNT"},
        {"booked zero", [] { postPaymentBooked(kBank, Money(), "s", kDate); }, "INVALID_AMOUNT"},
        {"returned zero", [] { postPaymentReturned(17, kBank, Money(), "s", kDate); },
         "INVALID_AMOUNT"},
        {"reallocation zero", [] { postReallocation(5, 6, Money(), "s", kDate); },
         "INVALID_AMOUNT"},
        {"allowance same budget", [] { postAllowanceReallocation(5, 5, m("1.00"), "s", kDate); },
         "SAME_BUDGET"},
        {"reallocation same budget", [] { postReallocation(5, 5, m("1.00"), "s", kDate); },
         "SAME_BUDGET"},
        {"settlement negative due",
         [] { postSettlement(17, 42, 5, m("-1.00"), Money(), "s", kDate); }, "INVALID_AMOUNT"},
        {"settlement negative advances",
         [] { postSettlement(17, 42, 5, Money(), m("-1.00"), "s", kDate); }, "INVALID_AMOUNT"},
        {"settlement of nothing", [] { postSettlement(17, 42, 5, Money(), Money(), "s", kDate); },
         "JOURNAL_EMPTY"},
        {"no source", [] { postAcceptedClaim(17, 5, m("1.00"), "", kDate); },
         "JOURNAL_SOURCE_REQUIRED"},
        {"manual unbalanced",
         [] {
             postManualResolution({{AccountKey::suspense(kBank), m("12.00")},
                                   {AccountKey::bank(kBank), m("-11.00")}},
                                  "s", kDate);
         },
         "JOURNAL_UNBALANCED"},
    };
    for (const Row& row : rows) {
        SCOPED_TRACE(row.name);
        EXPECT_EQ(codeOf(row.build), row.code);
    }
}

// A claim paid, returned by the bank and paid again: the balances a finance user checks.
TEST(LedgerBook, PaymentLifecycleBalances) {
    Ledger ledger;
    const AccountKey payable = AccountKey::providerPayable(17);
    const AccountKey in_transit = AccountKey::paymentsInTransit(kBank);
    const AccountKey bank = AccountKey::bank(kBank);
    EXPECT_EQ(ledger.append(postAcceptedClaim(17, 5, m("1234.56"), "claim:1", kDate)), 1);
    EXPECT_EQ(ledger.append(postClawBack(17, 5, m("150.00"), "audit:1", kDate)), 2);
    EXPECT_EQ(ledger.balance(payable), m("-1234.56"));  // owed to the provider
    ledger.append(postOffset(17, m("150.00"), "run:1:provider:17", kDate));
    ledger.append(postPaymentSent(17, kBank, m("1084.56"), "run:1:provider:17", kDate));
    EXPECT_EQ(ledger.balance(payable), Money());
    EXPECT_EQ(ledger.balance(AccountKey::providerReceivable(17)), Money());
    EXPECT_EQ(ledger.balance(in_transit), m("-1084.56"));
    ledger.append(postPaymentBooked(kBank, m("1084.56"), "stmt:1:1", kDate));
    EXPECT_EQ(ledger.balance(in_transit), Money());
    EXPECT_EQ(ledger.balance(bank), m("-1084.56"));
    ledger.append(postPaymentReturned(17, kBank, m("1084.56"), "stmt:2:1", kDate));
    EXPECT_EQ(ledger.balance(payable), m("-1084.56"));  // owed again
    EXPECT_EQ(ledger.balance(bank), Money());
    EXPECT_EQ(ledger.balance(AccountKey::budgetExpense(5)), m("1084.56"));
    EXPECT_EQ(ledger.entries().size(), 6u);
    EXPECT_EQ(ledger.postedLines().size(), 12u);
    EXPECT_EQ(ledger.postedLines().back().journal_id, 6);
}

TEST(LedgerBook, RefusesAnInvalidEntryAndStaysUnchanged) {
    Ledger ledger;
    ledger.append(postAcceptedClaim(17, 5, m("10.00"), "claim:1", kDate));
    EXPECT_EQ(codeOf([&] {
                  ledger.append(entryWith({{AccountKey::budgetExpense(5), m("1.00")},
                                           {AccountKey::providerPayable(17), m("-2.00")}}));
              }),
              "JOURNAL_UNBALANCED");
    // Balanced, but the expense balance 10.00 + INT64_MAX cents overflows after the payable
    // line was applied: nothing of it may stay.
    EXPECT_THROW(ledger.append(entryWith(
                     {{AccountKey::providerPayable(17), m("-1.00")},
                      {AccountKey::budgetExpense(5), Money::fromCents(INT64_MAX)},
                      {AccountKey::suspense(kBank), Money::fromCents(-INT64_MAX + 100)}})),
                 std::overflow_error);
    EXPECT_EQ(ledger.entries().size(), 1u);
    EXPECT_EQ(ledger.balance(AccountKey::budgetExpense(5)), m("10.00"));
    EXPECT_EQ(ledger.balance(AccountKey::providerPayable(17)), m("-10.00"));
}

TEST(LedgerBook, PostedLinesCarryTheirJournalsMunicipality) {
    Ledger ledger;
    JournalEntry kampen = postAcceptedClaim(17, 5, m("10.00"), "claim:1", kDate);
    kampen.municipality = "0166";
    JournalEntry zwolle = postAcceptedClaim(17, 6, m("20.00"), "claim:2", kDate);
    zwolle.municipality = "0193";
    EXPECT_EQ(postAcceptedClaim(17, 5, m("10.00"), "claim:1", kDate).municipality, "")
        << "the builders leave the municipality to the caller";
    ledger.append(kampen);
    ledger.append(zwolle);
    std::vector<std::string> seen;
    for (const PostedLine& line : ledger.postedLines()) {
        seen.push_back(std::to_string(line.journal_id) + " " + line.municipality);
    }
    EXPECT_EQ(seen, (std::vector<std::string>{"1 0166", "1 0166", "2 0193", "2 0193"}));
}

}  // namespace
}  // namespace zc::invoicing
