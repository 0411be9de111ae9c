#include "authentication.hpp"

#include "audit_trail.hpp"
#include "contracting/kernel/errors.hpp"
#include "crypto.hpp"
#include "interfaces/mysql/connection.hpp"
#include "login_throttle.hpp"
#include "password_hash.hpp"
#include "people_rules.hpp"
#include "people_store.hpp"
#include "totp.hpp"
#include "user_store.hpp"

namespace zc::security {
namespace {

using app::RequestContext;
using app::Role;

// A session's last use is written when it is older than this.
constexpr int kTouchSeconds = 60;

std::int64_t unixNow(const Clock& clock) {
    return std::chrono::duration_cast<std::chrono::seconds>(clock.now().time_since_epoch()).count();
}

[[noreturn]] void unauthorized(const std::string& code, const std::string& message,
                               const std::string& field = {}) {
    throw ValidationError(code, message, field);
}

void checkSecondFactor(RequestContext& ctx, const UserLogin& u, const std::string& username,
                       const std::optional<std::string>& code) {
    if (!code) {
        unauthorized("TOTP_REQUIRED",
                     "This account uses a second factor: send the 6-digit code of your "
                     "authenticator app as totp_code.",
                     "totp_code");
    }
    auto step =
        verifyTotp(base32Decode(u.totp_secret), *code, unixNow(ctx.clock), u.totp_last_step);
    if (!step) {
        recordFailedLogin(ctx, {username, u.id, u.role, "totp"});
        unauthorized("INVALID_TOTP", "The one-time code is wrong, expired or already used.",
                     "totp_code");
    }
    if (!useTotpStep(ctx.db, u.id, *step)) {
        unauthorized("INVALID_TOTP", "The one-time code is wrong, expired or already used.",
                     "totp_code");
    }
}

// The user, once the throttle and the password have been checked. An unknown user name costs
// the same password hash and the same writes as a wrong password, and gets the same answer.
UserLogin checkPassword(RequestContext& ctx, const LoginRequest& in) {
    refuseWhileThrottled(ctx, in.username);
    auto u = findUserLogin(ctx.db, in.username);
    if (!u || !u->active) {
        static const std::string timing_equaliser =
            hashPassword("timing-equaliser", ctx.config.pbkdf2_iterations);
        verifyPassword(in.password, timing_equaliser);
        recordFailedLogin(ctx,
                          {in.username, std::nullopt, "", u ? "inactive_user" : "unknown_user"});
        unauthorized("INVALID_CREDENTIALS", "Unknown user name or wrong password.");
    }
    if (!verifyPassword(in.password, u->password_hash)) {
        recordFailedLogin(ctx, {in.username, u->id, u->role, "password"});
        unauthorized("INVALID_CREDENTIALS", "Unknown user name or wrong password.");
    }
    return *u;
}

}  // namespace

bool requiresSecondFactor(Role r) { return r == Role::Admin || r == Role::Finance; }

std::optional<Authenticated> authenticateSession(db::Connection& db, const Clock& clock,
                                                 const std::string& token, int idle_minutes) {
    const std::string hash = sha256Hex(token);
    const std::string now = app::timestamp(clock);
    const auto s = findSessionUser(db, hash, now,
                                   app::timestampPlus(clock, -std::chrono::minutes(idle_minutes)));
    if (!s) return std::nullopt;
    // The session's last use, written at most once a minute (not even tried in between).
    const auto touch_before = app::timestampPlus(clock, -std::chrono::seconds(kTouchSeconds));
    if (s->last_used_at < touch_before) touchSession(db, hash, now, touch_before);
    Authenticated a;
    a.actor.user_id = s->user_id;
    a.actor.name = s->username;
    a.actor.role = app::parseRole(s->role).value_or(Role::Auditor);
    a.mfa_pending = s->mfa_pending;
    // A provider's staff member acts for that provider only (the use cases scope by it).
    a.actor.provider_id = s->provider_id;
    // A staff member works for the municipalities on record (staff_scope.hpp).
    if (a.actor.role != Role::Provider) {
        a.actor.municipalities = s->scope.municipalities;
        a.actor.regional = s->scope.regional_for;
        a.actor.scope_loaded = true;  // no rows: no municipality at all
    }
    return a;
}

std::optional<app::Actor> authenticateApiKey(db::Connection& db, const std::string& key) {
    const auto owner = findApiKeyOwner(db, sha256Hex(key));
    if (!owner) return std::nullopt;
    app::Actor a;
    a.role = Role::Provider;
    a.provider_id = owner->provider_id;
    a.name = "provider:" + owner->agb;
    return a;
}

LoginResult logIn(RequestContext& ctx, const LoginRequest& in) {
    const UserLogin u = checkPassword(ctx, in);
    const Role role = app::parseRole(u.role).value_or(Role::Auditor);
    // Checked before the log-in's transaction: a failure is recorded in its own transaction, and
    // a used time step is stored at once so the code cannot be replayed.
    if (u.totp_enabled) checkSecondFactor(ctx, u, in.username, in.totp_code);
    db::Transaction tx(ctx.db);
    clearLoginThrottle(ctx, in.username);
    LoginResult out;
    out.role = role;
    out.display_name = u.display_name;
    out.roles = userRoles(ctx.db, u.id);
    // A user with several roles enrols when any of them needs a second factor (issue 15).
    out.mfa_setup_required =
        (requiresSecondFactor(role) || anyRoleNeedsSecondFactor(out.roles)) && !u.totp_enabled;
    out.token = newToken("zcs_");
    out.expires_at = app::timestampPlus(ctx.clock, std::chrono::hours(ctx.config.session_hours));
    insertSession(ctx.db, sha256Hex(out.token), u.id, app::timestamp(ctx.clock), out.expires_at,
                  out.mfa_setup_required);
    setLastLogin(ctx.db, u.id, app::timestamp(ctx.clock));
    ctx.actor.name = in.username;
    appendAudit(ctx, {"auth.login", "user", in.username, "ok", std::nullopt, std::nullopt});
    tx.commit();
    return out;
}

void logOut(RequestContext& ctx, const std::string& token) {
    db::Transaction tx(ctx.db);
    revokeSession(ctx.db, sha256Hex(token), app::timestamp(ctx.clock));
    appendAudit(ctx, {"auth.logout", "user", ctx.actor.name, "ok", std::nullopt, std::nullopt});
    tx.commit();
}

std::optional<Me> aboutMe(RequestContext& ctx) {
    if (!ctx.actor.user_id) return std::nullopt;
    const auto [totp, name] = userTotpAndName(ctx.db, ctx.actor.user_id);
    const auto [provider_admin, provider] = providerAdminOf(ctx.db, ctx.actor.user_id);
    // A provider administrator manages users only while the municipality allows it.
    const bool manages = provider_admin && provider && providerSelfManaged(ctx.db, provider);
    return Me{totp, name, userRoles(ctx.db, ctx.actor.user_id), provider_admin, manages};
}

TotpEnrolment enrolTotp(RequestContext& ctx) {
    if (totpState(ctx.db, ctx.actor.user_id).enabled) {
        throw ValidationError("TOTP_ALREADY_ENROLLED",
                              "A second factor is already active for this account; ask an "
                              "administrator to reset it.",
                              "");
    }
    const std::string secret = newTotpSecret();
    db::Transaction tx(ctx.db);
    setTotpSecret(ctx.db, ctx.actor.user_id, secret);
    appendAudit(ctx, {"auth.totp_enrol", "user", ctx.actor.name, "ok", std::nullopt, std::nullopt});
    tx.commit();
    return {secret, totpUri(ctx.actor.name, secret)};
}

void confirmTotp(RequestContext& ctx, const std::string& code, const std::string& token) {
    const auto state = totpState(ctx.db, ctx.actor.user_id);
    if (!state.secret || state.enabled) {
        throw ValidationError("TOTP_NOT_ENROLLING",
                              "Start enrolment first (POST /api/v1/auth/totp/enrol).", "");
    }
    auto step = verifyTotp(base32Decode(*state.secret), code, unixNow(ctx.clock), state.last_step);
    if (!step) {
        throw ValidationError("TOTP_CONFIRMATION_FAILED", "The one-time code is wrong or expired.",
                              "code");
    }
    db::Transaction tx(ctx.db);
    enableTotp(ctx.db, ctx.actor.user_id, *step);
    clearSessionMfaPending(ctx.db, sha256Hex(token));
    appendAudit(ctx,
                {"auth.totp_confirm", "user", ctx.actor.name, "ok", std::nullopt, std::nullopt});
    tx.commit();
}

}  // namespace zc::security
