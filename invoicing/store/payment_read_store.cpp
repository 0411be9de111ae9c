#include "payment_read_store.hpp"

#include <algorithm>

#include "interfaces/mysql/connection.hpp"
#include "interfaces/mysql/list_sql.hpp"

namespace zc::invoicing {
namespace {

constexpr const char* kRunSelect =
    "SELECT id, municipality_code, due_until, execution_date, status, prepared_by, prepared_at,"
    " approved_by, approved_at, message_id, control_sum_cents, transactions, pain001_sha256,"
    " COALESCE((SELECT GROUP_CONCAT(a.municipality_code ORDER BY a.municipality_code)"
    " FROM payment_run_accounts a WHERE a.run_id = payment_runs.id), municipality_code),"
    " (SELECT COUNT(*) FROM payment_instructions i WHERE i.run_id = payment_runs.id"
    " AND i.status = 'sent'), (SELECT COUNT(*) FROM payment_instructions i"
    " WHERE i.run_id = payment_runs.id AND i.status = 'booked'), (SELECT COUNT(*)"
    " FROM payment_instructions i WHERE i.run_id = payment_runs.id AND i.status = 'returned') ";
const std::string kRunColumns = std::string(kRunSelect) + "FROM payment_runs";

const db::SortSpec kRunSort{{{"prepared_at", "id"},
                             {"execution_date", "execution_date"},
                             {"due_until", "due_until"},
                             {"control_sum_cents", "control_sum_cents"},
                             {"transactions", "transactions"},
                             {"status", "status"}},
                            "id",
                            "prepared_at",
                            true};

std::vector<std::string> splitCodes(const std::string& text) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= text.size()) {
        const auto comma = std::min(text.find(',', start), text.size());
        if (comma > start) out.push_back(text.substr(start, comma - start));
        start = comma + 1;
    }
    return out;
}

RunRow runFrom(const db::Row& r) {
    return {r.i64(0),
            r.str(1),
            r.str(2),
            r.str(3),
            r.str(4),
            r.str(5),
            r.str(6),
            r.opt(7),
            r.opt(8),
            r.str(9),
            r.i64(10),
            r.i64(11),
            r.opt(12),
            splitCodes(r.str(13)),
            {r.i64(14), r.i64(15), r.i64(16)}};
}

}  // namespace

bool municipalityRecorded(db::Connection& db, const std::string& code) {
    return db.queryOne("SELECT code FROM municipalities WHERE code = ?", {code}).has_value();
}

app::ListPage<ProviderBalanceRow> providerBalances(db::Connection& db, std::int64_t limit,
                                                   std::int64_t offset,
                                                   const db::MunicipalityScope& scope) {
    db::Params params;
    const std::string in_scope = db::municipalityFilter(scope, "p.municipality_code", params);
    params.emplace_back(limit);
    params.emplace_back(offset);
    app::ListPage<ProviderBalanceRow> page;
    // Every provider has a row (its balances may be zero): the total is the providers'.
    page.total = db::countRows(db, "FROM providers", {});
    for (const auto& r :
         db.query("SELECT v.id, v.agb, v.name, v.blocked_reason, v.blocked_at,"
                  " COALESCE(SUM(CASE WHEN p.status = 'open' AND p.disputed_reason IS NULL"
                  "   THEN p.amount_cents END), 0),"
                  " COALESCE(SUM(CASE WHEN p.status = 'open' AND p.disputed_reason IS NOT NULL"
                  "   THEN p.amount_cents END), 0),"
                  " COALESCE(SUM(CASE WHEN p.status = 'in_run' THEN p.amount_cents END), 0),"
                  " COALESCE(SUM(CASE WHEN p.status = 'paid' THEN p.amount_cents END), 0)"
                  " FROM providers v LEFT JOIN payables p ON p.provider_id = v.id" +
                      in_scope +
                      " GROUP BY v.id, v.agb, v.name, v.blocked_reason, v.blocked_at"
                      " ORDER BY v.name, v.id LIMIT ? OFFSET ?",
                  params)) {
        page.items.push_back({r.i64(0), r.str(1), r.str(2), r.opt(3), r.opt(4), r.i64(5), r.i64(6),
                              r.i64(7), r.i64(8)});
    }
    return page;
}

std::vector<std::string> runMunicipalities(db::Connection& db, std::int64_t run_id) {
    std::vector<std::string> out;
    for (const auto& r :
         db.query("SELECT municipality_code FROM payment_run_accounts WHERE run_id = ?"
                  " UNION SELECT municipality_code FROM payment_runs WHERE id = ?"
                  " ORDER BY 1",
                  {run_id, run_id})) {
        out.push_back(r.str(0));
    }
    return out;
}

std::optional<RunRow> findRun(db::Connection& db, std::int64_t id) {
    auto r = db.queryOne(std::string(kRunColumns) + " WHERE id = ?", {id});
    if (!r) return std::nullopt;
    return runFrom(*r);
}

app::ListPage<RunRow> listRuns(db::Connection& db, const RunFilter& f) {
    db::Params params;
    std::string from_where = "FROM payment_runs WHERE 1 = 1";
    // A run over several municipalities is in a scope only when every one of them is.
    from_where += db::municipalityFilter(f.scope, "municipality_code", params);
    if (f.scope) {
        from_where +=
            " AND NOT EXISTS (SELECT 1 FROM payment_run_accounts a WHERE a.run_id ="
            " payment_runs.id AND a.municipality_code NOT IN " +
            db::inList(*f.scope, params) + ")";
    }
    if (!f.municipality.empty()) {
        from_where +=
            " AND (municipality_code = ? OR EXISTS (SELECT 1 FROM payment_run_accounts a"
            " WHERE a.run_id = payment_runs.id AND a.municipality_code = ?))";
        params.emplace_back(f.municipality);
        params.emplace_back(f.municipality);
    }
    from_where += db::equalsFilter("status", f.status, params);
    from_where += db::searchFilter(
        f.list.search,
        {"CAST(id AS CHAR)", "message_id", "prepared_by", "COALESCE(approved_by, '')"}, params);
    const std::string order = db::orderBy(f.list, kRunSort);
    app::ListPage<RunRow> page;
    page.total = db::countRows(db, from_where, params);
    auto page_params = params;
    const auto limit = db::limitOffset(f.list, page_params);
    for (const auto& r : db.query(kRunSelect + from_where + order + limit, page_params)) {
        page.items.push_back(runFrom(r));
    }
    return page;
}

std::vector<RunTransferRow> runTransfers(db::Connection& db, std::int64_t run_id) {
    std::vector<RunTransferRow> out;
    for (const auto& t : db.query(
             "SELECT id, provider_id, end_to_end_id, amount_cents, creditor_name, creditor_iban,"
             " remittance, status, return_reason, COALESCE(municipality_code, ''),"
             " debtor_account_id, debtor_iban FROM payment_instructions WHERE run_id = ?"
             " ORDER BY provider_id, municipality_code",
             {run_id})) {
        out.push_back({t.i64(0), t.i64(1), t.str(2), t.i64(3), t.str(4), t.str(5), t.str(6),
                       t.str(7), t.opt(8), t.str(9), t.optI64(10), t.str(11)});
    }
    return out;
}

std::vector<RunAccountRow> runAccountRows(db::Connection& db, std::int64_t run_id) {
    std::vector<RunAccountRow> out;
    for (const auto& a :
         db.query("SELECT a.municipality_code, a.debtor_account_id, COALESCE(d.iban, ''),"
                  " COALESCE(d.name, '') FROM payment_run_accounts a"
                  " LEFT JOIN debtor_accounts d ON d.id = a.debtor_account_id WHERE a.run_id = ?"
                  " ORDER BY a.municipality_code",
                  {run_id})) {
        out.push_back({a.str(0), a.optI64(1), a.str(2), a.str(3)});
    }
    return out;
}

std::vector<RunItemRow> runItems(db::Connection& db, std::int64_t run_id) {
    std::vector<RunItemRow> out;
    for (const auto& i :
         db.query("SELECT i.payable_id, p.provider_id, i.instruction_id, i.amount_cents, i.outcome,"
                  " i.reason FROM payment_run_items i JOIN payables p ON p.id = i.payable_id"
                  " WHERE i.run_id = ? ORDER BY i.id",
                  {run_id})) {
        out.push_back({i.i64(0), i.i64(1), i.optI64(2), i.i64(3), i.str(4), i.opt(5)});
    }
    return out;
}

std::optional<std::optional<std::string>> runPain001(db::Connection& db, std::int64_t run_id) {
    auto r = db.queryOne("SELECT status, pain001 FROM payment_runs WHERE id = ?", {run_id});
    if (!r) return std::nullopt;
    return std::optional<std::optional<std::string>>(r->opt(1));
}

}  // namespace zc::invoicing
