#include "paying_municipality.hpp"

namespace zc::contracting {

std::string regionOf(const ClientMunicipality& municipality) {
    return municipality.central_code.value_or(municipality.code);
}

std::string payingMunicipality(const ClientMunicipality& client,
                               const std::string& product_category,
                               const std::vector<RegionalPlacement>& placements) {
    const std::string region = regionOf(client);
    for (const auto& p : placements) {
        if (p.region_code == region && p.product_category == product_category) {
            return p.central_code;
        }
    }
    return client.code;
}

}  // namespace zc::contracting
