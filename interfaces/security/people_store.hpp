#pragma once
// People (issue 15) in the database: a user's roles, activation, sessions ended at once, the
// provider administrator's flag and the four-eyes resets of a second factor (prepared
// statements, in the caller's transaction).
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "contracting/kernel/list_query.hpp"
#include "user_store.hpp"

namespace zc::db {
class Connection;
}

namespace zc::security {

// What the administration of one user needs to know (locked FOR UPDATE).
struct ManagedUser {
    std::int64_t id = 0;
    std::string username, display_name;
    std::vector<std::string> roles;  // first: users.role, the role a session starts with
    std::int64_t provider_id = 0;    // 0 for staff
    bool provider_admin = false;
    bool active = true;
    bool totp_enabled = false;
    bool totp_secret_set = false;
};

struct TotpReset {
    std::int64_t id = 0;
    std::int64_t user_id = 0;
    std::string username;
    std::int64_t provider_id = 0;  // the user's provider, 0 for staff
    std::int64_t requested_by = 0;
    std::string requested_by_name, requested_at, status;
    std::optional<std::int64_t> decided_by;
    std::optional<std::string> decided_at;
};

// One line of the list of users (who has which rights).
struct PersonRow {
    std::int64_t id = 0;
    std::string username, display_name;
    std::vector<std::string> roles;
    std::int64_t provider_id = 0;
    std::string provider_name;  // "" for staff
    bool provider_admin = false;
    bool active = true;
    bool totp_enabled = false;
    std::optional<std::string> last_login_at;
    UserScope scope;  // a staff user's municipalities (empty: every one); none for a provider's
};

// Which users a list shows (GET /users, issue 15).
struct PeopleFilter {
    std::int64_t provider_id = 0;  // only this provider's users; 0: every user
    std::string role;              // only users holding this role (any of their roles); "": any
    std::string state;             // "active", "deactivated" or "": both
    app::ListQuery list;           // q: username, display name, provider name
};

// One page of users and how many match: the count and the page in one consistent read.
// INVALID_QUERY for a sort outside id, username, display_name, provider_name, last_login_at.
app::ListPage<PersonRow> peoplePage(db::Connection& db, const PeopleFilter& f);
// One user as the list shows it, or nothing.
std::optional<PersonRow> findPerson(db::Connection& db, std::int64_t user_id);

// Every role of the user: users.role first, then the others of user_roles in name order.
std::vector<std::string> userRoles(db::Connection& db, std::int64_t user_id);
std::optional<ManagedUser> lockManagedUser(db::Connection& db, std::int64_t user_id);
// Replaces the user's roles; the first becomes users.role.
void replaceUserRoles(db::Connection& db, std::int64_t user_id,
                      const std::vector<std::string>& roles);
void setDisplayName(db::Connection& db, std::int64_t user_id, const std::string& name);
void setProviderAdmin(db::Connection& db, std::int64_t user_id, bool provider_admin);
void setUserActive(db::Connection& db, std::int64_t user_id, bool active);
// Ends every live session of the user; returns how many.
std::int64_t endUserSessions(db::Connection& db, std::int64_t user_id, const std::string& now);
// Active users holding the admin role other than `except` (locked, so two administrators cannot
// remove each other at once).
std::int64_t otherActiveAdmins(db::Connection& db, std::int64_t except);
// Active provider administrators of the provider other than `except`.
std::int64_t otherProviderAdmins(db::Connection& db, std::int64_t provider_id, std::int64_t except);
void setLastLogin(db::Connection& db, std::int64_t user_id, const std::string& now);
void setSessionRole(db::Connection& db, const std::string& token_hash, const std::string& role);
// {provider_admin, provider_id} of a user.
std::pair<bool, std::int64_t> providerAdminOf(db::Connection& db, std::int64_t user_id);
bool providerSelfManaged(db::Connection& db, std::int64_t provider_id);
// False when there is no such provider.
bool setProviderSelfManaged(db::Connection& db, std::int64_t provider_id, bool allowed);

std::int64_t insertTotpReset(db::Connection& db, std::int64_t user_id, std::int64_t requested_by,
                             const std::string& now);
bool openTotpResetExists(db::Connection& db, std::int64_t user_id);
std::optional<TotpReset> lockTotpReset(db::Connection& db, std::int64_t id);
// A page of the open requests by id, and how many there are; of one provider's users only when
// provider_id is not 0.
app::ListPage<TotpReset> openTotpResets(db::Connection& db, std::int64_t provider_id,
                                        std::int64_t limit, std::int64_t offset);
void decideTotpReset(db::Connection& db, std::int64_t id, const std::string& status,
                     std::int64_t decided_by, const std::string& now);
// Clears the user's second factor: at the next log-in the user enrols again.
void clearTotp(db::Connection& db, std::int64_t user_id);

}  // namespace zc::security
