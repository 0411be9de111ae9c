#include "contracts.hpp"

#include <algorithm>
#include <set>

#include "context.hpp"
#include "contracting/domain/contract_status.hpp"
#include "contracting/kernel/advance_schedule.hpp"
#include "contracting/kernel/codes.hpp"
#include "contracting/kernel/errors.hpp"
#include "contracting/kernel/settlement_rule.hpp"
#include "contracting/store/tariff_store.hpp"
#include "interfaces/http/tariff_json.hpp"

namespace zc::app {

using contracting::insertTariff;
using contracting::loadTariffSchedule;
using contracting::TariffOwner;
using contracting::tariffProducts;
using http::tariffsJson;
using http::tariffVersionJson;
namespace {

using contracting::ContractStatus;

constexpr const char* kContractColumns =
    "SELECT c.id, c.kind, c.provider_id, p.agb, p.name, c.municipality_code, c.procedure_id,"
    " c.lot_id, c.status, c.term_start, c.term_end, c.extension_options, c.extension_months,"
    " c.spending_ceiling_cents, c.application_id, c.extensions_used FROM contracts c JOIN "
    "providers p ON p.id = c.provider_id";

constexpr const char* kVisibleToProvider =
    " AND (? = 0 OR c.provider_id = ? OR EXISTS (SELECT 1 FROM coalition_members m"
    " WHERE m.contract_id = c.id AND m.provider_id = ?))";

std::int64_t providerFilter(const RequestContext& ctx) {
    return ctx.actor.role == Role::Provider ? ctx.actor.provider_id : 0;
}

void requireProductRow(RequestContext& ctx, const std::string& code, const std::string& field) {
    if (!ctx.db.queryOne("SELECT code FROM products WHERE code = ?", {code})) {
        throw ValidationError("UNKNOWN_PRODUCT", "Product " + code + " is not in the catalogue.",
                              field);
    }
}

Poco::JSON::Object::Ptr contractSummary(const db::Row& r) {
    auto o = newObject();
    o->set("id", r.i64(0));
    o->set("kind", r.str(1));
    o->set("provider_id", r.i64(2));
    o->set("provider_agb", r.str(3));
    o->set("provider_name", r.str(4));
    o->set("municipality_code", r.str(5));
    setOptionalInt(o, "procedure_id", r.optI64(6));
    setOptionalInt(o, "lot_id", r.optI64(7));
    o->set("status", r.str(8));
    o->set("term_start", r.str(9));
    o->set("term_end", r.str(10));
    o->set("extension_options", r.i64(11));
    o->set("extension_months", r.i64(12));
    setOptionalInt(o, "spending_ceiling_cents", r.optI64(13));
    setOptionalInt(o, "application_id", r.optI64(14));
    o->set("extensions_used", r.i64(15));
    return o;
}

std::vector<std::string> contractProducts(RequestContext& ctx, std::int64_t id) {
    std::vector<std::string> out;
    for (const auto& r : ctx.db.query("SELECT product_code FROM contract_products WHERE "
                                      "contract_id = ? ORDER BY product_code",
                                      {id})) {
        out.push_back(r.str(0));
    }
    return out;
}

void addBudgetDetails(RequestContext& ctx, std::int64_t id, Poco::JSON::Object::Ptr o) {
    auto members = newArray();
    for (const auto& r :
         ctx.db.query("SELECT m.provider_id, p.agb, p.name, m.role FROM coalition_members m"
                      " JOIN providers p ON p.id = m.provider_id WHERE m.contract_id = ? ORDER BY "
                      "m.role, p.agb",
                      {id})) {
        auto m = newObject();
        m->set("provider_id", r.i64(0));
        m->set("agb", r.str(1));
        m->set("name", r.str(2));
        m->set("role", r.str(3));
        members->add(m);
    }
    o->set("coalition", members);
    auto budgets = newArray();
    for (const auto& r : ctx.db.query(
             "SELECT year, budget_cents FROM contract_budgets WHERE contract_id = ? ORDER BY year",
             {id})) {
        auto b = newObject();
        b->set("year", r.i64(0));
        b->set("budget_cents", r.i64(1));
        budgets->add(b);
    }
    o->set("budgets", budgets);
    auto agreements = newArray();
    for (const auto& r : ctx.db.query("SELECT id, indicator, target, unit FROM "
                                      "performance_agreements WHERE contract_id = ? ORDER BY id",
                                      {id})) {
        auto a = newObject();
        a->set("id", r.i64(0));
        a->set("indicator", r.str(1));
        a->set("target", r.i64(2));
        a->set("unit", r.str(3));
        agreements->add(a);
    }
    o->set("performance_agreements", agreements);
    o->set("settlement_rule",
           ctx.db.queryOne("SELECT settlement_rule FROM contracts WHERE id = ?", {id})->str(0));
}

Poco::JSON::Object::Ptr contractJson(RequestContext& ctx, std::int64_t id) {
    const auto pf = providerFilter(ctx);
    auto r = ctx.db.queryOne(std::string(kContractColumns) + " WHERE c.id = ?" + kVisibleToProvider,
                             {id, pf, pf, pf});
    if (!r) notFound("Contract " + std::to_string(id), "id");
    auto o = contractSummary(*r);
    auto products = newArray();
    for (const auto& p : contractProducts(ctx, id)) products->add(p);
    o->set("products", products);
    o->set("tariffs", tariffsJson(contracting::storedTariffs(ctx.db, TariffOwner::Contract, id)));
    auto history = newArray();
    for (const auto& h : ctx.db.query("SELECT from_status, to_status, reason, changed_by, "
                                      "changed_at FROM contract_status_changes"
                                      " WHERE contract_id = ? ORDER BY id",
                                      {id})) {
        auto e = newObject();
        setOptional(e, "from", h.opt(0));
        e->set("to", h.str(1));
        e->set("reason", h.str(2));
        e->set("by", h.str(3));
        e->set("at", h.str(4).substr(0, 19));
        history->add(e);
    }
    o->set("status_history", history);
    if (r->str(1) == "budget") addBudgetDetails(ctx, id, o);
    return o;
}

struct ContractHead {
    std::string kind;
    ContractStatus status;
    Period term;
};

ContractHead lockContract(RequestContext& ctx, std::int64_t id) {
    auto r = ctx.db.queryOne(
        "SELECT kind, status, term_start, term_end FROM contracts WHERE id = ? FOR UPDATE", {id});
    if (!r) notFound("Contract " + std::to_string(id), "id");
    return {r->str(0), contracting::parseContractStatus(r->str(1)),
            Period{parseDate(r->str(2)), parseDate(r->str(3))}};
}

void recordStatus(RequestContext& ctx, std::int64_t id, std::optional<std::string> from,
                  const std::string& to, const std::string& reason) {
    ctx.db.execute(
        "INSERT INTO contract_status_changes (contract_id, from_status, to_status, reason, "
        "changed_by, changed_at)"
        " VALUES (?,?,?,?,?,?)",
        {id, from ? db::Param(*from) : db::Param(nullptr), to, reason, ctx.actor.name,
         timestamp(ctx.clock)});
}

struct NewContract {
    std::string kind;
    std::int64_t provider_id;
    std::string municipality;
    std::optional<std::int64_t> procedure_id;
    std::optional<std::int64_t> lot_id;
    std::optional<std::int64_t> application_id;
    std::string status;
    Period term;
    std::int64_t extension_options = 0;
    std::int64_t extension_months = 0;
    std::optional<std::int64_t> ceiling;
    std::vector<std::string> products;
};

std::int64_t insertContract(RequestContext& ctx, const NewContract& c) {
    auto opt = [](const std::optional<std::int64_t>& v) {
        return v ? db::Param(*v) : db::Param(nullptr);
    };
    ctx.db.execute(
        "INSERT INTO contracts (kind, provider_id, municipality_code, procedure_id, lot_id,"
        " application_id, status, term_start, term_end, extension_options, extension_months,"
        " spending_ceiling_cents) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
        {c.kind, c.provider_id, c.municipality, opt(c.procedure_id), opt(c.lot_id),
         opt(c.application_id), c.status, formatDate(c.term.begin), formatDate(*c.term.end),
         c.extension_options, c.extension_months, opt(c.ceiling)});
    const auto id = ctx.db.lastInsertId();
    for (const auto& p : c.products) {
        ctx.db.execute("INSERT INTO contract_products (contract_id, product_code) VALUES (?, ?)",
                       {id, p});
    }
    recordStatus(ctx, id, std::nullopt, c.status, "created");
    return id;
}

// Common fields of framework and budget contracts from a request body.
NewContract contractFromBody(RequestContext& ctx, Poco::JSON::Object::Ptr b,
                             const std::string& provider_field) {
    NewContract c;
    c.provider_id = requiredInt(b, provider_field);
    c.municipality =
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
    c.ceiling = optionalInt(b, "spending_ceiling_cents");
    if (c.ceiling && *c.ceiling <= 0) {
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
    if (!ctx.db.queryOne("SELECT id FROM providers WHERE id = ?", {c.provider_id})) {
        throw ValidationError("UNKNOWN_PROVIDER",
                              "Provider " + std::to_string(c.provider_id) + " is not known.",
                              provider_field);
    }
    if (!ctx.db.queryOne("SELECT code FROM municipalities WHERE code = ?", {c.municipality})) {
        throw ValidationError("UNKNOWN_MUNICIPALITY",
                              "Municipality " + c.municipality + " is not known.",
                              "municipality_code");
    }
    if (c.procedure_id &&
        !ctx.db.queryOne("SELECT id FROM procedures WHERE id = ?", {*c.procedure_id})) {
        throw ValidationError("UNKNOWN_PROCEDURE",
                              "Procedure " + std::to_string(*c.procedure_id) + " is not known.",
                              "procedure_id");
    }
    for (const auto& p : c.products) requireProductRow(ctx, p, "products");
    return c;
}

contracting::TariffVersion tariffFromBody(RequestContext& ctx, Poco::JSON::Object::Ptr b,
                                          const std::string& product) {
    contracting::TariffVersion v;
    const auto unit = ctx.db.queryOne("SELECT unit FROM products WHERE code = ?", {product});
    v.unit =
        parseUnit(optionalString(b, "unit", 16).value_or(unit ? unit->str(0) : "hours"), "unit");
    v.tariff = requiredCents(b, "tariff_cents");
    v.valid_from = requiredDate(b, "valid_from");
    v.valid_to = optionalDate(b, "valid_to");
    return v;
}

void addTariffVersion(RequestContext& ctx, std::int64_t contract_id,
                      const std::vector<std::string>& products, Poco::JSON::Object::Ptr b,
                      Poco::JSON::Array::Ptr added_out) {
    const auto product =
        ProductCode::parse(requiredString(b, "product_code", 5), "product_code").str();
    if (std::find(products.begin(), products.end(), product) == products.end()) {
        throw ValidationError("PRODUCT_NOT_IN_CONTRACT",
                              "Product " + product + " is not part of this contract.",
                              "product_code");
    }
    auto v = tariffFromBody(ctx, b, product);
    auto schedule = loadTariffSchedule(ctx.db, TariffOwner::Contract, contract_id, product);
    const auto& added = schedule.add(v);
    insertTariff(ctx.db, TariffOwner::Contract, contract_id, product, added,
                 optionalString(b, "reason", 200).value_or("tariff change"));
    added_out->add(tariffVersionJson(product, added));
}

}  // namespace

std::int64_t createFrameworkContractFromProcedure(RequestContext& ctx, std::int64_t provider_id,
                                                  std::int64_t procedure_id, std::int64_t lot_id,
                                                  std::int64_t application_id,
                                                  const std::vector<std::string>& products,
                                                  const Period& term) {
    NewContract c;
    c.kind = "framework";
    c.provider_id = provider_id;
    c.municipality =
        ctx.db.queryOne("SELECT municipality_code FROM procedures WHERE id = ?", {procedure_id})
            ->str(0);
    c.procedure_id = procedure_id;
    c.lot_id = lot_id;
    c.application_id = application_id;
    c.status = "active";
    c.term = term;
    c.products = products;
    const auto id = insertContract(ctx, c);
    for (const auto& product : products) {
        const auto published =
            loadTariffSchedule(ctx.db, TariffOwner::Procedure, procedure_id, product);
        contracting::TariffSchedule schedule;
        // The version in force when the contract starts, then every later one inside the term.
        if (auto first = published.at(term.begin)) {
            first->valid_from = term.begin;
            insertTariff(ctx.db, TariffOwner::Contract, id, product, schedule.add(*first),
                         "from procedure");
        }
        for (const auto& v : published.versions()) {
            if (term.begin < v.valid_from && v.valid_from < *term.end) {
                insertTariff(ctx.db, TariffOwner::Contract, id, product, schedule.add(v),
                             "from procedure");
            }
        }
    }
    appendAudit(ctx, {"contract.create", "contract", std::to_string(id), "ok", std::nullopt,
                      toJson(contractJson(ctx, id))});
    return id;
}

ApiResponse createContract(RequestContext& ctx, const ApiRequest& req) {
    db::Transaction tx(ctx.db);
    NewContract c = contractFromBody(ctx, req.body, "provider_id");
    c.kind = "framework";
    c.status = optionalString(req.body, "status", 16).value_or("draft");
    const auto status = contracting::parseContractStatus(c.status, "status");
    if (status != ContractStatus::Draft && status != ContractStatus::Active) {
        throw ValidationError("ILLEGAL_STATUS_CHANGE", "A new contract starts as draft or active.",
                              "status");
    }
    const auto id = insertContract(ctx, c);
    auto added = newArray();
    if (auto tariffs = optionalArray(req.body, "tariffs", 500)) {
        for (std::size_t i = 0; i < tariffs->size(); ++i) {
            addTariffVersion(ctx, id, c.products, objectAt(tariffs, i, "tariffs"), added);
        }
    }
    auto out = contractJson(ctx, id);
    appendAudit(
        ctx, {"contract.create", "contract", std::to_string(id), "ok", std::nullopt, toJson(out)});
    tx.commit();
    return {201, out};
}

ApiResponse addContractTariff(RequestContext& ctx, const ApiRequest& req) {
    const auto id = req.pathId("id");
    db::Transaction tx(ctx.db);
    const auto head = lockContract(ctx, id);
    if (head.status == ContractStatus::Terminated || head.status == ContractStatus::Expired) {
        throw ValidationError("CONTRACT_CLOSED",
                              "Tariffs of a terminated or expired contract do not change.", "");
    }
    auto added = newArray();
    addTariffVersion(ctx, id, contractProducts(ctx, id), req.body, added);
    auto out = added->getObject(0);
    appendAudit(ctx, {"contract.add_tariff", "contract", std::to_string(id), "ok", std::nullopt,
                      toJson(out)});
    tx.commit();
    return {201, out};
}

ApiResponse createBudgetContract(RequestContext& ctx, const ApiRequest& req) {
    db::Transaction tx(ctx.db);
    NewContract c = contractFromBody(ctx, req.body, "lead_provider_id");
    c.kind = "budget";
    c.status = "active";
    auto members = intArray(req.body, "member_provider_ids", 100);
    std::set<std::int64_t> unique_members(members.begin(), members.end());
    unique_members.erase(c.provider_id);
    for (auto m : unique_members) {
        if (!ctx.db.queryOne("SELECT id FROM providers WHERE id = ?", {m})) {
            throw ValidationError("UNKNOWN_PROVIDER",
                                  "Provider " + std::to_string(m) + " is not known.",
                                  "member_provider_ids");
        }
    }
    const auto id = insertContract(ctx, c);
    if (auto rule = optionalString(req.body, "settlement_rule", 32)) {
        parseSettlementRule(*rule);
        ctx.db.execute("UPDATE contracts SET settlement_rule = ? WHERE id = ?", {*rule, id});
    }
    ctx.db.execute(
        "INSERT INTO coalition_members (contract_id, provider_id, role) VALUES (?, ?, 'lead')",
        {id, c.provider_id});
    for (auto m : unique_members) {
        ctx.db.execute(
            "INSERT INTO coalition_members (contract_id, provider_id, role) VALUES (?, ?, "
            "'member')",
            {id, m});
    }
    auto budgets = requiredArray(req.body, "budgets", 50);
    std::set<std::int64_t> years;
    for (std::size_t i = 0; i < budgets->size(); ++i) {
        auto b = objectAt(budgets, i, "budgets");
        const auto year = requiredInt(b, "year");
        const Money amount = requiredCents(b, "budget_cents");
        if (amount.cents() < 0 || !years.insert(year).second) {
            throw ValidationError("INVALID_BUDGET",
                                  "Each year needs one budget of zero or more cents.", "budgets");
        }
        const auto advances = monthlyAdvances(amount, static_cast<int>(year), c.term);
        if (advances.empty()) {
            throw ValidationError(
                "BUDGET_OUTSIDE_TERM",
                "Budget year " + std::to_string(year) + " lies outside the contract term.",
                "budgets");
        }
        ctx.db.execute(
            "INSERT INTO contract_budgets (contract_id, year, budget_cents) VALUES (?,?,?)",
            {id, year, amount.cents()});
        for (const auto& a : advances) {
            ctx.db.execute(
                "INSERT INTO advances (contract_id, year, month, due_date, amount_cents) VALUES "
                "(?,?,?,?,?)",
                {id, std::int64_t{a.year}, std::int64_t{a.month}, formatDate(a.due),
                 a.amount.cents()});
        }
    }
    if (auto agreements = optionalArray(req.body, "performance_agreements", 100)) {
        for (std::size_t i = 0; i < agreements->size(); ++i) {
            auto a = objectAt(agreements, i, "performance_agreements");
            ctx.db.execute(
                "INSERT INTO performance_agreements (contract_id, indicator, target, unit) VALUES "
                "(?,?,?,?)",
                {id, requiredString(a, "indicator"), requiredInt(a, "target"),
                 requiredString(a, "unit", 60)});
        }
    }
    auto out = contractJson(ctx, id);
    appendAudit(
        ctx, {"contract.create", "contract", std::to_string(id), "ok", std::nullopt, toJson(out)});
    tx.commit();
    return {201, out};
}

}  // namespace zc::app
