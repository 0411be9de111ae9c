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
using contracting::tariffProducts;
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

Poco::JSON::Object::Ptr procedureJson(const db::Row& r) {
    auto o = newObject();
    o->set("id", r.i64(0));
    o->set("municipality_code", r.str(1));
    o->set("kind", r.str(2));
    o->set("name", r.str(3));
    o->set("term_start", r.str(4));
    o->set("term_end", r.str(5));
    o->set("applications_open", r.i64(6) != 0);
    return o;
}

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

Poco::JSON::Array::Ptr lotsJson(RequestContext& ctx, std::int64_t procedure_id) {
    auto out = newArray();
    for (const auto& r : ctx.db.query(
             "SELECT id, name FROM lots WHERE procedure_id = ? ORDER BY id", {procedure_id})) {
        auto o = newObject();
        o->set("id", r.i64(0));
        o->set("name", r.str(1));
        auto products = newArray();
        for (const auto& p : ctx.db.query(
                 "SELECT product_code FROM lot_products WHERE lot_id = ? ORDER BY product_code",
                 {r.i64(0)})) {
            products->add(p.str(0));
        }
        o->set("products", products);
        out->add(o);
    }
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

void checkOwnApplication(RequestContext& ctx, std::int64_t application_id) {
    if (ctx.actor.role != Role::Provider) return;
    auto r = ctx.db.queryOne("SELECT provider_id FROM applications WHERE id = ?", {application_id});
    if (!r || r->i64(0) != ctx.actor.provider_id)
        notFound("Application " + std::to_string(application_id), "id");
}

}  // namespace

ApiResponse createProcedure(RequestContext& ctx, const ApiRequest& req) {
    const auto municipality =
        MunicipalityCode::parse(requiredString(req.body, "municipality_code", 4),
                                "municipality_code")
            .str();
    const auto kind = requiredString(req.body, "kind", 16);
    if (kind != "open" && kind != "negotiated" && kind != "continuation") {
        throw ValidationError(
            "INVALID_PROCEDURE_KIND",
            "Kind must be open (bestuurlijke aanbesteding), negotiated or continuation.", "kind");
    }
    const auto name = requiredString(req.body, "name");
    const Date start = requiredDate(req.body, "term_start");
    const Date end = requiredDate(req.body, "term_end");
    if (!(start < end)) {
        throw ValidationError("INVALID_PERIOD", "term_end must lie after term_start.", "term_end");
    }
    const bool open = optionalBool(req.body, "applications_open", kind == "open");
    db::Transaction tx(ctx.db);
    if (!ctx.db.queryOne("SELECT code FROM municipalities WHERE code = ?", {municipality})) {
        throw ValidationError("UNKNOWN_MUNICIPALITY",
                              "Municipality " + municipality + " is not known.",
                              "municipality_code");
    }
    ctx.db.execute(
        "INSERT INTO procedures (municipality_code, kind, name, term_start, term_end, "
        "applications_open)"
        " VALUES (?,?,?,?,?,?)",
        {municipality, kind, name, formatDate(start), formatDate(end), std::int64_t{open ? 1 : 0}});
    const auto id = ctx.db.lastInsertId();
    auto out =
        procedureJson(*ctx.db.queryOne(std::string(kProcedureColumns) + " WHERE id = ?", {id}));
    appendAudit(ctx, {"procedure.create", "procedure", std::to_string(id), "ok", std::nullopt,
                      toJson(out)});
    tx.commit();
    return {201, out};
}

ApiResponse listProcedures(RequestContext& ctx, const ApiRequest&) {
    auto out = newArray();
    for (const auto& r : ctx.db.query(std::string(kProcedureColumns) + " ORDER BY id")) {
        out->add(procedureJson(r));
    }
    return {200, out};
}

ApiResponse getProcedure(RequestContext& ctx, const ApiRequest& req) {
    const auto id = req.pathId("id");
    auto r = ctx.db.queryOne(std::string(kProcedureColumns) + " WHERE id = ?", {id});
    if (!r) notFound("Procedure " + std::to_string(id), "id");
    auto o = procedureJson(*r);
    o->set("lots", lotsJson(ctx, id));
    auto reqs = newArray();
    for (const auto& q : ctx.db.query(
             "SELECT id, text FROM requirements WHERE procedure_id = ? ORDER BY id", {id})) {
        auto qo = newObject();
        qo->set("id", q.i64(0));
        qo->set("text", q.str(1));
        reqs->add(qo);
    }
    o->set("requirements", reqs);
    o->set("tariffs", tariffsJson(contracting::storedTariffs(ctx.db, TariffOwner::Procedure, id)));
    return {200, o};
}

ApiResponse setApplicationsOpen(RequestContext& ctx, const ApiRequest& req) {
    const auto id = req.pathId("id");
    if (!req.body->has("open")) {
        throw ValidationError("MISSING_FIELD", "The field 'open' is required.", "open");
    }
    const bool open = optionalBool(req.body, "open", false);
    db::Transaction tx(ctx.db);
    const auto p = loadProcedure(ctx, id, true);
    if (open && p.kind != "open") {
        throw ValidationError(
            "NOT_OPEN_PROCEDURE",
            "Only an open procedure (bestuurlijke aanbesteding) takes applications.", "open");
    }
    ctx.db.execute("UPDATE procedures SET applications_open = ? WHERE id = ?",
                   {std::int64_t{open ? 1 : 0}, id});
    appendAudit(ctx, {"procedure.applications_open", "procedure", std::to_string(id), "ok",
                      std::string("{\"applications_open\":") +
                          (p.applications_open ? "true" : "false") + "}",
                      std::string("{\"applications_open\":") + (open ? "true" : "false") + "}"});
    tx.commit();
    auto out =
        procedureJson(*ctx.db.queryOne(std::string(kProcedureColumns) + " WHERE id = ?", {id}));
    return {200, out};
}

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

ApiResponse addRequirement(RequestContext& ctx, const ApiRequest& req) {
    const auto id = req.pathId("id");
    const auto text = requiredString(req.body, "text", 2000);
    db::Transaction tx(ctx.db);
    loadProcedure(ctx, id, true);
    ctx.db.execute("INSERT INTO requirements (procedure_id, text) VALUES (?, ?)", {id, text});
    auto out = newObject();
    out->set("id", ctx.db.lastInsertId());
    out->set("procedure_id", id);
    out->set("text", text);
    appendAudit(ctx, {"procedure.add_requirement", "procedure", std::to_string(id), "ok",
                      std::nullopt, toJson(out)});
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

ApiResponse indexProcedure(RequestContext& ctx, const ApiRequest& req) {
    const auto id = req.pathId("id");
    const auto pct = Percentage::parse(requiredString(req.body, "percentage", 16), "percentage");
    const Date from = requiredDate(req.body, "from");
    db::Transaction tx(ctx.db);
    loadProcedure(ctx, id, true);
    int procedure_versions = 0;
    for (const auto& product : tariffProducts(ctx.db, TariffOwner::Procedure, id)) {
        auto schedule = loadTariffSchedule(ctx.db, TariffOwner::Procedure, id, product);
        auto next = schedule.indexation(pct, from);
        if (!next) continue;
        const auto& added = schedule.add(*next);
        insertTariff(ctx.db, TariffOwner::Procedure, id, product, added,
                     "indexation " + pct.toString() + "%");
        ++procedure_versions;
    }
    int contract_versions = 0;
    for (const auto& r :
         ctx.db.query("SELECT id FROM contracts WHERE procedure_id = ? AND kind = 'framework'"
                      " AND status IN ('draft','active','suspended') AND term_end > ? ORDER BY id"
                      " FOR UPDATE",
                      {id, formatDate(from)})) {
        contract_versions += indexContractTariffs(ctx, r.i64(0), pct, from);
    }
    auto out = newObject();
    out->set("procedure_id", id);
    out->set("percentage", pct.toString());
    out->set("from", formatDate(from));
    out->set("procedure_tariff_versions", procedure_versions);
    out->set("contract_tariff_versions", contract_versions);
    appendAudit(ctx, {"procedure.indexation", "procedure", std::to_string(id), "ok", std::nullopt,
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

ApiResponse listApplications(RequestContext& ctx, const ApiRequest& req) {
    const std::string status = req.queryValue("status");
    const std::int64_t provider = ctx.actor.role == Role::Provider ? ctx.actor.provider_id : 0;
    auto out = newArray();
    for (const auto& r : ctx.db.query("SELECT id FROM applications WHERE (? = '' OR status = ?) "
                                      "AND (? = 0 OR provider_id = ?)"
                                      " ORDER BY id LIMIT 1000",
                                      {status, status, provider, provider})) {
        out->add(applicationJson(ctx, r.i64(0)));
    }
    return {200, out};
}

ApiResponse getApplication(RequestContext& ctx, const ApiRequest& req) {
    const auto id = req.pathId("id");
    checkOwnApplication(ctx, id);
    return {200, applicationJson(ctx, id)};
}

ApiResponse assessRequirement(RequestContext& ctx, const ApiRequest& req) {
    const auto id = req.pathId("id");
    const auto requirement = requiredInt(req.body, "requirement_id");
    if (!req.body->has("met")) {
        throw ValidationError("MISSING_FIELD", "The field 'met' (true or false) is required.",
                              "met");
    }
    const bool met = optionalBool(req.body, "met", false);
    const auto remark = optionalString(req.body, "remark", 2000).value_or("");
    if (!met && remark.empty()) {
        throw ValidationError("REASON_REQUIRED", "Say why a requirement is not met (remark).",
                              "remark");
    }
    db::Transaction tx(ctx.db);
    auto a = ctx.db.queryOne("SELECT status FROM applications WHERE id = ? FOR UPDATE", {id});
    if (!a) notFound("Application " + std::to_string(id), "id");
    if (a->str(0) != "submitted") {
        throw ValidationError("APPLICATION_DECIDED", "This application has been decided already.",
                              "");
    }
    auto before = ctx.db.queryOne(
        "SELECT assessment, remark FROM application_answers WHERE application_id = ? AND "
        "requirement_id = ?",
        {id, requirement});
    if (!before)
        notFound("Requirement " + std::to_string(requirement) + " in this application",
                 "requirement_id");
    ctx.db.execute(
        "UPDATE application_answers SET assessment = ?, remark = ?, assessed_by = ?"
        " WHERE application_id = ? AND requirement_id = ?",
        {std::string(met ? "met" : "not_met"), remark, ctx.actor.name, id, requirement});
    appendAudit(ctx, {"application.assess", "application", std::to_string(id), "ok",
                      "{\"requirement_id\":" + std::to_string(requirement) + ",\"assessment\":\"" +
                          before->str(0) + "\"}",
                      "{\"requirement_id\":" + std::to_string(requirement) + ",\"assessment\":\"" +
                          (met ? "met" : "not_met") + "\"}"});
    tx.commit();
    return {200, applicationJson(ctx, id)};
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
