// Budgets, their exhaustion report and the controllers' overview. The method is documented in
// docs/budgets.md; the arithmetic is invoicing/domain/exhaustion.
#include "budgets.hpp"

#include <charconv>
#include <map>
#include <sstream>

#include "budgets_internal.hpp"
#include "context.hpp"
#include "contracting/app/tariff_queries.hpp"
#include "contracting/kernel/cap.hpp"
#include "contracting/kernel/codes.hpp"
#include "contracting/kernel/errors.hpp"
#include "contracting/kernel/unit.hpp"
#include "invoicing/domain/amount_text.hpp"

namespace zc::app {
namespace {

using namespace std::chrono;

// The controllers' overview lists at most this many budgets (one municipality's year has a few
// dozen).
constexpr std::int64_t kMaxOverviewBudgets = 2000;
constexpr std::int64_t kMinutesPerHour = 60;

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
// by the report date, on allocations of clients in the budget's scope.
constexpr const char* kAcceptedByMonthSql =
    "SELECT MONTH(cl.period_begin),"
    " SUM(IF(cl.credit = 1, -cl.amount_cents, cl.amount_cents)) FROM claim_lines cl"
    " JOIN declarations dc ON dc.id = cl.declaration_id"
    " JOIN allocations a ON a.number = cl.allocation_number AND a.is_current = 1"
    " JOIN clients c ON c.id = a.client_id"
    " WHERE cl.status = 'accepted' AND cl.category = ? AND cl.period_begin >= ?"
    " AND cl.period_begin < ? AND dc.received_at < ? AND c.municipality_code = ?"
    " AND (? = 0 OR c.district_id = ?) GROUP BY MONTH(cl.period_begin)";

// Accepted volume per allocation and unit, net of credits, from each cap window's anchor (day,
// week, month) to the year end, and over the whole validity (total).
constexpr const char* kAcceptedVolumeSql =
    "SELECT cl.allocation_number, cl.unit,"
    " SUM(IF(cl.period_begin >= ? AND cl.period_begin < ?, IF(cl.credit = 1, -cl.volume,"
    " cl.volume), 0)),"
    " SUM(IF(cl.period_begin >= ? AND cl.period_begin < ?, IF(cl.credit = 1, -cl.volume,"
    " cl.volume), 0)),"
    " SUM(IF(cl.period_begin >= ? AND cl.period_begin < ?, IF(cl.credit = 1, -cl.volume,"
    " cl.volume), 0)),"
    " SUM(IF(cl.credit = 1, -cl.volume, cl.volume)) FROM claim_lines cl"
    " JOIN declarations dc ON dc.id = cl.declaration_id"
    " JOIN allocations a ON a.number = cl.allocation_number AND a.is_current = 1"
    " JOIN clients c ON c.id = a.client_id"
    " WHERE cl.status = 'accepted' AND cl.category = ? AND dc.received_at < ?"
    " AND c.municipality_code = ? AND (? = 0 OR c.district_id = ?)"
    " GROUP BY cl.allocation_number, cl.unit";

// Current allocations in scope that have not ended by the report date and begin before the
// year end (also those starting later in the year: they are granted already).
constexpr const char* kAllocationsSql =
    "SELECT a.number, a.contract_id, a.product_code, a.start_date, a.end_date, a.volume, a.unit,"
    " a.frequency FROM allocations a JOIN clients c ON c.id = a.client_id"
    " JOIN products p ON p.code = a.product_code"
    " WHERE a.is_current = 1 AND p.category = ? AND c.municipality_code = ?"
    " AND (? = 0 OR c.district_id = ?) AND a.start_date < ?"
    " AND (a.end_date IS NULL OR a.end_date > ?) ORDER BY a.number";

Date yearStart(int y) { return Date{year{y}, January, day{1}}; }

Date mondayOf(Date d) {
    const weekday wd{sys_days{d}};
    return addDays(d, -static_cast<int>(wd.iso_encoding() - 1));
}

Date firstOfMonth(Date d) { return Date{d.year(), d.month(), day{1}}; }

Date laterOf(Date a, Date b) { return a < b ? b : a; }

// What the budget's claims and allocations are selected by.
struct Scope {
    std::string category;
    std::string municipality;
    std::int64_t district = 0;  // 0: the whole municipality
    Date year_begin;
    Date year_end;
    Date from;             // the day after the report date: what is still to come starts here
    std::string received;  // claims received before this timestamp (the report date's end)
};

Scope scopeOf(const BudgetRow& b, Date report_date) {
    Scope s;
    s.category = b.category;
    s.municipality = b.municipality;
    s.district = b.district_id.value_or(0);
    s.year_begin = yearStart(b.year);
    s.year_end = yearStart(b.year + 1);
    s.from = addDays(report_date, 1);
    s.received = formatDate(s.from);
    return s;
}

std::vector<Money> acceptedByMonth(db::Connection& db, const Scope& s) {
    std::vector<Money> months(invoicing::kMonthsPerYear);
    for (const auto& r : db.query(kAcceptedByMonthSql,
                                  {s.category, formatDate(s.year_begin), formatDate(s.year_end),
                                   s.received, s.municipality, s.district, s.district})) {
        months.at(static_cast<std::size_t>(r.i64(0) - 1)) = Money::fromCents(r.i64(1));
    }
    return months;
}

// Accepted volume per allocation in the cap's counting unit (minutes for an hours cap).
struct AcceptedVolume {
    std::int64_t from_day = 0, from_week = 0, from_month = 0, total = 0;
};

using VolumeByUnit = std::map<std::string, AcceptedVolume>;

std::map<std::int64_t, VolumeByUnit> acceptedVolumes(db::Connection& db, const Scope& s) {
    const std::string end = formatDate(s.year_end);
    std::map<std::int64_t, VolumeByUnit> out;
    for (const auto& r :
         db.query(kAcceptedVolumeSql, {formatDate(s.from), end, formatDate(mondayOf(s.from)), end,
                                       formatDate(firstOfMonth(s.from)), end, s.category,
                                       s.received, s.municipality, s.district, s.district})) {
        out[r.i64(0)][r.str(1)] = {r.i64(2), r.i64(3), r.i64(4), r.i64(5)};
    }
    return out;
}

// The accepted units that remainingCapUnits subtracts, in the counting unit of `cap_unit`.
std::int64_t acceptedInWindow(const VolumeByUnit& by_unit, Unit cap_unit, Frequency f) {
    std::int64_t units = 0;
    for (const auto& [unit_text, v] : by_unit) {
        std::int64_t volume = v.total;
        if (f == Frequency::PerDay) volume = v.from_day;
        if (f == Frequency::PerWeek) volume = v.from_week;
        if (f == Frequency::PerMonth) volume = v.from_month;
        const Unit unit = parseUnit(unit_text);
        units += cap_unit == Unit::Hours && unit == Unit::Hours ? volume * kMinutesPerHour : volume;
    }
    return std::max<std::int64_t>(units, 0);
}

// What the remaining cap costs at `tariff`. An hours cap is counted in minutes; its cost at an
// hourly tariff is minutes × tariff / 60, rounded half-up to cents (exact for whole hours).
std::optional<Money> costOf(std::int64_t remaining, Unit cap_unit,
                            const contracting::TariffVersion& tariff) {
    if (cap_unit == Unit::Hours) {
        if (tariff.unit == Unit::Minutes) return invoicing::committedFor(remaining, tariff.tariff);
        if (tariff.unit != Unit::Hours) return std::nullopt;
        return Money::fromCents(divideRoundHalfUp(
            static_cast<__int128>(remaining) * tariff.tariff.cents(), kMinutesPerHour));
    }
    if (tariff.unit != cap_unit) return std::nullopt;
    return invoicing::committedFor(remaining, tariff.tariff);
}

void addCommitted(RequestContext& ctx, const Scope& s, Date report_date, BudgetFigures& f) {
    const auto accepted = acceptedVolumes(ctx.db, s);
    std::map<std::pair<std::int64_t, std::string>, contracting::TariffSchedule> schedules;
    for (const auto& r :
         ctx.db.query(kAllocationsSql, {s.category, s.municipality, s.district, s.district,
                                        formatDate(s.year_end), formatDate(report_date)})) {
        const Period period{parseDate(r.str(3)),
                            r.isNull(4) ? std::nullopt : std::optional(parseDate(r.str(4)))};
        const Unit unit = parseUnit(r.str(6));
        const auto frequency = parseFrequency(r.str(7));
        const bool in_minutes = unit == Unit::Hours;
        const Cap counting{r.i64(5) * (in_minutes ? kMinutesPerHour : 1),
                           in_minutes ? Unit::Minutes : unit, frequency};
        const auto found = accepted.find(r.i64(0));
        const std::int64_t used =
            found == accepted.end() ? 0 : acceptedInWindow(found->second, unit, frequency);
        const auto remaining =
            invoicing::remainingCapUnits(counting, period, s.from, s.year_end, used);
        const auto key = std::make_pair(r.i64(1), r.str(2));
        auto schedule = schedules.find(key);
        if (schedule == schedules.end()) {
            schedule = schedules
                           .emplace(key, contracting::contractTariffSchedule(ctx.db, key.first,
                                                                             key.second))
                           .first;
        }
        const auto tariff = schedule->second.at(laterOf(report_date, period.begin));
        const auto cost = tariff ? costOf(remaining, unit, *tariff) : std::nullopt;
        ++f.allocations_counted;
        if (!cost) {
            ++f.allocations_without_tariff;
            continue;
        }
        f.committed += *cost;
    }
}

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

Poco::JSON::Object::Ptr budgetJson(const BudgetRow& b) {
    auto o = newObject();
    o->set("id", b.id);
    o->set("year", b.year);
    o->set("municipality_code", b.municipality);
    setOptionalInt(o, "district_id", b.district_id);
    o->set("district_name", b.district_name);
    setOptionalInt(o, "team_id", b.team_id);
    o->set("team_name", b.team_name);
    o->set("product_category", b.category);
    o->set("financing_kind", b.financing);
    o->set("amount_cents", b.amount.cents());
    o->set("name", b.name);
    setOptionalInt(o, "budget_holder_user_id", b.holder);
    return o;
}

Poco::JSON::Object::Ptr figuresJson(const BudgetFigures& f, int budget_year) {
    const auto& r = f.report;
    auto o = newObject();
    o->set("amount_cents", f.amount.cents());
    o->set("paid_cents", f.paid.cents());
    o->set("accepted_unpaid_cents", f.accepted_unpaid.cents());
    o->set("committed_cents", f.committed.cents());
    o->set("exhaustion_cents", r.exhaustion.cents());
    o->set("remaining_cents", r.remaining.cents());
    setOptionalInt(o, "exhaustion_bp", r.exhaustion_bp);
    auto months = newArray();
    Money realised;
    for (std::size_t i = 0; i < f.monthly_realised.size(); ++i) {
        auto m = newObject();
        std::ostringstream label;
        label << budget_year << (i < 9 ? "-0" : "-") << i + 1;
        m->set("month", label.str());
        m->set("accepted_cents", f.monthly_realised[i].cents());
        months->add(m);
        realised += f.monthly_realised[i];
    }
    o->set("monthly_realised", months);
    o->set("realised_cents", realised.cents());
    o->set("complete_months", r.complete_months);
    setOptionalInt(o, "run_rate_cents",
                   r.run_rate ? std::optional<std::int64_t>(r.run_rate->cents()) : std::nullopt);
    o->set("forecast_cents", r.forecast.cents());
    setOptionalInt(o, "deviation_bp", r.deviation_bp);
    o->set("signal", r.signal);
    o->set("allocations_counted", f.allocations_counted);
    o->set("allocations_without_tariff", f.allocations_without_tariff);
    return o;
}

int parseYearText(const std::string& text, const std::string& field) {
    int y = 0;
    const auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), y);
    if (ec != std::errc() || p != text.data() + text.size() || y < kMinBudgetYear ||
        y > kMaxBudgetYear) {
        throw ValidationError("INVALID_QUERY",
                              "Query parameter '" + field + "' must be a year from 2000 to 2999.",
                              field);
    }
    return y;
}

// ?year= or the current year.
int queryYear(const RequestContext& ctx, const ApiRequest& req) {
    const auto text = req.queryValue("year");
    return text.empty() ? static_cast<int>(ctx.today().year()) : parseYearText(text, "year");
}

void requireExists(RequestContext& ctx, const std::string& sql, db::Param id,
                   const std::string& code, const std::string& what, const std::string& field) {
    if (!ctx.db.queryOne(sql, {id})) {
        throw ValidationError(code, what + " is not known.", field);
    }
}

struct NewBudget {
    int year = 0;
    std::string municipality;
    std::optional<std::int64_t> district_id, team_id, holder;
    std::string category, financing, name;
    Money amount;
};

NewBudget readNewBudget(const ApiRequest& req) {
    NewBudget n;
    const auto y = requiredInt(req.body, "year");
    if (y < kMinBudgetYear || y > kMaxBudgetYear) {
        throw ValidationError("INVALID_FIELD", "The year must lie between 2000 and 2999.", "year");
    }
    n.year = static_cast<int>(y);
    n.municipality = MunicipalityCode::parse(requiredString(req.body, "municipality_code", 4),
                                             "municipality_code")
                         .str();
    n.district_id = optionalInt(req.body, "district_id");
    n.team_id = optionalInt(req.body, "team_id");
    n.category =
        ProductCategory::parse(requiredString(req.body, "product_category", 2), "product_category")
            .str();
    n.financing = requiredString(req.body, "financing_kind", 6);
    if (n.financing != "ZIN" && n.financing != "budget" && n.financing != "PGB") {
        throw ValidationError("INVALID_FINANCING", "The financing kind must be ZIN, budget or PGB.",
                              "financing_kind");
    }
    n.amount = requiredCents(req.body, "amount_cents");
    if (n.amount < Money()) {
        throw ValidationError("INVALID_BUDGET", "A budget is zero or more.", "amount_cents");
    }
    n.holder = optionalInt(req.body, "budget_holder_user_id");
    n.name = optionalString(req.body, "name", 200)
                 .value_or(n.municipality + " " + n.category + " " + n.financing + " " +
                           std::to_string(n.year));
    return n;
}

// Checks the district, team and budget holder against what is recorded; a team's budget also
// records the team's district.
void resolveDimensions(RequestContext& ctx, NewBudget& n) {
    requireExists(ctx, "SELECT code FROM municipalities WHERE code = ?", n.municipality,
                  "UNKNOWN_MUNICIPALITY", "Municipality " + n.municipality, "municipality_code");
    if (n.district_id) {
        auto d = ctx.db.queryOne("SELECT municipality_code FROM districts WHERE id = ?",
                                 {*n.district_id});
        if (!d || d->str(0) != n.municipality) {
            throw ValidationError("UNKNOWN_DISTRICT",
                                  "District " + std::to_string(*n.district_id) +
                                      " is not a district of municipality " + n.municipality + ".",
                                  "district_id");
        }
    }
    if (n.team_id) {
        auto t = ctx.db.queryOne(
            "SELECT t.district_id, d.municipality_code FROM teams t"
            " JOIN districts d ON d.id = t.district_id WHERE t.id = ?",
            {*n.team_id});
        if (!t || t->str(1) != n.municipality || (n.district_id && *n.district_id != t->i64(0))) {
            throw ValidationError("UNKNOWN_TEAM",
                                  "Team " + std::to_string(*n.team_id) +
                                      " is not a team of that municipality and district.",
                                  "team_id");
        }
        n.district_id = t->i64(0);
    }
    if (n.holder) {
        auto u = ctx.db.queryOne("SELECT role FROM users WHERE id = ?", {*n.holder});
        if (!u || u->str(0) != "budget_holder") {
            throw ValidationError("UNKNOWN_BUDGET_HOLDER",
                                  "User " + std::to_string(*n.holder) + " is not a budget holder.",
                                  "budget_holder_user_id");
        }
    }
}

db::Param optionalParam(const std::optional<std::int64_t>& v) {
    return v ? db::Param(*v) : db::Param(nullptr);
}

// RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled.
std::string csvField(const std::string& s) {
    if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
    std::string out = "\"";
    for (char c : s) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

constexpr const char* kOverviewCsvHeader =
    "budget_id,year,municipality_code,district,team,product_category,financing_kind,name,"
    "amount_cents,paid_cents,accepted_unpaid_cents,committed_cents,exhaustion_cents,"
    "remaining_cents,exhaustion_bp,realised_in_month_cents,realised_to_date_cents,forecast_cents,"
    "deviation_bp,signal\r\n";

std::string optionalText(const std::optional<std::int64_t>& v) {
    return v ? std::to_string(*v) : std::string();
}

std::string overviewCsvRow(const BudgetRow& b, const BudgetFigures& f, Date report_date) {
    const auto& r = f.report;
    Money to_date;
    for (const auto& m : f.monthly_realised) to_date += m;
    const bool in_year = static_cast<int>(report_date.year()) == b.year;
    const Money in_month =
        in_year ? f.monthly_realised.at(static_cast<unsigned>(report_date.month()) - 1) : Money();
    std::ostringstream row;
    row << b.id << ',' << b.year << ',' << b.municipality << ',' << csvField(b.district_name) << ','
        << csvField(b.team_name) << ',' << b.category << ',' << b.financing << ','
        << csvField(b.name) << ',' << f.amount.cents() << ',' << f.paid.cents() << ','
        << f.accepted_unpaid.cents() << ',' << f.committed.cents() << ',' << r.exhaustion.cents()
        << ',' << r.remaining.cents() << ',' << optionalText(r.exhaustion_bp) << ','
        << in_month.cents() << ',' << to_date.cents() << ',' << r.forecast.cents() << ','
        << optionalText(r.deviation_bp) << ',' << (r.signal ? "true" : "false") << "\r\n";
    return row.str();
}

}  // namespace

std::optional<BudgetRow> loadBudget(db::Connection& db, std::int64_t id, bool for_update) {
    auto r = db.queryOne(
        std::string(kBudgetSelect) + " WHERE b.id = ?" + (for_update ? " FOR UPDATE" : ""), {id});
    if (!r) return std::nullopt;
    return budgetFrom(*r);
}

Percentage signalThreshold(const RequestContext& ctx, const ApiRequest& req) {
    const auto text = req.queryValue("threshold");
    const auto pct = Percentage::parse(
        text.empty() ? ctx.config.budget_signal_threshold_percent : text, "threshold");
    if (pct.millionths() < 0 || pct.millionths() > 100'000'000) {
        throw ValidationError("INVALID_PERCENTAGE", "The threshold lies between 0 and 100 %.",
                              "threshold");
    }
    return pct;
}

BudgetFigures figuresOf(RequestContext& ctx, const BudgetRow& b, Date report_date,
                        Percentage signal_threshold) {
    BudgetFigures f;
    f.amount = b.amount;
    f.monthly_realised.assign(invoicing::kMonthsPerYear, Money());
    // Claims and allocations are care in kind: budget-financed and PGB budgets have none (their
    // money moves with payment runs).
    if (b.financing == "ZIN") {
        const Scope scope = scopeOf(b, report_date);
        f.monthly_realised = acceptedByMonth(ctx.db, scope);
        for (const auto& m : f.monthly_realised) f.accepted_unpaid += m;
        addCommitted(ctx, scope, report_date, f);
    }
    invoicing::ExhaustionInput in;
    in.budget = b.amount;
    in.paid = f.paid;
    in.accepted_unpaid = f.accepted_unpaid;
    in.committed = f.committed;
    in.report_date = report_date;
    in.budget_year = b.year;
    in.monthly_realised = f.monthly_realised;
    invoicing::ExhaustionPolicy policy;
    policy.signal_threshold = signal_threshold;
    f.report = invoicing::exhaustionReport(in, policy);
    return f;
}

BudgetFigures budgetFigures(RequestContext& ctx, std::int64_t budget_id, Date report_date,
                            Percentage signal_threshold) {
    const auto b = loadBudget(ctx.db, budget_id, false);
    if (!b) notFound("Budget " + std::to_string(budget_id), "id");
    return figuresOf(ctx, *b, report_date, signal_threshold);
}

ApiResponse createBudget(RequestContext& ctx, const ApiRequest& req) {
    NewBudget n = readNewBudget(req);
    db::Transaction tx(ctx.db);
    resolveDimensions(ctx, n);
    const db::Params key = {std::int64_t{n.year},  n.municipality, n.district_id.value_or(0),
                            n.team_id.value_or(0), n.category,     n.financing};
    const char* kDuplicate =
        "SELECT id FROM budgets WHERE year = ? AND municipality_code = ? AND district_key = ?"
        " AND team_key = ? AND product_category = ? AND financing_kind = ?";
    if (ctx.db.queryOne(kDuplicate, key)) {
        throw ValidationError("DUPLICATE_BUDGET",
                              "A budget for this year, municipality, district, team, product "
                              "category and financing kind exists already.",
                              "product_category");
    }
    ctx.db.execute(
        "INSERT INTO budgets (year, municipality_code, district_id, team_id, product_category,"
        " financing_kind, amount_cents, name, budget_holder_user_id, created_at, created_by)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?)",
        {std::int64_t{n.year}, n.municipality, optionalParam(n.district_id),
         optionalParam(n.team_id), n.category, n.financing, n.amount.cents(), n.name,
         optionalParam(n.holder), timestamp(ctx.clock), ctx.actor.name});
    const auto id = ctx.db.lastInsertId();
    auto out = budgetJson(*loadBudget(ctx.db, id, false));
    appendAudit(ctx,
                {"budget.create", "budget", std::to_string(id), "ok", std::nullopt, toJson(out)});
    tx.commit();
    return {201, out};
}

ApiResponse listBudgets(RequestContext& ctx, const ApiRequest& req) {
    const auto page = pageFrom(req.query);
    const auto year_text = req.queryValue("year");
    const std::int64_t y = year_text.empty() ? 0 : parseYearText(year_text, "year");
    const auto municipality = req.queryValue("municipality");
    auto out = newArray();
    for (const auto& r :
         ctx.db.query(std::string(kBudgetSelect) +
                          " WHERE (? = 0 OR b.year = ?)"
                          " AND (? = '' OR b.municipality_code = ?)" +
                          kBudgetOrder + " LIMIT ? OFFSET ?",
                      {y, y, municipality, municipality, page.limit, page.offset})) {
        out->add(budgetJson(budgetFrom(r)));
    }
    return {200, out};
}

ApiResponse budgetExhaustion(RequestContext& ctx, const ApiRequest& req) {
    const auto id = req.pathId("id");
    const auto date_text = req.queryValue("date");
    const Date report_date = date_text.empty() ? ctx.today() : parseDate(date_text, "date");
    const auto threshold = signalThreshold(ctx, req);
    const auto b = loadBudget(ctx.db, id, false);
    if (!b) notFound("Budget " + std::to_string(id), "id");
    const auto f = figuresOf(ctx, *b, report_date, threshold);
    auto out = figuresJson(f, b->year);
    out->set("budget", budgetJson(*b));
    out->set("report_date", formatDate(report_date));
    out->set("signal_threshold_percent", threshold.toString());
    return {200, out};
}

ApiResponse budgetOverview(RequestContext& ctx, const ApiRequest& req) {
    const int y = queryYear(ctx, req);
    const auto municipality = req.queryValue("municipality");
    const auto month_text = req.queryValue("month");
    Date report_date = ctx.today();
    if (!month_text.empty()) {
        unsigned m = 0;
        const auto [p, ec] =
            std::from_chars(month_text.data(), month_text.data() + month_text.size(), m);
        if (ec != std::errc() || p != month_text.data() + month_text.size() || m < 1 || m > 12) {
            throw ValidationError("INVALID_QUERY", "Query parameter 'month' must be 1 to 12.",
                                  "month");
        }
        report_date = Date{year_month_day_last{year{y}, month_day_last{month{m}}}};
    }
    const auto format = req.queryValue("format");
    if (!format.empty() && format != "csv" && format != "json") {
        throw ValidationError("INVALID_QUERY", "Query parameter 'format' must be csv or json.",
                              "format");
    }
    const auto threshold = signalThreshold(ctx, req);
    const auto rows = ctx.db.query(
        std::string(kBudgetSelect) + " WHERE b.year = ? AND (? = '' OR b.municipality_code = ?)" +
            kBudgetOrder + " LIMIT ?",
        {std::int64_t{y}, municipality, municipality, kMaxOverviewBudgets});
    std::string csv = kOverviewCsvHeader;
    auto list = newArray();
    for (const auto& r : rows) {
        const auto b = budgetFrom(r);
        const auto f = figuresOf(ctx, b, report_date, threshold);
        if (format == "csv") {
            csv += overviewCsvRow(b, f, report_date);
            continue;
        }
        auto o = figuresJson(f, b.year);
        o->set("budget", budgetJson(b));
        list->add(o);
    }
    if (format == "csv") {
        ApiResponse res;
        res.content_type = "text/csv; charset=utf-8";
        res.raw = std::move(csv);
        return res;
    }
    auto out = newObject();
    out->set("year", y);
    setOptional(out, "municipality",
                municipality.empty() ? std::nullopt : std::optional(municipality));
    out->set("report_date", formatDate(report_date));
    out->set("signal_threshold_percent", threshold.toString());
    out->set("rows", list);
    return {200, out};
}

ApiResponse providerSpendingCeiling(RequestContext& ctx, const ApiRequest& req) {
    const auto id = req.pathId("id");
    if (ctx.actor.role == Role::Provider && ctx.actor.provider_id != id) {
        throw ValidationError("FORBIDDEN", "A provider may only read its own spending ceiling.",
                              "id");
    }
    const int y = queryYear(ctx, req);
    if (!ctx.db.queryOne("SELECT id FROM providers WHERE id = ?", {id})) {
        notFound("Provider " + std::to_string(id), "id");
    }
    const std::string begin = formatDate(yearStart(y));
    const std::string end = formatDate(yearStart(y + 1));
    auto contracts = newArray();
    for (const auto& c : ctx.db.query(
             "SELECT id, municipality_code, status, GREATEST(term_start, ?), LEAST(term_end, ?),"
             " spending_ceiling_cents FROM contracts WHERE provider_id = ?"
             " AND spending_ceiling_cents IS NOT NULL AND term_start < ? AND term_end > ?"
             " ORDER BY id",
             {begin, end, id, end, begin})) {
        // Net accepted claims of the provider on the contract's products with a service period
        // beginning in the year and the contract's term.
        const auto accepted = ctx.db.queryOne(
            "SELECT COALESCE(SUM(IF(cl.credit = 1, -cl.amount_cents, cl.amount_cents)), 0)"
            " FROM claim_lines cl WHERE cl.provider_id = ? AND cl.status = 'accepted'"
            " AND cl.period_begin >= ? AND cl.period_begin < ? AND cl.product_code IN"
            " (SELECT product_code FROM contract_products WHERE contract_id = ?)",
            {id, c.str(3), c.str(4), c.i64(0)});
        const Money ceiling = Money::fromCents(c.i64(5));
        const auto use =
            invoicing::spendingCeilingUse(ceiling, Money::fromCents(accepted->i64(0)), Money());
        auto o = newObject();
        o->set("contract_id", c.i64(0));
        o->set("municipality_code", c.str(1));
        o->set("contract_status", c.str(2));
        o->set("spending_ceiling_cents", ceiling.cents());
        o->set("accepted_cents", accepted->i64(0));
        o->set("paid_cents", std::int64_t{0});
        o->set("used_cents", use.used.cents());
        o->set("remaining_cents", use.remaining.cents());
        setOptionalInt(o, "used_bp", use.used_bp);
        setOptional(o, "used_percent",
                    use.used_bp ? std::optional(invoicing::formatPercentHundredths(*use.used_bp))
                                : std::nullopt);
        o->set("status", ceilingStatusName(use.status));
        contracts->add(o);
    }
    auto out = newObject();
    out->set("provider_id", id);
    out->set("year", y);
    out->set("contracts", contracts);
    return {200, out};
}

std::string ceilingStatusName(invoicing::CeilingStatus s) {
    switch (s) {
        case invoicing::CeilingStatus::Within:
            return "within";
        case invoicing::CeilingStatus::Warning:
            return "warning";
        case invoicing::CeilingStatus::Exceeded:
            return "exceeded";
    }
    return "within";
}

}  // namespace zc::app
