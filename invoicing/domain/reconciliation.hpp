#pragma once
// Reconciliation: matching the entries of a bank statement (camt.053) of the municipality's
// account to the credit transfers a payment run sent (pain.001). Pure: the caller reads the
// instructions and the parsed statement, then posts the ledger entries (payment booked or
// returned) and puts differences and unmatched entries on the finance work list.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "contracting/kernel/civil_date.hpp"
#include "contracting/kernel/money.hpp"

namespace zc::invoicing {

enum class InstructionStatus {
    Sent,      // in a file sent to the bank, not yet on a statement
    Booked,    // a statement showed it paid out
    Returned,  // it came back (after being booked)
};

struct SentInstruction {
    std::string end_to_end_id;
    Money amount;  // > 0
    std::string creditor_iban;
    Date execution_date;                                 // the requested execution date
    InstructionStatus status = InstructionStatus::Sent;  // after the statements before this one
};

enum class EntryDirection {
    Debit,   // money out of the municipality's account (DBIT)
    Credit,  // money in (CRDT)
};

struct StatementEntry {
    Money amount;  // > 0
    EntryDirection direction = EntryDirection::Debit;
    Date booking_date;
    // As the bank reports it; empty or "NOTPROVIDED" when it gives none. On a returned transfer
    // it is the EndToEndId of the original transfer.
    std::string end_to_end_id;
    std::string counterparty_iban;  // may be empty
    std::string return_reason;      // ISO 20022 return reason (e.g. "AC04") on a return, else ""
};

inline constexpr int kDefaultMatchWindowDays = 5;
inline constexpr int kMaxMatchWindowDays = 31;
inline constexpr std::size_t kMaxStatementEntries = 1'000'000;

struct MatchPolicy {
    // The fallback match needs 0 <= booking date − execution date <= window_days (0..31): a
    // bank books a transfer on or after its execution date, never before.
    int window_days = kDefaultMatchWindowDays;
};

enum class MatchKind {
    Matched,           // the entry is the instruction's booking or return, for the same amount
    AmountDifference,  // matched by EndToEndId, but the amounts differ: to the work list
    Unmatched,         // no instruction: to suspense and the work list
};

enum class MatchEffect {
    Booked,    // a debit: the transfer was paid out
    Returned,  // a credit with a return reason: the transfer came back
};

enum class MatchMethod {
    EndToEndId,
    AmountIbanDate,  // fallback for a debit without an EndToEndId
};

// Why an entry is unmatched, as codes for the work list.
enum class UnmatchedReason {
    NotAPayment,               // "NOT_A_PAYMENT": a credit without a return reason
    ReturnUnknownInstruction,  // "RETURN_UNKNOWN_INSTRUCTION": a return naming no instruction
    ReturnNotBooked,           // "RETURN_NOT_BOOKED": a return of a transfer not booked yet
    UnknownEndToEndId,         // "UNKNOWN_END_TO_END_ID": a debit with an id we never sent
    AlreadyMatched,            // "ALREADY_MATCHED": the instruction has this effect already
    Ambiguous,                 // "AMBIGUOUS": the fallback fits more than one instruction
    OutsideWindow,             // "OUTSIDE_WINDOW": amount and IBAN fit, the date does not
    NoMatch,                   // "NO_MATCH": nothing fits
};

std::string unmatchedReasonCode(UnmatchedReason reason);

struct EntryMatch {
    MatchKind kind = MatchKind::Unmatched;
    // Matched and AmountDifference: the instruction (index into the instructions) and how.
    std::optional<std::size_t> instruction;
    std::string end_to_end_id;  // the instruction's
    MatchEffect effect = MatchEffect::Booked;
    MatchMethod method = MatchMethod::EndToEndId;
    Money expected;             // the instruction's amount (0.00 when unmatched)
    Money actual;               // the entry's amount
    std::string return_reason;  // the entry's, for a return
    // Unmatched only.
    std::optional<UnmatchedReason> reason;
    std::string detail;  // a sentence for the work list
};

struct Reconciliation {
    std::vector<EntryMatch> entries;  // one per statement entry, in statement order
    // Every instruction's status after this statement, in the order given.
    std::vector<InstructionStatus> statuses;
};

// Matches the entries in statement order; each match changes the instruction's status, which
// later entries see.
//
// A debit entry:
//   - with an EndToEndId: the instruction with that id. Status Sent → Booked (Matched, or
//     AmountDifference when the amounts differ; the instruction counts as booked either way);
//     already Booked or Returned → ALREADY_MATCHED. An id no instruction has →
//     UNKNOWN_END_TO_END_ID (it is not ours; no fallback, so no guessing).
//   - without one: the Sent instructions with exactly the entry's amount and creditor IBAN (the
//     counterparty; compared without spaces, upper case) executed on the booking date or at
//     most window_days before it. Exactly one → Matched (AmountIbanDate), Booked. More than one
//     → AMBIGUOUS. None, but a Booked or Returned one fits → ALREADY_MATCHED; none, but one fits
//     outside the window (executed too long before, or after the booking: "booked before its
//     execution date") → OUTSIDE_WINDOW; else NO_MATCH.
// A credit entry:
//   - without a return reason → NOT_A_PAYMENT;
//   - with one: the instruction with its EndToEndId (none → RETURN_UNKNOWN_INSTRUCTION).
//     Booked → Returned (Matched, or AmountDifference when the amounts differ); Sent →
//     RETURN_NOT_BOOKED (import the statement with the booking first); Returned →
//     ALREADY_MATCHED.
//
// Throws ValidationError, in this order: INVALID_WINDOW (field "window_days"),
// STATEMENT_TOO_LARGE (more than kMaxStatementEntries entries, field "entries"), INVALID_AMOUNT
// ("instructions[i].amount" or "entries[i].amount", zero or below), INVALID_END_TO_END_ID (an
// instruction without an id, "instructions[i].end_to_end_id"), DUPLICATE_END_TO_END_ID (two
// instructions with one id, same field).
Reconciliation reconcile(const std::vector<SentInstruction>& instructions,
                         const std::vector<StatementEntry>& entries,
                         const MatchPolicy& policy = {});

// What finance may match by hand from the work list: an entry (its direction, amount, whether it
// carries a return reason) to a transfer of the same account and exactly the same amount.
// A debit books a Sent transfer; a credit with a return reason returns a Booked one — the
// return the bank sent without an EndToEndId we know, which reopens the transfer's payables as
// an automatic match would. Anything else: nothing (MATCH_REFUSED).
struct EntryToMatch {
    EntryDirection direction = EntryDirection::Debit;
    Money amount;
    bool has_return_reason = false;
};
std::optional<MatchEffect> manualMatchEffect(const EntryToMatch& entry, InstructionStatus status,
                                             Money instruction_amount, bool same_account);

// Statement chaining (doorlopende afschriften): consecutive statements of one account must
// chain. What the rule needs of a statement: its period and balances.
struct StatementBounds {
    std::string statement_id;
    Date from, to;
    Money opening, closing;
};

enum class ChainStatus {
    First,     // "first": the account's first statement, nothing to compare with
    Ok,        // "ok": opening = previous closing, no working day missing
    Gap,       // "gap": balances chain, but a working day lies between the two statements
    Mismatch,  // "mismatch": opening balance differs from the previous closing balance
};
std::string chainStatusCode(ChainStatus status);

struct ChainVerdict {
    ChainStatus status = ChainStatus::First;
    std::string detail;  // a sentence for the work list; "" for first and ok
};

// The verdict on `current` after `previous` (the account's statement before it: by first day,
// then import order). A mismatch (opening ≠ previous closing) wins over a gap (a bank business
// day, zc::isBankBusinessDay: the TARGET2 calendar, strictly between previous.to and
// current.from); the mismatch's detail names the missing days too. A weekend or a TARGET2
// holiday between them is no gap (Koningsdag is one); statements of the same or overlapping days
// are no gap.
ChainVerdict checkStatementChain(const std::optional<StatementBounds>& previous,
                                 const StatementBounds& current);

}  // namespace zc::invoicing
