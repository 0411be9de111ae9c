#pragma once
// The paying municipality of a granted product (and of every allocation that draws on it): the
// client's own municipality, unless the client's region has placed the product's category with a
// central municipality (Beschermd Wonen, category 15, with the centrumgemeente); then that central
// municipality pays. A region is named by its central municipality; a municipality without a
// central municipality is its own region.
#include <optional>
#include <string>
#include <vector>

namespace zc::contracting {

// Beschermd Wonen: the category every region places with its central municipality by default.
inline constexpr const char* kBeschermdWonenCategory = "15";

// A row of `regional_placements`: the region's `product_category` lies with `central_code`.
struct RegionalPlacement {
    std::string region_code;
    std::string product_category;  // iWmo ProductCategorie "01".."18"
    std::string central_code;
};

// The client's municipality and the central municipality of its region (none: its own region).
struct ClientMunicipality {
    std::string code;
    std::optional<std::string> central_code;
};

// The region a municipality belongs to: its central municipality, else itself.
std::string regionOf(const ClientMunicipality& municipality);

// The municipality that pays for the client's care of `product_category`, given the placements
// (of any region; only those of the client's region count).
std::string payingMunicipality(const ClientMunicipality& client,
                               const std::string& product_category,
                               const std::vector<RegionalPlacement>& placements);

}  // namespace zc::contracting
