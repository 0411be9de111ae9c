#pragma once
// The staff scope (contracting/kernel/staff_scope.hpp) as SQL conditions for the lists, so a
// list silently leaves out what the user may not read. The same rules as the predicates:
// a client is readable when its municipality is the user's own or it has placed care paid by a
// central municipality the user serves regionally; care (an allocation) when its client is the
// user's own or it is placed care paid by such a municipality.
#include <string>
#include <vector>

#include "interfaces/mysql/connection.hpp"

namespace zc::contracting {

// A staff user's scope as a list filter; unscoped actors have none (std::optional).
struct StaffFilter {
    std::vector<std::string> own;
    std::vector<std::string> regional;
};

// " AND (<client condition>)" over the client id column `client_id` and municipality column
// `municipality`; appends its parameters.
std::string clientScopeSql(const StaffFilter& f, const std::string& client_id,
                           const std::string& municipality, db::Params& params);
// " AND <column> IN (<codes>)": a row of one of these municipalities.
std::string municipalityScopeSql(const std::vector<std::string>& codes, const std::string& column,
                                 db::Params& params);
// " AND (<care condition>)" for an allocation `a` (with `p` its product) of client `c`.
std::string careScopeSql(const StaffFilter& f, db::Params& params);

}  // namespace zc::contracting
