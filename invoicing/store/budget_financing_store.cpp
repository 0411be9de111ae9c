#include "budget_financing_store.hpp"

#include "interfaces/mysql/connection.hpp"
#include "interfaces/mysql/list_sql.hpp"

namespace zc::invoicing {
namespace {

constexpr const char* kPayableColumns =
    "SELECT p.id, p.provider_id, v.agb, v.name, p.source_type, p.source_id, p.amount_cents,"
    " p.due_date, p.created_at, p.status, p.disputed_reason, p.municipality_code FROM payables p"
    " JOIN providers v ON v.id = p.provider_id";

constexpr const char* kSettlementColumns =
    "SELECT id, contract_id, year, rule, budget_cents, due_cents, advances_paid_cents,"
    " difference_cents, calculation, created_by, created_at FROM settlements";

PayableListRow payableRow(const db::Row& r) {
    return {r.i64(0), r.i64(1), r.str(2), r.str(3), r.str(4),  r.i64(5),
            r.i64(6), r.str(7), r.str(8), r.str(9), r.opt(10), r.str(11)};
}

SettlementRow settlementRow(const db::Row& r) {
    return {r.i64(0), r.i64(1), static_cast<int>(r.i64(2)),
            r.str(3), r.i64(4), r.i64(5),
            r.i64(6), r.i64(7), r.str(8),
            r.str(9), r.str(10)};
}

}  // namespace

std::optional<FinancedContract> findFinancedContract(db::Connection& db, std::int64_t id,
                                                     bool lock) {
    auto r = db.queryOne(
        std::string("SELECT provider_id, status, term_start, term_end, settlement_rule, kind,"
                    " municipality_code FROM contracts WHERE id = ?") +
            (lock ? " FOR UPDATE" : ""),
        {id});
    if (!r) return std::nullopt;
    return FinancedContract{
        id,        r->i64(0), r->str(1), Period{parseDate(r->str(2)), parseDate(r->str(3))},
        r->str(4), r->str(5), r->str(6)};
}

bool isCoalitionMember(db::Connection& db, std::int64_t contract_id, std::int64_t provider_id) {
    return db
        .queryOne("SELECT 1 FROM coalition_members WHERE contract_id = ? AND provider_id = ?",
                  {contract_id, provider_id})
        .has_value();
}

bool yearSettled(db::Connection& db, std::int64_t contract_id, int year, bool lock) {
    return db
        .queryOne(std::string("SELECT id FROM settlements WHERE contract_id = ? AND year = ?") +
                      (lock ? " FOR UPDATE" : ""),
                  {contract_id, std::int64_t{year}})
        .has_value();
}

std::vector<ActiveFinancedContract> lockActiveFinancedContracts(db::Connection& db) {
    std::vector<ActiveFinancedContract> out;
    for (const auto& c :
         db.query("SELECT id, provider_id, municipality_code FROM contracts WHERE kind = 'budget'"
                  " AND status = 'active' ORDER BY id FOR UPDATE")) {
        out.push_back({c.i64(0), c.i64(1), c.str(2)});
    }
    return out;
}

std::vector<AdvanceRow> unsettledAdvancesDue(db::Connection& db, std::int64_t contract_id,
                                             Date date) {
    std::vector<AdvanceRow> out;
    for (const auto& a :
         db.query("SELECT a.id, a.year, a.month, a.due_date, a.amount_cents FROM advances a"
                  " WHERE a.contract_id = ? AND a.due_date <= ? AND NOT EXISTS (SELECT 1 FROM "
                  "settlements s WHERE s.contract_id = a.contract_id AND s.year = a.year)"
                  " ORDER BY a.year, a.month",
                  {contract_id, formatDate(date)})) {
        out.push_back({a.i64(0), static_cast<int>(a.i64(1)), static_cast<unsigned>(a.i64(2)),
                       a.str(3), Money::fromCents(a.i64(4))});
    }
    return out;
}

std::set<std::int64_t> postedAdvanceIds(db::Connection& db, std::int64_t contract_id) {
    std::set<std::int64_t> posted;
    for (const auto& p :
         db.query("SELECT p.source_id FROM payables p JOIN advances a ON a.id = "
                  "p.source_id WHERE p.source_type = 'advance' AND a.contract_id = ?"
                  " FOR UPDATE",
                  {contract_id})) {
        posted.insert(p.i64(0));
    }
    return posted;
}

app::ListPage<PayableListRow> listPayables(db::Connection& db, std::int64_t provider,
                                           std::int64_t own, const std::string& type,
                                           std::int64_t limit, std::int64_t offset,
                                           const db::MunicipalityScope& scope) {
    db::Params params;
    std::string where = " WHERE 1 = 1";
    for (const auto id : {provider, own}) where += db::equalsFilter("p.provider_id", id, params);
    where += db::equalsFilter("p.source_type", type, params);
    where += db::municipalityFilter(scope, "p.municipality_code", params);
    app::ListPage<PayableListRow> page;
    page.total = db::countRows(db, "FROM payables p" + where, params);
    auto page_params = params;
    page_params.emplace_back(limit);
    page_params.emplace_back(offset);
    for (const auto& r : db.query(
             std::string(kPayableColumns) + where + " ORDER BY p.due_date, p.id LIMIT ? OFFSET ?",
             page_params)) {
        page.items.push_back(payableRow(r));
    }
    return page;
}

std::vector<int> contractBudgetYears(db::Connection& db, std::int64_t contract_id) {
    std::vector<int> out;
    for (const auto& r :
         db.query("SELECT year FROM contract_budgets WHERE contract_id = ? ORDER BY year",
                  {contract_id})) {
        out.push_back(static_cast<int>(r.i64(0)));
    }
    return out;
}

std::vector<PerformanceAgreementRow> performanceAgreements(db::Connection& db,
                                                           std::int64_t contract_id) {
    std::vector<PerformanceAgreementRow> out;
    for (const auto& a : db.query("SELECT id, indicator, target, unit, kind, aggregation FROM "
                                  "performance_agreements WHERE contract_id = ? ORDER BY id",
                                  {contract_id})) {
        out.push_back({a.i64(0), a.str(1), a.i64(2), a.str(3), a.str(4), a.str(5)});
    }
    return out;
}

std::vector<RealisationRow> realisationReports(db::Connection& db, std::int64_t contract_id,
                                               int year) {
    std::vector<RealisationRow> out;
    for (const auto& r : db.query("SELECT agreement_id, quarter, realised, reported_by, reported_at"
                                  " FROM realisation_reports WHERE contract_id = ? AND year = ?",
                                  {contract_id, std::int64_t{year}})) {
        out.push_back({r.i64(0), static_cast<int>(r.i64(1)), r.i64(2), r.str(3), r.str(4)});
    }
    return out;
}

bool realisationReported(db::Connection& db, std::int64_t contract_id, int year,
                         std::int64_t quarter, std::int64_t agreement_id) {
    return db
        .queryOne(
            "SELECT id FROM realisation_reports WHERE contract_id = ? AND year = "
            "? AND quarter = ? AND agreement_id = ? FOR UPDATE",
            {contract_id, std::int64_t{year}, quarter, agreement_id})
        .has_value();
}

void insertRealisation(db::Connection& db, std::int64_t contract_id, int year, std::int64_t quarter,
                       std::int64_t agreement_id, std::int64_t realised,
                       const std::string& reported_by, const std::string& reported_at) {
    db.execute(
        "INSERT INTO realisation_reports (contract_id, year, quarter, agreement_id, realised,"
        " reported_by, reported_at) VALUES (?,?,?,?,?,?,?)",
        {contract_id, std::int64_t{year}, quarter, agreement_id, realised, reported_by,
         reported_at});
}

std::optional<std::int64_t> contractBudgetCents(db::Connection& db, std::int64_t contract_id,
                                                int year) {
    auto r =
        db.queryOne("SELECT budget_cents FROM contract_budgets WHERE contract_id = ? AND year = ?",
                    {contract_id, std::int64_t{year}});
    if (!r) return std::nullopt;
    return r->i64(0);
}

std::vector<std::pair<int, std::int64_t>> agreementRealisation(db::Connection& db,
                                                               std::int64_t contract_id, int year,
                                                               std::int64_t agreement_id) {
    std::vector<std::pair<int, std::int64_t>> out;
    for (const auto& r :
         db.query("SELECT quarter, realised FROM realisation_reports WHERE contract_id = ? AND "
                  "year = ? AND agreement_id = ? ORDER BY quarter",
                  {contract_id, std::int64_t{year}, agreement_id})) {
        out.emplace_back(static_cast<int>(r.i64(0)), r.i64(1));
    }
    return out;
}

AdvancesPaid advancesPaid(db::Connection& db, std::int64_t contract_id, int year) {
    auto r = db.queryOne(
        "SELECT COUNT(*), COALESCE(SUM(p.amount_cents), 0) FROM payables p JOIN advances a ON"
        " a.id = p.source_id WHERE p.source_type = 'advance' AND a.contract_id = ? AND a.year = ?",
        {contract_id, std::int64_t{year}});
    return {r->i64(0), Money::fromCents(r->i64(1))};
}

std::optional<std::string> firstProductCategory(db::Connection& db, std::int64_t contract_id) {
    auto r = db.queryOne(
        "SELECT p.category FROM contract_products cp JOIN products p ON p.code = cp.product_code"
        " WHERE cp.contract_id = ? ORDER BY p.code LIMIT 1",
        {contract_id});
    if (!r) return std::nullopt;
    return r->str(0);
}

std::int64_t insertSettlement(db::Connection& db, const SettlementRow& s) {
    db.execute(
        "INSERT INTO settlements (contract_id, year, rule, budget_cents, due_cents,"
        " advances_paid_cents, difference_cents, calculation, created_by, created_at)"
        " VALUES (?,?,?,?,?,?,?,?,?,?)",
        {s.contract_id, std::int64_t{s.year}, s.rule, s.budget_cents, s.due_cents,
         s.advances_paid_cents, s.difference_cents, s.calculation, s.created_by, s.created_at});
    return db.lastInsertId();
}

std::optional<SettlementRow> findSettlement(db::Connection& db, std::int64_t id) {
    auto r = db.queryOne(std::string(kSettlementColumns) + " WHERE id = ?", {id});
    if (!r) return std::nullopt;
    return settlementRow(*r);
}

app::ListPage<SettlementRow> contractSettlements(db::Connection& db, std::int64_t contract_id,
                                                 std::int64_t limit, std::int64_t offset) {
    app::ListPage<SettlementRow> page;  // in the caller's transaction
    page.total = db::countRows(db, "FROM settlements WHERE contract_id = ?", {contract_id});
    for (const auto& r : db.query(std::string(kSettlementColumns) +
                                      " WHERE contract_id = ? ORDER BY year, id LIMIT ? OFFSET ?",
                                  {contract_id, limit, offset})) {
        page.items.push_back(settlementRow(r));
    }
    return page;
}

std::optional<PayableListRow> settlementPayable(db::Connection& db, std::int64_t settlement_id) {
    auto r = db.queryOne(std::string(kPayableColumns) +
                             " WHERE p.source_type IN ('settlement','clawback') AND "
                             "p.source_id = ?",
                         {settlement_id});
    if (!r) return std::nullopt;
    return payableRow(*r);
}

}  // namespace zc::invoicing
