#pragma once
// Staff log-in with sessions and TOTP, and who a request's token or API key belongs to.
// Passwords: PBKDF2-HMAC-SHA256. Session tokens and API keys are 256-bit random values stored
// only as SHA-256 hashes. Each use case runs its own transaction and writes its audit row.
#include <optional>
#include <string>
#include <vector>

#include "contracting/kernel/request_context.hpp"

namespace zc::security {

// Roles that must log in with a second factor (BIO): admin and finance.
bool requiresSecondFactor(app::Role r);

struct Authenticated {
    app::Actor actor;
    bool mfa_pending = false;  // MFA role without an enrolled second factor: may only enrol
};

// The session's user, when the session is live: not revoked, not past its lifetime and used
// within the last `idle_minutes` (auth.session_idle_minutes). Marks the session used.
std::optional<Authenticated> authenticateSession(db::Connection& db, const Clock& clock,
                                                 const std::string& token, int idle_minutes);
std::optional<app::Actor> authenticateApiKey(db::Connection& db, const std::string& key);

struct LoginRequest {
    std::string username, password;
    std::optional<std::string> totp_code;
};

struct LoginResult {
    std::string token;
    std::string expires_at;  // DATETIME(6) text (UTC)
    app::Role role = app::Role::Auditor;
    std::string display_name;
    bool mfa_setup_required = false;
    std::vector<std::string> roles;  // every role of the user; `role` is the session's first
};

// INVALID_CREDENTIALS, ACCOUNT_LOCKED, TOTP_REQUIRED, INVALID_TOTP (401/429); a failure counts
// towards the throttle of (user name, ctx.origin) (login_throttle.hpp) and is audited in its own
// transaction; ACCOUNT_LOCKED while that source must wait.
LoginResult logIn(app::RequestContext& ctx, const LoginRequest& in);
void logOut(app::RequestContext& ctx, const std::string& token);

struct Me {
    bool totp_enabled = false;
    std::string display_name;
    std::vector<std::string> roles;  // every role; the session acts in one of them (issue 15)
    bool provider_admin = false;     // a provider's user that is its provider's administrator
    bool manages_users = false;      // ... and its provider may manage its own users
};
// The logged-in user's second factor, name and roles (nothing for API keys).
std::optional<Me> aboutMe(app::RequestContext& ctx);

struct TotpEnrolment {
    std::string secret;       // base32
    std::string otpauth_uri;  // for the authenticator app's QR code
};
// TOTP_ALREADY_ENROLLED when a second factor is active.
TotpEnrolment enrolTotp(app::RequestContext& ctx);
// TOTP_NOT_ENROLLING, TOTP_CONFIRMATION_FAILED; clears the session's MFA-pending mark.
void confirmTotp(app::RequestContext& ctx, const std::string& code, const std::string& token);

}  // namespace zc::security
