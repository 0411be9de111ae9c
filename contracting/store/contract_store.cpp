#include "contract_store.hpp"

#include "interfaces/mysql/connection.hpp"
#include "interfaces/mysql/list_sql.hpp"

namespace zc::contracting {
namespace {

constexpr const char* kContractSelect =
    "SELECT c.id, c.kind, c.provider_id, p.agb, p.name, c.municipality_code, c.procedure_id,"
    " c.lot_id, c.status, c.term_start, c.term_end, c.extension_options, c.extension_months,"
    " c.spending_ceiling_cents, c.application_id, c.extensions_used";
constexpr const char* kContractFrom = " FROM contracts c JOIN providers p ON p.id = c.provider_id";
const std::string kContractColumns = std::string(kContractSelect) + kContractFrom;

const db::SortSpec kContractSort{{{"id", "c.id"},
                                  {"provider_name", "p.name"},
                                  {"term_start", "c.term_start"},
                                  {"term_end", "c.term_end"},
                                  {"status", "c.status"},
                                  {"municipality_code", "c.municipality_code"}},
                                 "c.id",
                                 "id",
                                 false};

constexpr const char* kVisibleToProvider =
    " AND (? = 0 OR c.provider_id = ? OR EXISTS (SELECT 1 FROM coalition_members m"
    " WHERE m.contract_id = c.id AND m.provider_id = ?))";

ContractSummary summaryFrom(const db::Row& r) {
    ContractSummary c;
    c.id = r.i64(0);
    c.kind = r.str(1);
    c.provider_id = r.i64(2);
    c.provider_agb = r.str(3);
    c.provider_name = r.str(4);
    c.municipality_code = r.str(5);
    c.procedure_id = r.optI64(6);
    c.lot_id = r.optI64(7);
    c.status = r.str(8);
    c.term_start = r.str(9);
    c.term_end = r.str(10);
    c.extension_options = r.i64(11);
    c.extension_months = r.i64(12);
    c.spending_ceiling_cents = r.optI64(13);
    c.application_id = r.optI64(14);
    c.extensions_used = r.i64(15);
    return c;
}

}  // namespace

std::optional<ContractHead> MariaDbContracts::lockContract(std::int64_t id) {
    auto r = db_.queryOne(
        "SELECT kind, status, term_start, term_end FROM contracts WHERE id = ? FOR UPDATE", {id});
    if (!r) return std::nullopt;
    return ContractHead{r->str(0), parseContractStatus(r->str(1)),
                        Period{parseDate(r->str(2)), parseDate(r->str(3))}};
}

ExtensionTerms MariaDbContracts::extensionTerms(std::int64_t id) {
    auto r = db_.queryOne(
        "SELECT extension_options, extensions_used, extension_months FROM contracts WHERE id = ?",
        {id});
    return {r->i64(0), r->i64(1), r->i64(2)};
}

void MariaDbContracts::setStatus(std::int64_t id, const std::string& status) {
    db_.execute("UPDATE contracts SET status = ? WHERE id = ?", {status, id});
}

void MariaDbContracts::recordStatus(std::int64_t id, const std::optional<std::string>& from,
                                    const std::string& to, const std::string& reason,
                                    const std::string& by, const std::string& at) {
    db_.execute(
        "INSERT INTO contract_status_changes (contract_id, from_status, to_status, reason, "
        "changed_by, changed_at)"
        " VALUES (?,?,?,?,?,?)",
        {id, from ? db::Param(*from) : db::Param(nullptr), to, reason, by, at});
}

void MariaDbContracts::extendTerm(std::int64_t id, Date new_end) {
    db_.execute(
        "UPDATE contracts SET term_end = ?, extensions_used = extensions_used + 1 WHERE id = ?",
        {formatDate(new_end), id});
}

std::optional<ContractSummary> findVisibleContract(db::Connection& db, std::int64_t id,
                                                   std::int64_t provider_id) {
    auto r = db.queryOne(std::string(kContractColumns) + " WHERE c.id = ?" + kVisibleToProvider,
                         {id, provider_id, provider_id, provider_id});
    if (!r) return std::nullopt;
    return summaryFrom(*r);
}

app::ListPage<ContractSummary> contractPage(db::Connection& db, const ContractListFilter& f) {
    const auto pf = f.provider_id;
    db::Params params{f.status, f.status, f.kind, f.kind, f.agb, f.agb, pf, pf, pf};
    std::string from_where = std::string(kContractFrom) +
                             " WHERE (? = '' OR c.status = ?) AND (? = '' OR c.kind = ?)"
                             " AND (? = '' OR p.agb = ?)" +
                             kVisibleToProvider;
    if (f.scope) {
        from_where +=
            " AND EXISTS (SELECT 1 FROM contract_municipalities scm"
            " WHERE scm.contract_id = c.id" +
            db::municipalityFilter(f.scope, "scm.municipality_code", params) + ")";
    }
    from_where +=
        db::searchFilter(f.list.search, {"p.name", "p.agb", "CAST(c.id AS CHAR)"}, params);
    const std::string order = db::orderBy(f.list, kContractSort);
    app::ListPage<ContractSummary> page;
    page.total = db::countRows(db, from_where, params);
    auto page_params = params;
    const auto limit = db::limitOffset(f.list, page_params);
    for (const auto& r : db.query(kContractSelect + from_where + order + limit, page_params)) {
        auto c = summaryFrom(r);
        c.products = contractProducts(db, c.id);
        page.items.push_back(std::move(c));
    }
    return page;
}

std::optional<std::string> contractOwner(db::Connection& db, std::int64_t id) {
    const auto r = db.queryOne("SELECT municipality_code FROM contracts WHERE id = ?", {id});
    if (!r) return std::nullopt;
    return r->str(0);
}

bool contractServesAny(db::Connection& db, std::int64_t id, const std::vector<std::string>& codes) {
    db::Params params{id};
    const std::string in = db::inList(codes, params);
    return db
        .queryOne(
            "SELECT 1 FROM contract_municipalities WHERE contract_id = ?"
            " AND municipality_code IN " +
                in + " LIMIT 1",
            params)
        .has_value();
}

std::vector<std::int64_t> lockContractsToIndex(db::Connection& db, std::int64_t procedure_id,
                                               Date from) {
    std::vector<std::int64_t> out;
    for (const auto& r :
         db.query("SELECT id FROM contracts WHERE procedure_id = ? AND kind = 'framework'"
                  " AND status IN ('draft','active','suspended') AND term_end > ? ORDER BY id"
                  " FOR UPDATE",
                  {procedure_id, formatDate(from)})) {
        out.push_back(r.i64(0));
    }
    return out;
}

std::vector<std::string> contractProducts(db::Connection& db, std::int64_t id) {
    std::vector<std::string> out;
    for (const auto& r : db.query("SELECT product_code FROM contract_products WHERE "
                                  "contract_id = ? ORDER BY product_code",
                                  {id})) {
        out.push_back(r.str(0));
    }
    return out;
}

std::vector<StatusChange> statusHistory(db::Connection& db, std::int64_t id) {
    std::vector<StatusChange> out;
    for (const auto& h : db.query("SELECT from_status, to_status, reason, changed_by, "
                                  "changed_at FROM contract_status_changes"
                                  " WHERE contract_id = ? ORDER BY id",
                                  {id})) {
        out.push_back({h.opt(0), h.str(1), h.str(2), h.str(3), h.str(4).substr(0, 19)});
    }
    return out;
}

BudgetDetails budgetDetails(db::Connection& db, std::int64_t id) {
    BudgetDetails d;
    for (const auto& r :
         db.query("SELECT m.provider_id, p.agb, p.name, m.role FROM coalition_members m"
                  " JOIN providers p ON p.id = m.provider_id WHERE m.contract_id = ? ORDER BY "
                  "m.role, p.agb",
                  {id})) {
        d.coalition.push_back({r.i64(0), r.str(1), r.str(2), r.str(3)});
    }
    for (const auto& r : db.query(
             "SELECT year, budget_cents FROM contract_budgets WHERE contract_id = ? ORDER BY year",
             {id})) {
        d.budgets.push_back({r.i64(0), r.i64(1)});
    }
    for (const auto& r : db.query("SELECT id, indicator, target, unit, kind, aggregation FROM "
                                  "performance_agreements WHERE contract_id = ? ORDER BY id",
                                  {id})) {
        d.performance_agreements.push_back(
            {r.i64(0), r.str(1), r.i64(2), r.str(3), r.str(4), r.str(5)});
    }
    d.settlement_rule =
        db.queryOne("SELECT settlement_rule FROM contracts WHERE id = ?", {id})->str(0);
    return d;
}

app::ListPage<Advance> contractAdvances(db::Connection& db, std::int64_t id, std::int64_t limit,
                                        std::int64_t offset) {
    app::ListPage<Advance> page;
    page.total = db::countRows(db, "FROM advances WHERE contract_id = ?", {id});
    for (const auto& r : db.query("SELECT year, month, due_date, amount_cents FROM advances"
                                  " WHERE contract_id = ? ORDER BY year, month LIMIT ? OFFSET ?",
                                  {id, limit, offset})) {
        page.items.push_back({r.i64(0), r.i64(1), r.str(2), r.i64(3)});
    }
    return page;
}

app::ListPage<EligibleProvider> eligibleProviders(db::Connection& db, const EligibleQuery& q) {
    db::Params params{q.product, formatDate(q.date), formatDate(q.date)};
    std::string from_where =
        " FROM contracts c JOIN contract_products cp ON cp.contract_id = c.id"
        " JOIN providers p ON p.id = c.provider_id"
        " WHERE cp.product_code = ? AND c.status = 'active' AND c.term_start <= ?"
        " AND c.term_end > ?";
    from_where += db::equalsFilter("c.municipality_code", q.municipality, params);
    app::ListPage<EligibleProvider> page;
    page.total = db::countRows(db, from_where, params);
    auto page_params = params;
    page_params.emplace_back(q.limit);
    page_params.emplace_back(q.offset);
    for (const auto& r : db.query("SELECT p.id, p.agb, p.name, c.id, c.municipality_code" +
                                      from_where + " ORDER BY p.name, c.id LIMIT ? OFFSET ?",
                                  page_params)) {
        page.items.push_back({r.i64(0), r.str(1), r.str(2), r.i64(3), r.str(4)});
    }
    return page;
}

std::vector<ContractForProduct> contractsForProduct(db::Connection& db, const std::string& agb,
                                                    const std::string& product, Date date,
                                                    const std::string& municipality) {
    std::vector<ContractForProduct> out;
    for (const auto& r :
         db.query("SELECT c.id, c.municipality_code FROM contracts c JOIN providers p ON p.id = "
                  "c.provider_id"
                  " JOIN contract_products cp ON cp.contract_id = c.id WHERE p.agb = ? AND "
                  "cp.product_code = ?"
                  " AND c.status <> 'draft' AND c.term_start <= ? AND c.term_end > ?"
                  " AND (? = '' OR c.municipality_code = ?) ORDER BY c.id",
                  {agb, product, formatDate(date), formatDate(date), municipality, municipality})) {
        out.push_back({r.i64(0), r.str(1)});
    }
    return out;
}

std::int64_t insertContract(db::Connection& db, const NewContract& c) {
    auto opt = [](const std::optional<std::int64_t>& v) {
        return v ? db::Param(*v) : db::Param(nullptr);
    };
    db.execute(
        "INSERT INTO contracts (kind, provider_id, municipality_code, procedure_id, lot_id,"
        " application_id, status, term_start, term_end, extension_options, extension_months,"
        " spending_ceiling_cents) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
        {c.kind, c.provider_id, c.municipality_code, opt(c.procedure_id), opt(c.lot_id),
         opt(c.application_id), c.status, formatDate(c.term.begin), formatDate(*c.term.end),
         c.extension_options, c.extension_months, opt(c.spending_ceiling_cents)});
    const auto id = db.lastInsertId();
    for (const auto& p : c.products) {
        db.execute("INSERT INTO contract_products (contract_id, product_code) VALUES (?, ?)",
                   {id, p});
    }
    // It serves its own municipality and, when that is a region's central municipality, the
    // region's members (config/migrations/0017_paying_municipality.sql).
    db.execute(
        "INSERT INTO contract_municipalities (contract_id, municipality_code)"
        " SELECT ?, code FROM municipalities WHERE code = ? OR central_code = ?",
        {id, c.municipality_code, c.municipality_code});
    return id;
}

bool providerExists(db::Connection& db, std::int64_t id) {
    return db.queryOne("SELECT id FROM providers WHERE id = ?", {id}).has_value();
}

bool procedureExists(db::Connection& db, std::int64_t id) {
    return db.queryOne("SELECT id FROM procedures WHERE id = ?", {id}).has_value();
}

std::string procedureMunicipality(db::Connection& db, std::int64_t procedure_id) {
    return db.queryOne("SELECT municipality_code FROM procedures WHERE id = ?", {procedure_id})
        ->str(0);
}

std::optional<std::string> catalogueUnit(db::Connection& db, const std::string& product_code) {
    const auto unit = db.queryOne("SELECT unit FROM products WHERE code = ?", {product_code});
    if (!unit) return std::nullopt;
    return unit->str(0);
}

void setSettlementRule(db::Connection& db, std::int64_t id, const std::string& rule) {
    db.execute("UPDATE contracts SET settlement_rule = ? WHERE id = ?", {rule, id});
}

void insertCoalition(db::Connection& db, std::int64_t id, std::int64_t lead,
                     const std::vector<std::int64_t>& members) {
    db.execute(
        "INSERT INTO coalition_members (contract_id, provider_id, role) VALUES (?, ?, 'lead')",
        {id, lead});
    for (auto m : members) {
        db.execute(
            "INSERT INTO coalition_members (contract_id, provider_id, role) VALUES (?, ?, "
            "'member')",
            {id, m});
    }
}

void insertBudgetYear(db::Connection& db, std::int64_t id, std::int64_t year,
                      std::int64_t budget_cents, const std::vector<::zc::Advance>& advances) {
    db.execute("INSERT INTO contract_budgets (contract_id, year, budget_cents) VALUES (?,?,?)",
               {id, year, budget_cents});
    for (const auto& a : advances) {
        db.execute(
            "INSERT INTO advances (contract_id, year, month, due_date, amount_cents) VALUES "
            "(?,?,?,?,?)",
            {id, std::int64_t{a.year}, std::int64_t{a.month}, formatDate(a.due), a.amount.cents()});
    }
}

void insertPerformanceAgreement(db::Connection& db, std::int64_t id,
                                const PerformanceAgreement& a) {
    db.execute(
        "INSERT INTO performance_agreements (contract_id, indicator, target, unit, kind, "
        "aggregation) VALUES (?,?,?,?,?,?)",
        {id, a.indicator, a.target, a.unit, a.kind, a.aggregation});
}

}  // namespace zc::contracting
