#pragma once
// Procurement procedures (open: bestuurlijke aanbesteding; negotiated; continuation), their lots,
// requirements and published tariffs, and providers' applications with assessment and admission.
// Admission creates one active framework contract per lot, with the procedure's tariffs.
// Still here: deciding applications; the
// rest is contracting/app/procedures.hpp behind interfaces/http/procedures_api.hpp.
#include "context.hpp"

namespace zc::app {

ApiResponse decideApplication(RequestContext& ctx, const ApiRequest& req);

}  // namespace zc::app
