#pragma once
// Staff log-in with sessions and TOTP, users, and provider API keys.
// Passwords: PBKDF2-HMAC-SHA256 (interfaces/security). Session tokens and API keys are 256-bit
// random values stored only as SHA-256 hashes.
#include <optional>
#include <string>

#include "context.hpp"

namespace zc::app {

// Roles that must log in with a second factor (BIO): admin and finance.
bool requiresSecondFactor(Role r);

struct Authenticated {
    Actor actor;
    bool mfa_pending = false;  // MFA role without an enrolled second factor: may only enrol
};

std::optional<Authenticated> authenticateSession(db::Connection& db, const Clock& clock,
                                                 const std::string& token);
std::optional<Actor> authenticateApiKey(db::Connection& db, const std::string& key);

// POST /auth/login {username, password, totp_code?} -> {token, expires_at, role,
// mfa_setup_required}
ApiResponse login(RequestContext& ctx, const ApiRequest& req);
ApiResponse logout(RequestContext& ctx, const ApiRequest& req);
ApiResponse me(RequestContext& ctx, const ApiRequest& req);
// POST /auth/totp/enrol -> {secret, otpauth_uri}; POST /auth/totp/confirm {code}
ApiResponse enrolTotp(RequestContext& ctx, const ApiRequest& req);
ApiResponse confirmTotp(RequestContext& ctx, const ApiRequest& req);

ApiResponse createUser(RequestContext& ctx, const ApiRequest& req);
ApiResponse listUsers(RequestContext& ctx, const ApiRequest& req);

ApiResponse issueApiKey(RequestContext& ctx, const ApiRequest& req);
ApiResponse listApiKeys(RequestContext& ctx, const ApiRequest& req);
ApiResponse revokeApiKey(RequestContext& ctx, const ApiRequest& req);

// CLI: creates the first admin. Refused when an admin already exists.
void createFirstAdmin(RequestContext& ctx, const std::string& username,
                      const std::string& password);

}  // namespace zc::app
