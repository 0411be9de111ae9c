#pragma once
// The payment ledger: append-only bookkeeping of every money move in debits and credits. A
// journal entry records one financial event as lines on accounts (ledger_account.hpp) that sum
// to zero; a mistake is corrected by a new entry, never by editing one.
//
// Sign convention: a line's amount is signed, debit positive and credit negative. Payables and
// receivables therefore read as: payable balance = −Σ(lines on payable:provider:P), owed to the
// provider; receivable balance = Σ(lines on receivable:provider:P), owed by the provider.
//
// The post* builders below return the balanced entry for one event; each throws
// ValidationError{"INVALID_AMOUNT", field "amount"} for an amount of zero or below (the sides
// would flip) and runs validate() on its result. None reads storage or the clock.
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "contracting/kernel/civil_date.hpp"
#include "contracting/kernel/codes.hpp"
#include "contracting/kernel/money.hpp"
#include "invoicing/domain/ledger_account.hpp"

namespace zc::invoicing {

enum class EventKind {
    AcceptedClaim,
    Credit,
    Advance,
    Settlement,
    ClawBack,
    Offset,
    PaymentSent,
    PaymentBooked,
    PaymentReturned,
    BudgetReallocation,
    ManualResolution,
    Intermunicipal,  // money one municipality's run paid for another (migration 0025)
};

// "accepted_claim", "credit", "advance", "settlement", "claw_back", "offset", "payment_sent",
// "payment_booked", "payment_returned", "budget_reallocation", "manual_resolution",
// "intermunicipal".
std::string eventKindName(EventKind kind);
// The inverse of eventKindName; anything else throws ValidationError{"INVALID_EVENT_KIND"}.
EventKind parseEventKind(std::string_view text, std::string_view field = "kind");

struct JournalLine {
    AccountKey account;
    Money amount;  // debit > 0, credit < 0, never 0

    bool isDebit() const { return amount > Money(); }
    Money debit() const { return isDebit() ? amount : Money(); }    // >= 0
    Money credit() const { return isDebit() ? Money() : -amount; }  // >= 0
    bool operator==(const JournalLine&) const = default;
};

// A limit on hand-made entries (manual resolutions); the builders write at most four lines.
inline constexpr std::size_t kMaxJournalLines = 64;

struct JournalEntry {
    EventKind kind = EventKind::ManualResolution;
    // What caused the entry, for tracing and exactly-once posting, e.g. "claim-line:881",
    // "run:12:provider:17". Not empty.
    std::string source;
    Date date;  // the bookkeeping date (civil)
    std::vector<JournalLine> lines;
    // The municipality whose books the entry is in (CBS code, e.g. "0166"): all its lines belong
    // to them. The builders leave it empty; the caller sets it before storing (the store
    // requires it). Empty in an in-memory ledger of one municipality.
    std::string municipality{};

    // Throws ValidationError, checked in this order: JOURNAL_SOURCE_REQUIRED (empty source,
    // field "source"), JOURNAL_EMPTY (no lines, field "lines"), JOURNAL_TOO_LARGE (more than
    // kMaxJournalLines, field "lines"), JOURNAL_ZERO_LINE (a line of 0.00, field
    // "lines[i].amount"), JOURNAL_UNBALANCED (the lines do not sum to zero, Unprocessable, field
    // "lines"; the message names the difference). Throws std::overflow_error when the sum does
    // not fit.
    void validate() const;
    bool operator==(const JournalEntry&) const = default;
};

// --- Builders, one per event. P = provider, B = budget, K = contract, I = debtor IBAN. ----------

// A claim line accepted: the cost lands on the budget and is owed to the provider.
//   D expense:budget:B   amount
//   C payable:provider:P amount
JournalEntry postAcceptedClaim(std::int64_t provider_id, std::int64_t budget_id, Money amount,
                               std::string source, Date date);

// A credit line cancelling an accepted claim: the exact reverse of postAcceptedClaim.
//   D payable:provider:P amount
//   C expense:budget:B   amount
JournalEntry postCredit(std::int64_t provider_id, std::int64_t budget_id, Money amount,
                        std::string source, Date date);

// A monthly advance of a budget-financed contract falls due: prepaid, not yet cost.
//   D advances:contract:K amount
//   C payable:provider:P  amount
JournalEntry postAdvance(std::int64_t provider_id, std::int64_t contract_id, Money amount,
                         std::string source, Date date);

// The year-end settlement (vaststelling, budget_settlement.hpp): the earned amount `due` becomes
// cost, the advances paid are cleared, and the difference is paid or clawed back.
//   D expense:budget:B     due                      (omitted when due is 0)
//   C advances:contract:K  advances_paid            (omitted when advances_paid is 0)
//   C payable:provider:P   due − advances_paid      when due > advances_paid
//   D receivable:provider:P advances_paid − due     when due < advances_paid (claw-back)
// Throws INVALID_AMOUNT (field "due" or "advances_paid") when either is below zero, and
// JOURNAL_EMPTY when both are zero.
JournalEntry postSettlement(std::int64_t provider_id, std::int64_t contract_id,
                            std::int64_t budget_id, Money due, Money advances_paid,
                            std::string source, Date date);

// Money already paid is reclaimed from the provider (e.g. an audit finding): the cost is taken
// off the budget and the provider owes it.
//   D receivable:provider:P amount
//   C expense:budget:B      amount
JournalEntry postClawBack(std::int64_t provider_id, std::int64_t budget_id, Money amount,
                          std::string source, Date date);

// Verrekening in a payment run: part of what the provider is owed settles what it owes.
//   D payable:provider:P    amount
//   C receivable:provider:P amount
JournalEntry postOffset(std::int64_t provider_id, Money amount, std::string source, Date date);

// A transfer to the provider is sent to the bank from debtor account I.
//   D payable:provider:P amount
//   C in-transit:iban:I  amount
JournalEntry postPaymentSent(std::int64_t provider_id, const Iban& debtor_iban, Money amount,
                             std::string source, Date date);

// The bank statement of I shows the transfer booked.
//   D in-transit:iban:I amount
//   C bank:iban:I       amount
JournalEntry postPaymentBooked(const Iban& debtor_iban, Money amount, std::string source,
                               Date date);

// A booked transfer comes back (wrong or closed account): the reverse of sent + booked, which
// reopens the payable. Precondition: the transfer was booked (postPaymentBooked).
//   D bank:iban:I        amount
//   C payable:provider:P amount
JournalEntry postPaymentReturned(std::int64_t provider_id, const Iban& debtor_iban, Money amount,
                                 std::string source, Date date);

// Booked cost moves from one budget to another (e.g. a claim booked on the wrong team).
//   D expense:budget:to   amount
//   C expense:budget:from amount
// Throws SAME_BUDGET (field "to_budget_id") when from == to.
JournalEntry postReallocation(std::int64_t from_budget_id, std::int64_t to_budget_id, Money amount,
                              std::string source, Date date);

// An approved budget reallocation moves appropriation (not booked cost) between budgets.
//   D allowance:budget:from amount
//   C allowance:budget:to   amount
// Throws SAME_BUDGET (field "to_budget_id") when from == to.
JournalEntry postAllowanceReallocation(std::int64_t from_budget_id, std::int64_t to_budget_id,
                                       Money amount, std::string source, Date date);
// A finance user's correction, e.g. clearing suspense: any lines, validated as they are.
JournalEntry postManualResolution(std::vector<JournalLine> lines, std::string source, Date date);

// --- An in-memory ledger ----------------------------------------------------------------------

// A stored line: which journal it belongs to. The shape check-ledger reads from storage.
struct PostedLine {
    std::int64_t journal_id = 0;
    AccountKey account;
    Money amount;                // signed as JournalLine::amount
    std::string municipality{};  // the journal's (JournalEntry::municipality)
};

// Append-only: entries are validated on append and never changed. Used as the reference model
// in tests and by callers that need balances of a few entries; not thread-safe.
class Ledger {
  public:
    // Validates (JournalEntry::validate) and appends; returns the journal id, 1, 2, 3, ...
    std::int64_t append(JournalEntry entry);
    const std::vector<JournalEntry>& entries() const { return entries_; }
    // Σ signed amounts on the account (debit positive); 0.00 for an account never used.
    Money balance(const AccountKey& account) const;
    // Every line of every entry, in append order.
    std::vector<PostedLine> postedLines() const;

  private:
    std::vector<JournalEntry> entries_;
    std::map<AccountKey, Money> balances_;
};

}  // namespace zc::invoicing
