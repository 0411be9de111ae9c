#pragma once
// The rules of user administration (issue 15), pure: which roles a user may have, who may take
// an administrator's role or account away, and who may approve the reset of a second factor.
// Each refusal throws a ValidationError with its reason code; nothing here touches the database.
#include <cstdint>
#include <string>
#include <vector>

namespace zc::security {

// The roles as given, without repeats, in their order (the first is the role a session starts
// with). INVALID_FIELD when empty, INVALID_ROLE for an unknown name; a provider's user has
// exactly the role provider and a staff user never has it (PROVIDER_NOT_ALLOWED).
std::vector<std::string> checkedRoles(const std::vector<std::string>& roles, bool provider_user);

bool holdsRole(const std::vector<std::string>& roles, const std::string& role);
// Whether any of the roles must log in with a second factor (admin, finance).
bool anyRoleNeedsSecondFactor(const std::vector<std::string>& roles);

// Taking the admin role away: OWN_ADMIN_ROLE when it is the actor's own; LAST_ADMIN when no
// other active user would be an administrator.
struct AdminRoleChange {
    bool self = false;
    bool had_admin = false;
    bool has_admin_after = false;
    bool active = true;
    std::int64_t other_active_admins = 0;
};
void checkAdminRoleChange(const AdminRoleChange& c);

// Deactivating a user: OWN_ACCOUNT for the actor's own account, LAST_ADMIN for the last active
// administrator (of the municipality, or of the provider for a provider administrator).
void checkDeactivation(bool self, bool is_admin, std::int64_t other_active_admins);

// Approving the reset of a second factor takes a second administrator: FOUR_EYES when the
// approver requested it or is the user whose factor it is.
void checkResetApproval(std::int64_t approver, std::int64_t requester, std::int64_t user);

}  // namespace zc::security
