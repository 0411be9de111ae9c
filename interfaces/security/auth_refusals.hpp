#pragma once
// The audit rows of refused requests at the door: a session token or API key that is not (or no
// longer) valid, a cookie request without the CSRF header, and a second factor still to be set
// up. Each row names whose token or key it was when the database knows (docs/security.md).
#include <string>

#include "contracting/kernel/request_context.hpp"

namespace zc::security {

// What the refused request presented.
struct PresentedCredentials {
    std::string session_token;  // bearer token or session cookie, "" when none
    std::string api_key;        // X-Api-Key, "" when none
};

// Writes "access.denied" for `endpoint` ("METHOD /pattern") in its own transaction when `code` is
// UNAUTHENTICATED (only when a token or key was presented), CSRF_HEADER_MISSING or
// MFA_SETUP_REQUIRED; other codes are left to their own audit. The row's after-JSON holds the
// code, the reason (session_revoked, session_expired, session_idle, user_inactive,
// unknown_token, api_key_revoked, unknown_api_key) and the user id / provider id and role.
void auditAuthRefusal(app::RequestContext& ctx, const std::string& endpoint,
                      const std::string& code, const PresentedCredentials& presented);

}  // namespace zc::security
