// People (issue 15) over HTTPS: deactivation ends every session at once, several roles with an
// active role per session, the four-eyes reset of a second factor, the provider administrator's
// scope and the rights overview generated from the route table.
#include <gtest/gtest.h>

#include "e2e/session.hpp"
#include "interfaces/http/routes.hpp"

namespace zc::e2e {
namespace {

using test::Headers;
using test::jsonArray;
using test::jsonObject;
using test::Response;

constexpr const char* kPassword = "e2e-people-password-2026";

Response put(const std::string& path, const Poco::Dynamic::Var& json, const Headers& h) {
    return client().request("PUT", path, test::jsonText(json), h);
}

Response postEmpty(const std::string& path, const Headers& h) {
    return client().post(path, jsonObject({}), h);
}

// Creates a user as admin with the given fields (and a unique name and the test password).
Response createUser(const std::string& prefix, Poco::JSON::Object::Ptr fields,
                    const Headers& by = as("admin")) {
    fields->set("username", prefix + "." + uniqueDigits(10));
    fields->set("display_name", "E2E " + prefix);
    fields->set("password", kPassword);
    return client().post("/api/v1/users", fields, by);
}

Headers loginAs(const std::string& username) {
    const Response r = login(username, kPassword);
    EXPECT_EQ(r.status, 200) << r.describe();
    return bearer(r.str("token"));
}

// A user with an enrolled second factor and a live session: {headers, secret}.
std::pair<Headers, std::string> enrolled(const std::string& username) {
    const Headers h = loginAs(username);
    const Response enrol = postEmpty("/api/v1/auth/totp/enrol", h);
    EXPECT_EQ(enrol.status, 200) << enrol.describe();
    const std::string secret = enrol.str("secret");
    const Response confirm = client().post(
        "/api/v1/auth/totp/confirm", jsonObject({{"code", freshTotpCode(username, secret)}}), h);
    EXPECT_EQ(confirm.status, 200) << confirm.describe();
    return {h, secret};
}

std::string path(std::int64_t id, const std::string& what = "") {
    return "/api/v1/users/" + std::to_string(id) + what;
}

std::int64_t auditRows(const std::string& action, std::int64_t id) {
    const Response r = client().get(
        "/api/v1/audit?action=" + action + "&object_id=" + std::to_string(id), as("admin"));
    EXPECT_EQ(r.status, 200) << r.describe();
    return static_cast<std::int64_t>(r.array()->size());
}

TEST(People, DeactivationEndsEverySessionAtOnceAndRefusesTheLogIn) {
    const Response created = createUser("aud.leaver", jsonObject({{"role", "auditor"}}));
    ASSERT_EQ(created.status, 201) << created.describe();
    const std::int64_t id = created.num("id");
    const std::string name = created.str("username");
    const Headers first = loginAs(name), second = loginAs(name);
    ASSERT_EQ(client().get("/api/v1/auth/me", first).status, 200);

    const Response off = postEmpty(path(id, "/deactivate"), as("admin"));
    ASSERT_EQ(off.status, 200) << off.describe();
    EXPECT_FALSE(off.object()->getValue<bool>("active"));
    EXPECT_EQ(client().get("/api/v1/auth/me", first).status, 401);
    EXPECT_EQ(client().get("/api/v1/audit", second).status, 401);
    EXPECT_EQ(login(name, kPassword).code(), "INVALID_CREDENTIALS");
    EXPECT_EQ(postEmpty(path(id, "/deactivate"), as("admin")).code(), "ALREADY_DEACTIVATED");
    EXPECT_EQ(auditRows("user.deactivate", id), 1);

    const Response on = postEmpty(path(id, "/reactivate"), as("admin"));
    ASSERT_EQ(on.status, 200) << on.describe();
    EXPECT_TRUE(on.object()->getValue<bool>("active"));
    EXPECT_EQ(login(name, kPassword).status, 200);
    EXPECT_EQ(postEmpty(path(id, "/reactivate"), as("admin")).code(), "NOT_DEACTIVATED");
    // The old sessions stay ended.
    EXPECT_EQ(client().get("/api/v1/auth/me", first).status, 401);
}

TEST(People, AnAdministratorKeepsTheirOwnAccountAndAdminRole) {
    const std::int64_t me = client().get("/api/v1/auth/me", as("admin")).num("user_id");
    const Response self_off = postEmpty(path(me, "/deactivate"), as("admin"));
    EXPECT_EQ(self_off.status, 409) << self_off.describe();
    EXPECT_EQ(self_off.code(), "OWN_ACCOUNT");
    const Response demote =
        put(path(me), jsonObject({{"roles", jsonArray({"auditor"})}}), as("admin"));
    EXPECT_EQ(demote.status, 409) << demote.describe();
    EXPECT_EQ(demote.code(), "OWN_ADMIN_ROLE");
    // Nothing changed.
    const Response after = client().get("/api/v1/auth/me", as("admin"));
    EXPECT_EQ(after.str("role"), "admin");
}

TEST(People, AChangeOfNameAndRolesIsAuditedAndBadRolesAreRefused) {
    const Response created = createUser("cm.changed", jsonObject({{"role", "contract_manager"}}));
    ASSERT_EQ(created.status, 201) << created.describe();
    const std::int64_t id = created.num("id");
    const Response changed =
        put(path(id),
            jsonObject({{"display_name", "Renamed"},
                        {"roles", jsonArray({"auditor", "contract_manager"})}}),
            as("admin"));
    ASSERT_EQ(changed.status, 200) << changed.describe();
    EXPECT_EQ(changed.str("display_name"), "Renamed");
    EXPECT_EQ(changed.str("role"), "auditor");
    EXPECT_EQ(changed.object()->getArray("roles")->size(), 2u);
    EXPECT_EQ(auditRows("user.change", id), 1);

    EXPECT_EQ(put(path(id), jsonObject({{"roles", jsonArray({"janitor"})}}), as("admin")).code(),
              "INVALID_ROLE");
    EXPECT_EQ(put(path(id), jsonObject({{"roles", jsonArray({"provider"})}}), as("admin")).code(),
              "PROVIDER_NOT_ALLOWED");
    EXPECT_EQ(put(path(id), jsonObject({{"roles", jsonArray({})}}), as("admin")).code(),
              "INVALID_FIELD");
    EXPECT_EQ(put(path(999999999), jsonObject({{"display_name", "x"}}), as("admin")).status, 404);
    EXPECT_EQ(auditRows("user.change", id), 1);
}

TEST(People, TheActiveRoleDecidesWhatRoutesAllow) {
    const Response created =
        createUser("multi", jsonObject({{"roles", jsonArray({"auditor", "contract_manager"})}}));
    ASSERT_EQ(created.status, 201) << created.describe();
    const std::int64_t id = created.num("id");
    const Headers h = loginAs(created.str("username"));
    const Response me = client().get("/api/v1/auth/me", h);
    EXPECT_EQ(me.str("role"), "auditor");
    EXPECT_EQ(me.object()->getArray("roles")->size(), 2u);

    // As auditor: the audit trail yes, creating a procedure no.
    EXPECT_EQ(client().get("/api/v1/audit", h).status, 200);
    EXPECT_EQ(postEmpty("/api/v1/procedures", h).code(), "FORBIDDEN");

    const Response switched =
        client().post("/api/v1/auth/role", jsonObject({{"role", "contract_manager"}}), h);
    ASSERT_EQ(switched.status, 200) << switched.describe();
    EXPECT_EQ(client().get("/api/v1/auth/me", h).str("role"), "contract_manager");
    EXPECT_EQ(client().get("/api/v1/audit", h).code(), "FORBIDDEN");
    EXPECT_NE(postEmpty("/api/v1/procedures", h).status, 403);
    EXPECT_EQ(auditRows("auth.role_switch", id), 1);

    const Response not_held =
        client().post("/api/v1/auth/role", jsonObject({{"role", "access_officer"}}), h);
    EXPECT_EQ(not_held.status, 403) << not_held.describe();
    EXPECT_EQ(not_held.code(), "ROLE_NOT_HELD");

    // A role with a second factor before it is enrolled: refused.
    ASSERT_EQ(put(path(id),
                  jsonObject({{"roles", jsonArray({"auditor", "contract_manager", "finance"})}}),
                  as("admin"))
                  .status,
              200);
    EXPECT_EQ(client().post("/api/v1/auth/role", jsonObject({{"role", "finance"}}), h).code(),
              "MFA_SETUP_REQUIRED");

    // The administrator takes the active role away: the session's next request is the first.
    ASSERT_EQ(put(path(id), jsonObject({{"roles", jsonArray({"auditor"})}}), as("admin")).status,
              200);
    EXPECT_EQ(client().get("/api/v1/auth/me", h).str("role"), "auditor");
    EXPECT_EQ(postEmpty("/api/v1/procedures", h).code(), "FORBIDDEN");
}

TEST(People, ASecondFactorIsResetOnlyWithASecondAdministrator) {
    const Response target = createUser("aud.lostphone", jsonObject({{"role", "auditor"}}));
    ASSERT_EQ(target.status, 201) << target.describe();
    const std::int64_t target_id = target.num("id");
    const auto [target_session, secret] = enrolled(target.str("username"));
    const Response second = createUser("admin.second", jsonObject({{"role", "admin"}}));
    ASSERT_EQ(second.status, 201) << second.describe();
    const Headers admin2 = enrolled(second.str("username")).first;

    const Response requested = postEmpty(path(target_id, "/totp-reset"), as("admin"));
    ASSERT_EQ(requested.status, 201) << requested.describe();
    EXPECT_EQ(requested.str("status"), "open");
    const std::string reset = "/api/v1/totp-resets/" + std::to_string(requested.num("id"));
    EXPECT_EQ(postEmpty(path(target_id, "/totp-reset"), as("admin")).code(), "TOTP_RESET_OPEN");

    const Response own = postEmpty(reset + "/approve", as("admin"));
    EXPECT_EQ(own.status, 403) << own.describe();
    EXPECT_EQ(own.code(), "FOUR_EYES");
    // Nothing changed: the factor still works.
    EXPECT_EQ(client().get("/api/v1/auth/me", target_session).status, 200);

    const Response approved = postEmpty(reset + "/approve", admin2);
    ASSERT_EQ(approved.status, 200) << approved.describe();
    EXPECT_EQ(approved.str("status"), "approved");
    EXPECT_EQ(client().get("/api/v1/auth/me", target_session).status, 401);
    const Response again = login(target.str("username"), kPassword);
    ASSERT_EQ(again.status, 200) << again.describe();
    EXPECT_FALSE(client()
                     .get("/api/v1/auth/me", bearer(again.str("token")))
                     .object()
                     ->getValue<bool>("totp_enabled"));
    EXPECT_EQ(postEmpty(reset + "/approve", admin2).code(), "TOTP_RESET_NOT_OPEN");
    EXPECT_EQ(postEmpty(path(target_id, "/totp-reset"), as("admin")).code(), "TOTP_NOT_ENROLLED");
    EXPECT_EQ(auditRows("user.totp_reset_request", target_id), 1);
    EXPECT_EQ(auditRows("user.totp_reset_approve", target_id), 1);

    // The second administrator cannot approve the reset of their own factor; it is withdrawn.
    const Response of_admin2 = postEmpty(path(second.num("id"), "/totp-reset"), as("admin"));
    ASSERT_EQ(of_admin2.status, 201) << of_admin2.describe();
    const std::string reset2 = "/api/v1/totp-resets/" + std::to_string(of_admin2.num("id"));
    EXPECT_EQ(postEmpty(reset2 + "/approve", admin2).code(), "FOUR_EYES");
    const Response open = client().get("/api/v1/totp-resets", as("admin"));
    ASSERT_EQ(open.status, 200) << open.describe();
    bool listed = false;
    for (std::size_t i = 0; i < open.array()->size(); ++i) {
        listed |= open.array()->getObject(i)->getValue<std::int64_t>("id") == of_admin2.num("id");
    }
    EXPECT_TRUE(listed);
    const Response withdrawn = postEmpty(reset2 + "/withdraw", as("admin"));
    ASSERT_EQ(withdrawn.status, 200) << withdrawn.describe();
    EXPECT_EQ(withdrawn.str("status"), "withdrawn");
    EXPECT_EQ(postEmpty(reset2 + "/approve", as("admin")).code(), "TOTP_RESET_NOT_OPEN");
    // Admin 2 is untouched; deactivated afterwards so that later runs keep one demo admin's
    // rules simple.
    EXPECT_EQ(client().get("/api/v1/auth/me", admin2).status, 200);
    EXPECT_EQ(postEmpty(path(second.num("id"), "/deactivate"), as("admin")).status, 200);
}

std::vector<std::int64_t> providerIds() {
    const Response r = client().get("/api/v1/providers?limit=2", as("admin"));
    EXPECT_EQ(r.status, 200) << r.describe();
    std::vector<std::int64_t> out;
    for (std::size_t i = 0; i < r.array()->size(); ++i) {
        out.push_back(r.array()->getObject(i)->getValue<std::int64_t>("id"));
    }
    return out;
}

TEST(People, AProviderAdministratorManagesOnlyItsOwnProvidersUsersWhenAllowed) {
    const auto ids = providerIds();
    ASSERT_GE(ids.size(), 2u);
    const std::int64_t own = ids[0], other = ids[1];
    const Response boss = createUser(
        "prov.boss",
        jsonObject({{"role", "provider"}, {"provider_id", own}, {"provider_admin", true}}));
    ASSERT_EQ(boss.status, 201) << boss.describe();
    const Response stranger =
        createUser("prov.other", jsonObject({{"role", "provider"}, {"provider_id", other}}));
    ASSERT_EQ(stranger.status, 201) << stranger.describe();
    const Headers h = loginAs(boss.str("username"));
    const std::string setting = "/api/v1/providers/" + std::to_string(own) + "/user-management";

    ASSERT_EQ(put(setting, jsonObject({{"allowed", false}}), as("admin")).status, 200);
    const Response not_yet = client().get("/api/v1/users", h);
    EXPECT_EQ(not_yet.status, 403) << not_yet.describe();
    EXPECT_EQ(not_yet.code(), "USER_ADMIN_NOT_ALLOWED");

    ASSERT_EQ(put(setting, jsonObject({{"allowed", true}}), as("admin")).status, 200);
    EXPECT_TRUE(client().get("/api/v1/auth/me", h).object()->getValue<bool>("manages_users"));
    const Response made = createUser("prov.staff", jsonObject({{"role", "provider"}}), h);
    ASSERT_EQ(made.status, 201) << made.describe();
    EXPECT_EQ(made.num("provider_id"), own);
    const Response elsewhere =
        createUser("prov.x", jsonObject({{"role", "provider"}, {"provider_id", other}}), h);
    EXPECT_EQ(elsewhere.code(), "USER_ADMIN_NOT_ALLOWED");
    const Response staff = createUser("prov.y", jsonObject({{"role", "finance"}}), h);
    EXPECT_EQ(staff.status, 400) << staff.describe();

    const Response listed = client().get("/api/v1/users", h);
    ASSERT_EQ(listed.status, 200) << listed.describe();
    for (std::size_t i = 0; i < listed.array()->size(); ++i) {
        EXPECT_EQ(listed.array()->getObject(i)->getValue<std::int64_t>("provider_id"), own);
    }
    EXPECT_EQ(postEmpty(path(stranger.num("id"), "/deactivate"), h).status, 404);
    EXPECT_EQ(postEmpty(path(boss.num("id"), "/deactivate"), h).code(), "OWN_ACCOUNT");
    EXPECT_EQ(put(path(made.num("id")), jsonObject({{"roles", jsonArray({"auditor"})}}), h).code(),
              "PROVIDER_NOT_ALLOWED");
    const Response off = postEmpty(path(made.num("id"), "/deactivate"), h);
    EXPECT_EQ(off.status, 200) << off.describe();
    EXPECT_EQ(login(made.str("username"), kPassword).code(), "INVALID_CREDENTIALS");

    // A provider's user that is not its administrator manages nobody.
    const Headers plain = loginAs(stranger.str("username"));
    EXPECT_EQ(client().get("/api/v1/users", plain).code(), "USER_ADMIN_NOT_ALLOWED");
    ASSERT_EQ(put(setting, jsonObject({{"allowed", false}}), as("admin")).status, 200);
    EXPECT_EQ(client().get("/api/v1/users", h).code(), "USER_ADMIN_NOT_ALLOWED");
}

TEST(People, TheRightsOverviewIsTheRouteTable) {
    const Response r = client().get("/api/v1/rights", as("aud.smit"));
    ASSERT_EQ(r.status, 200) << r.describe();
    const auto list = r.object()->getArray("routes");
    ASSERT_EQ(list->size(), http::routes().size());
    for (std::size_t i = 0; i < list->size(); ++i) {
        const auto& route = http::routes()[i];
        const auto o = list->getObject(i);
        EXPECT_EQ(o->getValue<std::string>("path"), route.pattern);
        EXPECT_EQ(o->getValue<std::string>("method"), route.method);
        const auto roles = o->getArray("roles");
        for (std::size_t j = 0; j < roles->size(); ++j) {
            const auto role = app::parseRole(roles->getElement<std::string>(j));
            ASSERT_TRUE(role);
            EXPECT_TRUE(http::roleAllowed(route, *role)) << route.pattern;
        }
    }
    // The list of users says who has which rights, with the last log-in.
    const Response users = client().get("/api/v1/users", as("aud.smit"));
    ASSERT_EQ(users.status, 200) << users.describe();
    bool admin_seen = false;
    for (std::size_t i = 0; i < users.array()->size(); ++i) {
        const auto u = users.array()->getObject(i);
        if (u->getValue<std::string>("username") != "admin") continue;
        admin_seen = true;
        EXPECT_FALSE(u->isNull("last_login_at"));
        EXPECT_TRUE(u->getValue<bool>("totp_enabled"));
        EXPECT_EQ(u->getArray("roles")->getElement<std::string>(0), "admin");
    }
    EXPECT_TRUE(admin_seen);
}

}  // namespace
}  // namespace zc::e2e
