#pragma once
// Bank statements (camt.053, read by the adapter in interfaces/iso20022) and reconciliation
// (issue 5), finance role: each booked transfer is matched to its payment instruction and its
// payables become paid; returned transfers reopen their payables; differences and unknown
// entries go to a work list that finance resolves by hand. Importing the same statement twice
// changes nothing. The rules of matching are invoicing/domain/reconciliation.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "contracting/kernel/errors.hpp"
#include "contracting/kernel/request_context.hpp"
#include "invoicing/store/bank_statement_store.hpp"

namespace zc::invoicing {

// One entry (Ntry) of a statement as read from the file.
struct BankEntryInput {
    std::string entry_ref;
    Money amount;  // never negative; see `credit`
    bool credit = false;
    std::string status;  // BOOK, PDNG or INFO: only booked entries are stored
    std::optional<Date> booking_date;
    std::string end_to_end_id, counterparty_iban, counterparty_name, return_reason, remittance;
};

// One statement (Stmt) as read from the file.
struct BankStatementInput {
    std::string message_id, statement_id, account_iban;
    Date from, to;
    Money opening, closing;
    std::vector<BankEntryInput> entries;
    // The reader's balance check (STATEMENT_UNBALANCED, ...): raised in its place, after the
    // statements before this one.
    std::optional<ValidationError> balance_problem;
};

// One stored entry and how it was matched.
struct ImportedEntry {
    std::int64_t id = 0;
    Money amount;
    bool credit = false;
    std::string end_to_end_id;
    std::string match_status;  // booked, returned, difference, unmatched
    std::string reason;        // "" when none
    std::string detail;        // "" when none
};

struct ImportedStatement {
    std::string statement_id, account_iban;
    std::vector<ImportedEntry> entries;  // the booked entries
    // How it chains to the account's previous statement (invoicing/domain/reconciliation.hpp:
    // checkStatementChain): first, ok, gap or mismatch; gap and mismatch go to the work list.
    std::string chain_status, chain_detail;
};

// POST /bank-statements: stores and reconciles every statement of the file in one transaction
// (per statement: its balance problem, STATEMENT_ALREADY_IMPORTED, UNKNOWN_DEBTOR_ACCOUNT),
// audited "bank_statement.import" with the first 16 hex digits of the file's SHA-256. Each
// statement is chained to the account's previous one; a statement imported out of order (an
// earlier period than one imported before) re-checks the statement after it.
std::vector<ImportedStatement> importBankStatements(app::RequestContext& ctx,
                                                    const std::vector<BankStatementInput>& file,
                                                    const std::string& file_sha256);

// GET /reconciliation/work-list: a page of the entries not matched or with an amount
// difference, and statements whose chain is broken (gap or mismatch) and not resolved; a
// staff user sees the work of the debtor accounts of the municipalities they work for.
app::ListPage<WorkListRow> reconciliationWorkList(app::RequestContext& ctx, WorkListFilter filter);

struct EntryResolution {
    std::int64_t entry_id = 0;
    std::string reason;
    std::optional<std::int64_t> instruction_id;  // match by hand with this sent transfer
};
// POST /bank-entries/{id}/resolve: NOT_FOUND, ENTRY_NOT_OPEN, MATCH_REFUSED (only a debit of
// exactly a sent transfer's amount from the same account). Returns the entry's new status
// ("booked" or "resolved"). Audited "bank_entry.resolve".
std::string resolveBankEntry(app::RequestContext& ctx, const EntryResolution& r);

struct ChainResolution {
    std::int64_t statement_id = 0;
    std::string reason;  // required (the HTTP layer checks it is given)
};
// POST /bank-statements/{id}/chain/resolve: finance accepts a broken chain (gap or mismatch)
// with a reason, e.g. "no movements on 3 December, the bank sent no statement". NOT_FOUND,
// ENTRY_NOT_OPEN (the chain is in order, or resolved already). Audited
// "bank_statement.chain_resolve". Returns the chain status that was resolved.
std::string resolveStatementChain(app::RequestContext& ctx, const ChainResolution& r);

}  // namespace zc::invoicing
