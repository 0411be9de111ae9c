#pragma once
// The OpenAPI 3.1 description of the API, served at GET /api/v1/openapi.json. Paths, methods,
// roles, path parameters and security are generated from the route table (routes.cpp) when the
// document is built; request and answer shapes come from openapi_shapes_*.cpp; the error bodies
// and their reason codes from the outcome registry (outcome_table.inc). So the document cannot
// drift from the routes; tests/unit/http/openapi_test.cpp and tests/e2e/openapi_test.cpp check
// that every route is described and that real answers conform.
#include <Poco/JSON/Object.h>

#include <string>

#include "api_request.hpp"

namespace zc::http {

// The document, built anew (the tests walk it).
Poco::JSON::Object::Ptr openApiDocument();

// The answer of GET /api/v1/openapi.json: the document as JSON text (built once), cacheable.
ApiResponse openApiAnswer();
// GET /api/v1/openapi.json (public).
ApiResponse openApiJson(RequestContext& ctx, const ApiRequest& req);

}  // namespace zc::http
