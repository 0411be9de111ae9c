#pragma once
// Budget financing (dagbesteding), issue 4: the monthly advances become payables on their
// schedule, the coalition reports its realisation per quarter and performance agreement, and
// finance settles each contract year (vaststelling) with zc::invoicing::settleBudget, creating
// one payable for the difference (or one negative payable, a claw-back receivable).
#include <optional>
#include <string>

#include "context.hpp"
#include "invoicing/domain/budget_settlement.hpp"

namespace zc::app {

struct AdvancePostingResult {
    Date date;
    std::int64_t created = 0;  // payables created by this run (0 on a rerun)
    std::int64_t total_cents = 0;
};

// For every active budget-financed contract, turns each advance due on or before `date` into a
// payable of the lead provider (source_type 'advance', source_id = advances.id), exactly once:
// what exists already is left alone, so a rerun creates nothing. Advances of 0.00 and advances
// of a year that has been settled already are skipped (the settlement accounted for them).
// `date` after today is refused (INVALID_DATE). Audited: one row per payable created. Runs in
// its own transaction.
AdvancePostingResult postDueAdvances(RequestContext& ctx, Date date);

// POST /advances/post-due {date?}
ApiResponse postDueAdvancesApi(RequestContext& ctx, const ApiRequest& req);
// GET /payables?provider_id=&source_type=
ApiResponse listPayables(RequestContext& ctx, const ApiRequest& req);
// POST /contracts/{id}/realisations {year, quarter, values: [{agreement_id, realised}]}
ApiResponse reportRealisation(RequestContext& ctx, const ApiRequest& req);
// GET /contracts/{id}/realisations?year=
ApiResponse listRealisations(RequestContext& ctx, const ApiRequest& req);
// POST /contracts/{id}/settlements {year, allow_incomplete?}
ApiResponse settleContractYear(RequestContext& ctx, const ApiRequest& req);
// GET /contracts/{id}/settlements
ApiResponse listSettlements(RequestContext& ctx, const ApiRequest& req);

}  // namespace zc::app
