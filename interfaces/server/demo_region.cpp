#include "demo_region.hpp"

#include <array>

#include "interfaces/http/payments_api.hpp"
#include "interfaces/http/reference_api.hpp"

namespace zc::server::demo {

using app::Actor;
using app::Role;

void loadMunicipalities(Demo& d) {
    call(d, http::createMunicipality, adminActor(),
         object({{"code", kCentral}, {"name", "Zwolle"}}));
    call(d, http::createMunicipality, adminActor(),
         object({{"code", "0166"}, {"name", "Kampen"}, {"central_code", kCentral}}));
    call(d, http::createMunicipality, adminActor(),
         object({{"code", "0148"}, {"name", "Dalfsen"}, {"central_code", kCentral}}));
    // The central municipality pays its providers from its account at the BNG.
    callWithPath(d, http::setDebtorAccount, Actor{Role::Finance, 0, 0, "demo:fin.devries"},
                 {{"code", kCentral}},
                 object({{"iban", dutchIban("BNGH", "0285001234")},
                         {"bic", "BNGHNL2G"},
                         {"name", "Gemeente Zwolle"}}));
}

void loadDistrictsAndTeams(Demo& d) {
    struct DistrictSeed {
        const char* name;
        std::vector<const char*> teams;
    };
    const std::array<DistrictSeed, 5> districts{{
        {"Noord", {"Sociaal wijkteam Holtenbroek", "Sociaal wijkteam Stadshagen"}},
        {"Zuid", {"Sociaal wijkteam Zwolle-Zuid", "Sociaal wijkteam Assendorp"}},
        {"Oost", {"Sociaal wijkteam Oost", "Sociaal wijkteam Berkum"}},
        {"West", {"Sociaal wijkteam Westenholte"}},
        {"Centrum", {"Sociaal wijkteam Binnenstad-Diezerpoort"}},
    }};
    for (const auto& district : districts) {
        const auto id =
            idOf(call(d, http::createDistrict, adminActor(),
                      object({{"municipality_code", kCentral}, {"name", district.name}})));
        for (const char* team : district.teams) {
            call(d, http::createTeam, adminActor(), object({{"district_id", id}, {"name", team}}));
        }
    }
}

}  // namespace zc::server::demo
