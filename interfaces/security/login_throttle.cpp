#include "login_throttle.hpp"

#include <algorithm>
#include <cctype>

#include "audit_trail.hpp"
#include "contracting/kernel/errors.hpp"
#include "crypto.hpp"
#include "interfaces/mysql/connection.hpp"
#include "user_store.hpp"

namespace zc::security {
namespace {

// A source's failures for a name are forgotten this long after its last failure.
constexpr std::chrono::hours kForgetAfter{24};
// Longest user name written to the audit trail (real names have at most 64 characters).
constexpr std::size_t kAuditNameChars = 64;

std::string auditName(const std::string& username) { return username.substr(0, kAuditNameChars); }

}  // namespace

std::int64_t loginDelaySeconds(std::int64_t failures, int free_failures, int max_seconds) {
    if (failures < free_failures) return 0;
    const std::int64_t exponent = failures - free_failures;
    if (exponent >= 30) return max_seconds;
    return std::min<std::int64_t>(std::int64_t{1} << exponent, max_seconds);
}

std::string throttleKey(const std::string& username) {
    std::string name = username;
    while (!name.empty() && name.back() == ' ') name.pop_back();
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return sha256Hex(name);
}

void refuseWhileThrottled(app::RequestContext& ctx, const std::string& username) {
    const auto row = loginThrottle(ctx.db, throttleKey(username), ctx.origin);
    const std::string now = app::timestamp(ctx.clock);
    if (!row || row->next_allowed_at <= now) return;
    app::Actor saved = ctx.actor;
    ctx.actor.name = "anonymous";
    appendAuditStandalone(ctx, {"auth.login", "user", auditName(username), "denied", std::nullopt,
                                AuditRecord()
                                    .set("reason", "throttled")
                                    .set("failures", row->failures)
                                    .set("next_allowed_at", app::isoTimestamp(row->next_allowed_at))
                                    .json()});
    ctx.actor = saved;
    throw ValidationError("ACCOUNT_LOCKED",
                          "Too many failed log-ins for this user name from your address: try "
                          "again after " +
                              app::isoTimestamp(row->next_allowed_at) + ".",
                          "username");
}

void recordFailedLogin(app::RequestContext& ctx, const FailedLogin& f) {
    const std::string key = throttleKey(f.username);
    db::Transaction tx(ctx.db);
    const std::int64_t failures =
        countLoginFailure(ctx.db, key, ctx.origin, app::timestamp(ctx.clock),
                          app::timestampPlus(ctx.clock, -std::chrono::seconds(kForgetAfter)));
    const std::int64_t delay = loginDelaySeconds(failures, ctx.config.max_failed_logins,
                                                 ctx.config.login_delay_max_seconds);
    setNextLoginAllowed(ctx.db, key, ctx.origin,
                        app::timestampPlus(ctx.clock, std::chrono::seconds(delay)));
    app::Actor saved = ctx.actor;
    ctx.actor.name = f.user_id ? f.username : "anonymous";
    AuditRecord after;
    after.set("reason", f.reason).set("failures", failures).set("delay_seconds", delay);
    if (f.user_id) after.set("user_id", *f.user_id).set("role", f.role);
    appendAudit(
        ctx, {"auth.login", "user", auditName(f.username), "denied", std::nullopt, after.json()});
    ctx.actor = saved;
    tx.commit();
}

void clearLoginThrottle(app::RequestContext& ctx, const std::string& username) {
    clearLoginFailures(ctx.db, throttleKey(username), ctx.origin);
}

}  // namespace zc::security
