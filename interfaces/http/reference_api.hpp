#pragma once
// Reference data over HTTP: JSON in, the use cases of contracting/app/reference_data.hpp, JSON
// out. Each create answers 201 with the created object.
#include "api_request.hpp"

namespace zc::http {

// POST/GET /municipalities {code, name, central_code?}
ApiResponse createMunicipality(RequestContext& ctx, const ApiRequest& req);
ApiResponse listMunicipalities(RequestContext& ctx, const ApiRequest& req);
// POST /districts {municipality_code, name}; GET /districts?municipality=
ApiResponse createDistrict(RequestContext& ctx, const ApiRequest& req);
ApiResponse listDistricts(RequestContext& ctx, const ApiRequest& req);
// POST/GET /teams {district_id, name}
ApiResponse createTeam(RequestContext& ctx, const ApiRequest& req);
ApiResponse listTeams(RequestContext& ctx, const ApiRequest& req);
// POST/GET /products {code, category, name, unit, kind}
ApiResponse createProduct(RequestContext& ctx, const ApiRequest& req);
ApiResponse listProducts(RequestContext& ctx, const ApiRequest& req);

// POST /providers {agb, kvk, name, iban, contact_*?}; GET /providers?limit=&offset=;
// GET /providers/{id} (a provider only its own)
ApiResponse createProvider(RequestContext& ctx, const ApiRequest& req);
ApiResponse listProviders(RequestContext& ctx, const ApiRequest& req);
ApiResponse getProvider(RequestContext& ctx, const ApiRequest& req);

}  // namespace zc::http
