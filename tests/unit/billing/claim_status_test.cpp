// The statuses' one text form: what the database columns and the API answers hold.
#include "billing/domain/claim_status.hpp"

#include <gtest/gtest.h>

namespace zc::billing {
namespace {

TEST(ClaimStatusText, EachReviewStatusReadsBackFromItsTextForm) {
    for (const auto s : {ReviewStatus::Open, ReviewStatus::Accepted, ReviewStatus::Rejected,
                         ReviewStatus::AnsweredNotAccepted}) {
        EXPECT_EQ(parseReviewStatus(reviewStatusName(s)), s);
    }
    EXPECT_EQ(reviewStatusName(ReviewStatus::AnsweredNotAccepted), "answered_not_accepted");
    EXPECT_FALSE(parseReviewStatus("Open").has_value());
    EXPECT_FALSE(parseReviewStatus("").has_value());
}

TEST(ClaimStatusText, LineAndDeclarationStatusesHaveTheApisNames) {
    EXPECT_EQ(lineStatusName(LineStatus::Review), "review");
    EXPECT_EQ(lineStatusName(LineStatus::Accepted), "accepted");
    EXPECT_EQ(declarationStatusName(DeclarationStatus::AwaitingReview), "awaiting_review");
    EXPECT_EQ(declarationStatusName(DeclarationStatus::Answered), "answered");
}

}  // namespace
}  // namespace zc::billing
