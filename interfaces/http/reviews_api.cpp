#include "reviews_api.hpp"

#include "billing/app/review_decisions.hpp"
#include "billing/app/review_queue.hpp"
#include "interfaces/iwmo/exchange/wmo325_answers.hpp"
#include "invoicing/app/claim_payables.hpp"
#include "json_input.hpp"
#include "json_output.hpp"
#include "review_json.hpp"

namespace zc::http {

ApiResponse listReviews(RequestContext& ctx, const ApiRequest& req) {
    billing::ReviewFilter filter;
    filter.status = req.queryValue("status");
    filter.provider_id = queryIdParam(req.query, "provider_id");
    filter.list = listQueryFrom(req.query);
    const auto page = billing::listReviews(ctx, filter);
    std::string text;
    appendReviewsJson(page.items, text);
    auto answer = jsonTextAnswer(200, std::move(text));
    answer.total_count = page.total;
    return answer;
}

ApiResponse getReview(RequestContext& ctx, const ApiRequest& req) {
    std::string text;
    appendReviewJson(billing::getReview(ctx, req.pathId("id")), text);
    return jsonTextAnswer(200, std::move(text));
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
