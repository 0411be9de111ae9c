#include "procedures.hpp"

#include <algorithm>
#include <set>

#include "context.hpp"
#include "contracting/domain/application_rules.hpp"
#include "contracting/kernel/codes.hpp"
#include "contracting/kernel/errors.hpp"
#include "contracting/store/tariff_store.hpp"
#include "contracts.hpp"
#include "interfaces/http/tariff_json.hpp"

namespace zc::app {

using contracting::insertTariff;
using contracting::loadTariffSchedule;
using contracting::TariffOwner;
using http::tariffsJson;
using http::tariffVersionJson;
namespace {

using contracting::Assessment;
using contracting::RequirementAnswer;

constexpr const char* kProcedureColumns =
    "SELECT id, municipality_code, kind, name, term_start, term_end, applications_open"
    " FROM procedures";

struct Procedure {
    std::int64_t id;
    std::string municipality;
    std::string kind;
    Period term;
    bool applications_open;
};

Procedure loadProcedure(RequestContext& ctx, std::int64_t id, bool lock) {
    auto r = ctx.db.queryOne(
        std::string(kProcedureColumns) + " WHERE id = ?" + (lock ? " FOR UPDATE" : ""), {id});
    if (!r) notFound("Procedure " + std::to_string(id), "id");
    return {r->i64(0), r->str(1), r->str(2), Period{parseDate(r->str(4)), parseDate(r->str(5))},
            r->i64(6) != 0};
}

void requireProduct(RequestContext& ctx, const std::string& code, const std::string& field) {
    if (!ctx.db.queryOne("SELECT code FROM products WHERE code = ?", {code})) {
        throw ValidationError("UNKNOWN_PRODUCT", "Product " + code + " is not in the catalogue.",
                              field);
    }
}

std::string productUnit(RequestContext& ctx, const std::string& code) {
    return ctx.db.queryOne("SELECT unit FROM products WHERE code = ?", {code})->str(0);
}

std::vector<long long> ids(RequestContext& ctx, const std::string& sql, std::int64_t key) {
    std::vector<long long> out;
    for (const auto& r : ctx.db.query(sql, {key})) out.push_back(r.i64(0));
    return out;
}

std::vector<RequirementAnswer> loadAnswers(RequestContext& ctx, std::int64_t application_id) {
    std::vector<RequirementAnswer> out;
    for (const auto& r :
         ctx.db.query("SELECT requirement_id, answer, assessment FROM application_answers"
                      " WHERE application_id = ? ORDER BY requirement_id",
                      {application_id})) {
        const std::string a = r.str(2);
        out.push_back({r.i64(0), r.str(1),
                       a == "met" ? Assessment::Met
                                  : (a == "not_met" ? Assessment::NotMet : Assessment::Pending)});
    }
    return out;
}

Poco::JSON::Object::Ptr applicationJson(RequestContext& ctx, std::int64_t id) {
    auto r = ctx.db.queryOne(
        "SELECT a.id, a.procedure_id, a.provider_id, p.agb, p.name, a.status, a.submitted_at,"
        " a.decided_at, a.decided_by, a.reason FROM applications a"
        " JOIN providers p ON p.id = a.provider_id WHERE a.id = ?",
        {id});
    if (!r) notFound("Application " + std::to_string(id), "id");
    auto o = newObject();
    o->set("id", r->i64(0));
    o->set("procedure_id", r->i64(1));
    o->set("provider_id", r->i64(2));
    o->set("provider_agb", r->str(3));
    o->set("provider_name", r->str(4));
    o->set("status", r->str(5));
    o->set("submitted_at", r->str(6).substr(0, 19));
    setOptional(o, "decided_at", r->opt(7) ? std::optional(r->str(7).substr(0, 19)) : std::nullopt);
    setOptional(o, "decided_by", r->opt(8));
    setOptional(o, "reason", r->opt(9));
    auto lots = newArray();
    for (std::int64_t l :
         ids(ctx, "SELECT lot_id FROM application_lots WHERE application_id = ? ORDER BY lot_id",
             id)) {
        lots->add(l);
    }
    o->set("lots", lots);
    auto answers = newArray();
    for (const auto& a :
         ctx.db.query("SELECT requirement_id, answer, assessment, remark FROM application_answers"
                      " WHERE application_id = ? ORDER BY requirement_id",
                      {id})) {
        auto ao = newObject();
        ao->set("requirement_id", a.i64(0));
        ao->set("answer", a.str(1));
        ao->set("assessment", a.str(2));
        ao->set("remark", a.str(3));
        answers->add(ao);
    }
    o->set("answers", answers);
    auto contracts = newArray();
    for (std::int64_t c :
         ids(ctx, "SELECT id FROM contracts WHERE application_id = ? ORDER BY id", id)) {
        contracts->add(c);
    }
    o->set("contracts", contracts);
    return o;
}

}  // namespace

ApiResponse addLot(RequestContext& ctx, const ApiRequest& req) {
    const auto id = req.pathId("id");
    const auto name = requiredString(req.body, "name");
    auto products = stringArray(req.body, "products", 100);
    if (products.empty()) {
        throw ValidationError("MISSING_FIELD", "A lot needs at least one product.", "products");
    }
    std::sort(products.begin(), products.end());
    products.erase(std::unique(products.begin(), products.end()), products.end());
    db::Transaction tx(ctx.db);
    loadProcedure(ctx, id, true);
    for (const auto& p : products)
        requireProduct(ctx, ProductCode::parse(p, "products").str(), "products");
    ctx.db.execute("INSERT INTO lots (procedure_id, name) VALUES (?, ?)", {id, name});
    const auto lot_id = ctx.db.lastInsertId();
    auto out = newObject();
    out->set("id", lot_id);
    out->set("procedure_id", id);
    out->set("name", name);
    auto arr = newArray();
    for (const auto& p : products) {
        ctx.db.execute("INSERT INTO lot_products (lot_id, product_code) VALUES (?, ?)",
                       {lot_id, p});
        arr->add(p);
    }
    out->set("products", arr);
    appendAudit(ctx, {"procedure.add_lot", "procedure", std::to_string(id), "ok", std::nullopt,
                      toJson(out)});
    tx.commit();
    return {201, out};
}

ApiResponse addProcedureTariff(RequestContext& ctx, const ApiRequest& req) {
    const auto id = req.pathId("id");
    const auto product =
        ProductCode::parse(requiredString(req.body, "product_code", 5), "product_code").str();
    db::Transaction tx(ctx.db);
    loadProcedure(ctx, id, true);
    requireProduct(ctx, product, "product_code");
    contracting::TariffVersion v;
    v.unit =
        parseUnit(optionalString(req.body, "unit", 16).value_or(productUnit(ctx, product)), "unit");
    v.tariff = requiredCents(req.body, "tariff_cents");
    v.valid_from = requiredDate(req.body, "valid_from");
    v.valid_to = optionalDate(req.body, "valid_to");
    auto schedule = loadTariffSchedule(ctx.db, TariffOwner::Procedure, id, product);
    const auto& added = schedule.add(v);
    insertTariff(ctx.db, TariffOwner::Procedure, id, product, added, "published");
    auto out = tariffVersionJson(product, added);
    appendAudit(ctx, {"procedure.add_tariff", "procedure", std::to_string(id), "ok", std::nullopt,
                      toJson(out)});
    tx.commit();
    return {201, out};
}

ApiResponse submitApplication(RequestContext& ctx, const ApiRequest& req) {
    const auto id = req.pathId("id");
    const auto lots = intArray(req.body, "lots", 100);
    std::vector<RequirementAnswer> answers;
    auto arr = requiredArray(req.body, "answers", 500);
    for (std::size_t i = 0; i < arr->size(); ++i) {
        auto a = objectAt(arr, i, "answers");
        answers.push_back({requiredInt(a, "requirement_id"), requiredString(a, "answer", 4000)});
    }
    db::Transaction tx(ctx.db);
    const auto p = loadProcedure(ctx, id, true);
    contracting::checkNewApplication(
        p.applications_open, p.term, ctx.today(), std::vector<long long>(lots.begin(), lots.end()),
        ids(ctx, "SELECT id FROM lots WHERE procedure_id = ?", id),
        ids(ctx, "SELECT id FROM requirements WHERE procedure_id = ?", id), answers);
    if (ctx.db.queryOne(
            "SELECT a.id FROM applications a JOIN application_lots l ON l.application_id = a.id"
            " WHERE a.procedure_id = ? AND a.provider_id = ? AND a.status = 'submitted' LIMIT 1",
            {id, ctx.actor.provider_id})) {
        throw ValidationError("APPLICATION_PENDING",
                              "This provider has an application for this procedure that is still "
                              "being assessed.",
                              "");
    }
    for (const auto lot : lots) {
        if (ctx.db.queryOne("SELECT id FROM contracts WHERE provider_id = ? AND lot_id = ?"
                            " AND status IN ('draft','active','suspended') LIMIT 1",
                            {ctx.actor.provider_id, lot})) {
            throw ValidationError(
                "ALREADY_CONTRACTED",
                "This provider holds a contract for lot " + std::to_string(lot) + " already.",
                "lots");
        }
    }
    ctx.db.execute(
        "INSERT INTO applications (procedure_id, provider_id, submitted_at) VALUES (?, ?, ?)",
        {id, ctx.actor.provider_id, timestamp(ctx.clock)});
    const auto app_id = ctx.db.lastInsertId();
    for (auto lot : std::set<std::int64_t>(lots.begin(), lots.end())) {
        ctx.db.execute("INSERT INTO application_lots (application_id, lot_id) VALUES (?, ?)",
                       {app_id, lot});
    }
    for (const auto& a : answers) {
        ctx.db.execute(
            "INSERT INTO application_answers (application_id, requirement_id, answer) VALUES "
            "(?,?,?)",
            {app_id, static_cast<std::int64_t>(a.requirement_id), a.answer});
    }
    auto out = applicationJson(ctx, app_id);
    appendAudit(ctx, {"application.submit", "application", std::to_string(app_id), "ok",
                      std::nullopt, toJson(out)});
    tx.commit();
    return {201, out};
}

ApiResponse decideApplication(RequestContext& ctx, const ApiRequest& req) {
    const auto id = req.pathId("id");
    const auto decision = requiredString(req.body, "decision", 10);
    const auto reason = optionalString(req.body, "reason", 2000).value_or("");
    if (decision != "admit" && decision != "reject") {
        throw ValidationError("INVALID_DECISION", "Decision must be admit or reject.", "decision");
    }
    db::Transaction tx(ctx.db);
    auto a = ctx.db.queryOne(
        "SELECT status, procedure_id, provider_id FROM applications WHERE id = ? FOR UPDATE", {id});
    if (!a) notFound("Application " + std::to_string(id), "id");
    const auto answers = loadAnswers(ctx, id);
    if (decision == "reject") {
        contracting::checkRejection(a->str(0), reason);
    } else {
        contracting::checkAdmission(a->str(0), answers);
    }
    const std::string status = decision == "admit" ? "admitted" : "rejected";
    ctx.db.execute(
        "UPDATE applications SET status = ?, decided_at = ?, decided_by = ?, reason = ? WHERE id = "
        "?",
        {status, timestamp(ctx.clock), ctx.actor.name, reason, id});
    if (decision == "admit") {
        const auto p = loadProcedure(ctx, a->i64(1), true);
        const Period term = contracting::contractTermOnAdmission(p.term, ctx.today());
        if (!term.isValid()) {
            throw ValidationError("PROCEDURE_ENDED",
                                  "The procedure's term has ended; no contract can start now.",
                                  "decision");
        }
        for (std::int64_t lot :
             ids(ctx,
                 "SELECT lot_id FROM application_lots WHERE application_id = ? ORDER BY lot_id",
                 id)) {
            std::vector<std::string> products;
            for (const auto& r : ctx.db.query(
                     "SELECT product_code FROM lot_products WHERE lot_id = ? ORDER BY product_code",
                     {lot})) {
                products.push_back(r.str(0));
            }
            createFrameworkContractFromProcedure(ctx, a->i64(2), p.id, lot, id, products, term);
        }
    }
    auto out = applicationJson(ctx, id);
    appendAudit(ctx, {"application." + decision, "application", std::to_string(id), "ok",
                      "{\"status\":\"submitted\"}", toJson(out)});
    tx.commit();
    return {200, out};
}

}  // namespace zc::app
