#include "invoicing/domain/reconciliation.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "contracting/kernel/errors.hpp"

namespace zc::invoicing {
namespace {

Money m(const char* text) { return Money::parse(text); }
Date d(const char* text) { return parseDate(text); }

constexpr InstructionStatus kSent = InstructionStatus::Sent;
constexpr InstructionStatus kBooked = InstructionStatus::Booked;
constexpr InstructionStatus kReturned = InstructionStatus::Returned;

// Run 12 executed on 2 April 2026, plus one transfer of run 11 to the same account as ZC-12-18.
std::vector<SentInstruction> instructions() {
    return {
        {"ZC-12-17", m("1084.56"), "NL39RABO0300065264", d("2026-04-02"), kSent},
        {"ZC-12-18", m("500.00"), "NL20INGB0001234567", d("2026-04-02"), kSent},
        {"ZC-11-18", m("500.00"), "NL20INGB0001234567", d("2026-03-30"), kSent},
        {"ZC-12-20", m("75.25"), "NL14BNGH0285001234", d("2026-04-02"), kSent},
    };
}

StatementEntry debit(const char* amount, const char* booked, std::string e2e, std::string iban) {
    return {m(amount), EntryDirection::Debit, d(booked), std::move(e2e), std::move(iban), ""};
}

StatementEntry returned(const char* amount, const char* booked, std::string e2e,
                        std::string reason = "AC04") {
    return {m(amount),      EntryDirection::Credit, d(booked),
            std::move(e2e), "NL39RABO0300065264",   std::move(reason)};
}

// What one entry came to, as a finance user reads the work list.
struct Expected {
    MatchKind kind;
    std::optional<std::size_t> instruction;
    MatchEffect effect = MatchEffect::Booked;
    MatchMethod method = MatchMethod::EndToEndId;
    std::optional<UnmatchedReason> reason;
};

Expected matchedTo(std::size_t i, MatchEffect effect = MatchEffect::Booked,
                   MatchMethod method = MatchMethod::EndToEndId) {
    return {MatchKind::Matched, i, effect, method, std::nullopt};
}

Expected fallbackTo(std::size_t i) {
    return matchedTo(i, MatchEffect::Booked, MatchMethod::AmountIbanDate);
}

Expected differenceAt(std::size_t i, MatchEffect effect = MatchEffect::Booked) {
    return {MatchKind::AmountDifference, i, effect, MatchMethod::EndToEndId, std::nullopt};
}

Expected unmatchedFor(UnmatchedReason reason) {
    return {MatchKind::Unmatched, std::nullopt, MatchEffect::Booked, MatchMethod::EndToEndId,
            reason};
}

void expectMatch(const EntryMatch& actual, const Expected& expected) {
    EXPECT_EQ(actual.kind, expected.kind);
    EXPECT_EQ(actual.instruction, expected.instruction);
    EXPECT_EQ(actual.reason, expected.reason);
    if (expected.kind != MatchKind::Unmatched) {
        EXPECT_EQ(actual.effect, expected.effect);
        EXPECT_EQ(actual.method, expected.method);
        EXPECT_EQ(actual.end_to_end_id, instructions()[*expected.instruction].end_to_end_id);
    } else {
        EXPECT_FALSE(actual.detail.empty());
    }
}

struct SingleEntryRow {
    const char* name;
    StatementEntry entry;
    Expected expected;
    std::vector<InstructionStatus> before = {kSent, kSent, kSent, kSent};
    std::vector<InstructionStatus> after = {};  // empty: same as before
    int window_days = kDefaultMatchWindowDays;
};

class ReconciliationSingleEntry : public ::testing::TestWithParam<SingleEntryRow> {};

TEST_P(ReconciliationSingleEntry, MatchesAsSpecified) {
    const SingleEntryRow& row = GetParam();
    std::vector<SentInstruction> sent = instructions();
    for (std::size_t i = 0; i < sent.size(); ++i) sent[i].status = row.before[i];
    const Reconciliation r = reconcile(sent, {row.entry}, MatchPolicy{row.window_days});
    ASSERT_EQ(r.entries.size(), 1u);
    expectMatch(r.entries[0], row.expected);
    EXPECT_EQ(r.entries[0].actual, row.entry.amount);
    EXPECT_EQ(r.statuses, row.after.empty() ? row.before : row.after);
}

INSTANTIATE_TEST_SUITE_P(
    Rules, ReconciliationSingleEntry,
    ::testing::Values(
        SingleEntryRow{"ByEndToEndId",
                       debit("1084.56", "2026-04-02", "ZC-12-17", "NL39RABO0300065264"),
                       matchedTo(0),
                       {kSent, kSent, kSent, kSent},
                       {kBooked, kSent, kSent, kSent}},
        SingleEntryRow{"ByEndToEndIdLateAndOtherIban",  // the id decides; no window applies
                       debit("1084.56", "2026-05-20", "ZC-12-17", ""),
                       matchedTo(0),
                       {kSent, kSent, kSent, kSent},
                       {kBooked, kSent, kSent, kSent}},
        SingleEntryRow{"FallbackWithoutId",
                       debit("75.25", "2026-04-03", "", "NL14 bngh 0285 0012 34"),
                       fallbackTo(3),
                       {kSent, kSent, kSent, kSent},
                       {kSent, kSent, kSent, kBooked}},
        SingleEntryRow{"FallbackNotProvided",
                       debit("75.25", "2026-04-03", "NOTPROVIDED", "NL14BNGH0285001234"),
                       fallbackTo(3),
                       {kSent, kSent, kSent, kSent},
                       {kSent, kSent, kSent, kBooked}},
        SingleEntryRow{"FallbackOnTheLastDayOfTheWindow",
                       debit("75.25", "2026-04-07", "", "NL14BNGH0285001234"),
                       fallbackTo(3),
                       {kSent, kSent, kSent, kSent},
                       {kSent, kSent, kSent, kBooked}},
        SingleEntryRow{"FallbackOneDayOutsideTheWindow",
                       debit("75.25", "2026-04-08", "", "NL14BNGH0285001234"),
                       unmatchedFor(UnmatchedReason::OutsideWindow)},
        SingleEntryRow{"FallbackWithAWiderWindow",
                       debit("75.25", "2026-04-08", "", "NL14BNGH0285001234"),
                       fallbackTo(3),
                       {kSent, kSent, kSent, kSent},
                       {kSent, kSent, kSent, kBooked},
                       10},
        SingleEntryRow{"FallbackBookedBeforeExecutionIsNotMatched",  // a bank cannot
                       debit("75.25", "2026-04-01", "", "NL14BNGH0285001234"),
                       unmatchedFor(UnmatchedReason::OutsideWindow)},
        SingleEntryRow{"FallbackAmbiguous",  // ZC-12-18 (0 days) and ZC-11-18 (3 days)
                       debit("500.00", "2026-04-02", "", "NL20INGB0001234567"),
                       unmatchedFor(UnmatchedReason::Ambiguous)},
        SingleEntryRow{"FallbackWindowLeavesOne",  // ZC-11-18 is 7 days before
                       debit("500.00", "2026-04-06", "", "NL20INGB0001234567"),
                       fallbackTo(1),
                       {kSent, kSent, kSent, kSent},
                       {kSent, kBooked, kSent, kSent}},
        SingleEntryRow{"FallbackOtherCandidateAlreadyBooked",
                       debit("500.00", "2026-04-02", "", "NL20INGB0001234567"),
                       fallbackTo(2),
                       {kSent, kBooked, kSent, kSent},
                       {kSent, kBooked, kBooked, kSent}},
        SingleEntryRow{"FallbackOnlyCandidateAlreadyBooked",
                       debit("75.25", "2026-04-03", "", "NL14BNGH0285001234"),
                       unmatchedFor(UnmatchedReason::AlreadyMatched),
                       {kSent, kSent, kSent, kBooked}},
        SingleEntryRow{"FallbackAmountOneCentOff",
                       debit("75.24", "2026-04-03", "", "NL14BNGH0285001234"),
                       unmatchedFor(UnmatchedReason::NoMatch)},
        SingleEntryRow{"FallbackWithoutCounterpartyIban", debit("75.25", "2026-04-03", "", ""),
                       unmatchedFor(UnmatchedReason::NoMatch)},
        SingleEntryRow{"FallbackOtherIban", debit("75.25", "2026-04-03", "", "NL39RABO0300065264"),
                       unmatchedFor(UnmatchedReason::NoMatch)},
        SingleEntryRow{"UnknownEndToEndIdIsNotGuessed",  // amount and IBAN would fit ZC-12-20
                       debit("75.25", "2026-04-03", "ZC-99-20", "NL14BNGH0285001234"),
                       unmatchedFor(UnmatchedReason::UnknownEndToEndId)},
        SingleEntryRow{"AmountDifference",
                       debit("1084.50", "2026-04-02", "ZC-12-17", "NL39RABO0300065264"),
                       differenceAt(0),
                       {kSent, kSent, kSent, kSent},
                       {kBooked, kSent, kSent, kSent}},
        SingleEntryRow{"AlreadyBookedById",
                       debit("1084.56", "2026-04-02", "ZC-12-17", "NL39RABO0300065264"),
                       unmatchedFor(UnmatchedReason::AlreadyMatched),
                       {kBooked, kSent, kSent, kSent}},
        SingleEntryRow{"DebitForAReturnedTransfer",
                       debit("1084.56", "2026-04-02", "ZC-12-17", "NL39RABO0300065264"),
                       unmatchedFor(UnmatchedReason::AlreadyMatched),
                       {kReturned, kSent, kSent, kSent}},
        SingleEntryRow{"Returned",
                       returned("1084.56", "2026-04-06", "ZC-12-17"),
                       matchedTo(0, MatchEffect::Returned),
                       {kBooked, kSent, kSent, kSent},
                       {kReturned, kSent, kSent, kSent}},
        SingleEntryRow{"ReturnedWithADifferentAmount",
                       returned("1080.00", "2026-04-06", "ZC-12-17"),
                       differenceAt(0, MatchEffect::Returned),
                       {kBooked, kSent, kSent, kSent},
                       {kReturned, kSent, kSent, kSent}},
        SingleEntryRow{"ReturnedTwice",
                       returned("1084.56", "2026-04-06", "ZC-12-17"),
                       unmatchedFor(UnmatchedReason::AlreadyMatched),
                       {kReturned, kSent, kSent, kSent}},
        SingleEntryRow{"ReturnBeforeBooking", returned("1084.56", "2026-04-06", "ZC-12-17"),
                       unmatchedFor(UnmatchedReason::ReturnNotBooked)},
        SingleEntryRow{"ReturnOfAnUnknownTransfer", returned("1084.56", "2026-04-06", "ZC-99-1"),
                       unmatchedFor(UnmatchedReason::ReturnUnknownInstruction)},
        SingleEntryRow{"ReturnWithoutId", returned("1084.56", "2026-04-06", "NOTPROVIDED"),
                       unmatchedFor(UnmatchedReason::ReturnUnknownInstruction)},
        SingleEntryRow{"IncomingMoneyIsNotAPayment",  // e.g. a provider repaying a claw-back
                       returned("1084.56", "2026-04-06", "ZC-12-17", ""),
                       unmatchedFor(UnmatchedReason::NotAPayment),
                       {kBooked, kSent, kSent, kSent}}),
    [](const ::testing::TestParamInfo<SingleEntryRow>& info) {
        return std::string(info.param.name);
    });

TEST(Reconciliation, AmountDifferenceNamesBothAmounts) {
    const Reconciliation r =
        reconcile(instructions(), {debit("1084.50", "2026-04-02", "ZC-12-17", "")});
    EXPECT_EQ(r.entries[0].kind, MatchKind::AmountDifference);
    EXPECT_EQ(r.entries[0].expected, m("1084.56"));
    EXPECT_EQ(r.entries[0].actual, m("1084.50"));
}

TEST(Reconciliation, ReturnCarriesTheReason) {
    std::vector<SentInstruction> sent = instructions();
    sent[0].status = kBooked;
    const Reconciliation r =
        reconcile(sent, {returned("1084.56", "2026-04-06", "ZC-12-17", "AC04")});
    EXPECT_EQ(r.entries[0].return_reason, "AC04");
    EXPECT_EQ(r.entries[0].expected, m("1084.56"));
}

TEST(Reconciliation, DuplicateEntryIsAlreadyMatched) {
    const StatementEntry entry = debit("1084.56", "2026-04-02", "ZC-12-17", "NL39RABO0300065264");
    const Reconciliation r = reconcile(instructions(), {entry, entry});
    expectMatch(r.entries[0], matchedTo(0));
    expectMatch(r.entries[1], unmatchedFor(UnmatchedReason::AlreadyMatched));
    EXPECT_EQ(r.statuses[0], kBooked);
}

TEST(Reconciliation, DuplicateFallbackEntryIsAlreadyMatched) {
    const StatementEntry entry = debit("75.25", "2026-04-03", "", "NL14BNGH0285001234");
    const Reconciliation r = reconcile(instructions(), {entry, entry});
    expectMatch(r.entries[0], fallbackTo(3));
    expectMatch(r.entries[1], unmatchedFor(UnmatchedReason::AlreadyMatched));
}

TEST(Reconciliation, BookingAndReturnOnOneStatement) {
    const Reconciliation r =
        reconcile(instructions(), {debit("1084.56", "2026-04-02", "ZC-12-17", "NL39RABO0300065264"),
                                   returned("1084.56", "2026-04-06", "ZC-12-17")});
    expectMatch(r.entries[0], matchedTo(0));
    expectMatch(r.entries[1], matchedTo(0, MatchEffect::Returned));
    EXPECT_EQ(r.statuses[0], kReturned);
}

TEST(Reconciliation, IdMatchLeavesTheFallbackUnambiguous) {
    // ZC-12-18 booked by its id first; the entry without an id can then only be ZC-11-18.
    const Reconciliation r =
        reconcile(instructions(), {debit("500.00", "2026-04-02", "ZC-12-18", "NL20INGB0001234567"),
                                   debit("500.00", "2026-04-02", "", "NL20INGB0001234567")});
    expectMatch(r.entries[0], matchedTo(1));
    expectMatch(r.entries[1], fallbackTo(2));
    EXPECT_EQ(r.statuses, (std::vector<InstructionStatus>{kSent, kBooked, kBooked, kSent}));
}

TEST(Reconciliation, WholeStatement) {
    const Reconciliation r = reconcile(
        instructions(), {debit("1084.56", "2026-04-02", "ZC-12-17", "NL39RABO0300065264"),
                         debit("500.00", "2026-04-02", "", "NL20INGB0001234567"),  // ambiguous
                         debit("75.25", "2026-04-03", "", "NL14BNGH0285001234"),
                         debit("3.15", "2026-04-03", "", ""),        // bank charges
                         returned("50.00", "2026-04-03", "", "")});  // money in
    std::vector<MatchKind> kinds;
    for (const EntryMatch& e : r.entries) kinds.push_back(e.kind);
    EXPECT_EQ(kinds,
              (std::vector<MatchKind>{MatchKind::Matched, MatchKind::Unmatched, MatchKind::Matched,
                                      MatchKind::Unmatched, MatchKind::Unmatched}));
    EXPECT_EQ(r.statuses, (std::vector<InstructionStatus>{kBooked, kSent, kSent, kBooked}));
    EXPECT_EQ(r.entries[1].detail,
              "2 transfers of 500.00 to NL20INGB0001234567 fit; the entry has no EndToEndId to "
              "tell them apart.");
}

TEST(Reconciliation, InvalidInputTable) {
    struct Row {
        const char* name;
        std::vector<SentInstruction> sent;
        std::vector<StatementEntry> entries;
        int window_days;
        std::optional<std::string> code;
    };
    std::vector<SentInstruction> duplicate = instructions();
    duplicate[2].end_to_end_id = "ZC-12-17";
    std::vector<SentInstruction> no_id = instructions();
    no_id[1].end_to_end_id = "";
    std::vector<SentInstruction> not_provided = instructions();
    not_provided[1].end_to_end_id = "NOTPROVIDED";
    std::vector<SentInstruction> zero = instructions();
    zero[3].amount = Money();
    const std::vector<Row> rows = {
        {"fine", instructions(), {}, 5, std::nullopt},
        {"window 0", instructions(), {}, 0, std::nullopt},
        {"window 31", instructions(), {}, 31, std::nullopt},
        {"negative window", instructions(), {}, -1, "INVALID_WINDOW window_days"},
        {"window 32", instructions(), {}, 32, "INVALID_WINDOW window_days"},
        {"zero instruction", zero, {}, 5, "INVALID_AMOUNT instructions[3].amount"},
        {"zero entry",
         instructions(),
         {debit("0.00", "2026-04-02", "", "")},
         5,
         "INVALID_AMOUNT entries[0].amount"},
        {"instruction without id",
         no_id,
         {},
         5,
         "INVALID_END_TO_END_ID instructions[1].end_to_end_id"},
        {"instruction NOTPROVIDED",
         not_provided,
         {},
         5,
         "INVALID_END_TO_END_ID instructions[1].end_to_end_id"},
        {"id twice", duplicate, {}, 5, "DUPLICATE_END_TO_END_ID instructions[2].end_to_end_id"},
    };
    for (const Row& row : rows) {
        SCOPED_TRACE(row.name);
        std::optional<std::string> code;
        try {
            reconcile(row.sent, row.entries, MatchPolicy{row.window_days});
        } catch (const ValidationError& e) {
            code = e.code() + " " + e.field();
        }
        EXPECT_EQ(code, row.code);
    }
}

TEST(Reconciliation, ReasonCodes) {
    const std::vector<std::pair<UnmatchedReason, const char*>> codes = {
        {UnmatchedReason::NotAPayment, "NOT_A_PAYMENT"},
        {UnmatchedReason::ReturnUnknownInstruction, "RETURN_UNKNOWN_INSTRUCTION"},
        {UnmatchedReason::ReturnNotBooked, "RETURN_NOT_BOOKED"},
        {UnmatchedReason::UnknownEndToEndId, "UNKNOWN_END_TO_END_ID"},
        {UnmatchedReason::AlreadyMatched, "ALREADY_MATCHED"},
        {UnmatchedReason::Ambiguous, "AMBIGUOUS"},
        {UnmatchedReason::OutsideWindow, "OUTSIDE_WINDOW"},
        {UnmatchedReason::NoMatch, "NO_MATCH"},
    };
    for (const auto& [reason, code] : codes) EXPECT_EQ(unmatchedReasonCode(reason), code);
}

TEST(ReconciliationWindow, AnEntryBookedTheDayBeforeExecutionSaysSo) {
    const auto r =
        reconcile(instructions(), {debit("75.25", "2026-04-01", "", "NL14BNGH0285001234")});
    ASSERT_EQ(r.entries.size(), 1u);
    EXPECT_EQ(r.entries[0].reason, UnmatchedReason::OutsideWindow);
    EXPECT_NE(r.entries[0].detail.find("before its transfer's execution date"), std::string::npos)
        << r.entries[0].detail;
    EXPECT_EQ(r.statuses[3], kSent);  // the transfer stays open for its real booking
}

TEST(ManualMatch, ADebitBooksASentTransferOfTheSameAmountAndAccount) {
    const EntryToMatch debit_entry{EntryDirection::Debit, m("75.25"), false};
    EXPECT_EQ(manualMatchEffect(debit_entry, kSent, m("75.25"), true), MatchEffect::Booked);
    EXPECT_EQ(manualMatchEffect(debit_entry, kBooked, m("75.25"), true), std::nullopt);
    EXPECT_EQ(manualMatchEffect(debit_entry, kSent, m("75.26"), true), std::nullopt);
    EXPECT_EQ(manualMatchEffect(debit_entry, kSent, m("75.25"), false), std::nullopt);
}

TEST(ManualMatch, AReturnWithAnUnknownIdReturnsABookedTransferAndNothingElse) {
    const EntryToMatch ac04{EntryDirection::Credit, m("500.00"), true};
    EXPECT_EQ(manualMatchEffect(ac04, kBooked, m("500.00"), true), MatchEffect::Returned);
    // Not yet booked, returned before, another amount or account: refused.
    EXPECT_EQ(manualMatchEffect(ac04, kSent, m("500.00"), true), std::nullopt);
    EXPECT_EQ(manualMatchEffect(ac04, InstructionStatus::Returned, m("500.00"), true),
              std::nullopt);
    EXPECT_EQ(manualMatchEffect(ac04, kBooked, m("499.99"), true), std::nullopt);
    EXPECT_EQ(manualMatchEffect(ac04, kBooked, m("500.00"), false), std::nullopt);
    // Money received without a return reason is no return of ours.
    const EntryToMatch received{EntryDirection::Credit, m("500.00"), false};
    EXPECT_EQ(manualMatchEffect(received, kBooked, m("500.00"), true), std::nullopt);
}

}  // namespace
}  // namespace zc::invoicing
