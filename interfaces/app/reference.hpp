#pragma once
// Reference data: municipalities, districts, social neighbourhood teams, the product catalogue
// and care providers. Each create validates, writes in one transaction with its audit row, and
// answers 201 with the created object.
#include <cstdint>
#include <optional>
#include <string>

#include "context.hpp"

namespace zc::app {

// The provider with this AGB code, or nothing.
std::optional<std::int64_t> providerIdByAgb(db::Connection& db, const std::string& agb);
// The same for an AGB code a provider presents itself with (client certificate, message
// header): ValidationError UNKNOWN_PROVIDER (403) when no provider has it.
std::int64_t knownProviderId(db::Connection& db, const std::string& agb);

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
