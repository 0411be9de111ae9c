#include "operations_gauges.hpp"

#include "billing/store/operations_store.hpp"
#include "contracting/kernel/civil_date.hpp"
#include "interfaces/mysql/connection.hpp"

namespace zc::billing {

std::int64_t readOverdueReviews(app::RequestContext& ctx) {
    db::Transaction tx(ctx.db);
    const auto count = overdueReviewCount(ctx.db, formatDate(ctx.today()));
    tx.commit();
    return count;
}

}  // namespace zc::billing
