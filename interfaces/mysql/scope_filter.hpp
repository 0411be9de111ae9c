#pragma once
// A list's municipality filter as SQL, for the stores of every context (issue 13, S8): a scoped
// staff user sees only the rows of the municipalities they work for (contracting/kernel/
// staff_scope.hpp: ownMunicipalities); an unscoped actor (system, provider) has no filter.
#include <optional>
#include <string>
#include <vector>

#include "connection.hpp"

namespace zc::db {

// The municipalities a list is limited to; nothing = no limit.
using MunicipalityScope = std::optional<std::vector<std::string>>;

// "(?, ?)" with the codes appended to `params`, or "(NULL)" (matches nothing) for none.
std::string inList(const std::vector<std::string>& codes, Params& params);
// " AND <column> IN (...)" for a limited scope, "" for none.
std::string municipalityFilter(const MunicipalityScope& scope, const std::string& column,
                               Params& params);

}  // namespace zc::db
