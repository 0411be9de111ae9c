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

}  // namespace zc::billing
