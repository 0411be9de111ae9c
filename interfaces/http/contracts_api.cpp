#include "contracts_api.hpp"

#include <algorithm>

#include "contracting/app/contract_creation.hpp"
#include "contracting/app/contracts.hpp"
#include "contracting/kernel/codes.hpp"
#include "contracting/kernel/errors.hpp"
#include "contracting/kernel/unit.hpp"
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
        ao->set("kind", a.kind);
        ao->set("aggregation", a.aggregation);
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

// The common fields of framework and budget contracts, checked before any look-up.
contracting::NewContract contractFromBody(Poco::JSON::Object::Ptr b,
                                          const std::string& provider_field) {
    contracting::NewContract c;
    c.provider_id = requiredInt(b, provider_field);
    c.municipality_code =
        MunicipalityCode::parse(requiredString(b, "municipality_code", 4), "municipality_code")
            .str();
    c.procedure_id = optionalInt(b, "procedure_id");
    c.term = Period{requiredDate(b, "term_start"), requiredDate(b, "term_end")};
    if (!c.term.isValid()) {
        throw ValidationError("INVALID_PERIOD", "term_end must lie after term_start.", "term_end");
    }
    c.extension_options = optionalInt(b, "extension_options").value_or(0);
    c.extension_months = optionalInt(b, "extension_months").value_or(0);
    if (c.extension_options < 0 || c.extension_options > 10 || c.extension_months < 0 ||
        c.extension_months > 120) {
        throw ValidationError("INVALID_EXTENSION",
                              "Extension options must be 0..10 and extension months 0..120.",
                              "extension_options");
    }
    c.spending_ceiling_cents = optionalInt(b, "spending_ceiling_cents");
    if (c.spending_ceiling_cents && *c.spending_ceiling_cents <= 0) {
        throw ValidationError("INVALID_AMOUNT",
                              "A spending ceiling must be a positive amount of cents.",
                              "spending_ceiling_cents");
    }
    c.products = stringArray(b, "products", 100);
    if (c.products.empty()) {
        throw ValidationError("MISSING_FIELD", "A contract needs at least one product.",
                              "products");
    }
    for (auto& p : c.products) p = ProductCode::parse(p, "products").str();
    std::sort(c.products.begin(), c.products.end());
    c.products.erase(std::unique(c.products.begin(), c.products.end()), c.products.end());
    return c;
}

// A tariff version of a request body, read as the use case asks for its fields.
class JsonTariff final : public contracting::TariffRequest {
  public:
    explicit JsonTariff(Poco::JSON::Object::Ptr b) : b_(std::move(b)) {}
    std::string product() override {
        return ProductCode::parse(requiredString(b_, "product_code", 5), "product_code").str();
    }
    contracting::TariffVersion version(const std::string& product_unit) override {
        contracting::TariffVersion v;
        v.unit = parseUnit(optionalString(b_, "unit", 16).value_or(product_unit), "unit");
        v.tariff = requiredCents(b_, "tariff_cents");
        v.valid_from = requiredDate(b_, "valid_from");
        v.valid_to = optionalDate(b_, "valid_to");
        return v;
    }
    std::string reason() override {
        return optionalString(b_, "reason", 200).value_or("tariff change");
    }

  private:
    Poco::JSON::Object::Ptr b_;
};

// POST /contracts beyond the common fields: status and tariffs.
class JsonContract final : public contracting::ContractRequest {
  public:
    explicit JsonContract(Poco::JSON::Object::Ptr b) : b_(std::move(b)) {}
    std::string status() override { return optionalString(b_, "status", 16).value_or("draft"); }
    std::size_t tariffCount() override {
        tariffs_ = optionalArray(b_, "tariffs", 500);
        return tariffs_ ? tariffs_->size() : 0;
    }
    std::unique_ptr<contracting::TariffRequest> tariff(std::size_t i) override {
        return std::make_unique<JsonTariff>(objectAt(tariffs_, i, "tariffs"));
    }

  private:
    Poco::JSON::Object::Ptr b_;
    Poco::JSON::Array::Ptr tariffs_;
};

// POST /budget-contracts beyond the common fields.
class JsonBudgetContract final : public contracting::BudgetContractRequest {
  public:
    explicit JsonBudgetContract(Poco::JSON::Object::Ptr b) : b_(std::move(b)) {}
    std::vector<std::int64_t> members() override {
        return intArray(b_, "member_provider_ids", 100);
    }
    std::optional<std::string> settlementRule() override {
        return optionalString(b_, "settlement_rule", 32);
    }
    std::size_t budgetCount() override {
        budgets_ = requiredArray(b_, "budgets", 50);
        return budgets_->size();
    }
    contracting::YearBudget budget(std::size_t i) override {
        auto b = objectAt(budgets_, i, "budgets");
        const auto year = requiredInt(b, "year");
        return {year, requiredCents(b, "budget_cents")};
    }
    std::size_t agreementCount() override {
        agreements_ = optionalArray(b_, "performance_agreements", 100);
        return agreements_ ? agreements_->size() : 0;
    }
    contracting::NewAgreement agreement(std::size_t i) override {
        auto a = objectAt(agreements_, i, "performance_agreements");
        const std::string field = "performance_agreements[" + std::to_string(i) + "]";
        contracting::NewAgreement out{requiredString(a, "indicator"), requiredInt(a, "target"),
                                      requiredString(a, "unit", 60)};
        if (auto kind = optionalString(a, "kind", 12)) {
            out.kind = parseIndicatorKind(*kind, field + ".kind");
        }
        out.aggregation = defaultAggregation(out.kind);
        if (auto aggregation = optionalString(a, "aggregation", 12)) {
            out.aggregation = parseYearAggregation(*aggregation, field + ".aggregation");
        }
        return out;
    }

  private:
    Poco::JSON::Object::Ptr b_;
    Poco::JSON::Array::Ptr budgets_;
    Poco::JSON::Array::Ptr agreements_;
};

}  // namespace

ApiResponse createContract(RequestContext& ctx, const ApiRequest& req) {
    JsonContract rest(req.body);
    auto c = contractFromBody(req.body, "provider_id");
    return {201, contractJson(contracting::createContract(ctx, std::move(c), rest))};
}

ApiResponse createBudgetContract(RequestContext& ctx, const ApiRequest& req) {
    JsonBudgetContract rest(req.body);
    auto c = contractFromBody(req.body, "lead_provider_id");
    return {201, contractJson(contracting::createBudgetContract(ctx, std::move(c), rest))};
}

ApiResponse addContractTariff(RequestContext& ctx, const ApiRequest& req) {
    const auto id = req.pathId("id");
    JsonTariff tariff(req.body);
    const auto added = contracting::addContractTariff(ctx, id, tariff);
    return {201, tariffVersionJson(added.product_code, added.version)};
}

ApiResponse listContracts(RequestContext& ctx, const ApiRequest& req) {
    contracting::ContractFilter f;
    f.status = req.queryValue("status");
    f.kind = req.queryValue("kind");
    f.agb = req.queryValue("agb");
    f.list = listQueryFrom(req.query);
    const auto page = contracting::listContracts(ctx, f);
    auto out = newArray();
    for (const auto& c : page.items) out->add(summaryJson(c));
    return pagedAnswer(out, page.total);
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
    const auto page = pageFrom(req.query);
    const auto list = contracting::listAdvances(ctx, req.pathId("id"), page.limit, page.offset);
    auto out = newArray();
    for (const auto& a : list.items) {
        auto o = newObject();
        o->set("year", a.year);
        o->set("month", a.month);
        o->set("due_date", a.due_date);
        o->set("amount_cents", a.amount_cents);
        out->add(o);
    }
    return pagedAnswer(out, list.total);
}

ApiResponse eligibleProviders(RequestContext& ctx, const ApiRequest& req) {
    if (req.queryValue("product").empty()) {
        throw ValidationError("MISSING_FIELD", "Query parameter 'product' is required.", "product");
    }
    const auto product = ProductCode::parse(req.queryValue("product"), "product").str();
    const Date date =
        req.queryValue("date").empty() ? ctx.today() : parseDate(req.queryValue("date"), "date");
    const auto page = pageFrom(req.query);
    const auto list = contracting::findEligibleProviders(
        ctx, {product, date, req.queryValue("municipality"), page.limit, page.offset});
    auto out = newArray();
    for (const auto& e : list.items) {
        auto o = newObject();
        o->set("provider_id", e.provider_id);
        o->set("agb", e.agb);
        o->set("name", e.name);
        o->set("contract_id", e.contract_id);
        o->set("municipality_code", e.municipality_code);
        out->add(o);
    }
    return pagedAnswer(out, list.total);
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
