// The rules of user administration (interfaces/security/people_rules.hpp): which roles a user
// may hold, who may take an administrator's role or account away, and the four eyes on the
// reset of a second factor.
#include "interfaces/security/people_rules.hpp"

#include <gtest/gtest.h>

#include <functional>

#include "contracting/kernel/errors.hpp"

namespace zc::security {
namespace {

std::string codeOf(const std::function<void()>& f) {
    try {
        f();
    } catch (const ValidationError& e) {
        return e.code();
    }
    return "";
}

TEST(PeopleRules, RolesKeepTheirOrderWithoutRepeats) {
    const auto roles = checkedRoles({"finance", "auditor", "finance"}, false);
    EXPECT_EQ(roles, (std::vector<std::string>{"finance", "auditor"}));
    EXPECT_EQ(checkedRoles({"provider"}, true), (std::vector<std::string>{"provider"}));
}

TEST(PeopleRules, NoRoleAnUnknownRoleOrMixingProviderAndStaffIsRefused) {
    EXPECT_EQ(codeOf([] { checkedRoles({}, false); }), "INVALID_FIELD");
    EXPECT_EQ(codeOf([] { checkedRoles({"admin", "janitor"}, false); }), "INVALID_ROLE");
    EXPECT_EQ(codeOf([] { checkedRoles({"admin", "provider"}, false); }), "PROVIDER_NOT_ALLOWED");
    EXPECT_EQ(codeOf([] { checkedRoles({"provider", "auditor"}, true); }), "PROVIDER_NOT_ALLOWED");
}

TEST(PeopleRules, ASecondFactorIsNeededWhenAnyRoleNeedsIt) {
    EXPECT_TRUE(anyRoleNeedsSecondFactor({"auditor", "finance"}));
    EXPECT_TRUE(anyRoleNeedsSecondFactor({"admin"}));
    EXPECT_FALSE(anyRoleNeedsSecondFactor({"auditor", "contract_manager"}));
}

TEST(PeopleRules, NobodyRemovesTheirOwnAdminRoleNorTheLastAdministrators) {
    // Own role: refused even when other administrators remain.
    EXPECT_EQ(codeOf([] { checkAdminRoleChange({true, true, false, true, 3}); }), "OWN_ADMIN_ROLE");
    EXPECT_EQ(codeOf([] { checkAdminRoleChange({false, true, false, true, 0}); }), "LAST_ADMIN");
    EXPECT_EQ(codeOf([] { checkAdminRoleChange({false, true, false, true, 1}); }), "");
    // A deactivated administrator is no one's last administrator.
    EXPECT_EQ(codeOf([] { checkAdminRoleChange({false, true, false, false, 0}); }), "");
    // Keeping or adding the role is always allowed.
    EXPECT_EQ(codeOf([] { checkAdminRoleChange({true, true, true, true, 0}); }), "");
    EXPECT_EQ(codeOf([] { checkAdminRoleChange({true, false, true, true, 0}); }), "");
}

TEST(PeopleRules, NobodyDeactivatesThemselvesNorTheLastAdministrator) {
    EXPECT_EQ(codeOf([] { checkDeactivation(true, false, 5); }), "OWN_ACCOUNT");
    EXPECT_EQ(codeOf([] { checkDeactivation(false, true, 0); }), "LAST_ADMIN");
    EXPECT_EQ(codeOf([] { checkDeactivation(false, true, 1); }), "");
    EXPECT_EQ(codeOf([] { checkDeactivation(false, false, 0); }), "");
}

TEST(PeopleRules, AResetIsApprovedByNeitherItsRequesterNorTheUserItConcerns) {
    EXPECT_EQ(codeOf([] { checkResetApproval(7, 7, 9); }), "FOUR_EYES");
    EXPECT_EQ(codeOf([] { checkResetApproval(9, 7, 9); }), "FOUR_EYES");
    EXPECT_EQ(codeOf([] { checkResetApproval(8, 7, 9); }), "");
}

}  // namespace
}  // namespace zc::security
