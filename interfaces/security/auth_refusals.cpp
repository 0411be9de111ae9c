#include "auth_refusals.hpp"

#include "audit_trail.hpp"
#include "crypto.hpp"
#include "user_store.hpp"

namespace zc::security {
namespace {

// Why a presented session token was refused (when `why`), and whose it was.
void describeSession(app::RequestContext& ctx, const std::string& token, bool why,
                     AuditRecord& after) {
    const auto s = refusedSession(ctx.db, sha256Hex(token));
    if (!s) {
        after.set("reason", "unknown_token");
        return;
    }
    ctx.actor.name = s->username;
    after.set("user_id", s->user_id).set("role", s->role);
    if (!why) return;
    const std::string now = app::timestamp(ctx.clock);
    after.set("reason", s->revoked             ? "session_revoked"
                        : !s->user_active      ? "user_inactive"
                        : s->expires_at <= now ? "session_expired"
                                               : "session_idle");
}

void describeApiKey(app::RequestContext& ctx, const std::string& key, AuditRecord& after) {
    const auto k = refusedApiKey(ctx.db, sha256Hex(key));
    if (!k) {
        after.set("reason", "unknown_api_key");
        return;
    }
    ctx.actor.name = "provider:" + k->agb;
    after.set("provider_id", k->provider_id).set("role", "provider");
    after.set("reason", k->revoked ? "api_key_revoked" : "api_key_refused");
}

}  // namespace

void auditAuthRefusal(app::RequestContext& ctx, const std::string& endpoint,
                      const std::string& code, const PresentedCredentials& presented) {
    const bool presented_any = !presented.session_token.empty() || !presented.api_key.empty();
    if (code == "UNAUTHENTICATED" ? !presented_any
                                  : code != "CSRF_HEADER_MISSING" && code != "MFA_SETUP_REQUIRED") {
        return;
    }
    const app::Actor saved = ctx.actor;
    AuditRecord after;
    after.set("code", code);
    if (ctx.actor.user_id != 0) {
        // Authenticated already (MFA_SETUP_REQUIRED): the actor is known.
        after.set("user_id", ctx.actor.user_id).set("role", app::roleName(ctx.actor.role));
    } else if (!presented.session_token.empty()) {
        describeSession(ctx, presented.session_token, code == "UNAUTHENTICATED", after);
    } else if (!presented.api_key.empty()) {
        describeApiKey(ctx, presented.api_key, after);
    }
    appendAuditStandalone(
        ctx, {"access.denied", "endpoint", endpoint, "denied", std::nullopt, after.json()});
    ctx.actor = saved;
}

}  // namespace zc::security
