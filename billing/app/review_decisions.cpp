#include "review_decisions.hpp"

#include "contracting/kernel/errors.hpp"
#include "contracting/kernel/staff_scope.hpp"
#include "interfaces/mysql/connection.hpp"
#include "interfaces/security/audit_trail.hpp"

namespace zc::billing {
namespace {

constexpr int kMaxReviewPaymentTermDays = 60;

// `text` as a JSON string, escaped as the audit trail's JSON writer escapes it.
std::string jsonString(const std::string& text) {
    const std::string object = security::AuditRecord().set("v", text).json();
    return object.substr(5, object.size() - 6);  // {"v":…}
}

// What accepting the line awards, for invoicing: its amount (negative for a credit) on its
// product category, due a payment term after the declaration came in.
AwardedClaims awardedOnReview(ReviewStore& store, const Decider& who, const ReviewItem& v,
                              std::int64_t amount) {
    AwardedClaims awarded;
    awarded.provider_id = v.provider_id;
    awarded.municipality_code = v.municipality_code;
    awarded.source_type = "review";
    awarded.source_id = v.claim_line_id;
    awarded.journal_source = "claim-line:" + std::to_string(v.claim_line_id);
    awarded.booked_on = who.clock.today();
    const Date received = store.receivedOn(v.declaration_id);
    // As invoicing's payables allow (it refused a longer term here before the move).
    if (who.payment_term_days < 0 || who.payment_term_days > kMaxReviewPaymentTermDays) {
        throw ValidationError("INVALID_PAYMENT_TERM",
                              "The payment term must be between 0 and 60 days.",
                              "payment_term_days");
    }
    awarded.due = addDays(received, who.payment_term_days);
    awarded.cost_year = v.cost_year;
    awarded.by_category = {{v.category, Money::fromCents(amount)}};
    return awarded;
}

}  // namespace

ReviewDecision parseReviewDecision(const std::string& text) {
    if (text == "accept") return ReviewDecision::Accept;
    if (text == "reject") return ReviewDecision::Reject;
    throw ValidationError("INVALID_DECISION", "Decision must be accept or reject.", "decision");
}

std::string_view reviewDecisionName(ReviewDecision d) {
    return d == ReviewDecision::Accept ? "accept" : "reject";
}

ReviewDecisionResult decideReviewOn(ReviewStore& store, AwardedClaimsPort& awarded,
                                    ReviewedDeclarationsPort& answers, const Decider& who,
                                    const ReviewDecisionInput& in) {
    const auto v = store.lockReview(in.review_id);
    if (!v) {
        throw ValidationError(
            "NOT_FOUND", "Review item " + std::to_string(in.review_id) + " does not exist.", "id");
    }
    if (v->status != ReviewStatus::Open) {
        throw ValidationError("REVIEW_DECIDED", "This line has been decided already.", "");
    }
    // The WMO325 went out on the due date with the line as not accepted: that answer stands,
    // whatever the decision. The line is paid only if the provider sends it again.
    ReviewDecisionResult r;
    r.claim_line_id = v->claim_line_id;
    r.answered_before = v->escalated;
    const bool accept = in.decision == ReviewDecision::Accept && !r.answered_before;
    r.review_status = r.answered_before ? ReviewStatus::AnsweredNotAccepted
                      : accept          ? ReviewStatus::Accepted
                                        : ReviewStatus::Rejected;
    store.recordDecision(in.review_id, r.review_status, app::timestamp(who.clock), who.actor,
                         in.reason);
    const auto line_status = accept ? LineStatus::Accepted : LineStatus::Rejected;
    store.setLineStatus(v->claim_line_id, line_status);
    // An open review's line is always held for review (ClaimProcessor writes both at once).
    awarded.lineStatusChanged(v->claim_line_id, LineStatus::Review, line_status);
    if (accept) {
        const std::int64_t amount = v->credit ? -v->amount_cents : v->amount_cents;
        store.addAwarded(v->declaration_id, amount);
        awarded.announce(awardedOnReview(store, who, *v, amount));
    }
    // The last decision answers the declaration, unless its answer already went out on the due
    // date (escalated reviews).
    if (!store.hasOpenReview(v->declaration_id) &&
        store.answerIfAwaitingReview(v->declaration_id, app::timestamp(who.clock))) {
        answers.declarationAnswered(v->declaration_id);
    }
    return r;
}

ReviewDecisionResult decideReview(app::RequestContext& ctx, AwardedClaimsPort& awarded,
                                  ReviewedDeclarationsPort& answers,
                                  const ReviewDecisionInput& in) {
    db::Transaction tx(ctx.db);
    MariaDbReviews store(ctx.db);
    // A staff user decides only on lines owed by a municipality they work for.
    if (const auto v = store.lockReview(in.review_id)) {
        app::requireWorksFor(ctx.actor, v->municipality_code, "review_item",
                             std::to_string(in.review_id),
                             "Review item " + std::to_string(in.review_id));
    }
    const auto r = decideReviewOn(store, awarded, answers,
                                  {ctx.clock, ctx.actor.name, ctx.config.payment_term_days}, in);
    // The after is written by hand: "status" before "reason", as it always was.
    security::appendAudit(ctx,
                          {"review." + std::string(reviewDecisionName(in.decision)), "claim_line",
                           std::to_string(r.claim_line_id), "ok", "{\"status\":\"review\"}",
                           "{\"status\":\"" + std::string(reviewStatusName(r.review_status)) +
                               "\",\"reason\":" + jsonString(in.reason) + "}"});
    tx.commit();
    return r;
}

int answerOverdueDeclarations(app::RequestContext& ctx, ReviewedDeclarationsPort& answers) {
    const std::string now = app::timestamp(ctx.clock);
    db::Transaction tx(ctx.db);
    MariaDbReviews store(ctx.db);
    const int answered = answerOverdueOn(
        store, answers, ctx.today(), now, app::ownMunicipalities(ctx.actor), [&](std::int64_t id) {
            security::appendAudit(ctx, {"declaration.answer_due", "declaration", std::to_string(id),
                                        "escalated", std::nullopt, std::nullopt});
        });
    tx.commit();
    return answered;
}

}  // namespace zc::billing
