#pragma once
// Every refusal of a request is in the audit trail as "access.denied" (docs/security.md,
// "What is audited"): refusals at the door (a bad or revoked token or key, a missing CSRF header,
// a second factor still to set up: security/auth_refusals.hpp), a role that may not use the
// endpoint (FORBIDDEN), a certificate or message header naming another or an unknown provider
// (AGB_MISMATCH, UNKNOWN_AGB), and a record a handler refused to an authenticated caller (any
// 401 or 403, and a 404 for a record asked by id: not there, or not the caller's). A refusal the
// use case recorded itself (ctx.refusal_audited) is not written twice; a request without any
// credentials is not recorded (scanners would flood the trail).
#include <map>
#include <string>

#include "contracting/kernel/errors.hpp"
#include "contracting/kernel/request_context.hpp"
#include "interfaces/security/auth_refusals.hpp"

namespace zc::http {

struct RefusedRequest {
    std::string pattern;                      // the route, e.g. "GET /api/v1/declarations/{id}"
    std::map<std::string, std::string> path;  // the path parameters
    security::PresentedCredentials presented;
    std::string certificate_agb;  // the AGB of a verified client certificate, "" when none
};

// Writes the row for `error` when it is a refusal (see above), in its own transaction; a failing
// audit write never replaces the refusal's answer.
void auditRefusal(app::RequestContext& ctx, const RefusedRequest& request,
                  const ValidationError& error);

}  // namespace zc::http
