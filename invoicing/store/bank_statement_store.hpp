#pragma once
// What the bank-statement use cases (invoicing/app/bank_statements.hpp) need of the database,
// as named rows: imported statements and their entries, the transfers (payment instructions)
// they are reconciled with, and the payables those pay. Free functions in the caller's
// transaction.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "contracting/kernel/civil_date.hpp"
#include "contracting/kernel/list_query.hpp"
#include "contracting/kernel/money.hpp"
#include "interfaces/mysql/scope_filter.hpp"

namespace zc::db {
class Connection;
}

namespace zc::invoicing {

struct BankStatementRow {
    std::string account_iban, statement_id;
    Date from, to;
    std::string message_id;
    Money opening, closing;
    std::string file_sha256, imported_at, imported_by;
};

// A transfer sent to the bank (not 'prepared'), as reconciliation sees it.
struct SentInstructionRow {
    std::int64_t id = 0;
    std::int64_t provider_id = 0;
    std::string status;  // sent, booked, returned
    std::string end_to_end_id;
    Money amount;
    std::string creditor_iban;
    Date execution_date;
};

struct BankEntryRow {
    std::int64_t statement_id = 0;
    std::int64_t seq = 0;
    std::string entry_ref;
    Money amount;
    bool credit = false;
    std::optional<Date> booking_date;
    std::string end_to_end_id, counterparty_iban, counterparty_name, return_reason, remittance;
    std::string match_status;
    std::optional<std::string> match_reason;
    std::optional<std::int64_t> instruction_id;
};

// An item on the reconciliation work list: a bank entry (kind "entry", id the entry's), or a
// statement that does not chain to the account's previous one (kind "statement_chain", id the
// statement's, match_status its chain status gap or mismatch, amount_cents its opening balance
// minus the previous closing balance, booking_date its first day).
struct WorkListRow {
    std::int64_t id = 0;
    std::string account_iban, statement_id;
    std::int64_t amount_cents = 0;
    bool credit = false;
    std::optional<std::string> booking_date, end_to_end_id, counterparty_iban, counterparty_name,
        return_reason;
    std::string match_status;
    std::optional<std::string> reason;
    std::string kind;                   // "entry" or "statement_chain"
    std::optional<std::string> detail;  // statement_chain: why
};

// A statement as chaining sees it.
struct ChainedStatementRow {
    std::int64_t id = 0;
    std::string statement_id;
    Date from, to;
    Money opening, closing;
};

// A statement's chain as resolving it sees it (locked).
struct ChainToResolve {
    std::string account_iban, statement_id;
    std::string chain_status;  // unchecked, first, ok, gap, mismatch
    bool resolved = false;
};

// An entry as resolving it sees it (locked).
struct EntryToResolve {
    std::string match_status;
    std::int64_t amount_cents = 0;
    bool credit = false;
    std::string account_iban;
    std::string return_reason;  // e.g. "AC04" on a returned transfer, else ""
};

// A transfer as matching an entry by hand sees it (locked).
struct InstructionToMatch {
    std::int64_t id = 0;
    std::int64_t provider_id = 0;
    std::string status;
    std::int64_t amount_cents = 0;
    std::string debtor_iban;
};

// Whether the statement (account, id, date range) was imported before.
bool statementKnown(db::Connection& db, const std::string& iban, const std::string& statement_id,
                    Date from, Date to);
// Whether the account is some municipality's debtor account.
bool isDebtorAccount(db::Connection& db, const std::string& iban);
// Stores the statement; returns its id.
std::int64_t insertBankStatement(db::Connection& db, const BankStatementRow& s);
// The transfers from the account that were sent (sent, booked, returned; not those of a
// prepared or cancelled run), by id, locked.
std::vector<SentInstructionRow> lockSentInstructions(db::Connection& db, const std::string& iban);
// Stores one entry; returns its id.
std::int64_t insertBankEntry(db::Connection& db, const BankEntryRow& e);
// The transfer is booked (paid out) at `booked_at`, and its payables in a run are paid at
// `paid_at`.
void markInstructionBooked(db::Connection& db, std::int64_t instruction_id,
                           const std::string& booked_at, const std::string& paid_at);
// The transfer came back (`reason`, at most 8 characters kept); its payables are open again.
void markInstructionReturned(db::Connection& db, std::int64_t instruction_id,
                             const std::string& reason);
// Which work the reconciliation work list shows: with a scope, of the debtor accounts of those
// municipalities only; `kind` ("entry", "statement_chain") and `match_status` ("" for any).
// `q` searches the account, statement id, EndToEndId and counterparty (name, IBAN); sorts: kind
// (default: entries, then statements, each by id), id (entries and statements by their ids,
// interleaved), booking_date, amount_cents, match_status, account_iban.
struct WorkListFilter {
    db::MunicipalityScope scope;
    std::string kind, match_status;
    app::ListQuery list;
};

// A page of the work: entries not matched or with an amount difference, and statements whose
// chain is broken (gap, mismatch) and not resolved; and how many there are.
app::ListPage<WorkListRow> workListPage(db::Connection& db, const WorkListFilter& f);
// The first 1,000 of the work in the default order, with a scope as above.
std::vector<WorkListRow> reconciliationWorkList(db::Connection& db,
                                                const db::MunicipalityScope& scope = std::nullopt);
// The account's statement just before statement `id` (whose first day is `from`), ordered by
// first day then id; locked. Nothing for the account's first statement.
std::optional<ChainedStatementRow> previousStatement(db::Connection& db, const std::string& iban,
                                                     Date from, std::int64_t id);
// The account's statement just after statement `id`, in the same order; locked.
std::optional<ChainedStatementRow> nextStatement(db::Connection& db, const std::string& iban,
                                                 Date from, std::int64_t id);
// Records statement `id`'s chain verdict (status first/ok/gap/mismatch, detail "" for none)
// against `previous_id`; an earlier resolution no longer applies and is cleared.
void setStatementChain(db::Connection& db, std::int64_t id, std::optional<std::int64_t> previous_id,
                       const std::string& status, const std::string& detail);
// The statement's chain, locked; nothing when the statement is unknown.
std::optional<ChainToResolve> lockStatementChain(db::Connection& db, std::int64_t id);
// Records how the statement's broken chain was resolved.
void resolveStatementChain(db::Connection& db, std::int64_t id, const std::string& resolution,
                           const std::string& by, const std::string& at);
// The entry, locked; nothing when unknown.
std::optional<EntryToResolve> lockBankEntry(db::Connection& db, std::int64_t id);
// The transfer, locked; nothing when unknown or never sent (a prepared or cancelled run's).
std::optional<InstructionToMatch> lockInstruction(db::Connection& db, std::int64_t id);
// Records how the entry was resolved.
void resolveBankEntry(db::Connection& db, std::int64_t id, const std::string& status,
                      std::optional<std::int64_t> instruction_id, const std::string& resolution,
                      const std::string& by, const std::string& at);

}  // namespace zc::invoicing
