// The web application's server side (issue 6): its files with a strict CSP, the HttpOnly
// session cookie with its CSRF header, provider users and their WMO323 upload.
#include <gtest/gtest.h>

#include <sstream>

#include "declarations.hpp"
#include "interfaces/http/audit_api.hpp"
#include "interfaces/iwmo/declaration.hpp"
#include "session.hpp"

namespace zc {
namespace {

using test::Headers;
using test::jsonObject;

const test::Headers kWeb = {{"X-ZC-Web", "1"}};

test::Response getPath(const std::string& path, const Headers& headers = {}) {
    return e2e::client().get(path, headers);
}

// The session token in a Set-Cookie header value, "" when there is none.
std::string cookieToken(const test::Response& r) {
    const std::string c = r.header("Set-Cookie");
    const std::string prefix = "__Host-zc_session=";
    if (c.rfind(prefix, 0) != 0) return "";
    return c.substr(prefix.size(), c.find(';') - prefix.size());
}

test::Response cookieLogin(const std::string& user, const Headers& headers = kWeb) {
    return e2e::client().post(
        "/api/v1/auth/login",
        jsonObject({{"username", user}, {"password", e2e::kDemoPassword}, {"session", "cookie"}}),
        headers);
}

Headers withCookie(const std::string& token, bool csrf_header) {
    Headers h = {{"Cookie", "__Host-zc_session=" + token}};
    if (csrf_header) h.emplace_back("X-ZC-Web", "1");
    return h;
}

TEST(WebApp, ServesThePagesWithAStrictContentSecurityPolicy) {
    const auto root = getPath("/");
    ASSERT_EQ(root.status, 200) << root.describe();
    EXPECT_NE(root.header("Content-Type").find("text/html"), std::string::npos);
    EXPECT_NE(root.text.find("/js/app.js"), std::string::npos);
    const auto csp = root.header("Content-Security-Policy");
    EXPECT_NE(csp.find("script-src 'self'"), std::string::npos) << csp;
    EXPECT_NE(csp.find("frame-ancestors 'none'"), std::string::npos) << csp;
    EXPECT_EQ(root.header("X-Content-Type-Options"), "nosniff");

    // A screen's address (reloaded in the browser) gets the same page.
    EXPECT_EQ(getPath("/reviews").text, root.text);
    const auto script = getPath("/js/app.js");
    ASSERT_EQ(script.status, 200);
    EXPECT_NE(script.header("Content-Type").find("text/javascript"), std::string::npos);
}

TEST(WebApp, ServesNothingOutsideItsFolderNorHiddenFiles) {
    for (const std::string path :
         {"/../config/zorgcontract.properties", "/%2e%2e/README.md", "/js/../../../CMakeLists.txt",
          "/.git/HEAD.txt", "/js/app.js.bak", "/index.html%00.js"}) {
        EXPECT_EQ(getPath(path).status, 404) << path;
    }
    // An address without a file extension is a screen: it gets the page, never a file.
    EXPECT_EQ(getPath("/.git/config").text, getPath("/").text);
    EXPECT_EQ(e2e::client().request("POST", "/index.html", "x").status, 405);
    // The API keeps answering in JSON, also for unknown endpoints.
    EXPECT_EQ(getPath("/api/v1/nothing-here").code(), "NOT_FOUND");
}

TEST(WebApp, CookieLogInKeepsTheTokenOutOfReachOfScripts) {
    const auto login = cookieLogin("cm.jansen");
    ASSERT_EQ(login.status, 200) << login.describe();
    EXPECT_EQ(login.str("token"), "") << "the token is only in the HttpOnly cookie";
    EXPECT_EQ(login.str("role"), "contract_manager");
    const std::string cookie = login.header("Set-Cookie");
    for (const char* attribute : {"HttpOnly", "Secure", "SameSite=Strict", "Path=/"}) {
        EXPECT_NE(cookie.find(attribute), std::string::npos) << cookie;
    }
    const std::string token = cookieToken(login);
    ASSERT_FALSE(token.empty()) << cookie;

    const auto me = getPath("/api/v1/auth/me", withCookie(token, false));
    ASSERT_EQ(me.status, 200) << me.describe();
    EXPECT_EQ(me.str("name"), "cm.jansen");

    // A request that changes something needs the web application's header (CSRF protection).
    const auto forged =
        e2e::client().post("/api/v1/auth/logout", jsonObject({}), withCookie(token, false));
    EXPECT_EQ(forged.status, 403);
    EXPECT_EQ(forged.code(), "CSRF_HEADER_MISSING");
    EXPECT_EQ(getPath("/api/v1/auth/me", withCookie(token, false)).status, 200)
        << "the refused log-out changed nothing";

    const auto logout =
        e2e::client().post("/api/v1/auth/logout", jsonObject({}), withCookie(token, true));
    ASSERT_EQ(logout.status, 200) << logout.describe();
    EXPECT_NE(logout.header("Set-Cookie").find("Max-Age=0"), std::string::npos);
    EXPECT_EQ(getPath("/api/v1/auth/me", withCookie(token, false)).status, 401);
}

TEST(WebApp, CookieLogInWithoutTheWebHeaderIsRefused) {
    const auto login = cookieLogin("cm.jansen", {});
    EXPECT_EQ(login.status, 403);
    EXPECT_EQ(login.code(), "CSRF_HEADER_MISSING");
    EXPECT_EQ(cookieToken(login), "");
}

TEST(WebApp, AProviderUserSeesOnlyItsOwnProvider) {
    const auto me = getPath("/api/v1/auth/me", e2e::as("zorg.vechtstroom"));
    ASSERT_EQ(me.status, 200) << me.describe();
    EXPECT_EQ(me.str("role"), "provider");
    const auto own = me.num("provider_id");
    EXPECT_EQ(
        getPath("/api/v1/providers/" + std::to_string(own), e2e::as("zorg.vechtstroom")).str("agb"),
        e2e::kAgb);
    const auto other =
        getPath("/api/v1/providers/" + std::to_string(own + 1), e2e::as("zorg.vechtstroom"));
    EXPECT_EQ(other.status, 403);
    EXPECT_EQ(getPath("/api/v1/payment-runs", e2e::as("zorg.vechtstroom")).status, 403);
    EXPECT_EQ(getPath("/api/v1/clients", e2e::as("zorg.vechtstroom")).status, 403);
}

TEST(WebApp, ProviderUsersBelongToExactlyOneProvider) {
    const auto missing =
        e2e::client().post("/api/v1/users",
                           jsonObject({{"username", "zorg.t" + e2e::uniqueDigits(6)},
                                       {"display_name", "Test"},
                                       {"role", "provider"},
                                       {"password", "Een-lang-wachtwoord-2026"}}),
                           e2e::as("admin"));
    EXPECT_EQ(missing.status, 400);
    EXPECT_EQ(missing.code(), "PROVIDER_REQUIRED");
    EXPECT_EQ(missing.field(), "provider_id");
    const auto staff = e2e::client().post("/api/v1/users",
                                          jsonObject({{"username", "cm.t" + e2e::uniqueDigits(6)},
                                                      {"display_name", "Test"},
                                                      {"role", "contract_manager"},
                                                      {"provider_id", 1},
                                                      {"password", "Een-lang-wachtwoord-2026"}}),
                                          e2e::as("admin"));
    EXPECT_EQ(staff.code(), "PROVIDER_NOT_ALLOWED");
}

// An April 2026 declaration of allocation 1: 2 h of April at the contract tariff and 1 h of
// January at a wrong one (one debit per period in a message, TR416).
std::string declaration(const std::string& suffix) {
    const std::int64_t tariff = e2e::ibTariffOn("2026-04-01");
    auto good = e2e::prestatie("WG" + suffix, 2, tariff);
    good.begin = parseDate("2026-04-01");
    good.end_inclusive = parseDate("2026-04-30");
    auto bad = e2e::prestatie("WB" + suffix, 1, tariff - 100);
    bad.begin = parseDate("2026-01-01");
    bad.end_inclusive = parseDate("2026-01-31");
    const auto h =
        e2e::headFor("W" + suffix, good.amount_cents + bad.amount_cents, "2026-04", "2026-05-02");
    return e2e::write323(h, {good, bad});
}

TEST(WebApp, AProviderUserUploadsAWmo323AndGetsTheWmo325) {
    Headers h = e2e::as("zorg.vechtstroom");
    h.emplace_back("Content-Type", "application/xml");
    const std::string xml = declaration(e2e::uniqueDigits(8));
    const auto dry = e2e::client().request("POST", "/api/v1/declarations/wmo323/dry-run", xml, h);
    ASSERT_EQ(dry.status, 200) << dry.describe();
    EXPECT_NE(dry.text.find("0611"), std::string::npos) << "the wrong tariff is refused";
    const auto real = e2e::client().request("POST", "/api/v1/declarations/wmo323", xml, h);
    ASSERT_EQ(real.status, 200) << real.describe();
    EXPECT_NE(real.text.find("485"), std::string::npos) << "a WMO325 answers";
    EXPECT_NE(real.text.find("WB"), std::string::npos) << "listing the refused line";
    const auto again = e2e::client().request("POST", "/api/v1/declarations/wmo323", xml, h);
    EXPECT_EQ(again.text, real.text) << "exactly once: a repeat gets the stored answer";

    const auto json = e2e::client().request("POST", "/api/v1/declarations/wmo323", "{}", h);
    EXPECT_EQ(json.status, 400);
    EXPECT_EQ(json.code(), "NOT_A_DECLARATION");
    // Staff cannot upload for a provider.
    Headers staff = e2e::as("cm.jansen");
    staff.emplace_back("Content-Type", "application/xml");
    EXPECT_EQ(e2e::client().request("POST", "/api/v1/declarations/wmo323", xml, staff).status, 403);
}

TEST(WebApp, ARefusedCsvNamesEveryProblemAndStoresNothing) {
    Headers h = e2e::as("zorg.vechtstroom");
    h.emplace_back("Content-Type", "text/csv");
    const std::string number = "C" + e2e::uniqueDigits(8);
    // As Dutch Excel saves it, with a fraction and a date that does not exist.
    const std::string csv =
        "\xEF\xBB\xBFReferentie;Toewijzingsnummer;BSN;Begindatum;Einddatum;Volume\r\n"
        "R1;1;999990019;1-4-2026;1-5-2026;2,5\r\n"
        "R2;1;999990019;31-04-2026;1-5-2026;3\r\n";
    const auto r = e2e::client().request("POST",
                                         "/api/v1/declarations/csv?number=" + number +
                                             "&period_start=2026-04-01&period_end=2026-05-01",
                                         csv, h);
    ASSERT_EQ(r.status, 400) << r.describe();
    EXPECT_EQ(r.code(), "INVALID_CSV");
    EXPECT_EQ(r.field(), "csv");
    const auto problems = r.object()->getArray("problems");
    ASSERT_TRUE(problems) << r.text;
    ASSERT_EQ(problems->size(), 2u) << r.text;
    EXPECT_EQ(problems->getObject(0)->getValue<int>("row"), 2);
    EXPECT_EQ(problems->getObject(0)->getValue<std::string>("column"), "volume");
    EXPECT_EQ(problems->getObject(0)->getValue<std::string>("code"), "CSV_WHOLE_NUMBER");
    EXPECT_EQ(problems->getObject(1)->getValue<int>("row"), 3);
    EXPECT_EQ(problems->getObject(1)->getValue<std::string>("column"), "period_start");
    EXPECT_EQ(problems->getObject(1)->getValue<std::string>("code"), "CSV_DATE");
    // Nothing was processed: the number is still free.
    const auto listed =
        e2e::client().get("/api/v1/declarations?number=" + number, e2e::as("zorg.vechtstroom"));
    ASSERT_EQ(listed.status, 200) << listed.describe();
    EXPECT_EQ(listed.array()->size(), 0u) << listed.text;
}

TEST(WebApp, TheMessageLogFiltersOnOneClient) {
    const auto all = getPath("/api/v1/message-log", e2e::as("ao.bakker"));
    ASSERT_EQ(all.status, 200) << all.describe();
    ASSERT_GT(all.array()->size(), 0u) << "the demo sends WMO301s";
    const auto none = getPath("/api/v1/message-log?client_id=987654321", e2e::as("ao.bakker"));
    ASSERT_EQ(none.status, 200) << none.describe();
    EXPECT_EQ(none.array()->size(), 0u);
    EXPECT_EQ(getPath("/api/v1/message-log?client_id=x", e2e::as("ao.bakker")).code(),
              "INVALID_QUERY");
}

TEST(WebApp, AProviderListsItsOwnDeclarationsAndFindsOneByNumber) {
    Headers h = e2e::as("zorg.vechtstroom");
    h.emplace_back("Content-Type", "application/xml");
    const std::string suffix = e2e::uniqueDigits(8);
    ASSERT_EQ(
        e2e::client().request("POST", "/api/v1/declarations/wmo323", declaration(suffix), h).status,
        200);
    const auto mine = getPath("/api/v1/declarations", e2e::as("zorg.vechtstroom"));
    ASSERT_EQ(mine.status, 200) << mine.describe();
    ASSERT_GT(mine.array()->size(), 0u);
    for (const auto& d : *mine.array()) {
        EXPECT_EQ(d.extract<Poco::JSON::Object::Ptr>()->getValue<std::string>("provider_agb"),
                  e2e::kAgb);
    }
    const auto other =
        getPath("/api/v1/declarations?number=DW" + suffix, e2e::as("zorg.ijsseldelta"));
    EXPECT_EQ(other.array()->size(), 0u) << "another provider does not see it";
    const auto found =
        getPath("/api/v1/declarations?number=DW" + suffix, e2e::as("zorg.vechtstroom"));
    ASSERT_EQ(found.array()->size(), 1u) << found.describe();
    const auto d = found.array()->getObject(0);
    EXPECT_EQ(d->getValue<std::string>("status"), "answered");
    const auto lines = getPath(
        "/api/v1/declarations/" + std::to_string(d->getValue<std::int64_t>("declaration_id")),
        e2e::as("zorg.vechtstroom"));
    ASSERT_EQ(lines.object()->getArray("lines")->size(), 2u);
    const auto id = lines.object()->getArray("lines")->getObject(0)->getValue<std::int64_t>("id");
    EXPECT_EQ(
        getPath("/api/v1/claim-lines/" + std::to_string(id) + "/trace", e2e::as("zorg.vechtstroom"))
            .status,
        200)
        << "each line carries the id of its trace";
}

TEST(WebApp, FinanceSeesEveryProvidersBalanceAndBlock) {
    const auto balances = getPath("/api/v1/provider-balances?limit=1000", e2e::as("fin.devries"));
    ASSERT_EQ(balances.status, 200) << balances.describe();
    ASSERT_GE(balances.array()->size(), 20u);
    const auto first = balances.array()->getObject(0);
    for (const char* key : {"open_cents", "disputed_cents", "in_run_cents", "paid_cents"}) {
        EXPECT_TRUE(first->has(key)) << key;
    }
    EXPECT_EQ(getPath("/api/v1/provider-balances", e2e::as("cm.jansen")).status, 403);
}

// The days are Amsterdam days, as the screen shows times: every row's UTC moment lies from
// the day's local midnight up to the next one.
TEST(WebApp, TheAuditTrailFiltersOnADayRange) {
    const std::string today = e2e::amsterdamTodayText();
    const auto rows = getPath("/api/v1/audit?from=" + today + "&to=" + today, e2e::as("aud.smit"));
    ASSERT_EQ(rows.status, 200) << rows.describe();
    ASSERT_GT(rows.array()->size(), 0u) << "the tests logged in today";
    const std::string from = http::auditDayBound(today, "from", 0);
    const std::string until = http::auditDayBound(today, "to", 1);
    for (const auto& r : *rows.array()) {
        // "2026-07-01T21:59:58.123Z" compared as "2026-07-01 21:59:58"
        std::string at = r.extract<Poco::JSON::Object::Ptr>()->getValue<std::string>("at");
        at = at.substr(0, 10) + " " + at.substr(11, 8);
        EXPECT_GE(at, from);
        EXPECT_LT(at, until);
    }
    EXPECT_EQ(getPath("/api/v1/audit?to=2000-01-01", e2e::as("aud.smit")).array()->size(), 0u);
    EXPECT_EQ(getPath("/api/v1/audit?from=23-11-2026", e2e::as("aud.smit")).code(), "INVALID_DATE");
}

// Reading an existing item is exercised by the browser test review_queue (which makes one).
TEST(WebApp, AnUnknownReviewItemIsNotFound) {
    const auto missing = getPath("/api/v1/reviews/987654321", e2e::as("cm.jansen"));
    EXPECT_EQ(missing.status, 404);
    EXPECT_EQ(missing.code(), "NOT_FOUND");
    EXPECT_EQ(getPath("/api/v1/reviews/1", e2e::as("zorg.vechtstroom")).status, 403);
}

}  // namespace
}  // namespace zc
