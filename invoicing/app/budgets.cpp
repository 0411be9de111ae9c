// Budgets, their exhaustion report and the controllers' overview. The method is documented in
// docs/budgets.md; the arithmetic is invoicing/domain/exhaustion.
#include "budgets.hpp"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <map>

#include "contracting/app/commitment_basis.hpp"
#include "contracting/app/tariff_queries.hpp"
#include "contracting/kernel/cap.hpp"
#include "contracting/kernel/errors.hpp"
#include "contracting/kernel/staff_scope.hpp"
#include "contracting/kernel/unit.hpp"
#include "interfaces/mysql/connection.hpp"
#include "interfaces/security/audit_trail.hpp"

namespace zc::invoicing {
namespace {

using namespace std::chrono;

constexpr int kMinBudgetYear = 2000;
constexpr int kMaxBudgetYear = 2999;
constexpr std::int64_t kMinutesPerHour = 60;
// A kept commitment older than this is forgotten by the check (computed again when read), so
// that those of report dates no one asks for again do not pile up.
constexpr std::chrono::hours kKeptCommitmentLife{35 * 24};

Date yearStart(int y) { return Date{year{y}, January, day{1}}; }

Date laterOf(Date a, Date b) { return a < b ? b : a; }

// The whole municipality and category of a kept commitment's key.
BudgetScope wholeScope(const CommitmentKey& k) {
    BudgetScope s;
    s.category = k.category;
    s.municipality = k.municipality;
    s.year_begin = yearStart(k.year);
    s.year_end = yearStart(k.year + 1);
    s.from = addDays(k.report_date, 1);
    s.received = formatDate(s.from);
    return s;
}

BudgetScope scopeOf(const BudgetRow& b, Date report_date) {
    BudgetScope s = wholeScope({b.municipality, b.category, b.year, report_date});
    s.district = b.district_id.value_or(0);
    s.team = b.team_id.value_or(0);
    return s;
}

// Whether a district and team (0: none) lie in the scope.
bool inScope(const BudgetScope& s, std::int64_t district, std::int64_t team) {
    return (s.district == 0 || district == s.district) && (s.team == 0 || team == s.team);
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
        if (tariff.unit == Unit::Minutes) return committedFor(remaining, tariff.tariff);
        if (tariff.unit != Unit::Hours) return std::nullopt;
        return Money::fromCents(divideRoundHalfUp(
            static_cast<__int128>(remaining) * tariff.tariff.cents(), kMinutesPerHour));
    }
    if (tariff.unit != cap_unit) return std::nullopt;
    return committedFor(remaining, tariff.tariff);
}

// What the current allocations of scope `s` still commit on the report date, summed per
// district and team of their clients.
std::vector<CommitmentPart> commitmentParts(BudgetStore& store, const TariffLookup& tariffs,
                                            const BudgetScope& s, Date report_date) {
    const auto accepted = store.acceptedVolumes(s);
    std::map<std::pair<std::int64_t, std::string>, contracting::TariffSchedule> schedules;
    std::map<std::pair<std::int64_t, std::int64_t>, CommitmentPart> parts;
    for (const auto& a : store.allocations(s, report_date)) {
        const Unit unit = parseUnit(a.unit);
        const auto frequency = parseFrequency(a.frequency);
        const bool in_minutes = unit == Unit::Hours;
        const Cap counting{a.volume * (in_minutes ? kMinutesPerHour : 1),
                           in_minutes ? Unit::Minutes : unit, frequency};
        const auto found = accepted.find(a.number);
        const std::int64_t used =
            found == accepted.end() ? 0 : acceptedInWindow(found->second, unit, frequency);
        const auto remaining = remainingCapUnits(counting, a.period, s.from, s.year_end, used);
        const auto key = std::make_pair(a.contract_id, a.product_code);
        auto schedule = schedules.find(key);
        if (schedule == schedules.end()) {
            schedule = schedules.emplace(key, tariffs(key.first, key.second)).first;
        }
        const auto tariff = schedule->second.at(laterOf(report_date, a.period.begin));
        const auto cost = tariff ? costOf(remaining, unit, *tariff) : std::nullopt;
        auto& part = parts[{a.district, a.team}];
        part.district = a.district;
        part.team = a.team;
        ++part.counted;
        if (cost) {
            part.committed += *cost;
        } else {
            ++part.without_tariff;
        }
    }
    std::vector<CommitmentPart> out;
    for (const auto& [place, part] : parts) out.push_back(part);
    return out;
}

// The parts of the budget's district and team.
void addCommitted(const std::vector<CommitmentPart>& parts, const BudgetScope& s,
                  BudgetFigures& f) {
    for (const auto& p : parts) {
        if (!inScope(s, p.district, p.team)) continue;
        f.allocations_counted += p.counted;
        f.allocations_without_tariff += p.without_tariff;
        f.committed += p.committed;
    }
}

// The accepted and paid figure parts of the municipality and category of scope `s`, read once
// per cache.
const FigureParts& scopeFigures(BudgetStore& store, const BudgetScope& s, CommitmentCache& cache) {
    const auto key = std::make_pair(s.municipality, s.category);
    auto found = cache.figures.find(key);
    if (found == cache.figures.end())
        found = cache.figures.emplace(key, store.figureParts(s)).first;
    return found->second;
}

// The parts of the budget's district and team: what acceptedByMonth and paid answer.
void addFigures(const FigureParts& parts, const BudgetScope& s, BudgetFigures& f) {
    for (const auto& [key, amount] : parts.accepted) {
        const auto& [district, team, month] = key;
        if (inScope(s, district, team))
            f.monthly_realised.at(static_cast<std::size_t>(month - 1)) += amount;
    }
    for (const auto& [place, amount] : parts.paid) {
        if (inScope(s, place.first, place.second)) f.paid += amount;
    }
}

// The commitments of the municipality and category of scope `s`: from `cache`, else as kept by
// the store while nothing they depend on changed, else computed (and kept).
std::vector<CommitmentPart> scopeCommitments(BudgetStore& store, const TariffLookup& tariffs,
                                             const BudgetScope& s, Date report_date,
                                             CommitmentCache& cache) {
    const auto key = std::make_pair(s.municipality, s.category);
    auto found = cache.parts.find(key);
    if (found != cache.parts.end()) return found->second;
    BudgetScope whole = s;
    whole.district = 0;
    whole.team = 0;
    if (!cache.basis_version) {
        return cache.parts.emplace(key, commitmentParts(store, tariffs, whole, report_date))
            .first->second;
    }
    auto kept = store.keptCommitments(whole, cache.basis_version(s.municipality, s.category));
    if (!kept.parts) {
        kept.parts = commitmentParts(store, tariffs, whole, report_date);
        store.keepCommitments(whole, kept);
    }
    return cache.parts.emplace(key, std::move(*kept.parts)).first->second;
}

TariffLookup contractTariffs(app::RequestContext& ctx) {
    return [&ctx](std::int64_t contract_id, const std::string& product) {
        return contracting::contractTariffSchedule(ctx.db, contract_id, product);
    };
}

// A cache whose commitments the store keeps while contracting's basis is unchanged.
CommitmentCache keptCommitmentCache(app::RequestContext& ctx) {
    CommitmentCache cache;
    cache.basis_version = [&ctx](const std::string& municipality, const std::string& category) {
        return contracting::commitmentBasisVersion(ctx.db, municipality, category);
    };
    return cache;
}

// Checks the district, team and budget holder against what is recorded; a team's budget also
// records the team's district.
void resolveDimensions(db::Connection& db, NewBudget& n) {
    if (!municipalityExists(db, n.municipality)) {
        throw ValidationError("UNKNOWN_MUNICIPALITY",
                              "Municipality " + n.municipality + " is not known.",
                              "municipality_code");
    }
    if (n.district_id) {
        const auto m = districtMunicipality(db, *n.district_id);
        if (!m || *m != n.municipality) {
            throw ValidationError("UNKNOWN_DISTRICT",
                                  "District " + std::to_string(*n.district_id) +
                                      " is not a district of municipality " + n.municipality + ".",
                                  "district_id");
        }
    }
    if (n.team_id) {
        const auto t = teamPlace(db, *n.team_id);
        if (!t || t->municipality != n.municipality ||
            (n.district_id && *n.district_id != t->district_id)) {
            throw ValidationError("UNKNOWN_TEAM",
                                  "Team " + std::to_string(*n.team_id) +
                                      " is not a team of that municipality and district.",
                                  "team_id");
        }
        n.district_id = t->district_id;
    }
    if (n.holder) {
        const auto role = userRole(db, *n.holder);
        if (!role || *role != "budget_holder") {
            throw ValidationError("UNKNOWN_BUDGET_HOLDER",
                                  "User " + std::to_string(*n.holder) + " is not a budget holder.",
                                  "budget_holder_user_id");
        }
    }
}

// The audit row's after: what the API answers for a budget.
std::string budgetRecord(const BudgetRow& b) {
    return security::AuditRecord()
        .set("id", b.id)
        .set("year", b.year)
        .set("municipality_code", b.municipality)
        .set("district_id", b.district_id)
        .set("district_name", b.district_name)
        .set("team_id", b.team_id)
        .set("team_name", b.team_name)
        .set("product_category", b.category)
        .set("financing_kind", b.financing)
        .set("amount_cents", b.amount.cents())
        .set("name", b.name)
        .set("budget_holder_user_id", b.holder)
        .json();
}

[[noreturn]] void budgetNotFound(std::int64_t id) {
    throw ValidationError("NOT_FOUND", "Budget " + std::to_string(id) + " does not exist.", "id");
}

}  // namespace

BudgetFigures figuresOf(BudgetStore& store, const TariffLookup& tariffs, const BudgetRow& b,
                        Date report_date, Percentage signal_threshold, CommitmentCache* cache) {
    BudgetFigures f;
    f.amount = b.amount;
    f.monthly_realised.assign(kMonthsPerYear, Money());
    // Claims and allocations are care in kind. A PGB budget commits the personal budgets granted
    // (paid out by the SVB, not here); a budget-financed one spends its contracts' advances and
    // settlement differences (only on a municipality-wide budget: they are not per client).
    const BudgetScope scope = scopeOf(b, report_date);
    if (b.financing == "PGB") {
        f.committed = store.pgbGranted(scope);
    } else if (b.financing == "budget" && scope.district == 0) {
        const auto spending = store.budgetFinanced(scope);
        f.paid = spending.paid;
        f.accepted_unpaid = spending.spent - spending.paid;
    } else if (b.financing == "ZIN") {
        if (cache) {
            addFigures(scopeFigures(store, scope, *cache), scope, f);
        } else {
            f.monthly_realised = store.acceptedByMonth(scope);
            // Paid: accepted care whose transfer the bank booked; the rest is accepted-unpaid.
            f.paid = store.paid(scope);
        }
        for (const auto& m : f.monthly_realised) f.accepted_unpaid += m;
        f.accepted_unpaid -= f.paid;
        CommitmentCache own;
        addCommitted(scopeCommitments(store, tariffs, scope, report_date, cache ? *cache : own),
                     scope, f);
    }
    ExhaustionInput in;
    in.budget = b.amount;
    in.paid = f.paid;
    in.accepted_unpaid = f.accepted_unpaid;
    in.committed = f.committed;
    in.report_date = report_date;
    in.budget_year = b.year;
    in.monthly_realised = f.monthly_realised;
    ExhaustionPolicy policy;
    policy.signal_threshold = signal_threshold;
    f.report = exhaustionReport(in, policy);
    return f;
}

std::vector<std::string> checkKeptCommitments(app::RequestContext& ctx, bool discard,
                                              std::size_t& checked, std::size_t& discarded) {
    MariaDbBudgets store(ctx);
    const auto tariffs = contractTariffs(ctx);
    std::vector<std::string> out;
    checked = 0;
    discarded = 0;
    const auto oldest = app::timestampPlus(ctx.clock, -kKeptCommitmentLife);
    for (const auto& m : keptMarkers(ctx.db)) {
        const auto& k = m.key;
        db::Transaction tx(ctx.db);  // the versions and the computation in one read
        const auto current = store.keptCommitments(
            wholeScope(k), contracting::commitmentBasisVersion(ctx.db, k.municipality, k.category));
        if (current.basis_version != m.versions.basis_version ||
            current.lines_version != m.versions.lines_version || !current.parts ||
            m.computed_at < oldest) {
            tx.commit();
            // Out of date (never read again) or old (computed again when read).
            discardKeptCommitment(ctx.db, k);
            ++discarded;
            continue;
        }
        ++checked;
        std::map<std::pair<std::int64_t, std::int64_t>, std::pair<Money, Money>> both;
        for (const auto& p : *current.parts) both[{p.district, p.team}].first = p.committed;
        for (const auto& p : commitmentParts(store, tariffs, wholeScope(k), k.report_date)) {
            both[{p.district, p.team}].second = p.committed;
        }
        tx.commit();
        for (const auto& [place, amounts] : both) {
            if (amounts.first == amounts.second) continue;
            out.push_back(k.municipality + " " + k.category + " " + std::to_string(k.year) + " " +
                          formatDate(k.report_date) + " district " + std::to_string(place.first) +
                          " team " + std::to_string(place.second) + ": kept " +
                          std::to_string(amounts.first.cents()) + ", computed " +
                          std::to_string(amounts.second.cents()));
        }
    }
    if (discard) discardKeptCommitments(ctx.db);
    return out;
}

Percentage signalThreshold(const app::RequestContext& ctx, const std::string& text) {
    const auto pct = Percentage::parse(
        text.empty() ? ctx.config.budget_signal_threshold_percent : text, "threshold");
    if (pct.millionths() < 0 || pct.millionths() > 100'000'000) {
        throw ValidationError("INVALID_PERCENTAGE", "The threshold lies between 0 and 100 %.",
                              "threshold");
    }
    return pct;
}

int parseBudgetYear(const std::string& text, const std::string& field) {
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

int budgetYearOrCurrent(const app::RequestContext& ctx, const std::string& text) {
    return text.empty() ? static_cast<int>(ctx.today().year()) : parseBudgetYear(text, "year");
}

Date overviewReportDate(const app::RequestContext& ctx, const std::string& month_text, int y) {
    if (month_text.empty()) return ctx.today();
    unsigned m = 0;
    const auto [p, ec] =
        std::from_chars(month_text.data(), month_text.data() + month_text.size(), m);
    if (ec != std::errc() || p != month_text.data() + month_text.size() || m < 1 ||
        m > kMonthsPerYear) {
        throw ValidationError("INVALID_QUERY", "Query parameter 'month' must be 1 to 12.", "month");
    }
    namespace chrono = std::chrono;
    return Date{
        chrono::year_month_day_last{chrono::year{y}, chrono::month_day_last{chrono::month{m}}}};
}

BudgetRow createBudget(app::RequestContext& ctx, NewBudget n) {
    db::Transaction tx(ctx.db);
    app::requireWorksFor(ctx.actor, n.municipality, "municipality", n.municipality,
                         "Municipality " + n.municipality);
    resolveDimensions(ctx.db, n);
    NewBudgetRow row{
        n.year,        n.municipality, n.district_id, n.team_id, n.holder,
        n.category,    n.financing,    n.name,        n.amount,  app::timestamp(ctx.clock),
        ctx.actor.name};
    if (budgetExists(ctx.db, row)) {
        throw ValidationError("DUPLICATE_BUDGET",
                              "A budget for this year, municipality, district, team, product "
                              "category and financing kind exists already.",
                              "product_category");
    }
    const auto id = insertBudget(ctx.db, row);
    MariaDbBudgets store(ctx);
    const auto created = *store.findBudget(id, false);
    security::appendAudit(ctx, {"budget.create", "budget", std::to_string(id), "ok", std::nullopt,
                                budgetRecord(created)});
    tx.commit();
    return created;
}

app::ListPage<BudgetRow> listBudgets(app::RequestContext& ctx, std::int64_t year,
                                     const std::string& municipality, std::int64_t limit,
                                     std::int64_t offset) {
    // A staff user sees the budgets of the municipalities they work for.
    return invoicing::listBudgets(ctx.db, year, municipality, limit, offset,
                                  app::ownMunicipalities(ctx.actor));
}

BudgetWithFigures budgetExhaustion(app::RequestContext& ctx, std::int64_t id, Date report_date,
                                   Percentage signal_threshold) {
    MariaDbBudgets store(ctx);
    const auto b = store.findBudget(id, false);
    if (!b) budgetNotFound(id);
    app::requireWorksFor(ctx.actor, b->municipality, "budget", std::to_string(id),
                         "Budget " + std::to_string(id));
    auto cache = keptCommitmentCache(ctx);
    return {*b, figuresOf(store, contractTariffs(ctx), *b, report_date, signal_threshold, &cache)};
}

app::ListPage<BudgetWithFigures> budgetOverview(app::RequestContext& ctx,
                                                const OverviewSelection& selection,
                                                Date report_date, Percentage signal_threshold) {
    MariaDbBudgets store(ctx);
    const auto tariffs = contractTariffs(ctx);
    const auto budgets = budgetsOfYear(ctx.db, selection.year, selection.municipality,
                                       selection.district, selection.team, selection.limit,
                                       selection.offset, app::ownMunicipalities(ctx.actor));
    app::ListPage<BudgetWithFigures> out;
    out.total = budgets.total;
    auto cache = keptCommitmentCache(ctx);  // the page's budgets of one municipality and
                                            // category share it
    for (const auto& b : budgets.items) {
        out.items.push_back(
            {b, figuresOf(store, tariffs, b, report_date, signal_threshold, &cache)});
    }
    return out;
}

SpendingCeilingReport providerSpendingCeiling(app::RequestContext& ctx, std::int64_t provider_id,
                                              const std::string& year_text) {
    if (ctx.actor.role == app::Role::Provider && ctx.actor.provider_id != provider_id) {
        throw ValidationError("FORBIDDEN", "A provider may only read its own spending ceiling.",
                              "id");
    }
    SpendingCeilingReport report;
    report.provider_id = provider_id;
    report.year = budgetYearOrCurrent(ctx, year_text);
    if (!providerExists(ctx.db, provider_id)) {
        throw ValidationError("NOT_FOUND",
                              "Provider " + std::to_string(provider_id) + " does not exist.", "id");
    }
    for (const auto& c : ceilingContracts(ctx.db, provider_id, yearStart(report.year),
                                          yearStart(report.year + 1))) {
        const Money accepted = acceptedOnContract(ctx.db, provider_id, c);
        report.contracts.push_back({c, accepted, spendingCeilingUse(c.ceiling, accepted, Money())});
    }
    return report;
}

std::string ceilingStatusName(CeilingStatus s) {
    switch (s) {
        case CeilingStatus::Within:
            return "within";
        case CeilingStatus::Warning:
            return "warning";
        case CeilingStatus::Exceeded:
            return "exceeded";
    }
    return "within";
}

}  // namespace zc::invoicing
