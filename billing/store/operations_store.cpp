#include "operations_store.hpp"

#include "interfaces/mysql/connection.hpp"

namespace zc::billing {

std::int64_t overdueReviewCount(db::Connection& db, const std::string& today) {
    const auto r = db.queryOne(
        "SELECT COUNT(*) FROM declarations WHERE status = 'awaiting_review' AND answer_due < ?",
        {today});
    return r ? r->i64(0) : 0;
}

}  // namespace zc::billing
