#pragma once
// Reallocation (herschikking) of budget between two budgets: proposed by a budget holder,
// approved by finance, never by the same person. Both steps are checked against the remaining
// budget of the source at that moment (budget − exhaustion, see exhaustion.hpp).
#include <cstdint>

#include "contracting/kernel/money.hpp"

namespace zc::invoicing {

struct ReallocationRequest {
    std::int64_t from_budget_id = 0;
    std::int64_t to_budget_id = 0;
    Money amount;                   // moved from `from` to `to`, > 0
    std::int64_t requested_by = 0;  // user id of the budget holder
};

// Checks a proposed reallocation, in this order, each a ValidationError:
// INVALID_AMOUNT (amount <= 0, field "amount"), SAME_BUDGET (from == to, field
// "to_budget_id"), INSUFFICIENT_BUDGET (amount > from_remaining, Unprocessable, field "amount").
void checkReallocation(const ReallocationRequest& request, Money from_remaining);

// Checks the approval of a proposed reallocation by `approved_by`: FOUR_EYES first (the
// approver is the requester, Forbidden, field "approved_by"), then checkReallocation() again
// against the source's remaining budget now, which may have shrunk since the proposal.
void checkReallocationApproval(const ReallocationRequest& request, std::int64_t approved_by,
                               Money from_remaining);

}  // namespace zc::invoicing
