#include "user_store.hpp"

#include "interfaces/mysql/connection.hpp"
#include "interfaces/mysql/list_sql.hpp"

namespace zc::security {

std::optional<UserLogin> findUserLogin(db::Connection& db, const std::string& username) {
    const auto r = db.queryOne(
        "SELECT id, role, password_hash, totp_enabled, totp_secret, totp_last_step,"
        " active, display_name FROM users WHERE username = ?",
        {username});
    if (!r) return std::nullopt;
    return UserLogin{r->i64(0), r->str(1),      r->str(2), r->i64(3) != 0, r->opt(4).value_or(""),
                     r->i64(5), r->i64(6) != 0, r->str(7)};
}

std::optional<ThrottleRow> loginThrottle(db::Connection& db, const std::string& account_hash,
                                         const std::string& source) {
    const auto r = db.queryOne(
        "SELECT failures, last_failure_at, next_allowed_at FROM login_throttle"
        " WHERE account_hash = ? AND source = ?",
        {account_hash, source});
    if (!r) return std::nullopt;
    return ThrottleRow{r->i64(0), r->str(1), r->str(2)};
}

std::int64_t countLoginFailure(db::Connection& db, const std::string& account_hash,
                               const std::string& source, const std::string& now,
                               const std::string& forget_before) {
    // One statement, so that parallel failures count one by one (the row stays locked).
    db.execute(
        "INSERT INTO login_throttle (account_hash, source, failures, last_failure_at,"
        " next_allowed_at) VALUES (?, ?, 1, ?, ?) ON DUPLICATE KEY UPDATE"
        " failures = IF(last_failure_at < ?, 1, failures + 1), last_failure_at = "
        "VALUES(last_failure_at)",
        {account_hash, source, now, now, forget_before});
    return db
        .queryOne("SELECT failures FROM login_throttle WHERE account_hash = ? AND source = ?",
                  {account_hash, source})
        ->i64(0);
}

void setNextLoginAllowed(db::Connection& db, const std::string& account_hash,
                         const std::string& source, const std::string& at) {
    db.execute(
        "UPDATE login_throttle SET next_allowed_at = ? WHERE account_hash = ? AND source = ?",
        {at, account_hash, source});
}

void clearLoginFailures(db::Connection& db, const std::string& account_hash,
                        const std::string& source) {
    db.execute("DELETE FROM login_throttle WHERE account_hash = ? AND source = ?",
               {account_hash, source});
}

bool useTotpStep(db::Connection& db, std::int64_t user_id, std::int64_t step) {
    // Conditional, so that two log-ins racing with the same code cannot both use it.
    return db.execute("UPDATE users SET totp_last_step = ? WHERE id = ? AND totp_last_step < ?",
                      {step, user_id, step}) == 1;
}

void insertSession(db::Connection& db, const std::string& token_hash, std::int64_t user_id,
                   const std::string& created_at, const std::string& expires_at, bool mfa_pending) {
    db.execute(
        "INSERT INTO sessions (token_hash, user_id, created_at, last_used_at, expires_at,"
        " mfa_pending) VALUES (?, ?, ?, ?, ?, ?)",
        {token_hash, user_id, created_at, created_at, expires_at,
         std::int64_t{mfa_pending ? 1 : 0}});
}

std::optional<SessionUser> findSessionUser(db::Connection& db, const std::string& token_hash,
                                           const std::string& now, const std::string& idle_since) {
    const auto r = db.queryOne(
        "SELECT u.id, u.username, COALESCE(r.role, u.role), s.mfa_pending, u.provider_id,"
        " s.last_used_at,"
        // The scope in the same statement (one round trip fewer on every staff request):
        // "0CODE" or "1CODE" (regional), comma-separated; codes are four digits. Kept on the
        // user's row by triggers on user_municipalities (migration 0054).
        " u.municipality_scope FROM sessions s JOIN users u ON u.id = s.user_id"
        // The session's active role while the user still has it (issue 15), else users.role.
        " LEFT JOIN user_roles r ON r.user_id = u.id AND r.role = s.active_role"
        " WHERE s.token_hash = ? AND s.revoked_at IS NULL AND s.expires_at > ?"
        " AND s.last_used_at > ? AND u.active = 1",
        {token_hash, now, idle_since});
    if (!r) return std::nullopt;
    SessionUser out{r->i64(0), r->str(1), r->str(2), r->i64(3) != 0, r->optI64(4).value_or(0),
                    r->str(5), {}};
    const std::string scope = r->opt(6).value_or("");
    for (std::size_t at = 0; at < scope.size();) {
        const std::size_t end = std::min(scope.find(',', at), scope.size());
        const std::string code = scope.substr(at + 1, end - at - 1);
        (scope[at] == '1' ? out.scope.regional_for : out.scope.municipalities).push_back(code);
        at = end + 1;
    }
    return out;
}

void touchSession(db::Connection& db, const std::string& token_hash, const std::string& now,
                  const std::string& if_before) {
    db.execute("UPDATE sessions SET last_used_at = ? WHERE token_hash = ? AND last_used_at < ?",
               {now, token_hash, if_before});
}

std::optional<RefusedSession> refusedSession(db::Connection& db, const std::string& token_hash) {
    const auto r = db.queryOne(
        "SELECT u.id, u.username, u.role, s.revoked_at IS NOT NULL, s.expires_at, s.last_used_at,"
        " u.active FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ?",
        {token_hash});
    if (!r) return std::nullopt;
    return RefusedSession{r->i64(0), r->str(1), r->str(2),     r->i64(3) != 0,
                          r->str(4), r->str(5), r->i64(6) != 0};
}

std::optional<RefusedApiKey> refusedApiKey(db::Connection& db, const std::string& key_hash) {
    const auto r = db.queryOne(
        "SELECT p.id, p.agb, k.revoked_at IS NOT NULL FROM provider_api_keys k"
        " JOIN providers p ON p.id = k.provider_id WHERE k.key_hash = ?",
        {key_hash});
    if (!r) return std::nullopt;
    return RefusedApiKey{r->i64(0), r->str(1), r->i64(2) != 0};
}

void revokeSession(db::Connection& db, const std::string& token_hash, const std::string& now) {
    db.execute("UPDATE sessions SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL",
               {now, token_hash});
}

void clearSessionMfaPending(db::Connection& db, const std::string& token_hash) {
    db.execute("UPDATE sessions SET mfa_pending = 0 WHERE token_hash = ?", {token_hash});
}

std::optional<ApiKeyOwner> findApiKeyOwner(db::Connection& db, const std::string& key_hash) {
    const auto r = db.queryOne(
        "SELECT p.id, p.agb FROM provider_api_keys k JOIN providers p ON p.id = k.provider_id"
        " WHERE k.key_hash = ? AND k.revoked_at IS NULL",
        {key_hash});
    if (!r) return std::nullopt;
    return ApiKeyOwner{r->i64(0), r->str(1)};
}

std::pair<bool, std::string> userTotpAndName(db::Connection& db, std::int64_t user_id) {
    const auto r =
        db.queryOne("SELECT totp_enabled, display_name FROM users WHERE id = ?", {user_id});
    return {r->i64(0) != 0, r->str(1)};
}

TotpState totpState(db::Connection& db, std::int64_t user_id) {
    const auto r = db.queryOne(
        "SELECT totp_secret, totp_enabled, totp_last_step FROM users WHERE id = ?", {user_id});
    return TotpState{r->opt(0), r->i64(1) != 0, r->i64(2)};
}

void setTotpSecret(db::Connection& db, std::int64_t user_id, const std::string& secret) {
    db.execute("UPDATE users SET totp_secret = ? WHERE id = ?", {secret, user_id});
}

void enableTotp(db::Connection& db, std::int64_t user_id, std::int64_t step) {
    db.execute("UPDATE users SET totp_enabled = 1, totp_last_step = ? WHERE id = ?",
               {step, user_id});
}

bool providerExists(db::Connection& db, std::int64_t provider_id) {
    return db.queryOne("SELECT id FROM providers WHERE id = ?", {provider_id}).has_value();
}

bool usernameTaken(db::Connection& db, const std::string& username) {
    return db.queryOne("SELECT id FROM users WHERE username = ?", {username}).has_value();
}

bool adminExists(db::Connection& db) {
    return db
        .queryOne(
            "SELECT user_id FROM user_roles WHERE role = 'admin' UNION"
            " SELECT id FROM users WHERE role = 'admin' LIMIT 1")
        .has_value();
}

std::int64_t insertUser(db::Connection& db, const NewUserRow& u) {
    db.execute(
        "INSERT INTO users (username, display_name, role, provider_id, password_hash)"
        " VALUES (?, ?, ?, ?, ?)",
        {u.username, u.display_name, u.role,
         u.provider_id ? db::Param{*u.provider_id} : db::Param{nullptr}, u.password_hash});
    const std::int64_t id = db.lastInsertId();
    db.execute("INSERT INTO user_roles (user_id, role) VALUES (?, ?)", {id, u.role});
    return id;
}

UserScope userScope(db::Connection& db, std::int64_t user_id) {
    UserScope out;
    for (const auto& r : db.query("SELECT municipality_code, regional FROM user_municipalities"
                                  " WHERE user_id = ? ORDER BY regional, municipality_code",
                                  {user_id})) {
        (r.i64(1) != 0 ? out.regional_for : out.municipalities).push_back(r.str(0));
    }
    return out;
}

void replaceUserScope(db::Connection& db, std::int64_t user_id, const UserScope& scope) {
    db.execute("DELETE FROM user_municipalities WHERE user_id = ?", {user_id});
    for (const auto& code : scope.municipalities) {
        db.execute(
            "INSERT IGNORE INTO user_municipalities (user_id, municipality_code, regional)"
            " VALUES (?, ?, 0)",
            {user_id, code});
    }
    for (const auto& code : scope.regional_for) {
        db.execute(
            "INSERT IGNORE INTO user_municipalities (user_id, municipality_code, regional)"
            " VALUES (?, ?, 1)",
            {user_id, code});
    }
}

std::vector<std::string> municipalityCodes(db::Connection& db) {
    std::vector<std::string> out;
    for (const auto& r : db.query("SELECT code FROM municipalities ORDER BY code", {})) {
        out.push_back(r.str(0));
    }
    return out;
}

bool holdsPlacedCare(db::Connection& db, const std::string& code) {
    return db.queryOne("SELECT 1 FROM regional_placements WHERE central_code = ? LIMIT 1", {code})
        .has_value();
}

std::optional<std::pair<std::string, std::optional<std::int64_t>>> userRole(db::Connection& db,
                                                                            std::int64_t user_id) {
    auto r = db.queryOne("SELECT role, provider_id FROM users WHERE id = ?", {user_id});
    if (!r) return std::nullopt;
    return std::make_pair(r->str(0), r->optI64(1));
}

std::int64_t insertApiKey(db::Connection& db, std::int64_t provider_id, const std::string& key_hash,
                          const std::string& label) {
    db.execute("INSERT INTO provider_api_keys (provider_id, key_hash, label) VALUES (?, ?, ?)",
               {provider_id, key_hash, label});
    return db.lastInsertId();
}

app::ListPage<ApiKeyRow> providerApiKeys(db::Connection& db, std::int64_t provider_id,
                                         std::int64_t limit, std::int64_t offset) {
    app::ListPage<ApiKeyRow> page;
    page.total = db::countRows(db, "FROM provider_api_keys WHERE provider_id = ?", {provider_id});
    for (const auto& r : db.query("SELECT id, label, created_at, revoked_at FROM provider_api_keys"
                                  " WHERE provider_id = ? ORDER BY id LIMIT ? OFFSET ?",
                                  {provider_id, limit, offset})) {
        page.items.push_back({r.i64(0), r.str(1), r.str(2), !r.isNull(3)});
    }
    return page;
}

bool revokeProviderApiKey(db::Connection& db, std::int64_t provider_id, std::int64_t key_id,
                          const std::string& now) {
    return db.execute(
               "UPDATE provider_api_keys SET revoked_at = ? WHERE id = ? AND provider_id = ? AND "
               "revoked_at IS NULL",
               {now, key_id, provider_id}) != 0;
}

}  // namespace zc::security
