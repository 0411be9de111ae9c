#pragma once
// Reading the review queue (contract manager, auditor): the review items with what a reviewer
// needs to decide, among which how much of the allocation's cap the accepted lines use.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "billing/store/review_queue_store.hpp"
#include "contracting/kernel/cap.hpp"
#include "contracting/kernel/request_context.hpp"

namespace zc::billing {

// The allocation's cap and, in the cap's counting unit (minutes for an hours cap), the most
// allowed in the line's period and over the allocation (nothing when unlimited) and what
// accepted lines use of each.
struct CapUse {
    Cap cap;
    Unit counting_unit = Unit::Minutes;
    std::optional<std::int64_t> max_in_period;
    std::int64_t used_in_period = 0;
    std::optional<std::int64_t> max_total;
    std::int64_t used_total = 0;
};

// A review item as the queue shows it.
struct ReviewView {
    ReviewRow review;
    bool overdue = false;       // still open after its due date
    std::optional<CapUse> cap;  // nothing when the allocation is unknown
};

// A page of the items matching the filter (by due date unless sorted otherwise), and how many
// match; a staff user sees the items of lines owed by the municipalities they work for,
// whatever the filter's scope says.
app::ListPage<ReviewView> listReviews(app::RequestContext& ctx, ReviewFilter filter);
// One item; NOT_FOUND (field "id") when there is none.
ReviewView getReview(app::RequestContext& ctx, std::int64_t id);

}  // namespace zc::billing
