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

// The items with this status ("" for all), by due date (at most 1,000).
std::vector<ReviewView> listReviews(app::RequestContext& ctx, const std::string& status);
// One item; NOT_FOUND (field "id") when there is none.
ReviewView getReview(app::RequestContext& ctx, std::int64_t id);

}  // namespace zc::billing
