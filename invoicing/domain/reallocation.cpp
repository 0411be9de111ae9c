#include "reallocation.hpp"

#include "contracting/kernel/errors.hpp"

namespace zc::invoicing {

void checkReallocation(const ReallocationRequest& request, Money from_remaining) {
    if (request.amount <= Money()) {
        throw ValidationError("INVALID_AMOUNT", "The amount to reallocate must be above zero.",
                              "amount");
    }
    if (request.from_budget_id == request.to_budget_id) {
        throw ValidationError("SAME_BUDGET", "A reallocation needs two different budgets.",
                              "to_budget_id");
    }
    if (request.amount > from_remaining) {
        throw ValidationError("INSUFFICIENT_BUDGET",
                              "The source budget has only " + from_remaining.toString() +
                                  " left; " + request.amount.toString() + " was asked for.",
                              "amount");
    }
}

void checkReallocationApproval(const ReallocationRequest& request, std::int64_t approved_by,
                               Money from_remaining) {
    if (approved_by == request.requested_by) {
        throw ValidationError("FOUR_EYES",
                              "A reallocation must be approved by someone other than the person "
                              "who proposed it.",
                              "approved_by");
    }
    checkReallocation(request, from_remaining);
}

}  // namespace zc::invoicing
