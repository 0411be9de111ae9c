#pragma once
// Budget financing over HTTP: advances posted as payables, the payables list, the quarterly
// realisation reports and the year-end settlements; JSON in, the use cases of
// invoicing/app/budget_financing.hpp, JSON out.
#include "api_request.hpp"

namespace zc::http {

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

}  // namespace zc::http
