#pragma once
// The application manager's work: staff users and the providers' API keys. Each change runs in
// its own transaction with its audit row.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "contracting/kernel/list_query.hpp"
#include "contracting/kernel/request_context.hpp"
#include "user_store.hpp"

namespace zc::security {

// INVALID_USERNAME unless the name is 3 to 64 of a-z, 0-9, '.', '_', '-'.
void checkUsername(const std::string& username);

struct NewUser {
    std::string username;  // checked by the caller: [a-z0-9._-]{3,64} (INVALID_USERNAME)
    std::string display_name;
    std::string role;  // a role's name, checked by the caller (INVALID_ROLE)
    // More roles (issue 15): when given, all of the user's roles; the first is the role a
    // session starts with (and `role` is ignored).
    std::vector<std::string> roles = {};
    bool provider_admin = false;  // a provider's user that manages its provider's users
    std::optional<std::int64_t> provider_id;
    std::string password;
    // A staff user's scope; without one the user works for every municipality (as before
    // issue 13). A provider's user has none.
    std::optional<UserScope> scope = std::nullopt;
};

struct CreatedUser {
    std::int64_t id = 0;
    std::string username, display_name, role;
    std::vector<std::string> roles;
    bool provider_admin = false;
    std::optional<std::int64_t> provider_id;
    UserScope scope;
};

// PROVIDER_NOT_ALLOWED / PROVIDER_REQUIRED / NOT_FOUND (provider), WEAK_PASSWORD,
// DUPLICATE_USERNAME, INVALID_ROLE, and the scope's refusals (setUserScope). An administrator
// creates any user; a provider administrator only its own provider's (USER_ADMIN_NOT_ALLOWED
// otherwise, people_admin.hpp).
CreatedUser createUser(app::RequestContext& ctx, const NewUser& u);
// PUT /users/{id}/municipalities: replaces a staff user's scope, audited "user.scope" (before and
// after). NOT_FOUND (user); INVALID_FIELD for a provider's user, an empty scope or a regional
// municipality with which no region placed care; UNKNOWN_MUNICIPALITY. The user's sessions get
// the new scope at their next request.
UserScope setUserScope(app::RequestContext& ctx, std::int64_t user_id, const UserScope& scope);
// The command line's first administrator; ADMIN_EXISTS when there is one.
void createFirstAdmin(app::RequestContext& ctx, const std::string& username,
                      const std::string& password);

struct IssuedApiKey {
    std::int64_t id = 0;
    std::string api_key;  // shown once, stored only as a hash
};
// NOT_FOUND when the provider does not exist.
IssuedApiKey issueApiKey(app::RequestContext& ctx, std::int64_t provider_id,
                         const std::string& label);
// A page of the provider's API keys, and how many it has.
app::ListPage<ApiKeyRow> listApiKeys(app::RequestContext& ctx, std::int64_t provider_id,
                                     std::int64_t limit, std::int64_t offset);
// NOT_FOUND when the provider has no active key with that id.
void revokeApiKey(app::RequestContext& ctx, std::int64_t provider_id, std::int64_t key_id);

}  // namespace zc::security
