#pragma once
// What the operator's monitoring reads of billing at scrape time (GET /metrics): the
// declarations whose review is overdue (their WMO325 is late), in one short read.
#include <cstdint>

#include "contracting/kernel/request_context.hpp"

namespace zc::billing {

// One read-only transaction; no audit row (a count only).
std::int64_t readOverdueReviews(app::RequestContext& ctx);

}  // namespace zc::billing
