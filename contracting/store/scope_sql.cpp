#include "scope_sql.hpp"

namespace zc::contracting {
namespace {

// "(?, ?)" with the codes appended, or "(NULL)" (matches nothing) for none.
std::string inList(const std::vector<std::string>& codes, db::Params& params) {
    if (codes.empty()) return "(NULL)";
    std::string out = "(";
    for (std::size_t i = 0; i < codes.size(); ++i) {
        out += i ? ", ?" : "?";
        params.emplace_back(codes[i]);
    }
    return out + ")";
}

// A paying municipality `payer` for a product category `category` holds it as placed care.
std::string placedSql(const std::string& payer, const std::string& category) {
    return "EXISTS (SELECT 1 FROM regional_placements rp WHERE rp.central_code = " + payer +
           " AND rp.product_category = " + category + ")";
}

}  // namespace

std::string clientScopeSql(const StaffFilter& f, const std::string& client_id,
                           const std::string& municipality, db::Params& params) {
    std::string sql = " AND (" + municipality + " IN " + inList(f.own, params);
    sql +=
        " OR EXISTS (SELECT 1 FROM access_decisions sd JOIN granted_products sg"
        " ON sg.decision_id = sd.id JOIN products sp ON sp.code = sg.product_code"
        " WHERE sd.client_id = " +
        client_id + " AND sg.paying_municipality_code IN " + inList(f.regional, params) + " AND " +
        placedSql("sg.paying_municipality_code", "sp.category") + "))";
    return sql;
}

std::string municipalityScopeSql(const std::vector<std::string>& codes, const std::string& column,
                                 db::Params& params) {
    return " AND " + column + " IN " + inList(codes, params);
}

std::string careScopeSql(const StaffFilter& f, db::Params& params) {
    std::string sql = " AND (c.municipality_code IN " + inList(f.own, params);
    sql += " OR (a.paying_municipality_code IN " + inList(f.regional, params) + " AND " +
           placedSql("a.paying_municipality_code", "p.category") + "))";
    return sql;
}

}  // namespace zc::contracting
