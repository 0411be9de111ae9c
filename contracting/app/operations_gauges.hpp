#pragma once
// What the operator's monitoring reads of contracting at scrape time (GET /metrics): the
// outbox backlog and the overdue deadlines, over all municipalities, in one short read.
#include <cstdint>

#include "contracting/kernel/request_context.hpp"

namespace zc::contracting {

struct OperationsGauges {
    std::int64_t outbox_backlog = 0;    // outbox messages no provider acknowledged yet
    std::int64_t overdue_requests = 0;  // allocation requests open past their answer/decision date
    std::int64_t missing_retours = 0;   // our messages without a retour past retour_due
};

// One read-only transaction; no audit row (counts only, no personal data).
OperationsGauges readOperationsGauges(app::RequestContext& ctx);

}  // namespace zc::contracting
