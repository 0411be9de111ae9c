#include "contracting/domain/paying_municipality.hpp"

#include <gtest/gtest.h>

namespace zc::contracting {
namespace {

const ClientMunicipality kZwolle{"0193", std::nullopt};
const ClientMunicipality kKampen{"0166", "0193"};
const ClientMunicipality kDeventer{"0150", std::nullopt};
// The region of Zwolle has placed Beschermd Wonen (category 15) with Zwolle.
const std::vector<RegionalPlacement> kPlacements{{"0193", "15", "0193"}};

TEST(PayingMunicipality, APlacedCategoryIsPaidByTheCentralMunicipality) {
    EXPECT_EQ(payingMunicipality(kKampen, "15", kPlacements), "0193");
}

TEST(PayingMunicipality, AnyOtherCategoryIsPaidByTheClientsOwnMunicipality) {
    EXPECT_EQ(payingMunicipality(kKampen, "02", kPlacements), "0166");
    EXPECT_EQ(payingMunicipality(kKampen, "01", kPlacements), "0166");
}

TEST(PayingMunicipality, TheCentralMunicipalitysOwnClientIsPaidByItself) {
    EXPECT_EQ(payingMunicipality(kZwolle, "15", kPlacements), "0193");
    EXPECT_EQ(payingMunicipality(kZwolle, "02", kPlacements), "0193");
    // A central municipality that names itself as central is its own region too.
    EXPECT_EQ(payingMunicipality({"0193", "0193"}, "15", kPlacements), "0193");
}

TEST(PayingMunicipality, PlacementsOfAnotherRegionDoNotCount) {
    EXPECT_EQ(payingMunicipality(kDeventer, "15", kPlacements), "0150");
    const std::vector<RegionalPlacement> elsewhere{{"0150", "15", "0150"}};
    EXPECT_EQ(payingMunicipality(kKampen, "15", elsewhere), "0166");
}

TEST(PayingMunicipality, WithoutPlacementsEveryoneIsPaidByTheirOwnMunicipality) {
    EXPECT_EQ(payingMunicipality(kKampen, "15", {}), "0166");
}

TEST(PayingMunicipality, TheRegionIsTheCentralMunicipalityOrItself) {
    EXPECT_EQ(regionOf(kKampen), "0193");
    EXPECT_EQ(regionOf(kZwolle), "0193");
    EXPECT_EQ(regionOf(kDeventer), "0150");
}

}  // namespace
}  // namespace zc::contracting
