#include "procedures_api.hpp"

#include <algorithm>

#include "contracting/app/procedures.hpp"
#include "contracting/kernel/codes.hpp"
#include "contracting/kernel/errors.hpp"
#include "contracting/kernel/unit.hpp"
#include "json_input.hpp"
#include "json_output.hpp"
#include "tariff_json.hpp"

namespace zc::http {
namespace {

Poco::JSON::Object::Ptr procedureJson(const contracting::Procedure& p) {
    auto o = newObject();
    o->set("id", p.id);
    o->set("municipality_code", p.municipality_code);
    o->set("kind", p.kind);
    o->set("name", p.name);
    o->set("term_start", formatDate(p.term_start));
    o->set("term_end", formatDate(p.term_end));
    o->set("applications_open", p.applications_open);
    return o;
}

Poco::JSON::Array::Ptr lotsJson(const std::vector<contracting::Lot>& lots) {
    auto out = newArray();
    for (const auto& lot : lots) {
        auto o = newObject();
        o->set("id", lot.id);
        o->set("name", lot.name);
        auto products = newArray();
        for (const auto& p : lot.products) products->add(p);
        o->set("products", products);
        out->add(o);
    }
    return out;
}

Poco::JSON::Array::Ptr requirementsJson(const std::vector<contracting::Requirement>& reqs) {
    auto out = newArray();
    for (const auto& q : reqs) {
        auto o = newObject();
        o->set("id", q.id);
        o->set("text", q.text);
        out->add(o);
    }
    return out;
}

Poco::JSON::Array::Ptr idsJson(const std::vector<std::int64_t>& ids) {
    auto out = newArray();
    for (const auto id : ids) out->add(id);
    return out;
}

Poco::JSON::Object::Ptr applicationJson(const contracting::Application& a) {
    auto o = newObject();
    o->set("id", a.id);
    o->set("procedure_id", a.procedure_id);
    o->set("provider_id", a.provider_id);
    o->set("provider_agb", a.provider_agb);
    o->set("provider_name", a.provider_name);
    o->set("status", a.status);
    o->set("submitted_at", a.submitted_at);
    setOptional(o, "decided_at", a.decided_at);
    setOptional(o, "decided_by", a.decided_by);
    setOptional(o, "reason", a.reason);
    o->set("lots", idsJson(a.lots));
    auto answers = newArray();
    for (const auto& an : a.answers) {
        auto ao = newObject();
        ao->set("requirement_id", an.requirement_id);
        ao->set("answer", an.answer);
        ao->set("assessment", an.assessment);
        ao->set("remark", an.remark);
        answers->add(ao);
    }
    o->set("answers", answers);
    o->set("contracts", idsJson(a.contracts));
    return o;
}

}  // namespace

ApiResponse createProcedure(RequestContext& ctx, const ApiRequest& req) {
    contracting::Procedure in;
    in.municipality_code = MunicipalityCode::parse(requiredString(req.body, "municipality_code", 4),
                                                   "municipality_code")
                               .str();
    in.kind = requiredString(req.body, "kind", 16);
    if (in.kind != "open" && in.kind != "negotiated" && in.kind != "continuation") {
        throw ValidationError(
            "INVALID_PROCEDURE_KIND",
            "Kind must be open (bestuurlijke aanbesteding), negotiated or continuation.", "kind");
    }
    in.name = requiredString(req.body, "name");
    in.term_start = requiredDate(req.body, "term_start");
    in.term_end = requiredDate(req.body, "term_end");
    if (!(in.term_start < in.term_end)) {
        throw ValidationError("INVALID_PERIOD", "term_end must lie after term_start.", "term_end");
    }
    in.applications_open = optionalBool(req.body, "applications_open", in.kind == "open");
    return {201, procedureJson(contracting::createProcedure(ctx, in))};
}

ApiResponse listProcedures(RequestContext& ctx, const ApiRequest& req) {
    const auto page = pageFrom(req.query);
    const auto list = contracting::listProcedures(ctx, page.limit, page.offset);
    auto out = newArray();
    for (const auto& p : list.items) out->add(procedureJson(p));
    return pagedAnswer(out, list.total);
}

ApiResponse getProcedure(RequestContext& ctx, const ApiRequest& req) {
    const auto d = contracting::getProcedure(ctx, req.pathId("id"));
    auto o = procedureJson(d.procedure);
    o->set("lots", lotsJson(d.lots));
    o->set("requirements", requirementsJson(d.requirements));
    o->set("tariffs", tariffsJson(d.tariffs));
    return {200, o};
}

ApiResponse setApplicationsOpen(RequestContext& ctx, const ApiRequest& req) {
    const auto id = req.pathId("id");
    if (!req.body->has("open")) {
        throw ValidationError("MISSING_FIELD", "The field 'open' is required.", "open");
    }
    const bool open = optionalBool(req.body, "open", false);
    return {200, procedureJson(contracting::setApplicationsOpen(ctx, id, open))};
}

ApiResponse addLot(RequestContext& ctx, const ApiRequest& req) {
    contracting::NewLot in;
    in.procedure_id = req.pathId("id");
    in.name = requiredString(req.body, "name");
    in.products = stringArray(req.body, "products", 100);
    if (in.products.empty()) {
        throw ValidationError("MISSING_FIELD", "A lot needs at least one product.", "products");
    }
    std::sort(in.products.begin(), in.products.end());
    in.products.erase(std::unique(in.products.begin(), in.products.end()), in.products.end());
    const auto lot = contracting::addLot(ctx, in);
    auto out = newObject();
    out->set("id", lot.id);
    out->set("procedure_id", in.procedure_id);
    out->set("name", lot.name);
    auto products = newArray();
    for (const auto& p : lot.products) products->add(p);
    out->set("products", products);
    return {201, out};
}

ApiResponse addProcedureTariff(RequestContext& ctx, const ApiRequest& req) {
    const auto id = req.pathId("id");
    const auto product =
        ProductCode::parse(requiredString(req.body, "product_code", 5), "product_code").str();
    const auto read = [&req](const std::string& product_unit) {
        contracting::TariffVersion v;
        v.unit = parseUnit(optionalString(req.body, "unit", 16).value_or(product_unit), "unit");
        v.tariff = requiredCents(req.body, "tariff_cents");
        v.valid_from = requiredDate(req.body, "valid_from");
        v.valid_to = optionalDate(req.body, "valid_to");
        return v;
    };
    const auto added = contracting::addProcedureTariff(ctx, id, product, read);
    return {201, tariffVersionJson(added.product_code, added.version)};
}

ApiResponse addRequirement(RequestContext& ctx, const ApiRequest& req) {
    const auto id = req.pathId("id");
    const auto text = requiredString(req.body, "text", 2000);
    const auto added = contracting::addRequirement(ctx, id, text);
    auto out = newObject();
    out->set("id", added.id);
    out->set("procedure_id", added.procedure_id);
    out->set("text", added.text);
    return {201, out};
}

ApiResponse indexProcedure(RequestContext& ctx, const ApiRequest& req) {
    const auto id = req.pathId("id");
    const auto pct = Percentage::parse(requiredString(req.body, "percentage", 16), "percentage");
    const Date from = requiredDate(req.body, "from");
    const auto done = contracting::indexProcedure(ctx, id, pct, from);
    auto out = newObject();
    out->set("procedure_id", done.procedure_id);
    out->set("percentage", done.percentage.toString());
    out->set("from", formatDate(done.from));
    out->set("procedure_tariff_versions", done.procedure_tariff_versions);
    out->set("contract_tariff_versions", done.contract_tariff_versions);
    return {201, out};
}

ApiResponse submitApplication(RequestContext& ctx, const ApiRequest& req) {
    contracting::NewApplication in;
    in.procedure_id = req.pathId("id");
    in.lots = intArray(req.body, "lots", 100);
    auto arr = requiredArray(req.body, "answers", 500);
    for (std::size_t i = 0; i < arr->size(); ++i) {
        auto a = objectAt(arr, i, "answers");
        in.answers.push_back({requiredInt(a, "requirement_id"), requiredString(a, "answer", 4000)});
    }
    return {201, applicationJson(contracting::submitApplication(ctx, in))};
}

ApiResponse listApplications(RequestContext& ctx, const ApiRequest& req) {
    contracting::ApplicationFilter filter;
    filter.status = req.queryValue("status");
    filter.procedure_id = queryIdParam(req.query, "procedure");
    const auto page = pageFrom(req.query);
    filter.limit = page.limit;
    filter.offset = page.offset;
    const auto list = contracting::listApplications(ctx, filter);
    auto out = newArray();
    for (const auto& a : list.items) out->add(applicationJson(a));
    return pagedAnswer(out, list.total);
}

ApiResponse getApplication(RequestContext& ctx, const ApiRequest& req) {
    return {200, applicationJson(contracting::getApplication(ctx, req.pathId("id")))};
}

ApiResponse assessRequirement(RequestContext& ctx, const ApiRequest& req) {
    contracting::AnswerAssessment in;
    in.application_id = req.pathId("id");
    in.requirement_id = requiredInt(req.body, "requirement_id");
    if (!req.body->has("met")) {
        throw ValidationError("MISSING_FIELD", "The field 'met' (true or false) is required.",
                              "met");
    }
    in.met = optionalBool(req.body, "met", false);
    in.remark = optionalString(req.body, "remark", 2000).value_or("");
    in.assessor = ctx.actor.name;
    return {200, applicationJson(contracting::assessRequirement(ctx, in))};
}

ApiResponse decideApplication(RequestContext& ctx, const ApiRequest& req) {
    contracting::ApplicationDecision in;
    in.application_id = req.pathId("id");
    const auto decision = requiredString(req.body, "decision", 10);
    in.reason = optionalString(req.body, "reason", 2000).value_or("");
    if (decision != "admit" && decision != "reject") {
        throw ValidationError("INVALID_DECISION", "Decision must be admit or reject.", "decision");
    }
    in.decision =
        decision == "admit" ? contracting::Decision::Admit : contracting::Decision::Reject;
    return {200, applicationJson(contracting::decideApplication(ctx, in))};
}

}  // namespace zc::http
