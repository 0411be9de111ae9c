#include "budgets_api.hpp"

#include "budget_json.hpp"
#include "contracting/kernel/codes.hpp"
#include "contracting/kernel/errors.hpp"
#include "exports_api.hpp"
#include "invoicing/app/budget_amounts.hpp"
#include "invoicing/app/budget_reallocations.hpp"
#include "invoicing/app/budgets.hpp"
#include "invoicing/domain/amount_text.hpp"
#include "json_input.hpp"
#include "json_output.hpp"
#include "json_text.hpp"

namespace zc::http {
namespace {

using namespace std::chrono;
using invoicing::BudgetFigures;
using invoicing::BudgetRow;

constexpr int kMinBudgetYear = 2000;
constexpr int kMaxBudgetYear = 2999;

invoicing::NewBudget readNewBudget(const ApiRequest& req) {
    invoicing::NewBudget n;
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

Poco::JSON::Object::Ptr reallocationJson(const invoicing::ReallocationRow& r) {
    auto o = newObject();
    o->set("id", r.id);
    o->set("from_budget_id", r.from_budget_id);
    o->set("to_budget_id", r.to_budget_id);
    o->set("amount_cents", r.amount.cents());
    o->set("reason", r.reason);
    o->set("status", r.status);
    o->set("requested_by", r.requested_by);
    o->set("requested_at", isoTimestamp(r.requested_at));
    setOptionalInt(o, "decided_by", r.decided_by);
    setOptional(o, "decided_at",
                r.decided_at ? std::optional(isoTimestamp(*r.decided_at)) : std::nullopt);
    setOptional(o, "decision_reason", r.decision_reason);
    return o;
}

Poco::JSON::Object::Ptr ceilingJson(const invoicing::CeilingUse& c) {
    const auto& use = c.use;
    auto o = newObject();
    o->set("contract_id", c.contract.id);
    o->set("municipality_code", c.contract.municipality);
    o->set("contract_status", c.contract.status);
    o->set("spending_ceiling_cents", c.contract.ceiling.cents());
    o->set("accepted_cents", c.accepted.cents());
    o->set("paid_cents", std::int64_t{0});
    o->set("used_cents", use.used.cents());
    o->set("remaining_cents", use.remaining.cents());
    setOptionalInt(o, "used_bp", use.used_bp);
    setOptional(o, "used_percent",
                use.used_bp ? std::optional(invoicing::formatPercentHundredths(*use.used_bp))
                            : std::nullopt);
    o->set("status", invoicing::ceilingStatusName(use.status));
    return o;
}

}  // namespace

ApiResponse createBudget(RequestContext& ctx, const ApiRequest& req) {
    const auto created = invoicing::createBudget(ctx, readNewBudget(req));
    return {201, budgetJson(created)};
}

ApiResponse listBudgets(RequestContext& ctx, const ApiRequest& req) {
    const auto page = pageFrom(req.query);
    const auto year_text = req.queryValue("year");
    const std::int64_t y = year_text.empty() ? 0 : invoicing::parseBudgetYear(year_text, "year");
    const auto list =
        invoicing::listBudgets(ctx, y, req.queryValue("municipality"), page.limit, page.offset);
    auto out = newArray();
    for (const auto& b : list.items) out->add(budgetJson(b));
    return pagedAnswer(out, list.total);
}

Poco::JSON::Object::Ptr amountChangeJson(const invoicing::BudgetAmountChangeRow& c) {
    auto o = newObject();
    o->set("id", c.id);
    o->set("budget_id", c.budget_id);
    o->set("before_cents", c.before.cents());
    o->set("after_cents", c.after.cents());
    o->set("reason", c.reason);
    o->set("changed_by", c.changed_by);
    o->set("changed_at", isoTimestamp(c.changed_at));
    return o;
}

ApiResponse setBudgetAmount(RequestContext& ctx, const ApiRequest& req) {
    const auto result =
        invoicing::setBudgetAmount(ctx, {req.pathId("id"), requiredCents(req.body, "amount_cents"),
                                         optionalString(req.body, "reason", 400).value_or("")});
    auto out = newObject();
    out->set("budget", budgetJson(result.budget));
    out->set("change", amountChangeJson(result.change));
    out->set("realised_cents", result.realised.cents());
    out->set("exhaustion_cents", result.exhaustion.cents());
    out->set("below_exhaustion", result.below_exhaustion);
    return {200, out};
}

ApiResponse listBudgetAmountChanges(RequestContext& ctx, const ApiRequest& req) {
    const auto page = pageFrom(req.query);
    const auto list =
        invoicing::listBudgetAmountChanges(ctx, req.pathId("id"), page.limit, page.offset);
    auto out = newArray();
    for (const auto& c : list.items) out->add(amountChangeJson(c));
    return pagedAnswer(out, list.total);
}

ApiResponse budgetExhaustion(RequestContext& ctx, const ApiRequest& req) {
    const auto id = req.pathId("id");
    const auto date_text = req.queryValue("date");
    const Date report_date = date_text.empty() ? ctx.today() : parseDate(date_text, "date");
    const auto threshold = invoicing::signalThreshold(ctx, req.queryValue("threshold"));
    const auto [b, f] = invoicing::budgetExhaustion(ctx, id, report_date, threshold);
    const std::string date = formatDate(report_date), percent = threshold.toString();
    std::string text;
    appendBudgetFiguresJson({b, f, &date, &percent}, text);
    return jsonTextAnswer(200, std::move(text));
}

ApiResponse budgetOverview(RequestContext& ctx, const ApiRequest& req) {
    const auto format = req.queryValue("format");
    if (!format.empty() && format != "csv" && format != "json") {
        throw ValidationError("INVALID_QUERY", "Query parameter 'format' must be csv or json.",
                              "format");
    }
    // The older way to the CSV: the same file as GET /exports/budgets.csv.
    if (format == "csv") return exportBudgets(ctx, req);
    invoicing::OverviewSelection selection;
    selection.year = invoicing::budgetYearOrCurrent(ctx, req.queryValue("year"));
    selection.municipality = req.queryValue("municipality");
    if (!selection.municipality.empty()) {
        MunicipalityCode::parse(selection.municipality, "municipality");
    }
    selection.district = queryIdParam(req.query, "district");
    selection.team = queryIdParam(req.query, "team");
    const auto page = pageFrom(req.query);
    selection.limit = page.limit;
    selection.offset = page.offset;
    const Date report_date =
        invoicing::overviewReportDate(ctx, req.queryValue("month"), selection.year);
    const auto threshold = invoicing::signalThreshold(ctx, req.queryValue("threshold"));
    const auto rows = invoicing::budgetOverview(ctx, selection, report_date, threshold);
    std::string text;
    JsonObjectWriter out(text);
    out.optionalText("municipality", selection.municipality.empty()
                                         ? std::nullopt
                                         : std::optional(selection.municipality))
        .text("report_date", formatDate(report_date));
    appendJsonArray(
        rows.items,
        [](const invoicing::BudgetWithFigures& r, std::string& text) {
            appendBudgetFiguresJson({r.budget, r.figures}, text);
        },
        out.nested("rows"));
    out.text("signal_threshold_percent", threshold.toString())
        .integer("total", rows.total)
        .integer("year", selection.year)
        .close();
    return jsonTextAnswer(200, std::move(text));
}

ApiResponse providerSpendingCeiling(RequestContext& ctx, const ApiRequest& req) {
    const auto report =
        invoicing::providerSpendingCeiling(ctx, req.pathId("id"), req.queryValue("year"));
    auto contracts = newArray();
    for (const auto& c : report.contracts) contracts->add(ceilingJson(c));
    auto out = newObject();
    out->set("provider_id", report.provider_id);
    out->set("year", report.year);
    out->set("contracts", contracts);
    return {200, out};
}

ApiResponse requestReallocation(RequestContext& ctx, const ApiRequest& req) {
    invoicing::ReallocationProposal p;
    p.from_budget_id = requiredInt(req.body, "from_budget_id");
    p.to_budget_id = requiredInt(req.body, "to_budget_id");
    p.amount = requiredCents(req.body, "amount_cents");
    p.reason = requiredString(req.body, "reason", 2000);
    const auto proposed = invoicing::requestReallocation(ctx, p);
    auto out = reallocationJson(proposed.row);
    out->set("from_remaining_cents", proposed.from_remaining.cents());
    return {201, out};
}

ApiResponse decideReallocation(RequestContext& ctx, const ApiRequest& req) {
    invoicing::ReallocationDecision d;
    d.id = req.pathId("id");
    const auto decision = requiredString(req.body, "decision", 10);
    if (decision != "approve" && decision != "reject") {
        throw ValidationError("INVALID_DECISION", "Decision must be approve or reject.",
                              "decision");
    }
    d.approve = decision == "approve";
    d.reason = optionalString(req.body, "reason", 2000).value_or("");
    return {200, reallocationJson(invoicing::decideReallocation(ctx, d))};
}

ApiResponse listReallocations(RequestContext& ctx, const ApiRequest& req) {
    const auto page = pageFrom(req.query);
    const auto status = req.queryValue("status");
    if (!status.empty() && status != "requested" && status != "approved" && status != "rejected") {
        throw ValidationError("INVALID_QUERY",
                              "Query parameter 'status' must be requested, approved or rejected.",
                              "status");
    }
    const auto list = invoicing::listReallocations(ctx, status, page.limit, page.offset);
    auto out = newArray();
    for (const auto& r : list.items) out->add(reallocationJson(r));
    return pagedAnswer(out, list.total);
}

}  // namespace zc::http
