#include "ledger_store.hpp"

#include "contracting/kernel/errors.hpp"
#include "interfaces/mysql/connection.hpp"

namespace zc::invoicing {

using app::timestamp;

std::int64_t postJournal(RequestContext& ctx, const JournalEntry& entry) {
    entry.validate();
    ZC_ASSERT(!entry.municipality.empty() && "every stored journal names its municipality");
    ctx.db.execute(
        "INSERT INTO ledger_journals (municipality_code, kind, source, entry_date, created_at,"
        " created_by) VALUES (?,?,?,?,?,?)",
        {entry.municipality, invoicing::eventKindName(entry.kind), entry.source,
         formatDate(entry.date), timestamp(ctx.clock), ctx.actor.name});
    const std::int64_t id = ctx.db.lastInsertId();
    for (const JournalLine& l : entry.lines) {
        ctx.db.execute(
            "INSERT INTO ledger_lines (journal_id, account, amount_cents) VALUES (?,?,?)",
            {id, l.account.format(), l.amount.cents()});
    }
    return id;
}

std::int64_t createPayable(RequestContext& ctx, const std::string& municipality,
                           std::int64_t provider_id, const std::string& type,
                           std::int64_t source_id, Money amount, Date due,
                           const JournalEntry& journal) {
    Money on_payable;
    for (const auto& l : journal.lines) {
        if (l.account == AccountKey::providerPayable(provider_id)) on_payable += l.amount;
    }
    ZC_ASSERT(on_payable == -amount && "the journal credits the payable with its amount");
    ZC_ASSERT(journal.municipality == municipality && "the payable's journal is in its books");
    ctx.db.execute(
        "INSERT INTO payables (municipality_code, provider_id, source_type, source_id,"
        " amount_cents, due_date, created_at) VALUES (?,?,?,?,?,?,?)",
        {municipality, provider_id, type, source_id, amount.cents(), formatDate(due),
         timestamp(ctx.clock)});
    const std::int64_t id = ctx.db.lastInsertId();
    postJournal(ctx, journal);
    return id;
}

std::int64_t budgetFor(RequestContext& ctx, const std::string& municipality,
                       const std::string& category, const std::string& financing, int year) {
    const db::Params key{std::int64_t{year}, municipality, category, financing};
    const char* find =
        "SELECT id FROM budgets WHERE year = ? AND municipality_code = ? AND product_category = ?"
        " AND financing_kind = ? ORDER BY district_key, team_key LIMIT 1";
    if (auto b = ctx.db.queryOne(find, key)) return b->i64(0);
    ctx.db.execute(
        "INSERT INTO budgets (year, municipality_code, product_category, financing_kind,"
        " amount_cents, name, created_at, created_by) VALUES (?,?,?,?,0,?,?,?)",
        {std::int64_t{year}, municipality, category, financing,
         "Unbudgeted " + category + " " + financing + " " + std::to_string(year),
         timestamp(ctx.clock), std::string("system")});
    return ctx.db.lastInsertId();
}

JournalEntry costJournal(invoicing::EventKind kind, std::int64_t provider_id,
                         std::int64_t budget_id, Money amount, std::string source, Date date) {
    JournalEntry e;
    e.kind = kind;
    e.source = std::move(source);
    e.date = date;
    e.lines = {JournalLine{AccountKey::budgetExpense(budget_id), amount},
               JournalLine{AccountKey::providerPayable(provider_id), -amount}};
    return e;
}

std::string instructionMunicipality(db::Connection& db, std::int64_t instruction_id) {
    const auto r = db.queryOne(
        "SELECT COALESCE(i.municipality_code, r.municipality_code) FROM payment_instructions i"
        " JOIN payment_runs r ON r.id = i.run_id WHERE i.id = ?",
        {instruction_id});
    ZC_ASSERT(r && "a matched transfer belongs to a payment run");
    return r->str(0);
}

invoicing::LedgerFacts loadLedgerFacts(db::Connection& db) {
    invoicing::LedgerFacts f;
    for (const auto& r : db.query("SELECT code FROM municipalities ORDER BY code")) {
        f.municipalities.push_back(r.str(0));
    }
    for (const auto& r : db.query("SELECT l.journal_id, l.account, l.amount_cents, "
                                  "j.municipality_code FROM ledger_lines l"
                                  " JOIN ledger_journals j ON j.id = l.journal_id ORDER BY l.id")) {
        f.lines.push_back(
            {r.i64(0), AccountKey::parse(r.str(1)), Money::fromCents(r.i64(2)), r.str(3)});
    }
    for (const auto& r :
         db.query("SELECT provider_id, SUM(amount_cents), municipality_code FROM payables"
                  " WHERE status = 'open' GROUP BY municipality_code, provider_id")) {
        f.open_payables.push_back({r.i64(0), Money::fromCents(r.i64(1)), r.str(2)});
    }
    // Booked and returned entries are matched to a transfer; their journals are in the books of
    // the municipality the transfer paid for (a run may span several; each from its own account).
    for (const auto& r : db.query(
             "SELECT s.account_iban, SUM(CASE WHEN e.match_status = 'booked' THEN e.amount_cents"
             " WHEN e.match_status = 'returned' THEN -e.amount_cents ELSE 0 END),"
             " MIN(COALESCE(i.municipality_code, r.municipality_code))"
             " FROM bank_entries e JOIN bank_statements s ON s.id = e.statement_id"
             " JOIN payment_instructions i ON i.id = e.instruction_id"
             " JOIN payment_runs r ON r.id = i.run_id"
             " WHERE e.match_status IN ('booked', 'returned')"
             " GROUP BY COALESCE(i.municipality_code, r.municipality_code), s.account_iban")) {
        f.reconciled_bank.push_back({Iban::parse(r.str(0)), Money::fromCents(r.i64(1)), r.str(2)});
    }
    return f;
}

}  // namespace zc::invoicing
