// Issue 13 (S12), budget holders over HTTPS: the demo's budget holder bh.visser proposes a
// reallocation only between budgets they hold, and only within one municipality. A budget of
// Zwolle without a holder is refused with 403 NOT_BUDGET_HOLDER (recorded as "access.denied"),
// a Kampen budget they hold with 422 REALLOCATION_ACROSS_MUNICIPALITIES; between two Zwolle
// budgets they hold the proposal is recorded. The budgets are of a far year no other test uses.
// An access officer records a client's team (PATCH /clients/{id}); a Kampen team is no team of a
// Zwolle client, and other roles may not change it.
#include <Poco/JSON/Stringifier.h>
#include <gtest/gtest.h>

#include <sstream>
#include <string>

#include "e2e/region_seed.hpp"
#include "e2e/session.hpp"

namespace zc::e2e {
namespace {

using test::jsonObject;
using test::Response;

// The user id of a demo user (read by the admin).
std::int64_t userId(const std::string& username) {
    const Response users = client().get("/api/v1/users?limit=1000", as("admin"));
    EXPECT_EQ(users.status, 200) << users.describe();
    const auto a = users.array();
    for (std::size_t i = 0; i < a->size(); ++i) {
        const auto u = a->getObject(static_cast<unsigned>(i));
        if (u->getValue<std::string>("username") == username)
            return u->getValue<std::int64_t>("id");
    }
    ADD_FAILURE() << "no user " << username;
    return 0;
}

// A ZIN budget of `category` in `year`, held by `holder` (0: no holder); returns its id.
std::int64_t budget(const std::string& municipality, const std::string& category, int year,
                    std::int64_t holder) {
    auto body = jsonObject({{"year", year},
                            {"municipality_code", municipality},
                            {"product_category", category},
                            {"financing_kind", "ZIN"},
                            // far above what the demo's open-ended allocations commit
                            {"amount_cents", std::int64_t{10'000'000'000}}});
    if (holder != 0) body->set("budget_holder_user_id", holder);
    const Response r = client().post("/api/v1/budgets", body, as("fin.devries"));
    EXPECT_EQ(r.status, 201) << r.describe();
    return r.num("id");
}

Response propose(std::int64_t from, std::int64_t to) {
    return client().post("/api/v1/budget-reallocations",
                         jsonObject({{"from_budget_id", from},
                                     {"to_budget_id", to},
                                     {"amount_cents", 100},
                                     {"reason", "E2E: more clients in the district"}}),
                         as("bh.visser"));
}

std::size_t deniedRows(std::int64_t budget_id) {
    const Response r =
        client().get("/api/v1/audit?action=access.denied&object_type=budget&object_id=" +
                         std::to_string(budget_id) + "&limit=1000",
                     as("aud.smit"));
    EXPECT_EQ(r.status, 200) << r.describe();
    return r.array()->size();
}

TEST(RegionFlow, ABudgetHolderMovesMoneyOnlyBetweenBudgetsTheyHold) {
    const std::int64_t visser = userId("bh.visser");
    const int year = 2100 + std::stoi(uniqueDigits(4)) % 800;
    const std::int64_t held = budget("0193", "02", year, visser);
    const std::int64_t also_held = budget("0193", "03", year, visser);
    const std::int64_t not_held = budget("0193", "04", year, 0);
    const std::int64_t kampen_held = budget("0166", "02", year, visser);

    const Response refused = propose(held, not_held);
    EXPECT_EQ(refused.status, 403) << refused.describe();
    EXPECT_EQ(refused.code(), "NOT_BUDGET_HOLDER") << refused.describe();
    EXPECT_EQ(deniedRows(not_held), 1u);

    const Response across = propose(held, kampen_held);
    EXPECT_EQ(across.status, 422) << across.describe();
    EXPECT_EQ(across.code(), "REALLOCATION_ACROSS_MUNICIPALITIES") << across.describe();

    const Response ok = propose(held, also_held);
    ASSERT_EQ(ok.status, 201) << ok.describe();
    EXPECT_EQ(ok.str("status"), "requested");
}

// A district of `municipality` with one team (as admin, unique names); returns the team's id.
std::int64_t newTeam(const std::string& municipality) {
    const std::string tag = uniqueDigits(8);
    const Response district = client().post(
        "/api/v1/districts",
        jsonObject({{"municipality_code", municipality}, {"name", "E2E wijk " + tag}}),
        as("admin"));
    EXPECT_EQ(district.status, 201) << district.describe();
    const Response team = client().post(
        "/api/v1/teams",
        jsonObject({{"district_id", district.num("id")}, {"name", "E2E team " + tag}}),
        as("admin"));
    EXPECT_EQ(team.status, 201) << team.describe();
    return team.num("id");
}

Response patch(const std::string& path, std::int64_t team, const std::string& user) {
    std::ostringstream body;
    Poco::JSON::Stringifier::condense(jsonObject({{"team_id", team}}), body);
    return client().request("PATCH", path, body.str(), as(user));
}

TEST(RegionFlow, AnAccessOfficerRecordsTheClientsTeam) {
    const std::int64_t zwolle_team = newTeam("0193");
    const std::int64_t kampen_team = newTeam("0166");
    const Response created = client().post("/api/v1/clients",
                                           jsonObject({{"bsn", elfproefBsn('4')},
                                                       {"surname", "Teamtest"},
                                                       {"birth_date", "1970-01-01"},
                                                       {"gender", "1"},
                                                       {"house_number", "1"},
                                                       {"postcode", "8011AB"},
                                                       {"municipality_code", "0193"}}),
                                           as("ao.bakker"));
    ASSERT_EQ(created.status, 201) << created.describe();
    const std::string path = "/api/v1/clients/" + std::to_string(created.num("id"));

    const Response set = patch(path, zwolle_team, "ao.bakker");
    ASSERT_EQ(set.status, 200) << set.describe();
    EXPECT_EQ(set.num("team_id"), zwolle_team);
    const Response read = client().get(path, as("ao.bakker"));
    EXPECT_EQ(read.num("team_id"), zwolle_team);
    EXPECT_EQ(read.str("team_name").rfind("E2E team ", 0), 0u);

    const Response wrong = patch(path, kampen_team, "ao.bakker");
    EXPECT_EQ(wrong.status, 422) << wrong.describe();
    EXPECT_EQ(wrong.code(), "UNKNOWN_TEAM");
    const Response other_role = patch(path, zwolle_team, "cm.jansen");
    EXPECT_EQ(other_role.status, 403) << other_role.describe();
    EXPECT_EQ(client().get(path, as("ao.bakker")).num("team_id"), zwolle_team);
}

}  // namespace
}  // namespace zc::e2e
