#pragma once
// The review queue's decisions (contract manager): a claim line held for review (beoordeling) is
// accepted or rejected, with a reason; and the declarations whose answer is due are answered
// even while reviews are open. decideReviewOn/answerOverdueOn are the rules over a store (unit-
// tested in memory); decideReview/answerOverdueDeclarations are the use cases: one transaction
// with its audit rows.
#include <cstdint>
#include <string>
#include <string_view>

#include "billing/app/awarded_claims.hpp"
#include "billing/app/reviewed_declarations.hpp"
#include "billing/store/review_store.hpp"
#include "contracting/kernel/request_context.hpp"

namespace zc::billing {

enum class ReviewDecision { Accept, Reject };

// "accept" or "reject"; anything else is INVALID_DECISION (field "decision").
ReviewDecision parseReviewDecision(const std::string& text);
std::string_view reviewDecisionName(ReviewDecision d);

struct ReviewDecisionInput {
    std::int64_t review_id = 0;
    ReviewDecision decision = ReviewDecision::Reject;
    std::string reason;
};

struct ReviewDecisionResult {
    std::int64_t claim_line_id = 0;
    // The review's status now: "accepted", "rejected", or "answered_not_accepted" when the
    // WMO325 had already answered the line as not accepted (the decision changes nothing then).
    ReviewStatus review_status = ReviewStatus::Open;
    bool answered_before = false;
};

// Who decides, when, and the payment term of what an acceptance awards.
struct Decider {
    const Clock& clock;
    std::string actor;  // decided_by
    int payment_term_days = 30;
};

// NOT_FOUND (field "id") for an unknown review, REVIEW_DECIDED when it is no longer open. An
// accepted line is awarded (its amount, negative for a credit) through `awarded`; the last
// decision answers the declaration through `answers` unless it was answered on its due date.
ReviewDecisionResult decideReviewOn(ReviewStore& store, AwardedClaimsPort& awarded,
                                    ReviewedDeclarationsPort& answers, const Decider& who,
                                    const ReviewDecisionInput& in);

// Answers every declaration awaiting review whose answer is due today or earlier (to a
// municipality of `scope`, when limited); their open reviews are escalated (they stay open).
// Calls `each` with every declaration answered.
template <typename Each>
int answerOverdueOn(ReviewStore& store, ReviewedDeclarationsPort& answers, Date today,
                    const std::string& now, const db::MunicipalityScope& scope, Each each) {
    int answered = 0;
    for (const auto id : store.lockOverdueDeclarations(today, scope)) {
        store.escalateAndAnswer(id, now);
        answers.declarationAnswered(id);
        each(id);
        ++answered;
    }
    return answered;
}

// POST /reviews/{id}/decision: the rule above in its own transaction, audited
// ("review.accept"/"review.reject" on the claim line).
ReviewDecisionResult decideReview(app::RequestContext& ctx, AwardedClaimsPort& awarded,
                                  ReviewedDeclarationsPort& answers, const ReviewDecisionInput& in);
// POST /reviews/answer-overdue and the CLI's answer-overdue: the declarations answered, each
// audited ("declaration.answer_due", result "escalated"); a scoped staff user answers those of
// their own municipalities only.
int answerOverdueDeclarations(app::RequestContext& ctx, ReviewedDeclarationsPort& answers);

}  // namespace zc::billing
