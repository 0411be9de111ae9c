#pragma once
// Reference data use cases: municipalities, districts, social neighbourhood teams, the product
// catalogue and care providers. Each create checks, writes in one transaction with its audit
// row ("<object>.create", after: the created object) and returns what it created; the lists
// read the rows as they are.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "contracting/kernel/list_query.hpp"
#include "contracting/kernel/request_context.hpp"
#include "contracting/store/provider_store.hpp"
#include "contracting/store/reference_store.hpp"

namespace zc::contracting {

// The code is valid already; a central_code other than the code is checked here
// (INVALID_FIELD, UNKNOWN_MUNICIPALITY) before DUPLICATE_MUNICIPALITY.
Municipality createMunicipality(app::RequestContext& ctx, Municipality in);
// A page of them by code, and how many there are.
app::ListPage<Municipality> listMunicipalities(app::RequestContext& ctx, std::int64_t limit,
                                               std::int64_t offset);

// UNKNOWN_MUNICIPALITY, then DUPLICATE_DISTRICT (same name in the municipality).
District createDistrict(app::RequestContext& ctx, const std::string& municipality_code,
                        const std::string& name);
// The districts of one municipality ("" for all), paged, with their total.
app::ListPage<District> listDistricts(app::RequestContext& ctx,
                                      const std::string& municipality_code, std::int64_t limit,
                                      std::int64_t offset);

// UNKNOWN_DISTRICT, then DUPLICATE_TEAM (same name in the district).
Team createTeam(app::RequestContext& ctx, std::int64_t district_id, const std::string& name);
// The teams, paged, with their total.
app::ListPage<TeamListing> listTeams(app::RequestContext& ctx, std::int64_t limit,
                                     std::int64_t offset);

// A catalogue entry with the iWMO unit code its unit is declared in.
struct ProductListing {
    Product product;
    std::string iwmo_unit;
};

// The fields are valid already; DUPLICATE_PRODUCT when the code exists.
Product createProduct(app::RequestContext& ctx, const Product& in);
// A page of the catalogue by code, and how many products there are.
app::ListPage<ProductListing> listProducts(app::RequestContext& ctx, std::int64_t limit,
                                           std::int64_t offset);

// The codes are valid already; INVALID_EMAIL (a contact e-mail without '@'), then
// DUPLICATE_AGB. Returns the stored record.
Provider createProvider(app::RequestContext& ctx, const Provider& in);
// The providers by id, paged, with their total.
app::ListPage<Provider> listProviders(app::RequestContext& ctx, std::int64_t limit,
                                      std::int64_t offset);
// A provider reads only its own record (FORBIDDEN); NOT_FOUND when unknown.
Provider getProvider(app::RequestContext& ctx, std::int64_t id);

}  // namespace zc::contracting
