#include "bank_statement_store.hpp"

#include "budget_figures_store.hpp"
#include "interfaces/mysql/connection.hpp"
#include "interfaces/mysql/list_sql.hpp"

namespace zc::invoicing {

bool statementKnown(db::Connection& db, const std::string& iban, const std::string& statement_id,
                    Date from, Date to) {
    return db
        .queryOne(
            "SELECT id FROM bank_statements WHERE account_iban = ? AND statement_id ="
            " ? AND from_date = ? AND to_date = ?",
            {iban, statement_id, formatDate(from), formatDate(to)})
        .has_value();
}

bool isDebtorAccount(db::Connection& db, const std::string& iban) {
    return db.queryOne("SELECT id FROM debtor_accounts WHERE iban = ?", {iban}).has_value();
}

std::int64_t insertBankStatement(db::Connection& db, const BankStatementRow& s) {
    db.execute(
        "INSERT INTO bank_statements (account_iban, statement_id, from_date, to_date, message_id,"
        " opening_cents, closing_cents, file_sha256, imported_at, imported_by)"
        " VALUES (?,?,?,?,?,?,?,?,?,?)",
        {s.account_iban, s.statement_id, formatDate(s.from), formatDate(s.to), s.message_id,
         s.opening.cents(), s.closing.cents(), s.file_sha256, s.imported_at, s.imported_by});
    return db.lastInsertId();
}

std::vector<SentInstructionRow> lockSentInstructions(db::Connection& db, const std::string& iban) {
    std::vector<SentInstructionRow> out;
    for (const auto& r :
         db.query("SELECT id, provider_id, status, end_to_end_id, amount_cents, creditor_iban,"
                  " execution_date FROM payment_instructions WHERE debtor_iban = ? AND status IN"
                  " ('sent', 'booked', 'returned') ORDER BY id FOR UPDATE",
                  {iban})) {
        out.push_back({r.i64(0), r.i64(1), r.str(2), r.str(3), Money::fromCents(r.i64(4)), r.str(5),
                       parseDate(r.str(6))});
    }
    return out;
}

std::int64_t insertBankEntry(db::Connection& db, const BankEntryRow& e) {
    db.execute(
        "INSERT INTO bank_entries (statement_id, seq, entry_ref, amount_cents, credit,"
        " booking_date, end_to_end_id, counterparty_iban, counterparty_name, return_reason,"
        " remittance, match_status, match_reason, instruction_id)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        {e.statement_id, e.seq, e.entry_ref, e.amount.cents(), std::int64_t{e.credit ? 1 : 0},
         e.booking_date ? db::Param(formatDate(*e.booking_date)) : db::Param(nullptr),
         e.end_to_end_id, e.counterparty_iban, e.counterparty_name, e.return_reason, e.remittance,
         e.match_status, e.match_reason ? db::Param(*e.match_reason) : db::Param(nullptr),
         e.instruction_id ? db::Param(*e.instruction_id) : db::Param(nullptr)});
    return db.lastInsertId();
}

void markInstructionBooked(db::Connection& db, std::int64_t instruction_id,
                           const std::string& booked_at, const std::string& paid_at) {
    db.execute("UPDATE payment_instructions SET status = 'booked', booked_at = ? WHERE id = ?",
               {booked_at, instruction_id});
    changePaidFigures(db, PaidChange::Booked, instruction_id, paid_at);
    db.execute(
        "UPDATE payables SET status = 'paid', paid_at = ? WHERE instruction_id = ? AND status ="
        " 'in_run'",
        {paid_at, instruction_id});
}

void markInstructionReturned(db::Connection& db, std::int64_t instruction_id,
                             const std::string& reason) {
    db.execute(
        "UPDATE payment_instructions SET status = 'returned', return_reason = ? WHERE id = ?",
        {reason.substr(0, 8), instruction_id});
    changePaidFigures(db, PaidChange::Returned, instruction_id, "");
    db.execute("UPDATE payables SET status = 'open', paid_at = NULL WHERE instruction_id = ?",
               {instruction_id});
}

namespace {

// " AND s.account_iban IN (the scope's debtor accounts)", or "" without a scope.
std::string accountScope(const db::MunicipalityScope& scope, db::Params& params) {
    if (!scope) return "";
    return " AND s.account_iban IN (SELECT da.iban FROM debtor_accounts da WHERE 1 = 1" +
           db::municipalityFilter(scope, "da.municipality_code", params) + ")";
}

// Both kinds of work as one table `w`; row_key orders and tells them apart (entries even,
// statements odd).
std::string workListFrom(const db::MunicipalityScope& scope, db::Params& params) {
    std::string entries =
        "SELECT e.id, s.account_iban, s.statement_id, e.amount_cents, e.credit, e.booking_date,"
        " e.end_to_end_id, e.counterparty_iban, e.counterparty_name, e.return_reason,"
        " e.match_status, e.match_reason AS reason, 'entry' AS kind, NULL AS detail,"
        " e.id * 2 AS row_key FROM bank_entries e JOIN bank_statements s ON s.id = e.statement_id"
        " WHERE e.match_status IN ('unmatched', 'difference')";
    entries += accountScope(scope, params);
    std::string chains =
        "SELECT s.id, s.account_iban, s.statement_id,"
        " s.opening_cents - COALESCE(p.closing_cents, s.opening_cents), 0, s.from_date, NULL,"
        " NULL, NULL, NULL, s.chain_status, NULL, 'statement_chain', s.chain_detail,"
        " s.id * 2 + 1 FROM bank_statements s LEFT JOIN bank_statements p ON p.id = s.previous_id"
        " WHERE s.chain_status IN ('gap', 'mismatch') AND s.chain_resolved_at IS NULL";
    chains += accountScope(scope, params);
    return "FROM (" + entries + " UNION ALL " + chains + ") w WHERE 1 = 1";
}

const db::SortSpec kWorkListSort{{{"id", "w.row_key"},
                                  {"kind", "w.kind"},
                                  {"booking_date", "w.booking_date"},
                                  {"amount_cents", "w.amount_cents"},
                                  {"match_status", "w.match_status"},
                                  {"account_iban", "w.account_iban"}},
                                 "w.row_key",
                                 "kind",
                                 false};

}  // namespace

app::ListPage<WorkListRow> workListPage(db::Connection& db, const WorkListFilter& f) {
    db::Params params;
    std::string from_where = workListFrom(f.scope, params);
    from_where += db::equalsFilter("w.kind", f.kind, params);
    from_where += db::equalsFilter("w.match_status", f.match_status, params);
    from_where +=
        db::searchFilter(f.list.search,
                         {"w.account_iban", "w.statement_id", "COALESCE(w.end_to_end_id, '')",
                          "COALESCE(w.counterparty_name, '')", "COALESCE(w.counterparty_iban, '')"},
                         params);
    const std::string order = db::orderBy(f.list, kWorkListSort);
    app::ListPage<WorkListRow> page;
    page.total = db::countRows(db, from_where, params);
    auto page_params = params;
    const auto limit = db::limitOffset(f.list, page_params);
    for (const auto& r :
         db.query("SELECT w.id, w.account_iban, w.statement_id, w.amount_cents, w.credit,"
                  " w.booking_date, w.end_to_end_id, w.counterparty_iban, w.counterparty_name,"
                  " w.return_reason, w.match_status, w.reason, w.kind, w.detail " +
                      from_where + order + limit,
                  page_params)) {
        page.items.push_back({r.i64(0), r.str(1), r.str(2), r.i64(3), r.i64(4) != 0, r.opt(5),
                              r.opt(6), r.opt(7), r.opt(8), r.opt(9), r.str(10), r.opt(11),
                              r.str(12), r.opt(13)});
    }
    return page;
}

std::vector<WorkListRow> reconciliationWorkList(db::Connection& db,
                                                const db::MunicipalityScope& scope) {
    WorkListFilter f;
    f.scope = scope;
    f.list.limit = app::kMaxPageSize;
    return workListPage(db, f).items;
}

namespace {

constexpr const char* kChainedColumns =
    "SELECT id, statement_id, from_date, to_date, opening_cents, closing_cents"
    " FROM bank_statements WHERE account_iban = ? AND ";

std::optional<ChainedStatementRow> chainedStatement(db::Connection& db, const std::string& where,
                                                    const std::string& iban, Date from,
                                                    std::int64_t id) {
    const std::string day = formatDate(from);
    auto r = db.queryOne(kChainedColumns + where, {iban, day, day, id});
    if (!r) return std::nullopt;
    return ChainedStatementRow{r->i64(0),
                               r->str(1),
                               parseDate(r->str(2)),
                               parseDate(r->str(3)),
                               Money::fromCents(r->i64(4)),
                               Money::fromCents(r->i64(5))};
}

}  // namespace

std::optional<ChainedStatementRow> previousStatement(db::Connection& db, const std::string& iban,
                                                     Date from, std::int64_t id) {
    return chainedStatement(db,
                            "(from_date < ? OR (from_date = ? AND id < ?))"
                            " ORDER BY from_date DESC, id DESC LIMIT 1 FOR UPDATE",
                            iban, from, id);
}

std::optional<ChainedStatementRow> nextStatement(db::Connection& db, const std::string& iban,
                                                 Date from, std::int64_t id) {
    return chainedStatement(db,
                            "(from_date > ? OR (from_date = ? AND id > ?))"
                            " ORDER BY from_date, id LIMIT 1 FOR UPDATE",
                            iban, from, id);
}

void setStatementChain(db::Connection& db, std::int64_t id, std::optional<std::int64_t> previous_id,
                       const std::string& status, const std::string& detail) {
    db.execute(
        "UPDATE bank_statements SET previous_id = ?, chain_status = ?, chain_detail = ?,"
        " chain_resolution = NULL, chain_resolved_by = NULL, chain_resolved_at = NULL"
        " WHERE id = ?",
        {previous_id ? db::Param(*previous_id) : db::Param(nullptr), status,
         detail.empty() ? db::Param(nullptr) : db::Param(detail.substr(0, 400)), id});
}

std::optional<ChainToResolve> lockStatementChain(db::Connection& db, std::int64_t id) {
    auto r = db.queryOne(
        "SELECT account_iban, statement_id, chain_status, chain_resolved_at IS NOT NULL"
        " FROM bank_statements WHERE id = ? FOR UPDATE",
        {id});
    if (!r) return std::nullopt;
    return ChainToResolve{r->str(0), r->str(1), r->str(2), r->i64(3) != 0};
}

void resolveStatementChain(db::Connection& db, std::int64_t id, const std::string& resolution,
                           const std::string& by, const std::string& at) {
    db.execute(
        "UPDATE bank_statements SET chain_resolution = ?, chain_resolved_by = ?,"
        " chain_resolved_at = ? WHERE id = ?",
        {resolution, by, at, id});
}

std::optional<EntryToResolve> lockBankEntry(db::Connection& db, std::int64_t id) {
    auto e = db.queryOne(
        "SELECT e.match_status, e.amount_cents, e.credit, s.account_iban, e.return_reason"
        " FROM bank_entries e JOIN bank_statements s ON s.id = e.statement_id"
        " WHERE e.id = ? FOR UPDATE",
        {id});
    if (!e) return std::nullopt;
    return EntryToResolve{e->str(0), e->i64(1), e->i64(2) != 0, e->str(3),
                          e->isNull(4) ? std::string() : e->str(4)};
}

std::optional<InstructionToMatch> lockInstruction(db::Connection& db, std::int64_t id) {
    auto i = db.queryOne(
        "SELECT id, provider_id, status, amount_cents, debtor_iban FROM payment_instructions"
        " WHERE id = ? AND status IN ('sent', 'booked', 'returned') FOR UPDATE",
        {id});
    if (!i) return std::nullopt;
    return InstructionToMatch{i->i64(0), i->i64(1), i->str(2), i->i64(3), i->str(4)};
}

void resolveBankEntry(db::Connection& db, std::int64_t id, const std::string& status,
                      std::optional<std::int64_t> instruction_id, const std::string& resolution,
                      const std::string& by, const std::string& at) {
    db.execute(
        "UPDATE bank_entries SET match_status = ?, instruction_id = COALESCE(?, instruction_id),"
        " resolution = ?, resolved_by = ?, resolved_at = ? WHERE id = ?",
        {status, instruction_id ? db::Param(*instruction_id) : db::Param(nullptr), resolution, by,
         at, id});
}

}  // namespace zc::invoicing
