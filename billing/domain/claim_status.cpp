#include "claim_status.hpp"

namespace zc::billing {

std::string_view lineStatusName(LineStatus status) {
    switch (status) {
        case LineStatus::Accepted:
            return "accepted";
        case LineStatus::Rejected:
            return "rejected";
        case LineStatus::Review:
            return "review";
    }
    return "rejected";
}

std::string_view declarationStatusName(DeclarationStatus status) {
    switch (status) {
        case DeclarationStatus::Answered:
            return "answered";
        case DeclarationStatus::AwaitingReview:
            return "awaiting_review";
        case DeclarationStatus::Rejected:
            return "rejected";
    }
    return "rejected";
}

std::string_view reviewStatusName(ReviewStatus status) {
    switch (status) {
        case ReviewStatus::Open:
            return "open";
        case ReviewStatus::Accepted:
            return "accepted";
        case ReviewStatus::Rejected:
            return "rejected";
        case ReviewStatus::AnsweredNotAccepted:
            return "answered_not_accepted";
    }
    return "open";
}

std::optional<ReviewStatus> parseReviewStatus(std::string_view text) {
    for (const auto s : {ReviewStatus::Open, ReviewStatus::Accepted, ReviewStatus::Rejected,
                         ReviewStatus::AnsweredNotAccepted}) {
        if (reviewStatusName(s) == text) return s;
    }
    return std::nullopt;
}

}  // namespace zc::billing
