#include "bank_statement_lists.hpp"

#include "interfaces/mysql/list_sql.hpp"

namespace zc::invoicing {
namespace {

// " AND <column> IN (the IBANs of the scope's debtor accounts)", or "" without a scope.
std::string accountsInScope(const db::MunicipalityScope& scope, const char* column,
                            db::Params& params) {
    if (!scope) return "";
    return std::string(" AND ") + column +
           " IN (SELECT da.iban FROM debtor_accounts da WHERE 1 = 1" +
           db::municipalityFilter(scope, "da.municipality_code", params) + ")";
}

std::vector<StatementListRow> statementPage(db::Connection& db, const std::string& where,
                                            db::Params params, std::int64_t limit,
                                            std::int64_t offset) {
    params.emplace_back(limit);
    params.emplace_back(offset);
    std::vector<StatementListRow> out;
    for (const auto& r :
         db.query("SELECT s.id, s.account_iban, s.statement_id, s.from_date, s.to_date,"
                  " s.opening_cents, s.closing_cents, s.imported_at, s.imported_by, COUNT(e.id),"
                  " COALESCE(SUM(e.match_status = 'booked'), 0),"
                  " COALESCE(SUM(e.match_status = 'returned'), 0),"
                  " COALESCE(SUM(e.match_status IN ('unmatched', 'difference')), 0),"
                  " COALESCE(SUM(e.resolved_at IS NOT NULL), 0), s.chain_status, s.chain_detail,"
                  " s.chain_resolved_at FROM bank_statements s"
                  " LEFT JOIN bank_entries e ON e.statement_id = s.id WHERE 1 = 1" +
                      where + " GROUP BY s.id ORDER BY s.id DESC LIMIT ? OFFSET ?",
                  params)) {
        out.push_back({r.i64(0), r.str(1), r.str(2), r.str(3), r.str(4), r.i64(5), r.i64(6),
                       r.str(7), r.str(8), r.i64(9), r.i64(10), r.i64(11), r.i64(12), r.i64(13),
                       r.str(14), r.opt(15), r.opt(16)});
    }
    return out;
}

// The scope's filter on the resolved entries and on the resolved statement chains, each with
// its own parameters (the count runs each part alone; the page runs both as one UNION).
struct ResolvedScope {
    std::string entries, chains;
    db::Params entry_params, chain_params;
};

constexpr const char* kResolvedEntries =
    " FROM bank_entries e JOIN bank_statements s ON s.id = e.statement_id"
    " WHERE e.resolved_at IS NOT NULL";
constexpr const char* kResolvedChains =
    " FROM bank_statements s LEFT JOIN bank_statements p ON p.id = s.previous_id"
    " WHERE s.chain_resolved_at IS NOT NULL";

ResolvedScope resolvedScope(const db::MunicipalityScope& scope) {
    ResolvedScope s;
    s.entries = accountsInScope(scope, "s.account_iban", s.entry_params);
    s.chains = accountsInScope(scope, "s.account_iban", s.chain_params);
    return s;
}

std::int64_t resolvedTotal(db::Connection& db, const ResolvedScope& s) {
    return db::countRows(db, kResolvedEntries + s.entries, s.entry_params) +
           db::countRows(db, kResolvedChains + s.chains, s.chain_params);
}

std::vector<ResolvedItemRow> resolvedPage(db::Connection& db, const ResolvedScope& s,
                                          std::int64_t limit, std::int64_t offset) {
    db::Params params = s.entry_params;
    params.insert(params.end(), s.chain_params.begin(), s.chain_params.end());
    params.emplace_back(limit);
    params.emplace_back(offset);
    std::vector<ResolvedItemRow> out;
    for (const auto& r : db.query(
             "SELECT 'entry', e.id, s.account_iban, s.statement_id, e.amount_cents, e.credit,"
             " e.booking_date, e.end_to_end_id, e.counterparty_name, e.match_status,"
             " e.match_reason, e.instruction_id, e.resolution, e.resolved_by, e.resolved_at" +
                 std::string(kResolvedEntries) + s.entries +
                 " UNION ALL SELECT 'statement_chain', s.id, s.account_iban, s.statement_id,"
                 " s.opening_cents - COALESCE(p.closing_cents, s.opening_cents), 0, s.from_date,"
                 " NULL, NULL, s.chain_status, s.chain_detail, NULL, s.chain_resolution,"
                 " s.chain_resolved_by, s.chain_resolved_at" +
                 kResolvedChains + s.chains + " ORDER BY 15 DESC, 2 DESC, 1 LIMIT ? OFFSET ?",
             params)) {
        std::optional<std::int64_t> instruction;
        if (!r.isNull(11)) instruction = r.i64(11);
        out.push_back({r.str(0), r.i64(1), r.str(2), r.str(3), r.i64(4), r.i64(5) != 0, r.opt(6),
                       r.opt(7), r.opt(8), r.str(9), r.opt(10), instruction, r.opt(12).value_or(""),
                       r.opt(13).value_or(""), r.str(14)});
    }
    return out;
}

}  // namespace

app::ListPage<StatementListRow> listBankStatements(db::Connection& db, std::int64_t limit,
                                                   std::int64_t offset,
                                                   const db::MunicipalityScope& scope) {
    db::Params params;
    const std::string where = accountsInScope(scope, "s.account_iban", params);
    app::ListPage<StatementListRow> page;
    page.total = db::countRows(db, "FROM bank_statements s WHERE 1 = 1" + where, params);
    page.items = statementPage(db, where, params, limit, offset);
    return page;
}

app::ListPage<ResolvedItemRow> listResolvedWorkItems(db::Connection& db, std::int64_t limit,
                                                     std::int64_t offset,
                                                     const db::MunicipalityScope& scope) {
    const auto sources = resolvedScope(scope);
    app::ListPage<ResolvedItemRow> page;
    page.total = resolvedTotal(db, sources);
    page.items = resolvedPage(db, sources, limit, offset);
    return page;
}

}  // namespace zc::invoicing
