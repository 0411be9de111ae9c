// The list of users (issue 15) over HTTPS: paged like every other list (X-Total-Count, limit and
// offset, q, a sort whitelist, INVALID_QUERY), filtered by role and state, with each staff
// user's scope and each provider user's provider name; a provider administrator pages through
// its own provider's users only, and reads no other user by id.
#include <gtest/gtest.h>

#include <algorithm>

#include "e2e/openapi_conformance.hpp"
#include "e2e/session.hpp"

namespace zc::e2e {
namespace {

using test::Headers;
using test::jsonArray;
using test::jsonObject;
using test::Response;

constexpr const char* kPassword = "e2e-people-list-password-2026";

// Creates a user as `by` with the given fields, a unique username "<prefix>.<digits>", the
// display name `name` and the test password; asserts 201.
Response createUser(const std::string& prefix, const std::string& name,
                    Poco::JSON::Object::Ptr fields, const Headers& by = as("admin")) {
    fields->set("username", prefix + "." + uniqueDigits(10));
    fields->set("display_name", name);
    fields->set("password", kPassword);
    const Response r = client().post("/api/v1/users", fields, by);
    EXPECT_EQ(r.status, 201) << r.describe();
    return r;
}

std::int64_t total(const Response& r) {
    const std::string header = r.header("X-Total-Count");
    EXPECT_FALSE(header.empty()) << r.describe();
    return header.empty() ? -1 : std::stoll(header);
}

// The usernames of a list answer, in order.
std::vector<std::string> usernames(const Response& r) {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < r.array()->size(); ++i) {
        out.push_back(
            r.array()->getObject(static_cast<unsigned>(i))->getValue<std::string>("username"));
    }
    return out;
}

Response users(const std::string& query, const Headers& h = as("admin")) {
    const Response r = client().get("/api/v1/users" + query, h);
    EXPECT_EQ(r.status, 200) << r.describe();
    return r;
}

TEST(People, TheUsersListIsPagedSortedAndSaysItsTotal) {
    const Response first = users("?limit=2");
    expectConforms("GET", "/users", first);
    ASSERT_EQ(first.array()->size(), 2u);
    const std::int64_t all = total(first);
    ASSERT_GE(all, 3);
    const Response second = users("?limit=2&offset=2");
    EXPECT_EQ(total(second), all);
    ASSERT_GE(second.array()->size(), 1u);
    const auto id = [](const Response& r, unsigned i) {
        return r.array()->getObject(i)->getValue<std::int64_t>("id");
    };
    EXPECT_LT(id(first, 1), id(second, 0)) << "id order by default, the next page after";
    const Response beyond = users("?offset=" + std::to_string(all));
    EXPECT_EQ(beyond.array()->size(), 0u);
    EXPECT_EQ(total(beyond), all);

    const Response newest = users("?sort=-id&limit=3");
    EXPECT_GT(id(newest, 0), id(newest, 1));
    // Byte order equals the collation's (utf8mb4_unicode_ci) for a-z, 0-9, '.' and '-'; '_'
    // sorts apart, so names with it are left out of the comparison.
    auto names = usernames(users("?sort=username&limit=50"));
    std::erase_if(names, [](const std::string& n) { return n.find('_') != std::string::npos; });
    EXPECT_TRUE(std::is_sorted(names.begin(), names.end()));

    for (const std::string bad :
         {"?sort=password_hash", "?sort=-", "?status=gone", "?role=king", "?limit=0", "?q=%01"}) {
        const Response r = client().get("/api/v1/users" + bad, as("admin"));
        EXPECT_EQ(r.status, 400) << bad << " " << r.describe();
        EXPECT_EQ(r.code(), "INVALID_QUERY") << bad;
    }
    EXPECT_EQ(client().get("/api/v1/users?sort=password_hash", as("admin")).field(), "sort");
}

TEST(People, TheUsersListFiltersByRoleStateAndSearchAndShowsTheScope) {
    const std::string tag = "Lijst" + uniqueDigits(8);
    const Response a = createUser("aud.list", "E2E " + tag + " Auditor",
                                  jsonObject({{"roles", jsonArray({"auditor"})}}));
    const Response b = createUser("fin.list", "E2E " + tag + " Financien",
                                  jsonObject({{"roles", jsonArray({"finance", "budget_holder"})},
                                              {"municipalities", jsonArray({"0166"})}}));
    ASSERT_EQ(a.status, 201);
    ASSERT_EQ(b.status, 201);
    const Response off =
        client().post("/api/v1/users/" + std::to_string(a.num("id")) + "/deactivate",
                      jsonObject({}), as("admin"));
    ASSERT_EQ(off.status, 200) << off.describe();

    const Response both = users("?q=" + tag);
    EXPECT_EQ(total(both), 2);
    EXPECT_EQ(usernames(both), (std::vector<std::string>{a.str("username"), b.str("username")}));
    // A second role counts as well as the first.
    EXPECT_EQ(usernames(users("?q=" + tag + "&role=budget_holder")),
              std::vector<std::string>{b.str("username")});
    EXPECT_EQ(total(users("?q=" + tag + "&role=admin")), 0);
    EXPECT_EQ(usernames(users("?q=" + tag + "&status=deactivated")),
              std::vector<std::string>{a.str("username")});
    EXPECT_EQ(usernames(users("?q=" + tag + "&status=active")),
              std::vector<std::string>{b.str("username")});
    // The username, case-insensitively.
    const Response by_name = users("?q=" + b.str("username").substr(4));
    EXPECT_EQ(usernames(by_name), std::vector<std::string>{b.str("username")});
    const auto user = by_name.array()->getObject(0);
    EXPECT_EQ(user->getArray("municipalities")->getElement<std::string>(0), "0166");
    EXPECT_FALSE(user->has("provider_id"));
    EXPECT_FALSE(user->getValue<bool>("totp_enabled"));

    // One user by id, as the list shows it (the auditor reads every user).
    const Response one =
        client().get("/api/v1/users/" + std::to_string(b.num("id")), as("aud.smit"));
    expectConforms("GET", "/users/{id}", one);
    EXPECT_EQ(one.str("username"), b.str("username"));
    EXPECT_EQ(client().get("/api/v1/users/999999999", as("admin")).status, 404);
    EXPECT_EQ(client().get("/api/v1/users?q=" + tag, as("cm.jansen")).status, 403);
}

TEST(People, AProviderAdministratorPagesOnlyItsOwnUsersWithTheProvidersName) {
    const auto admin = as("admin");
    const std::string agb = uniqueAgb();
    const std::string name = "Zorg Lijst " + agb;
    const Response provider = client().post("/api/v1/providers",
                                            jsonObject({{"agb", agb},
                                                        {"kvk", uniqueDigits(8)},
                                                        {"name", name},
                                                        {"iban", "NL91ABNA0417164300"}}),
                                            admin);
    ASSERT_EQ(provider.status, 201) << provider.describe();
    const std::int64_t own = provider.num("id");
    const Response allowed =
        client().request("PUT", "/api/v1/providers/" + std::to_string(own) + "/user-management",
                         test::jsonText(jsonObject({{"allowed", true}})), admin);
    ASSERT_EQ(allowed.status, 200) << allowed.describe();
    const Response boss = createUser(
        "prov.lboss", "E2E baas",
        jsonObject({{"role", "provider"}, {"provider_id", own}, {"provider_admin", true}}));
    ASSERT_EQ(boss.status, 201);
    const Response login_answer = login(boss.str("username"), kPassword);
    ASSERT_EQ(login_answer.status, 200) << login_answer.describe();
    const Headers h = bearer(login_answer.str("token"));
    for (int i = 0; i < 3; ++i) {
        createUser("prov.lstaff", "E2E medewerker " + std::to_string(i),
                   jsonObject({{"role", "provider"}}), h);
    }

    // Its own four users, two at a time, each with the provider's name.
    const Response page1 = users("?limit=2&sort=username", h);
    EXPECT_EQ(total(page1), 4);
    const Response page2 = users("?limit=2&offset=2&sort=username", h);
    auto seen = usernames(page1);
    for (const auto& u : usernames(page2)) seen.push_back(u);
    EXPECT_EQ(seen.size(), 4u);
    EXPECT_TRUE(std::is_sorted(seen.begin(), seen.end()));
    for (const Response* r : {&page1, &page2}) {
        for (std::size_t i = 0; i < r->array()->size(); ++i) {
            const auto u = r->array()->getObject(static_cast<unsigned>(i));
            EXPECT_EQ(u->getValue<std::int64_t>("provider_id"), own);
            EXPECT_EQ(u->getValue<std::string>("provider_name"), name);
        }
    }
    // Nobody else's users: not by search, a role filter or id.
    EXPECT_EQ(total(users("?q=cm.jansen", h)), 0);
    EXPECT_EQ(total(users("?role=admin", h)), 0);
    EXPECT_EQ(client().get("/api/v1/users/1", h).status, 404);
    const Response self = client().get("/api/v1/users/" + std::to_string(boss.num("id")), h);
    EXPECT_EQ(self.str("provider_name"), name) << self.describe();
    // The administrator sees the provider's name too.
    const Response found = users("?q=" + boss.str("username"));
    ASSERT_EQ(found.array()->size(), 1u);
    EXPECT_EQ(found.array()->getObject(0)->getValue<std::string>("provider_name"), name);
}

}  // namespace
}  // namespace zc::e2e
