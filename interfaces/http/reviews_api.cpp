#include "reviews_api.hpp"

#include "billing/app/review_decisions.hpp"
#include "interfaces/app/claims.hpp"
#include "invoicing/app/claim_payables.hpp"
#include "json_input.hpp"
#include "json_output.hpp"

namespace zc::http {

ApiResponse decideReview(RequestContext& ctx, const ApiRequest& req) {
    billing::ReviewDecisionInput in;
    in.review_id = req.pathId("id");
    const std::string decision = requiredString(req.body, "decision", 10);
    in.reason = requiredString(req.body, "reason", 2000);
    in.decision = billing::parseReviewDecision(decision);
    invoicing::ClaimPayables payables(ctx);
    app::Wmo325Answers answers(ctx);
    const auto r = billing::decideReview(ctx, payables, answers, in);
    auto out = newObject();
    out->set("status", r.review_status);
    if (r.answered_before) {
        out->set("message",
                 "The WMO325 had already answered this line as not accepted; it is not paid "
                 "unless the provider sends it again.");
    }
    return {200, out};
}

ApiResponse answerOverdueApi(RequestContext& ctx, const ApiRequest&) {
    auto out = newObject();
    out->set("answered", app::answerOverdueDeclarations(ctx));
    return {200, out};
}

}  // namespace zc::http
