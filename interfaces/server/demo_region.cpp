#include "demo_region.hpp"

#include <array>
#include <vector>

#include "interfaces/http/payments_api.hpp"
#include "interfaces/http/reference_api.hpp"

namespace zc::server::demo {
namespace {

struct MunicipalitySeed {
    const char* code;
    const char* name;
    const char* central_code;  // nullptr: the region's central municipality itself
    const char* account;       // 10 digits of its debtor account at the BNG (BNGH)
};

// Zwolle and the members of its region. Joining the region places Beschermd Wonen (category 15)
// with Zwolle and lets Zwolle's contracts serve the member (contract_municipalities), so the
// contracts the demo makes later serve all three.
constexpr std::array<MunicipalitySeed, 3> kMunicipalities{{
    {kCentral, "Zwolle", nullptr, "0285001234"},
    {"0166", "Kampen", kCentral, "0285166012"},
    {"0148", "Dalfsen", kCentral, "0285148024"},
}};

struct DistrictSeed {
    const char* municipality_code;
    const char* name;
    std::vector<const char*> teams;  // sociale (wijk)teams
};

}  // namespace

void loadMunicipalities(Demo& d) {
    for (const auto& m : kMunicipalities) {
        auto body = object({{"code", m.code}, {"name", m.name}});
        if (m.central_code) body->set("central_code", m.central_code);
        call(d, http::createMunicipality, adminActor(), body);
    }
    // Each municipality pays its own providers (and Zwolle the region's Beschermd Wonen) from
    // its own account at the BNG.
    for (const auto& m : kMunicipalities) {
        callWithPath(d, http::setDebtorAccount,
                     app::Actor{app::Role::Finance, 0, 0, "demo:fin.devries"}, {{"code", m.code}},
                     object({{"iban", dutchIban("BNGH", m.account)},
                             {"bic", "BNGHNL2G"},
                             {"name", std::string("Gemeente ") + m.name}}));
    }
}

void loadDistrictsAndTeams(Demo& d) {
    const std::array<DistrictSeed, 10> districts{{
        {kCentral, "Noord", {"Sociaal wijkteam Holtenbroek", "Sociaal wijkteam Stadshagen"}},
        {kCentral, "Zuid", {"Sociaal wijkteam Zwolle-Zuid", "Sociaal wijkteam Assendorp"}},
        {kCentral, "Oost", {"Sociaal wijkteam Oost", "Sociaal wijkteam Berkum"}},
        {kCentral, "West", {"Sociaal wijkteam Westenholte"}},
        {kCentral, "Centrum", {"Sociaal wijkteam Binnenstad-Diezerpoort"}},
        {"0166", "Kampen-Stad", {"Sociaal team Kampen-Noord", "Sociaal team Brunnepe"}},
        {"0166", "IJsselmuiden", {"Sociaal team IJsselmuiden-Grafhorst"}},
        {"0148", "Dalfsen", {"Sociaal team Dalfsen"}},
        {"0148", "Nieuwleusen", {"Sociaal team Nieuwleusen"}},
        {"0148", "Lemelerveld", {"Sociaal team Lemelerveld"}},
    }};
    for (const auto& district : districts) {
        const auto id = idOf(call(
            d, http::createDistrict, adminActor(),
            object({{"municipality_code", district.municipality_code}, {"name", district.name}})));
        for (const char* team : district.teams) {
            d.teams[team] = idOf(call(d, http::createTeam, adminActor(),
                                      object({{"district_id", id}, {"name", team}})));
        }
    }
}

}  // namespace zc::server::demo
