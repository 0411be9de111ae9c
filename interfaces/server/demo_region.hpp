#pragma once
// The demo region (issue 13): Zwolle (0193) and the members of its region, their districts and
// social teams, and the account each municipality pays its providers from.
#include "demo_context.hpp"

namespace zc::server::demo {

// The municipalities and the debtor accounts (on the demo clock's day).
void loadMunicipalities(Demo& d);
// The districts and social teams (sociale wijkteams).
void loadDistrictsAndTeams(Demo& d);

}  // namespace zc::server::demo
