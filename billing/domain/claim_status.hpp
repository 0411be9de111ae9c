#pragma once
// The outcome of one claim line (prestatie) and of a declaration as a whole. One text form, at
// the edge: the database columns and the API use the names below.
#include <string_view>

namespace zc::billing {

// "accepted", "rejected", "review" (waits for a contract manager's decision).
enum class LineStatus { Accepted, Rejected, Review };
// "answered" (its WMO325 is out), "awaiting_review", "rejected" (as a whole).
enum class DeclarationStatus { Answered, AwaitingReview, Rejected };

std::string_view lineStatusName(LineStatus status);
std::string_view declarationStatusName(DeclarationStatus status);

}  // namespace zc::billing
