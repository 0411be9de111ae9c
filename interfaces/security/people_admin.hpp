#pragma once
// People (issue 15): an administrator changes, deactivates and reactivates users, gives them
// more than one role, and resets a second factor with four eyes; a provider administrator does
// the same for the users of its own provider when the municipality allows it. Each change runs
// in one transaction with its audit row; each refusal has a reason code and changes nothing.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "contracting/kernel/list_query.hpp"
#include "contracting/kernel/request_context.hpp"
#include "people_store.hpp"

namespace zc::security {

// Whose users the actor manages: every user (the municipality's administrator, provider_id 0)
// or those of one provider (its provider administrator, when the provider is self-managed).
// USER_ADMIN_NOT_ALLOWED for anyone else.
struct Authority {
    std::int64_t provider_id = 0;
    bool municipal() const { return provider_id == 0; }
};
Authority authorityOf(app::RequestContext& ctx);

// GET /users: a page of the users the actor may read — the administrator and the auditor every
// user, a provider administrator its own provider's (the filter's provider_id is set here);
// USER_ADMIN_NOT_ALLOWED for anyone else, INVALID_QUERY for a bad sort.
app::ListPage<PersonRow> listPeople(app::RequestContext& ctx, PeopleFilter filter);
// GET /users/{id}: one user of those; NOT_FOUND for a user outside them (as for none).
PersonRow getPerson(app::RequestContext& ctx, std::int64_t user_id);

struct UserChange {
    std::optional<std::string> display_name;
    std::optional<std::vector<std::string>> roles;  // the first: the role a session starts with
    std::optional<bool> provider_admin;             // a provider's user only
};
// PUT /users/{id}: NOT_FOUND, INVALID_ROLE, PROVIDER_NOT_ALLOWED, OWN_ADMIN_ROLE, LAST_ADMIN.
// Audited "user.change" (before and after). Sessions of the user lose a removed role at once.
PersonRow changeUser(app::RequestContext& ctx, std::int64_t user_id, const UserChange& change);
// Deactivating ends every session of the user at once: OWN_ACCOUNT, LAST_ADMIN,
// ALREADY_DEACTIVATED; reactivating: NOT_DEACTIVATED. Audited "user.deactivate"/"user.reactivate".
PersonRow setUserActive(app::RequestContext& ctx, std::int64_t user_id, bool active);

// Four eyes on a second factor: TOTP_NOT_ENROLLED, TOTP_RESET_OPEN; audited
// "user.totp_reset_request".
TotpReset requestTotpReset(app::RequestContext& ctx, std::int64_t user_id);
// A page of the open reset requests the actor may decide, and how many there are.
app::ListPage<TotpReset> openResets(app::RequestContext& ctx, std::int64_t limit,
                                    std::int64_t offset);
// Clears the factor and ends the user's sessions: FOUR_EYES (the requester, or the user
// itself), TOTP_RESET_NOT_OPEN. Audited "user.totp_reset_approve".
TotpReset approveTotpReset(app::RequestContext& ctx, std::int64_t reset_id);
// TOTP_RESET_NOT_OPEN; audited "user.totp_reset_withdraw".
TotpReset withdrawTotpReset(app::RequestContext& ctx, std::int64_t reset_id);

// Whether the provider's administrators manage its users; NOT_FOUND. Audited
// "provider.user_management".
void setProviderUserManagement(app::RequestContext& ctx, std::int64_t provider_id, bool allowed);

// POST /auth/role: the session's active role becomes `role`. ROLE_NOT_HELD, MFA_SETUP_REQUIRED
// (a role with a second factor before it is enrolled). Audited "auth.role_switch".
void switchRole(app::RequestContext& ctx, const std::string& token, const std::string& role);

}  // namespace zc::security
