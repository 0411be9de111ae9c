#pragma once
// Reallocations (herschikking) between budgets: a budget holder proposes, finance decides (four
// eyes). Both steps check the source's remaining budget (amount − exhaustion today) with
// invoicing/domain/reallocation; an approval moves the amount, with its ledger journal, in the
// same transaction as its audit row. proposeReallocation/decideReallocationIn are the rules over
// a store (unit-tested in memory); requestReallocation/decideReallocation are the use cases.
#include <cstdint>
#include <string>
#include <vector>

#include "contracting/kernel/list_query.hpp"
#include "contracting/kernel/request_context.hpp"
#include "invoicing/app/budgets.hpp"
#include "invoicing/store/budget_store.hpp"

namespace zc::invoicing {

// POST /budget-reallocations: what the budget holder proposes.
struct ReallocationProposal {
    std::int64_t from_budget_id = 0, to_budget_id = 0;
    Money amount;
    std::string reason;  // not blank (REASON_REQUIRED)
    std::int64_t requested_by = 0;
    std::string requested_at;  // timestamp (DATETIME(6) text)
};

// The stored proposal and what the source had left when it was made.
struct ProposedReallocation {
    ReallocationRow row;
    Money from_remaining;
};

// POST /budget-reallocations/{id}/decision.
struct ReallocationDecision {
    std::int64_t id = 0;
    bool approve = false;
    std::string reason;  // required (not blank) to reject
    std::int64_t decided_by = 0;
    std::string decided_at;  // timestamp
    Date today;              // the journal's date and the remaining budget's
};

// The decided reallocation and both budgets' amounts before and after.
struct DecidedReallocation {
    ReallocationRow row;
    Money from_before, to_before, from_after, to_after;
};

// The rules, in this order: REASON_REQUIRED, INVALID_AMOUNT, SAME_BUDGET (before anything is
// read), UNKNOWN_BUDGET (from, then to), BUDGET_YEAR_MISMATCH, NOT_BUDGET_HOLDER (the proposer
// must be the holder of both budgets), REALLOCATION_ACROSS_MUNICIPALITIES, INSUFFICIENT_BUDGET
// against the source's remaining budget on `today`. Amount errors name the field "amount_cents".
ProposedReallocation proposeReallocation(BudgetStore& store, const TariffLookup& tariffs,
                                         const ReallocationProposal& p, Date today,
                                         Percentage threshold);
// REASON_REQUIRED (reject without reason, before anything is read), NOT_FOUND,
// REALLOCATION_DECIDED, UNKNOWN_BUDGET, BUDGET_YEAR_MISMATCH; approving: FOUR_EYES then
// INSUFFICIENT_BUDGET, then the amounts move with a journal; rejecting: FOUR_EYES.
DecidedReallocation decideReallocationIn(BudgetStore& store, const TariffLookup& tariffs,
                                         const ReallocationDecision& d, Percentage threshold);

// The use cases: one transaction each, audited ("budget_reallocation.request",
// "budget_reallocation.approve" / ".reject"; a NOT_BUDGET_HOLDER refusal "access.denied").
ProposedReallocation requestReallocation(app::RequestContext& ctx, ReallocationProposal p);
ReallocationRow decideReallocation(app::RequestContext& ctx, ReallocationDecision d);
// GET /budget-reallocations?status= ("": all), newest first.
app::ListPage<ReallocationRow> listReallocations(app::RequestContext& ctx,
                                                 const std::string& status, std::int64_t limit,
                                                 std::int64_t offset);

}  // namespace zc::invoicing
