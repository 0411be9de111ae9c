#pragma once
// Log-in throttling by user name and source address, instead of a lock that anyone could set
// (docs/security.md, "Log-in throttling"). Unknown and known user names are counted alike, so
// the answers do not tell whether a name exists.
#include <cstdint>
#include <optional>
#include <string>

#include "contracting/kernel/request_context.hpp"

namespace zc::security {

// Seconds a source must wait after its `failures`-th failure for one name: none below
// `free_failures`, then 2^(failures - free_failures), at most `max_seconds`.
std::int64_t loginDelaySeconds(std::int64_t failures, int free_failures, int max_seconds);

// The throttle's key of a typed user name: SHA-256 of the name lower-cased without trailing
// blanks (the database finds the user that way too).
std::string throttleKey(const std::string& username);

// ACCOUNT_LOCKED (429, audited) while ctx.origin must still wait before trying this name again.
void refuseWhileThrottled(app::RequestContext& ctx, const std::string& username);

struct FailedLogin {
    std::string username;                 // as typed
    std::optional<std::int64_t> user_id;  // when the name is a user's
    std::string role;                     // "" when unknown
    std::string reason;                   // "password", "totp", "unknown_user", "inactive_user"
};
// Counts the failure for (name, ctx.origin) and audits it, in its own transaction.
void recordFailedLogin(app::RequestContext& ctx, const FailedLogin& f);
// After a good log-in from ctx.origin (in the caller's transaction).
void clearLoginThrottle(app::RequestContext& ctx, const std::string& username);

}  // namespace zc::security
