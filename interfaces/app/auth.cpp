#include "auth.hpp"

#include <Poco/JSON/Array.h>

#include <regex>

#include "context.hpp"
#include "contracting/kernel/errors.hpp"
#include "interfaces/security/crypto.hpp"
#include "interfaces/security/password_hash.hpp"
#include "interfaces/security/totp.hpp"

namespace zc::app {
namespace {

constexpr const char* kUserByName =
    "SELECT id, role, password_hash, totp_enabled, totp_secret, totp_last_step, failed_logins,"
    " locked_until, active, display_name FROM users WHERE username = ?";
constexpr const char* kSessionByHash =
    "SELECT u.id, u.username, u.role, s.mfa_pending, u.provider_id FROM sessions s JOIN users u"
    " ON u.id = s.user_id"
    " WHERE s.token_hash = ? AND s.revoked_at IS NULL AND s.expires_at > ? AND u.active = 1";
constexpr const char* kApiKeyByHash =
    "SELECT p.id, p.agb FROM provider_api_keys k JOIN providers p ON p.id = k.provider_id"
    " WHERE k.key_hash = ? AND k.revoked_at IS NULL";

std::int64_t unixNow(const Clock& clock) {
    return std::chrono::duration_cast<std::chrono::seconds>(clock.now().time_since_epoch()).count();
}

[[noreturn]] void unauthorized(const std::string& code, const std::string& message,
                               const std::string& field = {}) {
    throw ValidationError(code, message, field);
}

void recordFailedLogin(RequestContext& ctx, std::int64_t user_id, const std::string& username,
                       const std::string& why) {
    db::Transaction tx(ctx.db);
    // Locked and re-read so that parallel failures count one by one and the lock is not skipped.
    const auto failed_so_far =
        ctx.db.queryOne("SELECT failed_logins FROM users WHERE id = ? FOR UPDATE", {user_id})
            ->i64(0);
    if (failed_so_far + 1 >= ctx.config.max_failed_logins) {
        ctx.db.execute(
            "UPDATE users SET failed_logins = 0, locked_until = ? WHERE id = ?",
            {timestampPlus(ctx.clock, std::chrono::minutes(ctx.config.lockout_minutes)), user_id});
    } else {
        ctx.db.execute("UPDATE users SET failed_logins = failed_logins + 1 WHERE id = ?",
                       {user_id});
    }
    Actor saved = ctx.actor;
    ctx.actor.name = username;
    appendAudit(ctx, {"auth.login", "user", username, "denied", std::nullopt,
                      "{\"reason\":\"" + why + "\"}"});
    ctx.actor = saved;
    tx.commit();
}

std::string createSession(RequestContext& ctx, std::int64_t user_id, bool mfa_pending,
                          std::string& expires_at) {
    const std::string token = security::newToken("zcs_");
    expires_at = timestampPlus(ctx.clock, std::chrono::hours(ctx.config.session_hours));
    ctx.db.execute(
        "INSERT INTO sessions (token_hash, user_id, created_at, expires_at, mfa_pending)"
        " VALUES (?, ?, ?, ?, ?)",
        {security::sha256Hex(token), user_id, timestamp(ctx.clock), expires_at,
         std::int64_t{mfa_pending ? 1 : 0}});
    return token;
}

void checkSecondFactor(RequestContext& ctx, const db::Row& u, const std::string& username,
                       const std::optional<std::string>& code) {
    if (!code) {
        unauthorized("TOTP_REQUIRED",
                     "This account uses a second factor: send the 6-digit code of your "
                     "authenticator app as totp_code.",
                     "totp_code");
    }
    const auto secret = security::base32Decode(u.str(4));
    auto step = security::verifyTotp(secret, *code, unixNow(ctx.clock), u.i64(5));
    if (!step) {
        recordFailedLogin(ctx, u.i64(0), username, "totp");
        unauthorized("INVALID_TOTP", "The one-time code is wrong, expired or already used.",
                     "totp_code");
    }
    // Conditional, so that two log-ins racing with the same code cannot both use it.
    if (ctx.db.execute("UPDATE users SET totp_last_step = ? WHERE id = ? AND totp_last_step < ?",
                       {*step, u.i64(0), *step}) != 1) {
        unauthorized("INVALID_TOTP", "The one-time code is wrong, expired or already used.",
                     "totp_code");
    }
}

// A provider's user belongs to exactly one existing provider; staff users to none.
std::optional<std::int64_t> userProvider(RequestContext& ctx, Role role,
                                         std::optional<std::int64_t> provider_id) {
    if (role != Role::Provider) {
        if (provider_id) {
            throw ValidationError("PROVIDER_NOT_ALLOWED",
                                  "Only a user with the role provider belongs to a provider.",
                                  "provider_id");
        }
        return std::nullopt;
    }
    if (!provider_id) {
        throw ValidationError("PROVIDER_REQUIRED",
                              "A provider's user needs the provider_id of its provider.",
                              "provider_id");
    }
    if (!ctx.db.queryOne("SELECT id FROM providers WHERE id = ?", {*provider_id})) {
        notFound("Provider " + std::to_string(*provider_id), "provider_id");
    }
    return provider_id;
}

}  // namespace

bool requiresSecondFactor(Role r) { return r == Role::Admin || r == Role::Finance; }

std::optional<Authenticated> authenticateSession(db::Connection& db, const Clock& clock,
                                                 const std::string& token) {
    auto row = db.queryOne(kSessionByHash, {security::sha256Hex(token), timestamp(clock)});
    if (!row) return std::nullopt;
    Authenticated a;
    a.actor.user_id = row->i64(0);
    a.actor.name = row->str(1);
    a.actor.role = parseRole(row->str(2)).value_or(Role::Auditor);
    a.mfa_pending = row->i64(3) != 0;
    // A provider's staff member acts for that provider only (the use cases scope by it).
    a.actor.provider_id = row->optI64(4).value_or(0);
    return a;
}

std::optional<Actor> authenticateApiKey(db::Connection& db, const std::string& key) {
    auto row = db.queryOne(kApiKeyByHash, {security::sha256Hex(key)});
    if (!row) return std::nullopt;
    Actor a;
    a.role = Role::Provider;
    a.provider_id = row->i64(0);
    a.name = "provider:" + row->str(1);
    return a;
}

ApiResponse login(RequestContext& ctx, const ApiRequest& req) {
    const std::string username = requiredString(req.body, "username", 64);
    const std::string password = requiredString(req.body, "password", 128);
    const auto code = optionalString(req.body, "totp_code", 10);
    auto u = ctx.db.queryOne(kUserByName, {username});
    if (!u || u->i64(8) == 0) {
        security::verifyPassword(
            password, security::hashPassword("timing-equaliser", ctx.config.pbkdf2_iterations));
        unauthorized("INVALID_CREDENTIALS", "Unknown user name or wrong password.");
    }
    if (u->opt(7) && *u->opt(7) > timestamp(ctx.clock)) {
        throw ValidationError("ACCOUNT_LOCKED",
                              "Too many failed log-ins: this account is locked until " +
                                  u->str(7).substr(0, 19) + " UTC.",
                              "username");
    }
    if (!security::verifyPassword(password, u->str(2))) {
        recordFailedLogin(ctx, u->i64(0), username, "password");
        unauthorized("INVALID_CREDENTIALS", "Unknown user name or wrong password.");
    }
    const Role role = parseRole(u->str(1)).value_or(Role::Auditor);
    const bool totp_enabled = u->i64(3) != 0;
    // Checked before the log-in's transaction: a failure is recorded in its own transaction, and
    // a used time step is stored at once so the code cannot be replayed.
    if (totp_enabled) checkSecondFactor(ctx, *u, username, code);
    db::Transaction tx(ctx.db);
    ctx.db.execute("UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = ?",
                   {u->i64(0)});
    const bool mfa_pending = requiresSecondFactor(role) && !totp_enabled;
    std::string expires_at;
    const std::string token = createSession(ctx, u->i64(0), mfa_pending, expires_at);
    ctx.actor.name = username;
    appendAudit(ctx, {"auth.login", "user", username, "ok", std::nullopt, std::nullopt});
    tx.commit();
    Poco::JSON::Object::Ptr out = new Poco::JSON::Object;
    ApiResponse res{200, out};
    // The web application asks for the token as an HttpOnly cookie, out of reach of scripts.
    if (optionalString(req.body, "session", 16).value_or("token") == "cookie") {
        res.session_cookie = token;
    } else {
        out->set("token", token);
    }
    out->set("expires_at", expires_at.substr(0, 10) + "T" + expires_at.substr(11, 8) + "Z");
    out->set("username", username);
    out->set("role", roleName(role));
    out->set("display_name", u->str(9));
    out->set("mfa_setup_required", mfa_pending);
    return res;
}

ApiResponse logout(RequestContext& ctx, const ApiRequest& req) {
    db::Transaction tx(ctx.db);
    ctx.db.execute("UPDATE sessions SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL",
                   {timestamp(ctx.clock), security::sha256Hex(req.bearer_token)});
    appendAudit(ctx, {"auth.logout", "user", ctx.actor.name, "ok", std::nullopt, std::nullopt});
    tx.commit();
    Poco::JSON::Object::Ptr out = new Poco::JSON::Object;
    out->set("status", "logged_out");
    ApiResponse res{200, out};
    res.session_cookie = "";
    return res;
}

ApiResponse me(RequestContext& ctx, const ApiRequest&) {
    Poco::JSON::Object::Ptr out = new Poco::JSON::Object;
    out->set("name", ctx.actor.name);
    out->set("role", roleName(ctx.actor.role));
    if (ctx.actor.provider_id) out->set("provider_id", ctx.actor.provider_id);
    if (ctx.actor.user_id) {
        auto u = ctx.db.queryOne("SELECT totp_enabled, display_name FROM users WHERE id = ?",
                                 {ctx.actor.user_id});
        out->set("totp_enabled", u->i64(0) != 0);
        out->set("display_name", u->str(1));
    }
    return {200, out};
}

ApiResponse enrolTotp(RequestContext& ctx, const ApiRequest&) {
    auto u = ctx.db.queryOne("SELECT totp_enabled FROM users WHERE id = ?", {ctx.actor.user_id});
    if (u->i64(0) != 0) {
        throw ValidationError("TOTP_ALREADY_ENROLLED",
                              "A second factor is already active for this account; ask an "
                              "administrator to reset it.",
                              "");
    }
    const std::string secret = security::newTotpSecret();
    db::Transaction tx(ctx.db);
    ctx.db.execute("UPDATE users SET totp_secret = ? WHERE id = ?", {secret, ctx.actor.user_id});
    appendAudit(ctx, {"auth.totp_enrol", "user", ctx.actor.name, "ok", std::nullopt, std::nullopt});
    tx.commit();
    Poco::JSON::Object::Ptr out = new Poco::JSON::Object;
    out->set("secret", secret);
    out->set("otpauth_uri", security::totpUri(ctx.actor.name, secret));
    return {200, out};
}

ApiResponse confirmTotp(RequestContext& ctx, const ApiRequest& req) {
    const std::string code = requiredString(req.body, "code", 10);
    auto u =
        ctx.db.queryOne("SELECT totp_secret, totp_enabled, totp_last_step FROM users WHERE id = ?",
                        {ctx.actor.user_id});
    if (u->isNull(0) || u->i64(1) != 0) {
        throw ValidationError("TOTP_NOT_ENROLLING",
                              "Start enrolment first (POST /api/v1/auth/totp/enrol).", "");
    }
    auto step = security::verifyTotp(security::base32Decode(u->str(0)), code, unixNow(ctx.clock),
                                     u->i64(2));
    if (!step) {
        throw ValidationError("TOTP_CONFIRMATION_FAILED", "The one-time code is wrong or expired.",
                              "code");
    }
    db::Transaction tx(ctx.db);
    ctx.db.execute("UPDATE users SET totp_enabled = 1, totp_last_step = ? WHERE id = ?",
                   {*step, ctx.actor.user_id});
    ctx.db.execute("UPDATE sessions SET mfa_pending = 0 WHERE token_hash = ?",
                   {security::sha256Hex(req.bearer_token)});
    appendAudit(ctx,
                {"auth.totp_confirm", "user", ctx.actor.name, "ok", std::nullopt, std::nullopt});
    tx.commit();
    Poco::JSON::Object::Ptr out = new Poco::JSON::Object;
    out->set("totp_enabled", true);
    return {200, out};
}

ApiResponse createUser(RequestContext& ctx, const ApiRequest& req) {
    const std::string username = requiredString(req.body, "username", 64);
    static const std::regex kUsername("[a-z0-9._-]{3,64}");
    if (!std::regex_match(username, kUsername)) {
        throw ValidationError("INVALID_USERNAME",
                              "A user name has 3 to 64 characters: a-z, 0-9, '.', '_' or '-'.",
                              "username");
    }
    const std::string display = requiredString(req.body, "display_name", 200);
    const std::string role_text = requiredString(req.body, "role", 32);
    auto role = parseRole(role_text);
    if (!role) {
        throw ValidationError("INVALID_ROLE",
                              "Role must be one of admin, contract_manager, access_officer, "
                              "finance, budget_holder, auditor, provider.",
                              "role");
    }
    const auto provider_id = userProvider(ctx, *role, optionalInt(req.body, "provider_id"));
    const std::string password = requiredString(req.body, "password", 128);
    if (auto why = security::passwordPolicyViolation(password); !why.empty()) {
        throw ValidationError("WEAK_PASSWORD", why, "password");
    }
    if (ctx.db.queryOne("SELECT id FROM users WHERE username = ?", {username})) {
        throw ValidationError("DUPLICATE_USERNAME", "User name '" + username + "' is taken.",
                              "username");
    }
    const std::string hash = security::hashPassword(password, ctx.config.pbkdf2_iterations);
    db::Transaction tx(ctx.db);
    ctx.db.execute(
        "INSERT INTO users (username, display_name, role, provider_id, password_hash)"
        " VALUES (?, ?, ?, ?, ?)",
        {username, display, role_text, provider_id ? db::Param{*provider_id} : db::Param{nullptr},
         hash});
    const std::int64_t id = ctx.db.lastInsertId();
    Poco::JSON::Object::Ptr out = new Poco::JSON::Object;
    out->set("id", id);
    out->set("username", username);
    out->set("display_name", display);
    out->set("role", role_text);
    if (provider_id) out->set("provider_id", *provider_id);
    appendAudit(ctx, {"user.create", "user", std::to_string(id), "ok", std::nullopt, toJson(out)});
    tx.commit();
    return {201, out};
}

ApiResponse listUsers(RequestContext& ctx, const ApiRequest&) {
    Poco::JSON::Array::Ptr out = new Poco::JSON::Array;
    for (const auto& r : ctx.db.query("SELECT id, username, display_name, role, totp_enabled, "
                                      "active FROM users ORDER BY id")) {
        Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
        o->set("id", r.i64(0));
        o->set("username", r.str(1));
        o->set("display_name", r.str(2));
        o->set("role", r.str(3));
        o->set("totp_enabled", r.i64(4) != 0);
        o->set("active", r.i64(5) != 0);
        out->add(o);
    }
    return {200, out};
}

ApiResponse issueApiKey(RequestContext& ctx, const ApiRequest& req) {
    const std::int64_t provider_id = req.pathId("id");
    const std::string label = optionalString(req.body, "label", 200).value_or("");
    if (!ctx.db.queryOne("SELECT id FROM providers WHERE id = ?", {provider_id})) {
        notFound("Provider " + std::to_string(provider_id), "id");
    }
    const std::string key = security::newToken("zck_");
    db::Transaction tx(ctx.db);
    ctx.db.execute("INSERT INTO provider_api_keys (provider_id, key_hash, label) VALUES (?, ?, ?)",
                   {provider_id, security::sha256Hex(key), label});
    const std::int64_t id = ctx.db.lastInsertId();
    appendAudit(ctx, {"api_key.issue", "provider", std::to_string(provider_id), "ok", std::nullopt,
                      "{\"api_key_id\":" + std::to_string(id) + "}"});
    tx.commit();
    Poco::JSON::Object::Ptr out = new Poco::JSON::Object;
    out->set("id", id);
    out->set("provider_id", provider_id);
    out->set("label", label);
    out->set("api_key", key);
    return {201, out};
}

ApiResponse listApiKeys(RequestContext& ctx, const ApiRequest& req) {
    const std::int64_t provider_id = req.pathId("id");
    Poco::JSON::Array::Ptr out = new Poco::JSON::Array;
    for (const auto& r : ctx.db.query(
             "SELECT id, label, created_at, revoked_at FROM provider_api_keys WHERE provider_id = ?"
             " ORDER BY id",
             {provider_id})) {
        Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
        o->set("id", r.i64(0));
        o->set("label", r.str(1));
        o->set("created_at", r.str(2).substr(0, 19));
        o->set("revoked", !r.isNull(3));
        out->add(o);
    }
    return {200, out};
}

ApiResponse revokeApiKey(RequestContext& ctx, const ApiRequest& req) {
    const std::int64_t provider_id = req.pathId("id");
    const std::int64_t key_id = req.pathId("key_id");
    db::Transaction tx(ctx.db);
    const auto n = ctx.db.execute(
        "UPDATE provider_api_keys SET revoked_at = ? WHERE id = ? AND provider_id = ? AND "
        "revoked_at IS NULL",
        {timestamp(ctx.clock), key_id, provider_id});
    if (n == 0) notFound("Active API key " + std::to_string(key_id), "key_id");
    appendAudit(ctx, {"api_key.revoke", "provider", std::to_string(provider_id), "ok", std::nullopt,
                      "{\"api_key_id\":" + std::to_string(key_id) + "}"});
    tx.commit();
    Poco::JSON::Object::Ptr out = new Poco::JSON::Object;
    out->set("id", key_id);
    out->set("revoked", true);
    return {200, out};
}

void createFirstAdmin(RequestContext& ctx, const std::string& username,
                      const std::string& password) {
    if (ctx.db.queryOne("SELECT id FROM users WHERE role = 'admin' LIMIT 1")) {
        throw ValidationError("ADMIN_EXISTS",
                              "An administrator exists already; log in as that administrator "
                              "to create further users.",
                              "");
    }
    ApiRequest req;
    req.body = new Poco::JSON::Object;
    req.body->set("username", username);
    req.body->set("display_name", "Administrator");
    req.body->set("role", "admin");
    req.body->set("password", password);
    createUser(ctx, req);
}

}  // namespace zc::app
