#include "procedures.hpp"

#include "context.hpp"
#include "contracting/domain/application_rules.hpp"
#include "contracting/kernel/codes.hpp"
#include "contracting/kernel/errors.hpp"
#include "contracts.hpp"

namespace zc::app {

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
