#pragma once
// Staff users, their sessions and the providers' API keys in the database (prepared statements,
// in the caller's transaction). Secrets are stored only as hashes.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "contracting/kernel/list_query.hpp"

namespace zc::db {
class Connection;
}

namespace zc::security {

// A user as the log-in reads it.
struct UserLogin {
    std::int64_t id = 0;
    std::string role;
    std::string password_hash;
    bool totp_enabled = false;
    std::string totp_secret;  // base32, "" when none
    std::int64_t totp_last_step = 0;
    bool active = true;
    std::string display_name;
};

// A staff user's scope (user_municipalities): the municipalities the user works for and the
// central municipalities whose placed care the user serves for the region.
struct UserScope {
    std::vector<std::string> municipalities;
    std::vector<std::string> regional_for;
};

// The user behind a live session.
struct SessionUser {
    std::int64_t user_id = 0;
    std::string username;
    std::string role;
    bool mfa_pending = false;
    std::int64_t provider_id = 0;  // 0 for staff
    std::string last_used_at;      // as stored
    UserScope scope;               // read with the session, in the same statement
};

struct NewUserRow {
    std::string username, display_name, role;
    std::optional<std::int64_t> provider_id;
    std::string password_hash;
};

struct ApiKeyRow {
    std::int64_t id = 0;
    std::string label;
    std::string created_at;
    bool revoked = false;
};

// A provider's key, found by its hash.
struct ApiKeyOwner {
    std::int64_t provider_id = 0;
    std::string agb;
};

// Failed log-ins of one user name (hashed) from one source address (login_throttle).
struct ThrottleRow {
    std::int64_t failures = 0;
    std::string last_failure_at;  // DATETIME(6) text
    std::string next_allowed_at;  // DATETIME(6) text
};

// A session token that authenticateSession refused, and whose it was (for the audit row).
struct RefusedSession {
    std::int64_t user_id = 0;
    std::string username, role;
    bool revoked = false;
    std::string expires_at, last_used_at;  // DATETIME(6) text
    bool user_active = true;
};

// An API key that was refused, and whose it was.
struct RefusedApiKey {
    std::int64_t provider_id = 0;
    std::string agb;
    bool revoked = false;
};

struct TotpState {
    std::optional<std::string> secret;
    bool enabled = false;
    std::int64_t last_step = 0;
};

std::optional<UserLogin> findUserLogin(db::Connection& db, const std::string& username);
std::optional<ThrottleRow> loginThrottle(db::Connection& db, const std::string& account_hash,
                                         const std::string& source);
// Counts a failed log-in (starting again at 1 when the last one was before `forget_before`);
// returns the failures so far. The row stays locked until the transaction ends.
std::int64_t countLoginFailure(db::Connection& db, const std::string& account_hash,
                               const std::string& source, const std::string& now,
                               const std::string& forget_before);
void setNextLoginAllowed(db::Connection& db, const std::string& account_hash,
                         const std::string& source, const std::string& at);
void clearLoginFailures(db::Connection& db, const std::string& account_hash,
                        const std::string& source);
// Stores the used TOTP time step; false when a later or equal step was stored meanwhile.
bool useTotpStep(db::Connection& db, std::int64_t user_id, std::int64_t step);

void insertSession(db::Connection& db, const std::string& token_hash, std::int64_t user_id,
                   const std::string& created_at, const std::string& expires_at, bool mfa_pending);
// The live session: not revoked, not expired, last used after `idle_since`, its user active.
std::optional<SessionUser> findSessionUser(db::Connection& db, const std::string& token_hash,
                                           const std::string& now, const std::string& idle_since);
// Marks the session used at `now` when its last use was before `if_before` (fewer writes).
void touchSession(db::Connection& db, const std::string& token_hash, const std::string& now,
                  const std::string& if_before);
// Any session with that token hash, live or not.
std::optional<RefusedSession> refusedSession(db::Connection& db, const std::string& token_hash);
void revokeSession(db::Connection& db, const std::string& token_hash, const std::string& now);
void clearSessionMfaPending(db::Connection& db, const std::string& token_hash);

std::optional<ApiKeyOwner> findApiKeyOwner(db::Connection& db, const std::string& key_hash);
// Any key with that hash, revoked or not.
std::optional<RefusedApiKey> refusedApiKey(db::Connection& db, const std::string& key_hash);

// {totp_enabled, display_name} of the user.
std::pair<bool, std::string> userTotpAndName(db::Connection& db, std::int64_t user_id);
TotpState totpState(db::Connection& db, std::int64_t user_id);
void setTotpSecret(db::Connection& db, std::int64_t user_id, const std::string& secret);
void enableTotp(db::Connection& db, std::int64_t user_id, std::int64_t step);

bool providerExists(db::Connection& db, std::int64_t provider_id);
bool usernameTaken(db::Connection& db, const std::string& username);
bool adminExists(db::Connection& db);
std::int64_t insertUser(db::Connection& db, const NewUserRow& u);

// The user's scope (empty for a provider's user).
UserScope userScope(db::Connection& db, std::int64_t user_id);
// Replaces the user's scope.
void replaceUserScope(db::Connection& db, std::int64_t user_id, const UserScope& scope);
// Every municipality's code, in code order.
std::vector<std::string> municipalityCodes(db::Connection& db);
// Whether `code` is a central municipality with which some region placed care.
bool holdsPlacedCare(db::Connection& db, const std::string& code);
// The user's role and provider, or nothing when there is no such user.
std::optional<std::pair<std::string, std::optional<std::int64_t>>> userRole(db::Connection& db,
                                                                            std::int64_t user_id);

std::int64_t insertApiKey(db::Connection& db, std::int64_t provider_id, const std::string& key_hash,
                          const std::string& label);
// A page of the provider's API keys by id, and how many it has.
app::ListPage<ApiKeyRow> providerApiKeys(db::Connection& db, std::int64_t provider_id,
                                         std::int64_t limit, std::int64_t offset);
// Revokes the provider's active key; false when there is none with that id.
bool revokeProviderApiKey(db::Connection& db, std::int64_t provider_id, std::int64_t key_id,
                          const std::string& now);

}  // namespace zc::security
