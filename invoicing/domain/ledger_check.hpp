#pragma once
// The ledger's invariants, checked over plain data read from storage (the check-ledger CLI) or
// from an in-memory Ledger. Checked in release builds too: a violation means money is
// misstated, so the caller reports it and stops paying until it is resolved.
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
};

// Σ of one municipality bank account's statement entries that reconciliation has posted to the
// ledger (matched, returned or put in suspense): debit entries (money out) minus credit entries
// (money in).
struct ReconciledBankTotal {
    Iban debtor_iban;
    Money net_outgoing;
};

struct LedgerFacts {
    std::vector<PostedLine> lines;  // every line of every journal
    // At most one row per provider (rows for the same provider are added up); a provider
    // without a row has no open payables.
    std::vector<ProviderOpenPayables> open_payables;
    // Likewise per debtor IBAN; a bank account without a row has no reconciled entries.
    std::vector<ReconciledBankTotal> reconciled_bank;
};

// In the order they are checked.
enum class LedgerViolationKind {
    JournalUnbalanced,  // "JOURNAL_UNBALANCED"
    PayableMismatch,    // "PAYABLE_MISMATCH"
    BankMismatch,       // "BANK_MISMATCH"
};

struct LedgerViolation {
    LedgerViolationKind kind;
    std::string code;     // as listed at LedgerViolationKind
    std::string subject;  // "journal:12", "payable:provider:17", "bank:iban:NL91ABNA0417164300"
    std::string message;  // names the journal, provider or account and both amounts
};

// The first violation, or nothing when the ledger is consistent:
//   1. every journal sums to zero (journals in ascending id);
//   2. each provider's payable balance, −Σ(lines on payable:provider:P), equals the Σ of its
//      open payables (providers in ascending id, those with lines or open payables);
//   3. each bank account's net outflow in the ledger, −Σ(lines on bank:iban:I), equals its
//      reconciled net_outgoing (accounts in ascending IBAN).
// Throws std::overflow_error when a sum does not fit in Money.
std::optional<LedgerViolation> checkLedger(const LedgerFacts& facts);

}  // namespace zc::invoicing
