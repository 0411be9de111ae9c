#pragma once
// Budget financing (dagbesteding), issue 4: finance settles each contract year (vaststelling)
// with zc::invoicing::settleBudget, creating one payable for the difference (or one negative
// payable, a claw-back receivable).
#include "context.hpp"
#include "invoicing/domain/budget_settlement.hpp"

namespace zc::app {

// POST /contracts/{id}/settlements {year, allow_incomplete?}
ApiResponse settleContractYear(RequestContext& ctx, const ApiRequest& req);
// GET /contracts/{id}/settlements
ApiResponse listSettlements(RequestContext& ctx, const ApiRequest& req);

}  // namespace zc::app
