#include "reviews_api.hpp"

#include "billing/app/review_decisions.hpp"
#include "billing/app/review_queue.hpp"
#include "interfaces/iwmo/exchange/wmo325_answers.hpp"
#include "invoicing/app/claim_payables.hpp"
#include "json_input.hpp"
#include "json_output.hpp"

namespace zc::http {
namespace {

Poco::JSON::Object::Ptr capJson(const billing::CapUse& c) {
    auto o = newObject();
    o->set("volume", c.cap.volume);
    o->set("unit", unitName(c.cap.unit));
    o->set("frequency", frequencyName(c.cap.frequency));
    o->set("counting_unit", unitName(c.counting_unit));
    o->set("max_in_period",
           c.max_in_period ? Poco::Dynamic::Var(*c.max_in_period) : Poco::Dynamic::Var());
    o->set("used_in_period", c.used_in_period);
    o->set("max_total", c.max_total ? Poco::Dynamic::Var(*c.max_total) : Poco::Dynamic::Var());
    o->set("used_total", c.used_total);
    return o;
}

Poco::JSON::Object::Ptr reviewJson(const billing::ReviewView& v) {
    const auto& r = v.review;
    auto o = newObject();
    o->set("id", r.id);
    o->set("declaration_id", r.declaration_id);
    o->set("code", r.code);
    o->set("message", r.message);
    o->set("status", std::string(billing::reviewStatusName(r.status)));
    o->set("due_date", r.due_date);
    o->set("overdue", v.overdue);
    o->set("provider_agb", r.provider_agb);
    o->set("reference", r.reference);
    o->set("allocation_number", r.allocation_number);
    o->set("product_code", r.product_code);
    o->set("period_start", r.period_start);
    o->set("period_end", r.period_end);
    o->set("volume", r.volume);
    o->set("unit", r.unit);
    o->set("amount_cents", r.amount_cents);
    setOptional(o, "decided_by", r.decided_by);
    setOptional(o, "reason", r.reason);
    o->set("escalated", r.escalated);
    o->set("claim_line_id", r.claim_line_id);
    o->set("cap", v.cap ? Poco::Dynamic::Var(capJson(*v.cap)) : Poco::Dynamic::Var());
    o->set("provider_name", r.provider_name);
    o->set("declaration_number", r.declaration_number);
    return o;
}

}  // namespace

ApiResponse listReviews(RequestContext& ctx, const ApiRequest& req) {
    billing::ReviewFilter filter;
    filter.status = req.queryValue("status");
    filter.provider_id = queryIdParam(req.query, "provider_id");
    filter.list = listQueryFrom(req.query);
    const auto page = billing::listReviews(ctx, filter);
    auto out = newArray();
    for (const auto& v : page.items) out->add(reviewJson(v));
    return pagedAnswer(out, page.total);
}

ApiResponse getReview(RequestContext& ctx, const ApiRequest& req) {
    return {200, reviewJson(billing::getReview(ctx, req.pathId("id")))};
}

ApiResponse decideReview(RequestContext& ctx, const ApiRequest& req) {
    billing::ReviewDecisionInput in;
    in.review_id = req.pathId("id");
    const std::string decision = requiredString(req.body, "decision", 10);
    in.reason = requiredString(req.body, "reason", 2000);
    in.decision = billing::parseReviewDecision(decision);
    invoicing::ClaimPayables payables(ctx);
    iwmo::Wmo325Answers answers(ctx);
    const auto r = billing::decideReview(ctx, payables, answers, in);
    auto out = newObject();
    out->set("status", std::string(billing::reviewStatusName(r.review_status)));
    if (r.answered_before) {
        out->set("message",
                 "The WMO325 had already answered this line as not accepted; it is not paid "
                 "unless the provider sends it again.");
    }
    return {200, out};
}

ApiResponse answerOverdueApi(RequestContext& ctx, const ApiRequest&) {
    auto out = newObject();
    out->set("answered", iwmo::answerOverdueDeclarations(ctx));
    return {200, out};
}

}  // namespace zc::http
