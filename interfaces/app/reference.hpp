#pragma once
// Reference data: municipalities, districts, social neighbourhood teams, the product catalogue
// and care providers. Each create validates, writes in one transaction with its audit row, and
// answers 201 with the created object.
#include <cstdint>
#include <optional>
#include <string>

#include "context.hpp"

namespace zc::app {

ApiResponse createMunicipality(RequestContext& ctx, const ApiRequest& req);
ApiResponse listMunicipalities(RequestContext& ctx, const ApiRequest& req);
ApiResponse createDistrict(RequestContext& ctx, const ApiRequest& req);
ApiResponse listDistricts(RequestContext& ctx, const ApiRequest& req);
ApiResponse createTeam(RequestContext& ctx, const ApiRequest& req);
ApiResponse listTeams(RequestContext& ctx, const ApiRequest& req);
ApiResponse createProduct(RequestContext& ctx, const ApiRequest& req);
ApiResponse listProducts(RequestContext& ctx, const ApiRequest& req);

ApiResponse createProvider(RequestContext& ctx, const ApiRequest& req);
ApiResponse listProviders(RequestContext& ctx, const ApiRequest& req);
ApiResponse getProvider(RequestContext& ctx, const ApiRequest& req);

}  // namespace zc::app
