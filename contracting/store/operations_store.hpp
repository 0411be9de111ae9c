#pragma once
// The operator's gauges of contracting's work (GET /metrics): counts over the outbox and the
// allocation requests, in one statement.
#include <cstdint>
#include <string>

namespace zc::db {
class Connection;
}

namespace zc::contracting {

struct OperationsCounts {
    std::int64_t outbox_unacknowledged = 0;  // outbox messages no provider acknowledged yet
    std::int64_t overdue_requests = 0;       // requests open past answer_due / decision_due
    std::int64_t missing_retours = 0;        // our messages without a retour past retour_due
};

// The counts as of `today` (YYYY-MM-DD), over all municipalities.
OperationsCounts operationsCounts(db::Connection& db, const std::string& today);

}  // namespace zc::contracting
