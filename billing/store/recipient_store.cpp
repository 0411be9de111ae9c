#include "recipient_store.hpp"

#include "interfaces/mysql/connection.hpp"

namespace zc::billing {

bool municipalityKnown(db::Connection& db, const std::string& code) {
    return db.queryOne("SELECT 1 FROM municipalities WHERE code = ?", {code}).has_value();
}

std::optional<std::string> allocationPayer(db::Connection& db, std::int64_t number) {
    const auto r = db.queryOne(
        "SELECT paying_municipality_code FROM allocations WHERE number = ? AND is_current = 1",
        {number});
    if (!r) return std::nullopt;
    return r->str(0);
}

std::optional<std::string> contractMunicipality(db::Connection& db, std::int64_t provider_id) {
    const auto r = db.queryOne(
        "SELECT municipality_code FROM contracts WHERE provider_id = ?"
        " ORDER BY status = 'active' DESC, id LIMIT 1",
        {provider_id});
    if (!r) return std::nullopt;
    return r->str(0);
}

}  // namespace zc::billing
