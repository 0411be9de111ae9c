#include "scope_filter.hpp"

namespace zc::db {

std::string inList(const std::vector<std::string>& codes, Params& params) {
    if (codes.empty()) return "(NULL)";
    std::string out = "(";
    for (std::size_t i = 0; i < codes.size(); ++i) {
        out += i ? ", ?" : "?";
        params.emplace_back(codes[i]);
    }
    return out + ")";
}

std::string municipalityFilter(const MunicipalityScope& scope, const std::string& column,
                               Params& params) {
    if (!scope) return "";
    return " AND " + column + " IN " + inList(*scope, params);
}

}  // namespace zc::db
