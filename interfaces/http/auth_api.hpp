#pragma once
// Log-in, sessions, TOTP, users and API keys over HTTP: JSON in, the use cases of
// interfaces/security (authentication, user_admin), JSON out.
#include "api_request.hpp"

namespace zc::http {

// POST /auth/login {username, password, totp_code?, session?} -> {token | cookie, expires_at,
// username, role, display_name, mfa_setup_required}
ApiResponse login(RequestContext& ctx, const ApiRequest& req);
ApiResponse logout(RequestContext& ctx, const ApiRequest& req);
ApiResponse me(RequestContext& ctx, const ApiRequest& req);
// POST /auth/totp/enrol -> {secret, otpauth_uri}; POST /auth/totp/confirm {code}
ApiResponse enrolTotp(RequestContext& ctx, const ApiRequest& req);
ApiResponse confirmTotp(RequestContext& ctx, const ApiRequest& req);

// POST /users {..., municipalities?, regional_for?} answers the staff user's scope (as GET
// /users does, people_api.hpp); PUT /users/{id}/municipalities {municipalities, regional_for?}
// replaces it.
ApiResponse createUser(RequestContext& ctx, const ApiRequest& req);
ApiResponse setUserScope(RequestContext& ctx, const ApiRequest& req);

ApiResponse issueApiKey(RequestContext& ctx, const ApiRequest& req);
ApiResponse listApiKeys(RequestContext& ctx, const ApiRequest& req);
ApiResponse revokeApiKey(RequestContext& ctx, const ApiRequest& req);

}  // namespace zc::http
