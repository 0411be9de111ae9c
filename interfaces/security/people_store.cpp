#include "people_store.hpp"

#include "interfaces/mysql/connection.hpp"
#include "interfaces/mysql/list_sql.hpp"

namespace zc::security {

std::vector<std::string> userRoles(db::Connection& db, std::int64_t user_id) {
    std::vector<std::string> out;
    const auto first = db.queryOne("SELECT role FROM users WHERE id = ?", {user_id});
    if (!first) return out;
    out.push_back(first->str(0));
    for (const auto& r :
         db.query("SELECT role FROM user_roles WHERE user_id = ? AND role <> ? ORDER BY role",
                  {user_id, out.front()})) {
        out.push_back(r.str(0));
    }
    return out;
}

namespace {

const db::SortSpec kPeopleSort{{{"id", "u.id"},
                                {"username", "u.username"},
                                {"display_name", "u.display_name"},
                                {"provider_name", "p.name"},
                                {"last_login_at", "u.last_login_at"}},
                               "u.id",
                               "",
                               false};

const char* const kPersonColumns =
    "SELECT u.id, u.username, u.display_name, u.provider_id, u.provider_admin, u.active,"
    " u.totp_enabled, u.last_login_at, p.name ";
const char* const kPersonFrom = "FROM users u LEFT JOIN providers p ON p.id = u.provider_id";

// A row of kPersonColumns with the user's roles and, for staff, scope.
PersonRow personOf(db::Connection& db, const db::Row& r) {
    PersonRow p;
    p.id = r.i64(0);
    p.username = r.str(1);
    p.display_name = r.str(2);
    p.provider_id = r.optI64(3).value_or(0);
    p.provider_admin = r.i64(4) != 0;
    p.active = r.i64(5) != 0;
    p.totp_enabled = r.i64(6) != 0;
    p.last_login_at = r.opt(7);
    p.provider_name = r.opt(8).value_or("");
    p.roles = userRoles(db, p.id);
    if (!p.provider_id) p.scope = userScope(db, p.id);
    return p;
}

}  // namespace

app::ListPage<PersonRow> peoplePage(db::Connection& db, const PeopleFilter& f) {
    const std::int64_t active = f.state == "active" ? 1 : 0;
    db::Params params{f.provider_id, f.provider_id, f.role, f.role, f.role, f.state, active};
    std::string from_where =
        std::string(kPersonFrom) +
        " WHERE (? = 0 OR u.provider_id = ?) AND (? = '' OR u.role = ? OR EXISTS (SELECT 1"
        " FROM user_roles r WHERE r.user_id = u.id AND r.role = ?)) AND (? = '' OR u.active = ?)";
    from_where +=
        db::searchFilter(f.list.search, {"u.username", "u.display_name", "p.name"}, params);
    const std::string order = db::orderBy(f.list, kPeopleSort);
    app::ListPage<PersonRow> page;
    page.total = db::countRows(db, from_where, params);
    auto page_params = params;
    const auto limit = db::limitOffset(f.list, page_params);
    for (const auto& r : db.query(kPersonColumns + from_where + order + limit, page_params)) {
        page.items.push_back(personOf(db, r));
    }
    return page;
}

std::optional<PersonRow> findPerson(db::Connection& db, std::int64_t user_id) {
    const auto r =
        db.queryOne(std::string(kPersonColumns) + kPersonFrom + " WHERE u.id = ?", {user_id});
    if (!r) return std::nullopt;
    return personOf(db, *r);
}

std::optional<ManagedUser> lockManagedUser(db::Connection& db, std::int64_t user_id) {
    const auto r = db.queryOne(
        "SELECT id, username, display_name, provider_id, provider_admin, active, totp_enabled,"
        " totp_secret IS NOT NULL FROM users WHERE id = ? FOR UPDATE",
        {user_id});
    if (!r) return std::nullopt;
    ManagedUser u;
    u.id = r->i64(0);
    u.username = r->str(1);
    u.display_name = r->str(2);
    u.provider_id = r->optI64(3).value_or(0);
    u.provider_admin = r->i64(4) != 0;
    u.active = r->i64(5) != 0;
    u.totp_enabled = r->i64(6) != 0;
    u.totp_secret_set = r->i64(7) != 0;
    u.roles = userRoles(db, user_id);
    return u;
}

void replaceUserRoles(db::Connection& db, std::int64_t user_id,
                      const std::vector<std::string>& roles) {
    db.execute("DELETE FROM user_roles WHERE user_id = ?", {user_id});
    for (const auto& role : roles) {
        db.execute("INSERT IGNORE INTO user_roles (user_id, role) VALUES (?, ?)", {user_id, role});
    }
    db.execute("UPDATE users SET role = ? WHERE id = ?", {roles.front(), user_id});
}

void setDisplayName(db::Connection& db, std::int64_t user_id, const std::string& name) {
    db.execute("UPDATE users SET display_name = ? WHERE id = ?", {name, user_id});
}

void setProviderAdmin(db::Connection& db, std::int64_t user_id, bool provider_admin) {
    db.execute("UPDATE users SET provider_admin = ? WHERE id = ?",
               {std::int64_t{provider_admin ? 1 : 0}, user_id});
}

void setUserActive(db::Connection& db, std::int64_t user_id, bool active) {
    db.execute("UPDATE users SET active = ? WHERE id = ?", {std::int64_t{active ? 1 : 0}, user_id});
}

std::int64_t endUserSessions(db::Connection& db, std::int64_t user_id, const std::string& now) {
    return db.execute("UPDATE sessions SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL",
                      {now, user_id});
}

std::int64_t otherActiveAdmins(db::Connection& db, std::int64_t except) {
    const auto rows = db.query(
        "SELECT u.id FROM users u WHERE u.active = 1 AND u.id <> ? AND (u.role = 'admin' OR"
        " EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = u.id AND r.role = 'admin'))"
        " FOR UPDATE",
        {except});
    return static_cast<std::int64_t>(rows.size());
}

std::int64_t otherProviderAdmins(db::Connection& db, std::int64_t provider_id,
                                 std::int64_t except) {
    const auto rows = db.query(
        "SELECT id FROM users WHERE provider_id = ? AND provider_admin = 1 AND active = 1"
        " AND id <> ? FOR UPDATE",
        {provider_id, except});
    return static_cast<std::int64_t>(rows.size());
}

void setLastLogin(db::Connection& db, std::int64_t user_id, const std::string& now) {
    db.execute("UPDATE users SET last_login_at = ? WHERE id = ?", {now, user_id});
}

void setSessionRole(db::Connection& db, const std::string& token_hash, const std::string& role) {
    db.execute("UPDATE sessions SET active_role = ? WHERE token_hash = ?", {role, token_hash});
}

std::pair<bool, std::int64_t> providerAdminOf(db::Connection& db, std::int64_t user_id) {
    const auto r =
        db.queryOne("SELECT provider_admin, provider_id FROM users WHERE id = ?", {user_id});
    if (!r) return {false, 0};
    return {r->i64(0) != 0, r->optI64(1).value_or(0)};
}

bool providerSelfManaged(db::Connection& db, std::int64_t provider_id) {
    const auto r =
        db.queryOne("SELECT users_self_managed FROM providers WHERE id = ?", {provider_id});
    return r && r->i64(0) != 0;
}

bool setProviderSelfManaged(db::Connection& db, std::int64_t provider_id, bool allowed) {
    if (!db.queryOne("SELECT id FROM providers WHERE id = ? FOR UPDATE", {provider_id})) {
        return false;
    }
    db.execute("UPDATE providers SET users_self_managed = ? WHERE id = ?",
               {std::int64_t{allowed ? 1 : 0}, provider_id});
    return true;
}

std::int64_t insertTotpReset(db::Connection& db, std::int64_t user_id, std::int64_t requested_by,
                             const std::string& now) {
    db.execute(
        "INSERT INTO totp_resets (user_id, requested_by, requested_at, status)"
        " VALUES (?, ?, ?, 'open')",
        {user_id, requested_by, now});
    return db.lastInsertId();
}

bool openTotpResetExists(db::Connection& db, std::int64_t user_id) {
    return db
        .queryOne("SELECT id FROM totp_resets WHERE user_id = ? AND status = 'open' FOR UPDATE",
                  {user_id})
        .has_value();
}

namespace {

const char* const kResetColumns =
    "SELECT t.id, t.user_id, u.username, u.provider_id, t.requested_by, q.username,"
    " t.requested_at, t.status, t.decided_by, t.decided_at FROM totp_resets t"
    " JOIN users u ON u.id = t.user_id JOIN users q ON q.id = t.requested_by ";

TotpReset resetOf(const db::Row& r) {
    return TotpReset{r.i64(0),    r.i64(1), r.str(2), r.optI64(3).value_or(0),
                     r.i64(4),    r.str(5), r.str(6), r.str(7),
                     r.optI64(8), r.opt(9)};
}

}  // namespace

std::optional<TotpReset> lockTotpReset(db::Connection& db, std::int64_t id) {
    const auto r = db.queryOne(std::string(kResetColumns) + "WHERE t.id = ? FOR UPDATE", {id});
    if (!r) return std::nullopt;
    return resetOf(*r);
}

app::ListPage<TotpReset> openTotpResets(db::Connection& db, std::int64_t provider_id,
                                        std::int64_t limit, std::int64_t offset) {
    db::Params params;
    std::string where = "WHERE t.status = 'open'";
    where += db::equalsFilter("u.provider_id", provider_id, params);
    app::ListPage<TotpReset> page;
    page.total =
        db::countRows(db, "FROM totp_resets t JOIN users u ON u.id = t.user_id " + where, params);
    auto page_params = params;
    page_params.emplace_back(limit);
    page_params.emplace_back(offset);
    for (const auto& r : db.query(
             std::string(kResetColumns) + where + " ORDER BY t.id LIMIT ? OFFSET ?", page_params)) {
        page.items.push_back(resetOf(r));
    }
    return page;
}

void decideTotpReset(db::Connection& db, std::int64_t id, const std::string& status,
                     std::int64_t decided_by, const std::string& now) {
    db.execute("UPDATE totp_resets SET status = ?, decided_by = ?, decided_at = ? WHERE id = ?",
               {status, decided_by, now, id});
}

void clearTotp(db::Connection& db, std::int64_t user_id) {
    db.execute("UPDATE users SET totp_secret = NULL, totp_enabled = 0 WHERE id = ?", {user_id});
}

}  // namespace zc::security
