#include "provider_store.hpp"

#include "interfaces/mysql/connection.hpp"

namespace zc::contracting {

std::optional<std::int64_t> findProviderIdByAgb(db::Connection& db, const std::string& agb) {
    const auto r = db.queryOne("SELECT id FROM providers WHERE agb = ?", {agb});
    if (!r) return std::nullopt;
    return r->i64(0);
}

}  // namespace zc::contracting
