#include "provider_store.hpp"

#include "interfaces/mysql/connection.hpp"
#include "interfaces/mysql/list_sql.hpp"

namespace zc::contracting {
namespace {

constexpr const char* kProviderColumns =
    "SELECT id, agb, kvk, name, iban, contact_name, contact_email, contact_phone, blocked_reason,"
    " blocked_at FROM providers";

Provider providerFrom(const db::Row& r) {
    return {r.i64(0), r.str(1), r.str(2), r.str(3), r.str(4),
            r.str(5), r.str(6), r.str(7), r.opt(8), r.opt(9)};
}

}  // namespace

std::optional<std::int64_t> findProviderIdByAgb(db::Connection& db, const std::string& agb) {
    const auto r = db.queryOne("SELECT id FROM providers WHERE agb = ?", {agb});
    if (!r) return std::nullopt;
    return r->i64(0);
}

std::optional<std::string> findProviderAgb(db::Connection& db, std::int64_t id) {
    const auto r = db.queryOne("SELECT agb FROM providers WHERE id = ?", {id});
    if (!r) return std::nullopt;
    return r->str(0);
}

std::int64_t insertProvider(db::Connection& db, const Provider& p) {
    db.execute(
        "INSERT INTO providers (agb, kvk, name, iban, contact_name, contact_email, contact_phone)"
        " VALUES (?,?,?,?,?,?,?)",
        {p.agb, p.kvk, p.name, p.iban, p.contact_name, p.contact_email, p.contact_phone});
    return db.lastInsertId();
}

std::optional<Provider> findProvider(db::Connection& db, std::int64_t id) {
    const auto r = db.queryOne(std::string(kProviderColumns) + " WHERE id = ?", {id});
    if (!r) return std::nullopt;
    return providerFrom(*r);
}

app::ListPage<Provider> providerPage(db::Connection& db, std::int64_t limit, std::int64_t offset) {
    app::ListPage<Provider> page;
    page.total = db::countRows(db, "FROM providers", {});
    for (const auto& r : db.query(std::string(kProviderColumns) + " ORDER BY id LIMIT ? OFFSET ?",
                                  {limit, offset})) {
        page.items.push_back(providerFrom(r));
    }
    return page;
}

}  // namespace zc::contracting
