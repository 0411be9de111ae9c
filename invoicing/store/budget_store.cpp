#include "budget_store.hpp"

#include <algorithm>
#include <chrono>

#include "interfaces/mysql/connection.hpp"
#include "interfaces/mysql/list_sql.hpp"
#include "invoicing/domain/exhaustion.hpp"
#include "invoicing/store/figure_parts_memo.hpp"
#include "invoicing/store/ledger_store.hpp"

namespace zc::invoicing {
namespace {

using namespace std::chrono;

constexpr const char* kBudgetSelect =
    "SELECT b.id, b.year, b.municipality_code, b.district_id, b.team_id, b.product_category,"
    " b.financing_kind, b.amount_cents, b.name, b.budget_holder_user_id,"
    " COALESCE(d.name, ''), COALESCE(t.name, '') FROM budgets b"
    " LEFT JOIN districts d ON d.id = b.district_id LEFT JOIN teams t ON t.id = b.team_id";
constexpr const char* kBudgetOrder =
    " ORDER BY b.year, b.municipality_code, b.district_key, b.team_key, b.product_category,"
    " b.financing_kind";

// Net accepted amounts per service month: accepted debits minus accepted credits (a credit
// cancels its debit, so this equals the accepted debits not credited), of the claims received
// by the report date, on allocations of clients in the budget's scope; read from the figures
// kept current (budget_figures_store.hpp), not from the claim lines.
// The care belongs to the municipality that pays it (cl.municipality_code, the paying
// municipality of its allocation: a Kampen client's Beschermd Wonen is on Zwolle's budget); a
// district or team budget counts its clients' care only (a client without a team counts on no
// team budget: its team_id is 0).
constexpr const char* kAcceptedByMonthSql =
    "SELECT MONTH(service_month), SUM(amount_cents) FROM budget_claim_figures"
    " WHERE municipality_code = ? AND category = ? AND status = 'accepted'"
    " AND service_month >= ? AND service_month < ? AND received_on < ?"
    " AND (? = 0 OR district_id = ?) AND (? = 0 OR team_id = ?) GROUP BY service_month";

// Of those, what is paid: the line's payable (its review's, else its declaration's) was booked
// by the bank (status 'paid', set by the camt.053 booking) or offset before the report date's
// end.
constexpr const char* kPaidSql =
    "SELECT COALESCE(SUM(amount_cents), 0) FROM budget_paid_figures"
    " WHERE municipality_code = ? AND category = ? AND service_month >= ? AND service_month < ?"
    " AND paid_on < ? AND (? = 0 OR district_id = ?) AND (? = 0 OR team_id = ?)";

// Accepted volume per allocation and unit, net of credits, from each cap window's anchor (day,
// week, month) to the year end, of the lines received by the report date: one short range of
// ix_claim_budget_window (migration 0045: municipality, category, status, then the period),
// from the earliest anchor on.
constexpr const char* kWindowVolumeSql =
    "SELECT cl.allocation_number, cl.unit,"
    " SUM(IF(cl.period_begin >= ?, IF(cl.credit = 1, -cl.volume, cl.volume), 0)),"
    " SUM(IF(cl.period_begin >= ?, IF(cl.credit = 1, -cl.volume, cl.volume), 0)),"
    " SUM(IF(cl.period_begin >= ?, IF(cl.credit = 1, -cl.volume, cl.volume), 0))"
    " FROM claim_lines cl FORCE INDEX (ix_claim_budget_window)"
    " WHERE cl.municipality_code = ? AND cl.category = ? AND cl.status = 'accepted'"
    " AND cl.period_begin >= ? AND cl.period_begin < ? AND cl.received_on < ?"
    " GROUP BY cl.allocation_number, cl.unit";

// The accepted volume over the whole validity of the current allocations with a 'total' cap in
// the municipality and category, per allocation (ix_claim_allocation).
constexpr const char* kTotalVolumeSql =
    "SELECT cl.allocation_number, cl.unit, SUM(IF(cl.credit = 1, -cl.volume, cl.volume))"
    " FROM allocations a JOIN products p ON p.code = a.product_code"
    " JOIN claim_lines cl ON cl.allocation_number = a.number"
    " WHERE a.paying_municipality_code = ? AND a.is_current = 1 AND a.frequency = 'total'"
    " AND p.category = ? AND cl.municipality_code = ? AND cl.category = ?"
    " AND cl.status = 'accepted' AND cl.received_on < ?"
    " GROUP BY cl.allocation_number, cl.unit";

// Current allocations in scope that have not ended by the report date and begin before the
// year end (also those starting later in the year: they are granted already).
constexpr const char* kAllocationsSql =
    "SELECT a.number, a.contract_id, a.product_code, a.start_date, a.end_date, a.volume, a.unit,"
    " a.frequency, COALESCE(c.district_id, 0), COALESCE(c.team_id, 0) FROM allocations a"
    " JOIN clients c ON c.id = a.client_id"
    " JOIN products p ON p.code = a.product_code"
    " WHERE a.is_current = 1 AND p.category = ? AND a.paying_municipality_code = ?"
    " AND (? = 0 OR c.district_id = ?) AND (? = 0 OR c.team_id = ?) AND a.start_date < ?"
    " AND (a.end_date IS NULL OR a.end_date > ?)";

// PGB: the budgets granted (decided by the report date) on products of the category, paid by
// the municipality, in the scope's district and team, whose decision overlaps the year.
constexpr const char* kPgbGrantedSql =
    "SELECT COALESCE(SUM(g.pgb_budget_cents), 0) FROM granted_products g"
    " JOIN access_decisions d ON d.id = g.decision_id JOIN clients c ON c.id = d.client_id"
    " JOIN products p ON p.code = g.product_code"
    " WHERE g.financing = 'PGB' AND p.category = ? AND g.paying_municipality_code = ?"
    " AND (? = 0 OR c.district_id = ?) AND (? = 0 OR c.team_id = ?) AND d.decision_date < ?"
    " AND d.valid_from < ? AND (d.valid_to IS NULL OR d.valid_to > ?)";

// The same per district, team and service month, and per district and team, for every scope of
// the municipality and category at once.
constexpr const char* kAcceptedPartsSql =
    "SELECT district_id, team_id, MONTH(service_month), SUM(amount_cents)"
    " FROM budget_claim_figures WHERE municipality_code = ? AND category = ?"
    " AND status = 'accepted' AND service_month >= ? AND service_month < ? AND received_on < ?"
    " GROUP BY district_id, team_id, service_month";
constexpr const char* kPaidPartsSql =
    "SELECT district_id, team_id, SUM(amount_cents) FROM budget_paid_figures"
    " WHERE municipality_code = ? AND category = ? AND service_month >= ? AND service_month < ?"
    " AND paid_on < ? GROUP BY district_id, team_id";

// Budget financing: the advances of the year and the year's settlement (or claw-back) payables
// of the municipality's contracts with a product of the category, created by the report date;
// of those, what the bank booked by then.
constexpr const char* kFinancedSql =
    "SELECT COALESCE(SUM(p.amount_cents), 0),"
    " COALESCE(SUM(IF(p.status = 'paid' AND p.paid_at < ?, p.amount_cents, 0)), 0)"
    " FROM payables p"
    " LEFT JOIN advances av ON p.source_type = 'advance' AND av.id = p.source_id"
    " LEFT JOIN settlements st ON p.source_type IN ('settlement', 'clawback')"
    " AND st.id = p.source_id"
    " WHERE p.municipality_code = ? AND p.created_at < ? AND COALESCE(av.year, st.year) = ?"
    " AND EXISTS (SELECT 1 FROM contract_products cp JOIN products pr ON pr.code ="
    " cp.product_code WHERE cp.contract_id = COALESCE(av.contract_id, st.contract_id)"
    " AND pr.category = ?)";

constexpr const char* kReallocationSelect =
    "SELECT r.id, r.from_budget_id, r.to_budget_id, r.amount_cents, r.reason, r.status,"
    " r.requested_by, r.requested_at, r.decided_by, r.decided_at, r.decision_reason"
    " FROM budget_reallocations r";

Date mondayOf(Date d) {
    const weekday wd{sys_days{d}};
    return addDays(d, -static_cast<int>(wd.iso_encoding() - 1));
}

Date firstOfMonth(Date d) { return Date{d.year(), d.month(), day{1}}; }

BudgetRow budgetFrom(const db::Row& r) {
    BudgetRow b;
    b.id = r.i64(0);
    b.year = static_cast<int>(r.i64(1));
    b.municipality = r.str(2);
    b.district_id = r.optI64(3);
    b.team_id = r.optI64(4);
    b.category = r.str(5);
    b.financing = r.str(6);
    b.amount = Money::fromCents(r.i64(7));
    b.name = r.str(8);
    b.holder = r.optI64(9);
    b.district_name = r.str(10);
    b.team_name = r.str(11);
    return b;
}

ReallocationRow reallocationFrom(const db::Row& r) {
    ReallocationRow o;
    o.id = r.i64(0);
    o.from_budget_id = r.i64(1);
    o.to_budget_id = r.i64(2);
    o.amount = Money::fromCents(r.i64(3));
    o.reason = r.str(4);
    o.status = r.str(5);
    o.requested_by = r.i64(6);
    o.requested_at = r.str(7);
    o.decided_by = r.optI64(8);
    o.decided_at = r.opt(9);
    o.decision_reason = r.opt(10);
    return o;
}

CommitmentKey commitmentKey(const BudgetScope& s) {
    return {s.municipality, s.category, static_cast<int>(s.year_begin.year()), addDays(s.from, -1)};
}

db::Param optionalParam(const std::optional<std::int64_t>& v) {
    return v ? db::Param(*v) : db::Param(nullptr);
}

}  // namespace

std::optional<BudgetRow> MariaDbBudgets::findBudget(std::int64_t id, bool for_update) {
    auto r = ctx_.db.queryOne(
        std::string(kBudgetSelect) + " WHERE b.id = ?" + (for_update ? " FOR UPDATE" : ""), {id});
    if (!r) return std::nullopt;
    return budgetFrom(*r);
}

std::vector<Money> MariaDbBudgets::acceptedByMonth(const BudgetScope& s) {
    std::vector<Money> months(kMonthsPerYear);
    for (const auto& r :
         ctx_.db.query(kAcceptedByMonthSql, {s.municipality, s.category, formatDate(s.year_begin),
                                             formatDate(s.year_end), s.received, s.district,
                                             s.district, s.team, s.team})) {
        months.at(static_cast<std::size_t>(r.i64(0) - 1)) = Money::fromCents(r.i64(1));
    }
    return months;
}

Money MariaDbBudgets::paid(const BudgetScope& s) {
    return Money::fromCents(
        ctx_.db
            .queryOne(kPaidSql,
                      {s.municipality, s.category, formatDate(s.year_begin), formatDate(s.year_end),
                       s.received, s.district, s.district, s.team, s.team})
            ->i64(0));
}

std::string figureVersion(db::Connection& db, const std::string& municipality,
                          const std::string& category) {
    const auto v = db.queryOne(
        "SELECT GROUP_CONCAT(figures, version ORDER BY figures) FROM budget_figure_versions"
        " WHERE municipality_code = ? AND category = ?",
        {municipality, category});
    return v && !v->isNull(0) ? v->str(0) : "none";
}

std::string figurePartsKey(const BudgetScope& s) {
    return s.municipality + " " + s.category + " " + formatDate(s.year_begin) + " " +
           formatDate(s.year_end) + " " + s.received;
}

FigureParts MariaDbBudgets::figureParts(const BudgetScope& s) {
    const db::Params params{s.municipality, s.category, formatDate(s.year_begin),
                            formatDate(s.year_end), s.received};
    // The version first: parts read after it are at least as new, so they may be kept with it.
    const std::string version = figureVersion(ctx_.db, s.municipality, s.category);
    const std::string key = figurePartsKey(s);
    if (const auto kept = figurePartsMemo().find(key, version)) return *kept;
    FigureParts out;
    for (const auto& r : ctx_.db.query(kAcceptedPartsSql, params)) {
        out.accepted[{r.i64(0), r.i64(1), static_cast<int>(r.i64(2))}] = Money::fromCents(r.i64(3));
    }
    for (const auto& r : ctx_.db.query(kPaidPartsSql, params)) {
        out.paid[{r.i64(0), r.i64(1)}] = Money::fromCents(r.i64(2));
    }
    figurePartsMemo().keep(key, version, out);
    return out;
}

Money MariaDbBudgets::pgbGranted(const BudgetScope& s) {
    return Money::fromCents(
        ctx_.db
            .queryOne(kPgbGrantedSql,
                      {s.category, s.municipality, s.district, s.district, s.team, s.team,
                       s.received, formatDate(s.year_end), formatDate(s.year_begin)})
            ->i64(0));
}

FinancedSpending MariaDbBudgets::budgetFinanced(const BudgetScope& s) {
    const auto r = ctx_.db.queryOne(
        kFinancedSql, {s.received, s.municipality, s.received,
                       std::int64_t{static_cast<int>(s.year_begin.year())}, s.category});
    return {Money::fromCents(r->i64(0)), Money::fromCents(r->i64(1))};
}

std::map<std::int64_t, VolumeByUnit> MariaDbBudgets::acceptedVolumes(const BudgetScope& s) {
    const Date week = mondayOf(s.from), month = firstOfMonth(s.from);
    std::map<std::int64_t, VolumeByUnit> out;
    for (const auto& r : ctx_.db.query(
             kWindowVolumeSql,
             {formatDate(s.from), formatDate(week), formatDate(month), s.municipality, s.category,
              formatDate(std::min(week, month)), formatDate(s.year_end), s.received})) {
        auto& v = out[r.i64(0)][r.str(1)];
        v.from_day = r.i64(2);
        v.from_week = r.i64(3);
        v.from_month = r.i64(4);
    }
    for (const auto& r : ctx_.db.query(kTotalVolumeSql, {s.municipality, s.category, s.municipality,
                                                         s.category, s.received})) {
        out[r.i64(0)][r.str(1)].total = r.i64(2);
    }
    return out;
}

KeptCommitments MariaDbBudgets::keptCommitments(const BudgetScope& s, std::int64_t basis_version) {
    KeptCommitments kept;
    kept.basis_version = basis_version;
    kept.lines_version =
        commitmentLinesVersion(ctx_.db, s.municipality, s.category, addDays(s.from, -1));
    kept.parts = keptParts(ctx_.db, commitmentKey(s), kept);
    return kept;
}

void MariaDbBudgets::keepCommitments(const BudgetScope& s, const KeptCommitments& kept) {
    keepParts(ctx_.db, commitmentKey(s), kept, app::timestamp(ctx_.clock));
}

std::vector<ScopedAllocation> MariaDbBudgets::allocations(const BudgetScope& s, Date report_date) {
    std::vector<ScopedAllocation> out;
    for (const auto& r : ctx_.db.query(
             kAllocationsSql, {s.category, s.municipality, s.district, s.district, s.team, s.team,
                               formatDate(s.year_end), formatDate(report_date)})) {
        ScopedAllocation a;
        a.number = r.i64(0);
        a.contract_id = r.i64(1);
        a.product_code = r.str(2);
        a.period = Period{parseDate(r.str(3)),
                          r.isNull(4) ? std::nullopt : std::optional(parseDate(r.str(4)))};
        a.volume = r.i64(5);
        a.unit = r.str(6);
        a.frequency = r.str(7);
        a.district = r.i64(8);
        a.team = r.i64(9);
        out.push_back(std::move(a));
    }
    return out;
}

std::int64_t MariaDbBudgets::insertReallocation(const NewReallocationRow& r) {
    ctx_.db.execute(
        "INSERT INTO budget_reallocations (from_budget_id, to_budget_id, amount_cents, reason,"
        " status, requested_by, requested_at) VALUES (?,?,?,?,'requested',?,?)",
        {r.from_budget_id, r.to_budget_id, r.amount.cents(), r.reason, r.requested_by,
         r.requested_at});
    return ctx_.db.lastInsertId();
}

std::optional<ReallocationRow> MariaDbBudgets::findReallocation(std::int64_t id, bool for_update) {
    auto r = ctx_.db.queryOne(
        std::string(kReallocationSelect) + " WHERE r.id = ?" + (for_update ? " FOR UPDATE" : ""),
        {id});
    if (!r) return std::nullopt;
    return reallocationFrom(*r);
}

void MariaDbBudgets::moveAmount(std::int64_t from_id, std::int64_t to_id, Money amount) {
    ctx_.db.execute("UPDATE budgets SET amount_cents = amount_cents - ? WHERE id = ?",
                    {amount.cents(), from_id});
    ctx_.db.execute("UPDATE budgets SET amount_cents = amount_cents + ? WHERE id = ?",
                    {amount.cents(), to_id});
}

void MariaDbBudgets::postJournal(const JournalEntry& entry) { invoicing::postJournal(ctx_, entry); }

void MariaDbBudgets::recordDecision(std::int64_t id, const std::string& status,
                                    std::int64_t decided_by, const std::string& decided_at,
                                    const std::string& reason) {
    ctx_.db.execute(
        "UPDATE budget_reallocations SET status = ?, decided_by = ?, decided_at = ?,"
        " decision_reason = ? WHERE id = ?",
        {status, decided_by, decided_at, reason, id});
}

app::ListPage<BudgetRow> listBudgets(db::Connection& db, std::int64_t year,
                                     const std::string& municipality, std::int64_t limit,
                                     std::int64_t offset, const db::MunicipalityScope& scope) {
    db::Params params;
    std::string where = " WHERE 1 = 1";
    where += db::equalsFilter("b.year", year, params);
    where += db::equalsFilter("b.municipality_code", municipality, params);
    where += db::municipalityFilter(scope, "b.municipality_code", params);
    app::ListPage<BudgetRow> page;
    page.total = db::countRows(db, "FROM budgets b" + where, params);
    auto page_params = params;
    page_params.emplace_back(limit);
    page_params.emplace_back(offset);
    for (const auto& r :
         db.query(std::string(kBudgetSelect) + where + kBudgetOrder + " LIMIT ? OFFSET ?",
                  page_params)) {
        page.items.push_back(budgetFrom(r));
    }
    return page;
}

app::ListPage<BudgetRow> budgetsOfYear(db::Connection& db, int year,
                                       const std::string& municipality, std::int64_t district,
                                       std::int64_t team, std::int64_t limit, std::int64_t offset,
                                       const db::MunicipalityScope& scope) {
    db::Params params{std::int64_t{year}, municipality, municipality, district,
                      district,           team,         team};
    const std::string where =
        " WHERE b.year = ? AND (? = '' OR b.municipality_code = ?) AND (? = 0 OR b.district_id = ?)"
        " AND (? = 0 OR b.team_id = ?)" +
        db::municipalityFilter(scope, "b.municipality_code", params);
    app::ListPage<BudgetRow> page;
    page.total = db.queryOne("SELECT COUNT(*) FROM budgets b" + where, params)->i64(0);
    params.emplace_back(limit);
    params.emplace_back(offset);
    for (const auto& r : db.query(
             std::string(kBudgetSelect) + where + kBudgetOrder + " LIMIT ? OFFSET ?", params)) {
        page.items.push_back(budgetFrom(r));
    }
    return page;
}

bool municipalityExists(db::Connection& db, const std::string& code) {
    return db.queryOne("SELECT code FROM municipalities WHERE code = ?", {code}).has_value();
}

std::optional<std::string> districtMunicipality(db::Connection& db, std::int64_t district_id) {
    auto d = db.queryOne("SELECT municipality_code FROM districts WHERE id = ?", {district_id});
    if (!d) return std::nullopt;
    return d->str(0);
}

std::optional<TeamPlace> teamPlace(db::Connection& db, std::int64_t team_id) {
    auto t = db.queryOne(
        "SELECT t.district_id, d.municipality_code FROM teams t"
        " JOIN districts d ON d.id = t.district_id WHERE t.id = ?",
        {team_id});
    if (!t) return std::nullopt;
    return TeamPlace{t->i64(0), t->str(1)};
}

std::optional<std::string> userRole(db::Connection& db, std::int64_t user_id) {
    auto u = db.queryOne("SELECT role FROM users WHERE id = ?", {user_id});
    if (!u) return std::nullopt;
    return u->str(0);
}

bool budgetExists(db::Connection& db, const NewBudgetRow& b) {
    return db
        .queryOne(
            "SELECT id FROM budgets WHERE year = ? AND municipality_code = ? AND district_key = ?"
            " AND team_key = ? AND product_category = ? AND financing_kind = ?",
            {std::int64_t{b.year}, b.municipality, b.district_id.value_or(0), b.team_id.value_or(0),
             b.category, b.financing})
        .has_value();
}

std::int64_t insertBudget(db::Connection& db, const NewBudgetRow& b) {
    db.execute(
        "INSERT INTO budgets (year, municipality_code, district_id, team_id, product_category,"
        " financing_kind, amount_cents, name, budget_holder_user_id, created_at, created_by)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?)",
        {std::int64_t{b.year}, b.municipality, optionalParam(b.district_id),
         optionalParam(b.team_id), b.category, b.financing, b.amount.cents(), b.name,
         optionalParam(b.holder), b.created_at, b.created_by});
    return db.lastInsertId();
}

app::ListPage<ReallocationRow> listReallocations(db::Connection& db, const std::string& status,
                                                 std::int64_t limit, std::int64_t offset,
                                                 const db::MunicipalityScope& scope) {
    db::Params params;
    std::string where = " WHERE 1 = 1";
    where += db::equalsFilter("r.status", status, params);
    if (scope) {
        where += " AND r.from_budget_id IN (SELECT sb.id FROM budgets sb WHERE 1 = 1" +
                 db::municipalityFilter(scope, "sb.municipality_code", params) + ")";
    }
    app::ListPage<ReallocationRow> page;
    page.total = db::countRows(db, "FROM budget_reallocations r" + where, params);
    auto page_params = params;
    page_params.emplace_back(limit);
    page_params.emplace_back(offset);
    for (const auto& r :
         db.query(std::string(kReallocationSelect) + where + " ORDER BY r.id DESC LIMIT ? OFFSET ?",
                  page_params)) {
        page.items.push_back(reallocationFrom(r));
    }
    return page;
}

bool providerExists(db::Connection& db, std::int64_t provider_id) {
    return db.queryOne("SELECT id FROM providers WHERE id = ?", {provider_id}).has_value();
}

std::vector<CeilingContract> ceilingContracts(db::Connection& db, std::int64_t provider_id,
                                              Date begin, Date end) {
    const std::string b = formatDate(begin);
    const std::string e = formatDate(end);
    std::vector<CeilingContract> out;
    for (const auto& c : db.query(
             "SELECT id, municipality_code, status, GREATEST(term_start, ?), LEAST(term_end, ?),"
             " spending_ceiling_cents FROM contracts WHERE provider_id = ?"
             " AND spending_ceiling_cents IS NOT NULL AND term_start < ? AND term_end > ?"
             " ORDER BY id",
             {b, e, provider_id, e, b})) {
        out.push_back(
            {c.i64(0), c.str(1), c.str(2), c.str(3), c.str(4), Money::fromCents(c.i64(5))});
    }
    return out;
}

Money acceptedOnContract(db::Connection& db, std::int64_t provider_id, const CeilingContract& c) {
    const auto accepted = db.queryOne(
        "SELECT COALESCE(SUM(IF(cl.credit = 1, -cl.amount_cents, cl.amount_cents)), 0)"
        " FROM claim_lines cl WHERE cl.provider_id = ? AND cl.status = 'accepted'"
        " AND cl.period_begin >= ? AND cl.period_begin < ? AND cl.product_code IN"
        " (SELECT product_code FROM contract_products WHERE contract_id = ?)",
        {provider_id, c.term_begin, c.term_end, c.id});
    return Money::fromCents(accepted->i64(0));
}

}  // namespace zc::invoicing
