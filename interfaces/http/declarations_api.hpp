#pragma once
// Reading declarations over HTTP: JSON of billing/app/declarations.hpp. (Submitting them,
// JSON or CSV, is still in interfaces/app/claims_api.cpp.)
#include "api_request.hpp"

namespace zc::http {

// GET /declarations?number=&agb=: newest first; a provider sees only its own.
ApiResponse listDeclarations(RequestContext& ctx, const ApiRequest& req);
// GET /declarations/{id}: the declaration with its claim lines.
ApiResponse getDeclaration(RequestContext& ctx, const ApiRequest& req);

}  // namespace zc::http
