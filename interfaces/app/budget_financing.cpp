// Budget financing (dagbesteding): the year-end settlement (vaststelling). Advances and
// realisation reports have moved to invoicing/app/budget_financing.
#include "budget_financing.hpp"

#include <algorithm>
#include <map>
#include <sstream>

#include "context.hpp"
#include "contracting/kernel/advance_schedule.hpp"
#include "contracting/kernel/errors.hpp"
#include "contracting/kernel/rounding.hpp"
#include "invoicing/domain/amount_text.hpp"
#include "invoicing/domain/payable.hpp"
#include "invoicing/store/ledger_store.hpp"

namespace zc::app {
namespace {

constexpr int kMinYear = 1900;
constexpr int kMaxYear = 2999;

struct BudgetContract {
    std::int64_t id = 0;
    std::int64_t lead_provider_id = 0;
    std::string status;
    Period term;
    std::string rule;
};

// The budget-financed contract `id` as the caller may see it: 404 when unknown, not budget
// financed, or (for a provider) not one of the coalition's contracts.
BudgetContract budgetContract(RequestContext& ctx, std::int64_t id, bool lock) {
    auto r = ctx.db.queryOne(
        std::string("SELECT provider_id, status, term_start, term_end, settlement_rule, kind FROM "
                    "contracts WHERE id = ?") +
            (lock ? " FOR UPDATE" : ""),
        {id});
    bool visible = r && r->str(5) == "budget";
    if (visible && ctx.actor.role == Role::Provider) {
        visible = ctx.db
                      .queryOne(
                          "SELECT 1 FROM coalition_members WHERE contract_id = ? AND "
                          "provider_id = ?",
                          {id, ctx.actor.provider_id})
                      .has_value();
    }
    if (!visible) notFound("Budget-financed contract " + std::to_string(id), "id");
    return {id, r->i64(0), r->str(1), Period{parseDate(r->str(2)), parseDate(r->str(3))},
            r->str(4)};
}

Period quarterPeriod(int year, int quarter) {
    const Date begin{std::chrono::year{year}, std::chrono::month{unsigned(3 * quarter - 2)},
                     std::chrono::day{1}};
    return Period{begin, addMonths(begin, 3)};
}

Date firstOfYear(int year) {
    return Date{std::chrono::year{year}, std::chrono::January, std::chrono::day{1}};
}

// The quarters of `year` that overlap the contract term.
std::vector<int> quartersInTerm(int year, const Period& term) {
    std::vector<int> out;
    for (int q = 1; q <= 4; ++q) {
        if (quarterPeriod(year, q).overlaps(term)) out.push_back(q);
    }
    return out;
}

int checkedYear(Poco::JSON::Object::Ptr body) {
    const auto year = requiredInt(body, "year");
    if (year < kMinYear || year > kMaxYear) {
        throw ValidationError("INVALID_FIELD", "The field 'year' must be a year 1900..2999.",
                              "year");
    }
    return static_cast<int>(year);
}

bool yearSettled(RequestContext& ctx, std::int64_t contract_id, int year, bool lock) {
    return ctx.db
        .queryOne(std::string("SELECT id FROM settlements WHERE contract_id = ? AND year = ?") +
                      (lock ? " FOR UPDATE" : ""),
                  {contract_id, std::int64_t{year}})
        .has_value();
}

[[noreturn]] void settledAlready(std::int64_t contract_id, int year) {
    throw ValidationError("SETTLED_ALREADY",
                          "Contract " + std::to_string(contract_id) + " has been settled for " +
                              std::to_string(year) + " already.",
                          "year");
}

Poco::JSON::Object::Ptr payableJson(const db::Row& r) {
    auto o = newObject();
    o->set("id", r.i64(0));
    o->set("provider_id", r.i64(1));
    o->set("provider_agb", r.str(2));
    o->set("provider_name", r.str(3));
    o->set("source_type", r.str(4));
    o->set("source_id", r.i64(5));
    o->set("amount_cents", r.i64(6));
    o->set("due_date", r.str(7));
    o->set("created_at", isoTimestamp(r.str(8)));
    o->set("status", r.str(9));  // open, in_run, paid
    setOptional(o, "disputed_reason", r.opt(10));
    return o;
}

constexpr const char* kPayableColumns =
    "SELECT p.id, p.provider_id, v.agb, v.name, p.source_type, p.source_id, p.amount_cents,"
    " p.due_date, p.created_at, p.status, p.disputed_reason FROM payables p"
    " JOIN providers v ON v.id = p.provider_id";

// The settlement's journal: the earned amount becomes cost on the contract's budget, the
// advances are cleared and the difference lands on the provider's payable account (negative:
// a claw-back, owed by the provider).
invoicing::JournalEntry settlementJournal(RequestContext& ctx, const BudgetContract& c, int year,
                                          std::int64_t settlement_id, Money due,
                                          Money advances_paid) {
    invoicing::JournalEntry e;
    e.kind =
        due >= advances_paid ? invoicing::EventKind::Settlement : invoicing::EventKind::ClawBack;
    e.source = "settlement:" + std::to_string(settlement_id);
    e.date = ctx.today();
    auto category = ctx.db.queryOne(
        "SELECT p.category FROM contract_products cp JOIN products p ON p.code = cp.product_code"
        " WHERE cp.contract_id = ? ORDER BY p.code LIMIT 1",
        {c.id});
    const auto budget = invoicing::budgetFor(ctx, c.lead_provider_id,
                                             category ? category->str(0) : "07", "budget", year);
    if (due != Money()) e.lines.push_back({invoicing::AccountKey::budgetExpense(budget), due});
    if (advances_paid != Money()) {
        e.lines.push_back({invoicing::AccountKey::advances(c.id), -advances_paid});
    }
    if (due != advances_paid) {
        e.lines.push_back(
            {invoicing::AccountKey::providerPayable(c.lead_provider_id), advances_paid - due});
    }
    return e;
}

std::vector<std::string> splitLines(const std::string& text) {
    std::vector<std::string> out;
    std::stringstream ss(text);
    std::string line;
    while (std::getline(ss, line)) out.push_back(line);
    return out;
}

constexpr const char* kSettlementColumns =
    "SELECT id, contract_id, year, rule, budget_cents, due_cents, advances_paid_cents,"
    " difference_cents, calculation, created_by, created_at FROM settlements";

Poco::JSON::Object::Ptr settlementJson(RequestContext& ctx, const db::Row& r) {
    auto o = newObject();
    o->set("id", r.i64(0));
    o->set("contract_id", r.i64(1));
    o->set("year", r.i64(2));
    o->set("rule", r.str(3));
    o->set("budget_cents", r.i64(4));
    o->set("due_cents", r.i64(5));
    o->set("advances_paid_cents", r.i64(6));
    o->set("difference_cents", r.i64(7));
    const auto diff = r.i64(7);
    o->set("direction",
           diff > 0 ? "payable_to_provider" : (diff < 0 ? "receivable_from_provider" : "settled"));
    auto lines = newArray();
    for (const auto& l : splitLines(r.str(8))) lines->add(l);
    o->set("calculation", lines);
    o->set("created_by", r.str(9));
    o->set("created_at", isoTimestamp(r.str(10)));
    auto p = ctx.db.queryOne(std::string(kPayableColumns) +
                                 " WHERE p.source_type IN ('settlement','clawback') AND "
                                 "p.source_id = ?",
                             {r.i64(0)});
    if (p) {
        o->set("payable", payableJson(*p));
    } else {
        o->set("payable", Poco::Dynamic::Var());
    }
    return o;
}

// The realised totals of the contract's performance agreements in `year` (a quarter not
// reported counts 0), with a line per agreement saying where its total comes from. Refuses
// with REALISATION_INCOMPLETE when a quarter in the term is missing, unless allowed.
void addIndicators(RequestContext& ctx, const BudgetContract& c, int year, bool allow_incomplete,
                   invoicing::SettlementInput& input, std::vector<std::string>& source_lines) {
    const auto in_term = quartersInTerm(year, c.term);
    std::vector<std::string> missing;
    for (const auto& a : ctx.db.query("SELECT id, indicator, target FROM performance_agreements"
                                      " WHERE contract_id = ? ORDER BY id",
                                      {c.id})) {
        std::map<int, std::int64_t> by_quarter;
        for (const auto& r : ctx.db.query(
                 "SELECT quarter, realised FROM realisation_reports WHERE contract_id = ? AND "
                 "year = ? AND agreement_id = ? ORDER BY quarter",
                 {c.id, std::int64_t{year}, a.i64(0)})) {
            by_quarter[static_cast<int>(r.i64(0))] = r.i64(1);
        }
        std::int64_t total = 0;
        std::string line = a.str(1) + " " + std::to_string(year) + " by quarter:";
        bool first = true;
        for (int q : in_term) {
            const auto it = by_quarter.find(q);
            if (it == by_quarter.end()) {
                missing.push_back(a.str(1) + " Q" + std::to_string(q));
                line += std::string(first ? " " : " + ") + "Q" + std::to_string(q) +
                        " not reported (0)";
            } else {
                total += it->second;
                line += std::string(first ? " " : " + ") + "Q" + std::to_string(q) + " " +
                        invoicing::formatCount(it->second);
            }
            first = false;
        }
        line += " = " + invoicing::formatCount(total);
        source_lines.push_back(line);
        input.indicators.push_back({a.str(1), a.i64(2), total});
    }
    if (!missing.empty() && !allow_incomplete) {
        std::string list;
        for (std::size_t i = 0; i < missing.size() && i < 10; ++i) {
            list += (i ? ", " : "") + missing[i];
        }
        throw ValidationError("REALISATION_INCOMPLETE",
                              "The realisation of " + std::to_string(year) + " is incomplete (" +
                                  list +
                                  "); have it reported, or settle with allow_incomplete: true "
                                  "to count what is missing as 0.",
                              "year");
    }
}

}  // namespace

ApiResponse settleContractYear(RequestContext& ctx, const ApiRequest& req) {
    const auto id = req.pathId("id");
    const int year = checkedYear(req.body);
    const bool allow_incomplete = optionalBool(req.body, "allow_incomplete", false);
    db::Transaction tx(ctx.db);
    const auto c = budgetContract(ctx, id, true);
    auto budget_row = ctx.db.queryOne(
        "SELECT budget_cents FROM contract_budgets WHERE contract_id = ? AND year = ?",
        {c.id, std::int64_t{year}});
    if (!budget_row) {
        throw ValidationError(
            "NO_BUDGET",
            "Contract " + std::to_string(c.id) + " has no budget for " + std::to_string(year) + ".",
            "year");
    }
    const Date year_end = std::min(firstOfYear(year + 1), *c.term.end);
    if (ctx.today() < year_end) {
        throw ValidationError(
            "YEAR_NOT_ENDED",
            "The year can be settled once it has ended (on or after " + formatDate(year_end) + ").",
            "year");
    }
    if (yearSettled(ctx, c.id, year, true)) settledAlready(c.id, year);

    invoicing::SettlementInput input;
    input.year = year;
    input.budget = Money::fromCents(budget_row->i64(0));
    input.rule = parseSettlementRule(c.rule);
    std::vector<std::string> source_lines;
    addIndicators(ctx, c, year, allow_incomplete, input, source_lines);
    auto advances = ctx.db.queryOne(
        "SELECT COUNT(*), COALESCE(SUM(p.amount_cents), 0) FROM payables p JOIN advances a ON"
        " a.id = p.source_id WHERE p.source_type = 'advance' AND a.contract_id = ? AND a.year = ?",
        {c.id, std::int64_t{year}});
    input.advances_paid = Money::fromCents(advances->i64(1));
    source_lines.push_back("Advances paid: the " + std::to_string(advances->i64(0)) +
                           " advance(s) of " + std::to_string(year) +
                           " that became payables, together " +
                           invoicing::formatAmount(input.advances_paid));

    const auto s = invoicing::settleBudget(input);
    std::vector<std::string> lines = s.lines;
    // After "Settlement YYYY, rule: …" and "Budget YYYY: …" come the sources of the figures.
    lines.insert(lines.begin() + std::min<std::ptrdiff_t>(2, std::ssize(lines)),
                 source_lines.begin(), source_lines.end());
    std::string calculation;
    for (const auto& l : lines) calculation += l + "\n";

    ctx.db.execute(
        "INSERT INTO settlements (contract_id, year, rule, budget_cents, due_cents,"
        " advances_paid_cents, difference_cents, calculation, created_by, created_at)"
        " VALUES (?,?,?,?,?,?,?,?,?,?)",
        {c.id, std::int64_t{year}, c.rule, input.budget.cents(), s.due.cents(),
         input.advances_paid.cents(), s.difference.cents(), calculation, ctx.actor.name,
         timestamp(ctx.clock)});
    const auto settlement_id = ctx.db.lastInsertId();
    const auto journal = settlementJournal(ctx, c, year, settlement_id, s.due, input.advances_paid);
    if (s.difference == Money() && !journal.lines.empty()) postJournal(ctx, journal);
    if (s.difference != Money()) {
        const std::string type = s.difference > Money() ? "settlement" : "clawback";
        const Date due = invoicing::dueDate(ctx.today(), ctx.config.payment_term_days);
        const auto payable_id =
            createPayable(ctx, c.lead_provider_id, type, settlement_id, s.difference, due, journal);
        auto p = newObject();
        p->set("source_type", type);
        p->set("source_id", settlement_id);
        p->set("provider_id", c.lead_provider_id);
        p->set("amount_cents", s.difference.cents());
        p->set("due_date", formatDate(due));
        appendAudit(ctx, {"payable.create", "payable", std::to_string(payable_id), "ok",
                          std::nullopt, toJson(p)});
    }
    auto row = ctx.db.queryOne(std::string(kSettlementColumns) + " WHERE id = ?", {settlement_id});
    auto out = settlementJson(ctx, *row);
    appendAudit(ctx, {"settlement.create", "settlement", std::to_string(settlement_id), "ok",
                      std::nullopt, toJson(out)});
    tx.commit();
    return {201, out};
}

ApiResponse listSettlements(RequestContext& ctx, const ApiRequest& req) {
    const auto c = budgetContract(ctx, req.pathId("id"), false);
    auto out = newArray();
    for (const auto& r : ctx.db.query(
             std::string(kSettlementColumns) + " WHERE contract_id = ? ORDER BY year", {c.id})) {
        out->add(settlementJson(ctx, r));
    }
    return {200, out};
}

}  // namespace zc::app
