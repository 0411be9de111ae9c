#include "operations_store.hpp"

#include "interfaces/mysql/connection.hpp"

namespace zc::contracting {

OperationsCounts operationsCounts(db::Connection& db, const std::string& today) {
    // The same conditions as overdueRequests and missingRetours (request_store.cpp); a WMO325
    // (485) is itself an answer, no retour comes back for it.
    const auto r = db.queryOne(
        "SELECT (SELECT COUNT(*) FROM outbox_messages WHERE acknowledged_at IS NULL),"
        " (SELECT COUNT(*) FROM allocation_requests WHERE (status = 'open' AND answer_due < ?)"
        "   OR (status = 'in_onderzoek' AND decision_due < ?)),"
        " (SELECT COUNT(*) FROM outbox_messages WHERE retour_received_at IS NULL"
        "   AND message_code <> '485' AND retour_due < ?)",
        {today, today, today});
    OperationsCounts out;
    if (!r) return out;
    out.outbox_unacknowledged = r->i64(0);
    out.overdue_requests = r->i64(1);
    out.missing_retours = r->i64(2);
    return out;
}

}  // namespace zc::contracting
