#pragma once
// Procurement procedures (open: bestuurlijke aanbesteding; negotiated; continuation), their lots,
// requirements and published tariffs, and providers' applications with assessment and admission.
// Admission creates one active framework contract per lot, with the procedure's tariffs.
// Still here: lots, procedure tariffs, submitting and deciding applications; the
// rest is contracting/app/procedures.hpp behind interfaces/http/procedures_api.hpp.
#include "context.hpp"

namespace zc::app {

ApiResponse addLot(RequestContext& ctx, const ApiRequest& req);
ApiResponse addProcedureTariff(RequestContext& ctx, const ApiRequest& req);

ApiResponse submitApplication(RequestContext& ctx, const ApiRequest& req);
ApiResponse decideApplication(RequestContext& ctx, const ApiRequest& req);

}  // namespace zc::app
