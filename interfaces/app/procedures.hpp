#pragma once
// Procurement procedures (open: bestuurlijke aanbesteding; negotiated; continuation), their lots,
// requirements and published tariffs, and providers' applications with assessment and admission.
// Admission creates one active framework contract per lot, with the procedure's tariffs.
#include "context.hpp"

namespace zc::app {

ApiResponse createProcedure(RequestContext& ctx, const ApiRequest& req);
ApiResponse listProcedures(RequestContext& ctx, const ApiRequest& req);
ApiResponse getProcedure(RequestContext& ctx, const ApiRequest& req);
ApiResponse setApplicationsOpen(RequestContext& ctx, const ApiRequest& req);
ApiResponse addLot(RequestContext& ctx, const ApiRequest& req);
ApiResponse addRequirement(RequestContext& ctx, const ApiRequest& req);
ApiResponse addProcedureTariff(RequestContext& ctx, const ApiRequest& req);
ApiResponse indexProcedure(RequestContext& ctx, const ApiRequest& req);

ApiResponse submitApplication(RequestContext& ctx, const ApiRequest& req);
ApiResponse listApplications(RequestContext& ctx, const ApiRequest& req);
ApiResponse getApplication(RequestContext& ctx, const ApiRequest& req);
ApiResponse assessRequirement(RequestContext& ctx, const ApiRequest& req);
ApiResponse decideApplication(RequestContext& ctx, const ApiRequest& req);

}  // namespace zc::app
