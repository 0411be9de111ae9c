// Issue 13 (S7): which clients and care a staff user may touch. Zwolle (0193) is the central
// municipality of Kampen (0166) and Dalfsen (0148); Beschermd Wonen is placed with Zwolle.
#include "contracting/kernel/staff_scope.hpp"

#include <gtest/gtest.h>

namespace zc::app {
namespace {

Actor staff(std::vector<std::string> own, std::vector<std::string> regional = {}) {
    Actor a;
    a.role = Role::AccessOfficer;
    a.user_id = 7;
    a.name = "ao.test";
    a.municipalities = std::move(own);
    a.regional = std::move(regional);
    a.scope_loaded = true;
    return a;
}

const CareScope kKampenHouseholdHelp{"0166", "0166", false};
const CareScope kKampenBeschermdWonen{"0166", "0193", true};
const CareScope kZwolleHouseholdHelp{"0193", "0193", false};
const CareScope kZwolleBeschermdWonen{"0193", "0193", true};

TEST(StaffScope, SystemActorsAndProvidersAreNotScoped) {
    Actor system;  // user_id 0: command line, demo loader, jobs
    system.role = Role::Admin;
    EXPECT_FALSE(system.scoped());
    EXPECT_TRUE(worksFor(system, "0166"));
    EXPECT_TRUE(mayChangeCare(system, kKampenBeschermdWonen));
    Actor provider_user;
    provider_user.role = Role::Provider;
    provider_user.user_id = 12;
    provider_user.provider_id = 3;
    provider_user.scope_loaded = true;
    EXPECT_FALSE(provider_user.scoped());
    EXPECT_TRUE(mayServeClient(provider_user, "0193", {}));
    EXPECT_TRUE(staff({"0166"}).scoped());
    // A staff session without any scope row serves no municipality at all.
    EXPECT_FALSE(worksFor(staff({}), "0193"));
    EXPECT_FALSE(mayServeClient(staff({}), "0193", {"0193"}));
}

TEST(StaffScope, AKampenOfficerServesKampenClientsOnly) {
    const Actor kampen = staff({"0166"});
    EXPECT_TRUE(mayServeClient(kampen, "0166", {}));
    EXPECT_FALSE(mayServeClient(kampen, "0193", {}));
    EXPECT_FALSE(mayServeClient(kampen, "0193", {"0193"}));
    EXPECT_TRUE(mayChangeCare(kampen, kKampenHouseholdHelp));
    EXPECT_FALSE(mayChangeCare(kampen, kZwolleHouseholdHelp));
    EXPECT_FALSE(mayReadCare(kampen, kZwolleHouseholdHelp));
}

TEST(StaffScope, AKampenOfficerReadsButDoesNotChangeTheBeschermdWonenZwollePays) {
    const Actor kampen = staff({"0166"});
    EXPECT_TRUE(mayReadCare(kampen, kKampenBeschermdWonen));
    EXPECT_FALSE(mayChangeCare(kampen, kKampenBeschermdWonen));
}

TEST(StaffScope, TheRegionalBeschermdWonenTeamSeesExactlyThePlacedCare) {
    const Actor bw = staff({}, {"0193"});
    // A Kampen client with Beschermd Wonen paid by Zwolle: yes; with household help only: no.
    EXPECT_TRUE(mayServeClient(bw, "0166", {"0193"}));
    EXPECT_FALSE(mayServeClient(bw, "0166", {}));
    EXPECT_TRUE(mayChangeCare(bw, kKampenBeschermdWonen));
    EXPECT_TRUE(mayChangeCare(bw, kZwolleBeschermdWonen));
    EXPECT_FALSE(mayChangeCare(bw, kKampenHouseholdHelp));
    EXPECT_FALSE(mayReadCare(bw, kKampenHouseholdHelp));
    // Zwolle's own household help is not placed care: not the regional team's.
    EXPECT_FALSE(mayChangeCare(bw, kZwolleHouseholdHelp));
    EXPECT_FALSE(worksFor(bw, "0193"));
}

TEST(StaffScope, AUserOfSeveralMunicipalitiesServesEach) {
    const Actor shared = staff({"0148", "0166", "0193"});
    for (const char* code : {"0148", "0166", "0193"}) EXPECT_TRUE(worksFor(shared, code));
    EXPECT_FALSE(worksFor(shared, "0363"));
    EXPECT_TRUE(mayChangeCare(shared, kKampenBeschermdWonen));
}

TEST(StaffScope, ARefusalCarriesItsCodeAndWhatWasRefused) {
    const OutOfScope e("client", "42", "Client 42");
    EXPECT_EQ(e.code(), "OUT_OF_SCOPE");
    EXPECT_EQ(e.kind(), ErrorKind::Forbidden);
    EXPECT_EQ(e.objectType(), "client");
    EXPECT_EQ(e.objectId(), "42");
    EXPECT_NE(std::string(e.what()).find("Client 42"), std::string::npos);
}

}  // namespace
}  // namespace zc::app
