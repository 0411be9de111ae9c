// Issue 13 (S7), staff scoped per municipality, over HTTPS. Zwolle (0193) is the central
// municipality of Kampen (0166) and Dalfsen (0148) in the demo, and Beschermd Wonen (category 15)
// is placed with Zwolle. A Kampen access officer does not see a Zwolle client: a look-up is
// refused with 403 OUT_OF_SCOPE and recorded as "access.denied", lists leave the client out. The
// regional Beschermd Wonen team of Zwolle sees a Kampen client with Beschermd Wonen, not one with
// household help only. The tests seed their own clients (unique BSNs) through ao.bakker, who
// keeps every municipality.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "contracting/kernel/civil_date.hpp"
#include "e2e/region_seed.hpp"
#include "e2e/session.hpp"

namespace zc::e2e {
namespace {

using test::Headers;
using test::jsonArray;
using test::jsonObject;
using test::Response;

constexpr const char* kPassword = "e2e-region-scope-battery";

struct SeededClient {
    std::int64_t id = 0;
    std::string bsn;
};

SeededClient createClient(const std::string& municipality) {
    SeededClient c;
    c.bsn = elfproefBsn('7');
    const Response r = client().post("/api/v1/clients",
                                     jsonObject({{"bsn", c.bsn},
                                                 {"surname", "Regio"},
                                                 {"initials", "R."},
                                                 {"birth_date", "1970-03-01"},
                                                 {"gender", "1"},
                                                 {"house_number", "3"},
                                                 {"postcode", "8261AB"},
                                                 {"municipality_code", municipality}}),
                                     as("ao.bakker"));
    EXPECT_EQ(r.status, 201) << r.describe();
    c.id = r.num("id");
    return c;
}

Poco::JSON::Object::Ptr grant(const std::string& product) {
    if (product == "15A01") {
        return jsonObject({{"product_code", product},
                           {"volume", 7},
                           {"unit", "days_24h"},
                           {"frequency", "week"},
                           {"financing", "ZIN"}});
    }
    return jsonObject({{"product_code", product},
                       {"volume", 3},
                       {"unit", "hours"},
                       {"frequency", "week"},
                       {"financing", "ZIN"}});
}

Response decide(std::int64_t client_id, const std::string& product, const Headers& who) {
    const Date today = parseDate(todayText());
    return client().post("/api/v1/clients/" + std::to_string(client_id) + "/decisions",
                         jsonObject({{"number", 100000000 + std::stoll(uniqueDigits(8))},
                                     {"decision_date", todayText()},
                                     {"valid_from", todayText()},
                                     {"valid_to", formatDate(addDays(today, 90))},
                                     {"products", jsonArray({grant(product)})}}),
                         who);
}

// Creates a staff user with the given scope as admin and logs in (an access officer needs no
// second factor); returns the user's headers, with the new user's id in `id`.
Headers scopedOfficer(const std::string& prefix, const std::vector<std::string>& own,
                      const std::vector<std::string>& regional, std::int64_t& id) {
    const std::string username = prefix + "-" + uniqueDigits(8);
    auto own_codes = jsonArray({});
    for (const auto& c : own) own_codes->add(c);
    auto regional_codes = jsonArray({});
    for (const auto& c : regional) regional_codes->add(c);
    const Response created = client().post("/api/v1/users",
                                           jsonObject({{"username", username},
                                                       {"display_name", "E2E " + prefix},
                                                       {"role", "access_officer"},
                                                       {"password", kPassword},
                                                       {"municipalities", own_codes},
                                                       {"regional_for", regional_codes}}),
                                           as("admin"));
    EXPECT_EQ(created.status, 201) << created.describe();
    id = created.num("id");
    const Response session = login(username, kPassword);
    EXPECT_EQ(session.status, 200) << session.describe();
    return bearer(session.str("token"));
}

std::vector<std::string> municipalitiesOf(const Response& list) {
    std::vector<std::string> out;
    const auto a = list.array();
    for (std::size_t i = 0; i < a->size(); ++i) {
        out.push_back(
            a->getObject(static_cast<unsigned>(i))->getValue<std::string>("municipality_code"));
    }
    return out;
}

std::size_t deniedRows(std::int64_t client_id) {
    const Response r =
        client().get("/api/v1/audit?action=access.denied&object_type=client&object_id=" +
                         std::to_string(client_id) + "&limit=1000",
                     as("aud.smit"));
    EXPECT_EQ(r.status, 200) << r.describe();
    return r.array()->size();
}

TEST(RegionFlow, KampenOfficerCannotSeeAZwolleClient) {
    const SeededClient zwolle = createClient("0193");
    const SeededClient kampen_bw = createClient("0166");
    const SeededClient kampen_hh = createClient("0166");
    ASSERT_EQ(decide(kampen_bw.id, "15A01", as("ao.bakker")).status, 201);
    ASSERT_EQ(decide(kampen_hh.id, "01A01", as("ao.bakker")).status, 201);

    std::int64_t kampen_id = 0;
    const Headers kampen = scopedOfficer("ao.kampen", {"0166"}, {}, kampen_id);
    const Response me = client().get("/api/v1/auth/me", kampen);
    ASSERT_EQ(me.status, 200) << me.describe();
    EXPECT_EQ(me.object()->getArray("municipalities")->size(), 1u) << me.describe();
    EXPECT_NE(me.text.find("\"0166\""), std::string::npos) << me.describe();

    // The Zwolle client: refused with 403, recorded once, and nothing of it is answered.
    const std::size_t denied_before = deniedRows(zwolle.id);
    const Response refused = client().get("/api/v1/clients/" + std::to_string(zwolle.id), kampen);
    EXPECT_EQ(refused.status, 403) << refused.describe();
    EXPECT_EQ(refused.code(), "OUT_OF_SCOPE");
    EXPECT_EQ(refused.text.find("Regio"), std::string::npos) << refused.text;
    EXPECT_EQ(deniedRows(zwolle.id), denied_before + 1);
    const Response decisions =
        client().get("/api/v1/clients/" + std::to_string(zwolle.id) + "/decisions", kampen);
    EXPECT_EQ(decisions.status, 403) << decisions.describe();
    EXPECT_EQ(decide(zwolle.id, "01A01", kampen).code(), "OUT_OF_SCOPE");

    // Lists leave it out: the BSN look-up finds nothing, Zwolle's page is empty, the whole list
    // holds Kampen clients only.
    const Response by_bsn = client().get("/api/v1/clients?bsn=" + zwolle.bsn, kampen);
    ASSERT_EQ(by_bsn.status, 200) << by_bsn.describe();
    EXPECT_EQ(by_bsn.array()->size(), 0u) << by_bsn.describe();
    const Response zwolle_page = client().get("/api/v1/clients?municipality=0193", kampen);
    ASSERT_EQ(zwolle_page.status, 200) << zwolle_page.describe();
    EXPECT_EQ(zwolle_page.array()->size(), 0u);
    const Response page = client().get("/api/v1/clients?limit=1000", kampen);
    ASSERT_EQ(page.status, 200) << page.describe();
    for (const auto& code : municipalitiesOf(page)) EXPECT_EQ(code, "0166");
    // Its own client it reads, but the Beschermd Wonen that Zwolle pays it does not grant.
    EXPECT_EQ(client().get("/api/v1/clients/" + std::to_string(kampen_hh.id), kampen).status, 200);
    EXPECT_EQ(decide(kampen_hh.id, "15A01", kampen).code(), "OUT_OF_SCOPE");
    EXPECT_EQ(decide(kampen_hh.id, "01A02", kampen).status, 201);

    // The administrator widens the scope (audited "user.scope"); the next request sees Zwolle.
    const Response widened = client().request(
        "PUT", "/api/v1/users/" + std::to_string(kampen_id) + "/municipalities",
        test::jsonText(jsonObject({{"municipalities", jsonArray({"0166", "0193"})}})), as("admin"));
    ASSERT_EQ(widened.status, 200) << widened.describe();
    EXPECT_EQ(client().get("/api/v1/clients/" + std::to_string(zwolle.id), kampen).status, 200);
    const Response scope_audit = client().get(
        "/api/v1/audit?action=user.scope&object_id=" + std::to_string(kampen_id), as("aud.smit"));
    ASSERT_EQ(scope_audit.status, 200) << scope_audit.describe();
    EXPECT_EQ(scope_audit.array()->size(), 1u) << scope_audit.describe();

    // The regional Beschermd Wonen team of Zwolle: the Kampen client with Beschermd Wonen, not
    // the one with household help only.
    std::int64_t bw_id = 0;
    const Headers bw = scopedOfficer("bw.zwolle", {}, {"0193"}, bw_id);
    EXPECT_EQ(client().get("/api/v1/clients/" + std::to_string(kampen_bw.id), bw).status, 200);
    const Response hh_refused = client().get("/api/v1/clients/" + std::to_string(kampen_hh.id), bw);
    EXPECT_EQ(hh_refused.status, 403) << hh_refused.describe();
    EXPECT_EQ(hh_refused.code(), "OUT_OF_SCOPE");
    EXPECT_EQ(client().get("/api/v1/clients?bsn=" + kampen_bw.bsn, bw).array()->size(), 1u);
    EXPECT_EQ(client().get("/api/v1/clients?bsn=" + kampen_hh.bsn, bw).array()->size(), 0u);
    const Response kampen_page = client().get("/api/v1/clients?municipality=0166&limit=1000", bw);
    ASSERT_EQ(kampen_page.status, 200) << kampen_page.describe();
    EXPECT_NE(kampen_page.text.find("\"id\":" + std::to_string(kampen_bw.id)), std::string::npos);
    EXPECT_EQ(kampen_page.text.find("\"id\":" + std::to_string(kampen_hh.id)), std::string::npos);
}

// A scope names known municipalities; a regional scope only a municipality with placed care.
TEST(RegionFlow, AScopeThatCannotBeServedIsRefused) {
    const Response body_unknown =
        client().post("/api/v1/users",
                      jsonObject({{"username", "ao.nowhere-" + uniqueDigits(8)},
                                  {"display_name", "E2E nowhere"},
                                  {"role", "access_officer"},
                                  {"password", kPassword},
                                  {"municipalities", jsonArray({"9999"})}}),
                      as("admin"));
    EXPECT_EQ(body_unknown.status, 422) << body_unknown.describe();
    EXPECT_EQ(body_unknown.code(), "UNKNOWN_MUNICIPALITY");
    const Response not_central =
        client().post("/api/v1/users",
                      jsonObject({{"username", "ao.kampen-bw-" + uniqueDigits(8)},
                                  {"display_name", "E2E not central"},
                                  {"role", "access_officer"},
                                  {"password", kPassword},
                                  {"municipalities", jsonArray({})},
                                  {"regional_for", jsonArray({"0166"})}}),
                      as("admin"));
    EXPECT_EQ(not_central.status, 400) << not_central.describe();
    EXPECT_EQ(not_central.code(), "INVALID_FIELD");
}

}  // namespace
}  // namespace zc::e2e
