#include "people_rules.hpp"

#include <algorithm>

#include "contracting/kernel/errors.hpp"
#include "contracting/kernel/request_context.hpp"

namespace zc::security {

namespace {

const std::string kProvider = "provider";

}  // namespace

std::vector<std::string> checkedRoles(const std::vector<std::string>& roles, bool provider_user) {
    if (roles.empty()) {
        throw ValidationError("INVALID_FIELD", "A user has at least one role.", "roles");
    }
    std::vector<std::string> out;
    for (const auto& role : roles) {
        if (!app::parseRole(role)) {
            throw ValidationError("INVALID_ROLE",
                                  "Role must be one of admin, contract_manager, access_officer, "
                                  "finance, budget_holder, auditor, provider.",
                                  "roles");
        }
        if ((role == kProvider) != provider_user) {
            throw ValidationError("PROVIDER_NOT_ALLOWED",
                                  provider_user ? "A provider's user has the role provider only."
                                                : "A staff user cannot have the role provider.",
                                  "roles");
        }
        if (!holdsRole(out, role)) out.push_back(role);
    }
    return out;
}

bool holdsRole(const std::vector<std::string>& roles, const std::string& role) {
    return std::find(roles.begin(), roles.end(), role) != roles.end();
}

bool anyRoleNeedsSecondFactor(const std::vector<std::string>& roles) {
    return holdsRole(roles, "admin") || holdsRole(roles, "finance");
}

void checkAdminRoleChange(const AdminRoleChange& c) {
    if (!c.had_admin || c.has_admin_after) return;
    if (c.self) {
        throw ValidationError("OWN_ADMIN_ROLE",
                              "You cannot remove your own administrator role; ask another "
                              "administrator.",
                              "roles");
    }
    if (c.active && c.other_active_admins == 0) {
        throw ValidationError("LAST_ADMIN",
                              "This is the last active administrator; make someone else "
                              "administrator first.",
                              "roles");
    }
}

void checkDeactivation(bool self, bool is_admin, std::int64_t other_active_admins) {
    if (self) {
        throw ValidationError("OWN_ACCOUNT", "You cannot deactivate your own account.", "id");
    }
    if (is_admin && other_active_admins == 0) {
        throw ValidationError("LAST_ADMIN",
                              "This is the last active administrator; make someone else "
                              "administrator first.",
                              "id");
    }
}

void checkResetApproval(std::int64_t approver, std::int64_t requester, std::int64_t user) {
    if (approver == requester) {
        throw ValidationError("FOUR_EYES",
                              "Four eyes: another administrator than the one who requested the "
                              "reset must approve it.",
                              "id");
    }
    if (approver == user) {
        throw ValidationError("FOUR_EYES",
                              "Four eyes: you cannot approve the reset of your own second factor.",
                              "id");
    }
}

}  // namespace zc::security
