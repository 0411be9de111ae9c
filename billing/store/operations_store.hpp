#pragma once
// The operator's gauge of billing's work (GET /metrics): declarations whose review is overdue.
#include <cstdint>
#include <string>

namespace zc::db {
class Connection;
}

namespace zc::billing {

// Declarations still awaiting review whose answer was due before `today` (YYYY-MM-DD), over all
// municipalities.
std::int64_t overdueReviewCount(db::Connection& db, const std::string& today);

}  // namespace zc::billing
