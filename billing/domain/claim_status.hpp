#pragma once
// The outcome of one claim line (prestatie), of a declaration as a whole and of a review item.
// One text form, at the edge: the database columns and the API use the names below.
#include <optional>
#include <string_view>

namespace zc::billing {

// "accepted", "rejected", "review" (waits for a contract manager's decision).
enum class LineStatus { Accepted, Rejected, Review };
// "answered" (its WMO325 is out), "awaiting_review", "rejected" (as a whole).
enum class DeclarationStatus { Answered, AwaitingReview, Rejected };

// "open", "accepted", "rejected", "answered_not_accepted" (decided after the WMO325 had
// answered the line as not accepted on the due date: that answer stands).
enum class ReviewStatus { Open, Accepted, Rejected, AnsweredNotAccepted };

std::string_view lineStatusName(LineStatus status);
std::string_view declarationStatusName(DeclarationStatus status);
std::string_view reviewStatusName(ReviewStatus status);
// The status of a review item's text form; nothing for any other text.
std::optional<ReviewStatus> parseReviewStatus(std::string_view text);

}  // namespace zc::billing
