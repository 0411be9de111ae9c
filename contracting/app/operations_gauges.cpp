#include "operations_gauges.hpp"

#include "contracting/kernel/civil_date.hpp"
#include "contracting/store/operations_store.hpp"
#include "interfaces/mysql/connection.hpp"

namespace zc::contracting {

OperationsGauges readOperationsGauges(app::RequestContext& ctx) {
    db::Transaction tx(ctx.db);
    const auto counts = operationsCounts(ctx.db, formatDate(ctx.today()));
    tx.commit();
    return {counts.outbox_unacknowledged, counts.overdue_requests, counts.missing_retours};
}

}  // namespace zc::contracting
