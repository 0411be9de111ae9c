#pragma once
// The ledger's invariants, checked over plain data read from storage (the check-ledger CLI) or
// from an in-memory Ledger. Checked in release builds too: a violation means money is
// misstated, so the caller reports it and stops paying until it is resolved.
//
// The books are kept per municipality (issue 13): every fact names the municipality it belongs
// to, and each municipality's books must balance on their own. An empty municipality is a book
// of its own too (an in-memory ledger of one municipality).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "contracting/kernel/codes.hpp"
#include "contracting/kernel/money.hpp"
#include "invoicing/domain/ledger.hpp"

namespace zc::invoicing {

// Σ of a provider's payables that are still open: not yet in a sent payment, or reopened by a
// returned one.
struct ProviderOpenPayables {
    std::int64_t provider_id = 0;
    Money total;
    std::string municipality{};  // the municipality that owes them (payables.municipality_code)
};

// Σ of one municipality bank account's statement entries that reconciliation has posted to the
// ledger (matched, returned or put in suspense): debit entries (money out) minus credit entries
// (money in).
struct ReconciledBankTotal {
    Iban debtor_iban;
    Money net_outgoing;
    std::string municipality{};  // whose books the entries were posted in
};

struct LedgerFacts {
    std::vector<PostedLine> lines;  // every line of every journal
    // At most one row per provider (rows for the same provider are added up); a provider
    // without a row has no open payables.
    std::vector<ProviderOpenPayables> open_payables;
    // Likewise per debtor IBAN; a bank account without a row has no reconciled entries.
    std::vector<ReconciledBankTotal> reconciled_bank;
    // Municipalities checked even when no fact names them (reported as consistent).
    std::vector<std::string> municipalities{};
};

// In the order they are checked.
enum class LedgerViolationKind {
    JournalUnbalanced,  // "JOURNAL_UNBALANCED"
    PayableMismatch,    // "PAYABLE_MISMATCH"
    BankMismatch,       // "BANK_MISMATCH"
};

struct LedgerViolation {
    LedgerViolationKind kind;
    std::string code;  // as listed at LedgerViolationKind
    // "journal:12", "payable:provider:17", "bank:iban:NL91ABNA0417164300", prefixed with the
    // municipality and a slash when it is named: "0166/payable:provider:17".
    std::string subject;
    std::string message;  // names the journal, provider or account and both amounts
};

// One municipality's books: the first violation in them, or nothing when they are consistent.
struct MunicipalityLedgerCheck {
    std::string municipality;
    std::optional<LedgerViolation> violation;
};

// Per municipality (ascending code; every municipality a fact or `facts.municipalities` names),
// using only that municipality's facts, the first violation of:
//   1. every journal sums to zero (journals in ascending id);
//   2. each provider's payable balance, −Σ(lines on payable:provider:P), equals the Σ of its
//      open payables (providers in ascending id, those with lines or open payables);
//   3. each bank account's net outflow in the ledger, −Σ(lines on bank:iban:I), equals its
//      reconciled net_outgoing (accounts in ascending IBAN).
// So a Zwolle payment of a Kampen payable leaves both books wrong, even if the sum is right.
// Throws std::overflow_error when a sum does not fit in Money.
std::vector<MunicipalityLedgerCheck> checkLedgerPerMunicipality(const LedgerFacts& facts);

// The first violation of the first municipality (in the order above) that has one, or nothing
// when every municipality's books are consistent.
std::optional<LedgerViolation> checkLedger(const LedgerFacts& facts);

}  // namespace zc::invoicing
