// A provider's allocations name the client as the WMO301 did (issue 15, Providers): initials,
// prefix and surname, and the birth date, so that the provider's staff know whom they serve
// without a separate look-up.
#include <gtest/gtest.h>

#include <string>

#include "session.hpp"

namespace zc {
namespace {

TEST(ProviderAllocations, NameTheClientWithBirthDateAsTheWmo301Did) {
    // H.J. Jansen (demo, BSN 999900006, born 12 March 1948) has IB at De Vechtstroom.
    const auto r =
        e2e::client().get("/api/v1/allocations?q=Jansen&limit=1000", e2e::as("zorg.vechtstroom"));
    ASSERT_EQ(r.status, 200) << r.describe();
    bool found = false;
    for (std::size_t i = 0; i < r.array()->size(); ++i) {
        const auto a = r.array()->getObject(static_cast<unsigned>(i));
        if (a->getValue<std::string>("client_name") != "H.J. Jansen") continue;
        found = true;
        EXPECT_EQ(a->getValue<std::string>("client_birth_date"), "1948-03-12");
    }
    EXPECT_TRUE(found) << r.text.substr(0, 400);
    // M. de Vries is named with her prefix, at her own provider only.
    const auto other =
        e2e::client().get("/api/v1/allocations?q=Vries&limit=1000", e2e::as("zorg.ijsseldelta"));
    ASSERT_EQ(other.status, 200) << other.describe();
    ASSERT_GE(other.array()->size(), 1u);
    EXPECT_EQ(other.array()->getObject(0)->getValue<std::string>("client_name"), "M. de Vries");
    EXPECT_EQ(other.array()->getObject(0)->getValue<std::string>("client_birth_date"),
              "1937-11-02");
    const auto none =
        e2e::client().get("/api/v1/allocations?q=Vries&limit=1000", e2e::as("zorg.vechtstroom"));
    ASSERT_EQ(none.status, 200) << none.describe();
    for (std::size_t i = 0; i < none.array()->size(); ++i) {
        EXPECT_NE(
            none.array()->getObject(static_cast<unsigned>(i))->getValue<std::string>("client_name"),
            "M. de Vries");
    }
}

}  // namespace
}  // namespace zc
