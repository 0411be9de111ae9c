#include "contracts_api.hpp"

#include "contracting/app/contracts.hpp"
#include "contracting/kernel/codes.hpp"
#include "contracting/kernel/errors.hpp"
#include "json_input.hpp"
#include "json_output.hpp"
#include "tariff_json.hpp"

namespace zc::http {
namespace {

Poco::JSON::Object::Ptr summaryJson(const contracting::ContractSummary& c) {
    auto o = newObject();
    o->set("id", c.id);
    o->set("kind", c.kind);
    o->set("provider_id", c.provider_id);
    o->set("provider_agb", c.provider_agb);
    o->set("provider_name", c.provider_name);
    o->set("municipality_code", c.municipality_code);
    setOptionalInt(o, "procedure_id", c.procedure_id);
    setOptionalInt(o, "lot_id", c.lot_id);
    o->set("status", c.status);
    o->set("term_start", c.term_start);
    o->set("term_end", c.term_end);
    o->set("extension_options", c.extension_options);
    o->set("extension_months", c.extension_months);
    setOptionalInt(o, "spending_ceiling_cents", c.spending_ceiling_cents);
    setOptionalInt(o, "application_id", c.application_id);
    o->set("extensions_used", c.extensions_used);
    auto products = newArray();
    for (const auto& p : c.products) products->add(p);
    o->set("products", products);
    return o;
}

void addBudgetDetails(const contracting::BudgetDetails& d, Poco::JSON::Object::Ptr o) {
    auto members = newArray();
    for (const auto& m : d.coalition) {
        auto mo = newObject();
        mo->set("provider_id", m.provider_id);
        mo->set("agb", m.agb);
        mo->set("name", m.name);
        mo->set("role", m.role);
        members->add(mo);
    }
    o->set("coalition", members);
    auto budgets = newArray();
    for (const auto& b : d.budgets) {
        auto bo = newObject();
        bo->set("year", b.year);
        bo->set("budget_cents", b.budget_cents);
        budgets->add(bo);
    }
    o->set("budgets", budgets);
    auto agreements = newArray();
    for (const auto& a : d.performance_agreements) {
        auto ao = newObject();
        ao->set("id", a.id);
        ao->set("indicator", a.indicator);
        ao->set("target", a.target);
        ao->set("unit", a.unit);
        agreements->add(ao);
    }
    o->set("performance_agreements", agreements);
    o->set("settlement_rule", d.settlement_rule);
}

Poco::JSON::Object::Ptr contractJson(const contracting::ContractDetails& d) {
    auto o = summaryJson(d.summary);
    o->set("tariffs", tariffsJson(d.tariffs));
    auto history = newArray();
    for (const auto& h : d.status_history) {
        auto e = newObject();
        setOptional(e, "from", h.from);
        e->set("to", h.to);
        e->set("reason", h.reason);
        e->set("by", h.by);
        e->set("at", h.at);
        history->add(e);
    }
    o->set("status_history", history);
    if (d.budget) addBudgetDetails(*d.budget, o);
    return o;
}

}  // namespace

ApiResponse listContracts(RequestContext& ctx, const ApiRequest& req) {
    contracting::ContractFilter f;
    f.status = req.queryValue("status");
    f.kind = req.queryValue("kind");
    f.agb = req.queryValue("agb");
    const auto page = pageFrom(req.query);
    f.limit = page.limit;
    f.offset = page.offset;
    auto out = newArray();
    for (const auto& c : contracting::listContracts(ctx, f)) out->add(summaryJson(c));
    return {200, out};
}

ApiResponse getContract(RequestContext& ctx, const ApiRequest& req) {
    return {200, contractJson(contracting::getContract(ctx, req.pathId("id")))};
}

ApiResponse changeContractStatus(RequestContext& ctx, const ApiRequest& req) {
    contracting::StatusChangeRequest change;
    change.contract_id = req.pathId("id");
    change.to_text = requiredString(req.body, "status", 16);
    change.to = contracting::parseContractStatus(change.to_text, "status");
    change.reason = optionalString(req.body, "reason", 2000).value_or("");
    return {200, contractJson(contracting::changeContractStatus(ctx, change))};
}

ApiResponse indexContract(RequestContext& ctx, const ApiRequest& req) {
    const auto id = req.pathId("id");
    const auto pct = Percentage::parse(requiredString(req.body, "percentage", 16), "percentage");
    const Date from = requiredDate(req.body, "from");
    const auto done = contracting::indexContract(ctx, id, pct, from);
    auto out = newObject();
    out->set("contract_id", done.contract_id);
    out->set("percentage", done.percentage.toString());
    out->set("from", formatDate(done.from));
    out->set("new_versions", done.new_versions);
    out->set("tariffs", tariffsJson(done.tariffs));
    return {201, out};
}

ApiResponse extendContract(RequestContext& ctx, const ApiRequest& req) {
    return {200, contractJson(contracting::extendContract(ctx, req.pathId("id")))};
}

ApiResponse listAdvances(RequestContext& ctx, const ApiRequest& req) {
    auto out = newArray();
    for (const auto& a : contracting::listAdvances(ctx, req.pathId("id"))) {
        auto o = newObject();
        o->set("year", a.year);
        o->set("month", a.month);
        o->set("due_date", a.due_date);
        o->set("amount_cents", a.amount_cents);
        out->add(o);
    }
    return {200, out};
}

ApiResponse eligibleProviders(RequestContext& ctx, const ApiRequest& req) {
    if (req.queryValue("product").empty()) {
        throw ValidationError("MISSING_FIELD", "Query parameter 'product' is required.", "product");
    }
    const auto product = ProductCode::parse(req.queryValue("product"), "product").str();
    const Date date =
        req.queryValue("date").empty() ? ctx.today() : parseDate(req.queryValue("date"), "date");
    auto out = newArray();
    for (const auto& e :
         contracting::findEligibleProviders(ctx, product, date, req.queryValue("municipality"))) {
        auto o = newObject();
        o->set("provider_id", e.provider_id);
        o->set("agb", e.agb);
        o->set("name", e.name);
        o->set("contract_id", e.contract_id);
        o->set("municipality_code", e.municipality_code);
        out->add(o);
    }
    return {200, out};
}

ApiResponse tariffQuery(RequestContext& ctx, const ApiRequest& req) {
    const auto agb = AgbCode::parse(req.queryValue("agb"), "agb").str();
    const auto product = ProductCode::parse(req.queryValue("product"), "product").str();
    const Date date = parseDate(req.queryValue("date"), "date");
    const auto t =
        contracting::tariffInForce(ctx, agb, product, date, req.queryValue("municipality"));
    auto out = tariffVersionJson(t.product, t.version);
    out->set("contract_id", t.contract_id);
    out->set("municipality_code", t.municipality_code);
    out->set("agb", agb);
    out->set("date", formatDate(date));
    return {200, out};
}

}  // namespace zc::http
