// Clients, access decisions and allocations over HTTPS: the access officer records a client and
// a decision and allocates it to a demo provider; the provider reads its allocation by API key
// without any BSN; other roles are refused; every read of the client is audited.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "contracting/kernel/civil_date.hpp"
#include "e2e/session.hpp"

namespace zc::e2e {
namespace {

using test::jsonArray;
using test::jsonObject;
using test::Response;

constexpr const char* kDemoIbProviderAgb = "73000101";  // admitted in 2015 for IB and HH

// A fresh BSN that passes the elfproef, starting with 8 (outside the demo's 9999 range).
std::string uniqueBsn() {
    for (;;) {
        std::string digits = "8" + uniqueDigits(7);
        int sum = 0;
        for (int i = 0; i < 8; ++i) sum += (9 - i) * (digits[static_cast<std::size_t>(i)] - '0');
        const int check = sum % 11;
        if (check == 10) continue;
        return digits + std::to_string(check);
    }
}

std::int64_t demoProviderId(const std::string& agb) {
    const Response r = client().get("/api/v1/providers?limit=1000", as("cm.jansen"));
    EXPECT_EQ(r.status, 200) << r.describe();
    const auto a = r.array();
    for (std::size_t i = 0; i < a->size(); ++i) {
        if (a->getObject(i)->getValue<std::string>("agb") == agb) {
            return a->getObject(i)->getValue<std::int64_t>("id");
        }
    }
    throw std::runtime_error("demo provider " + agb + " missing");
}

std::int64_t auditReads(std::int64_t client_id) {
    const Response r =
        client().get("/api/v1/audit?action=client.read&object_type=client&object_id=" +
                         std::to_string(client_id) + "&limit=1000",
                     as("aud.smit"));
    EXPECT_EQ(r.status, 200) << r.describe();
    return static_cast<std::int64_t>(r.array()->size());
}

// A WMO301 gives the client's address as the BRP address in the Netherlands (Soort 01, LandCode
// NL) and we keep no telephone number; an address the official rules would reject in that
// WMO301 (TR006, CD034, CD025, CS089, CD005 and the XSD lengths) is refused when the client is
// recorded: 400 INVALID_ADDRESS naming the rule and the field, and nothing is stored.
TEST(ClientsAllocationsApi, AnAddressThatCannotGiveAConformingWmo301IsRefused) {
    const std::string bsn = uniqueBsn();
    const auto post = [&](const std::string& street, const std::string& house_number,
                          const std::string& postcode) {
        auto body = jsonObject({{"bsn", bsn},
                                {"surname", "Adrestest"},
                                {"birth_date", "1960-05-01"},
                                {"gender", "2"},
                                {"city", "Zwolle"},
                                {"municipality_code", "0193"}});
        if (!street.empty()) body->set("street", street);
        if (!house_number.empty()) body->set("house_number", house_number);
        if (!postcode.empty()) body->set("postcode", postcode);
        return client().post("/api/v1/clients", body, as("ao.bakker"));
    };
    struct Case {
        std::string street, house_number, postcode;
        std::string field, rule;
    };
    const std::vector<Case> cases{
        {"", "", "", "postcode", "CD034"},  // only the city and the country
        {"", "12", "", "postcode", "TR006"},
        {"", "", "8011 AB", "house_number", "CD025"},
        {"", "Kade", "8011AB", "house_number", "TR006"},
        {"", "123456", "8011AB", "house_number", "Huisnummer"},
        {"", "12 abcde", "8011AB", "house_number", "HuisnummerToevoeging"},
        {"Burgemeester van Roijensingel", "1", "8011AB", "street", "Straatnaam"},
    };
    for (const auto& c : cases) {
        const Response r = post(c.street, c.house_number, c.postcode);
        EXPECT_EQ(r.status, 400) << r.describe();
        EXPECT_EQ(r.code(), "INVALID_ADDRESS") << r.describe();
        EXPECT_EQ(r.field(), c.field) << r.describe();
        EXPECT_NE(r.str("message").find(c.rule), std::string::npos)
            << "the message names " << c.rule << ": " << r.describe();
    }
    const Response malformed = post("", "12", "0801AB");
    EXPECT_EQ(malformed.code(), "INVALID_POSTCODE") << malformed.describe();
    EXPECT_NE(malformed.str("message").find("CS089"), std::string::npos) << malformed.describe();
    const Response none = client().get("/api/v1/clients?bsn=" + bsn, as("ao.bakker"));
    ASSERT_EQ(none.status, 200) << none.describe();
    EXPECT_EQ(none.array()->size(), 0u) << "a refused client was stored: " << none.text;

    const Response ok = post("Melkmarkt", "12a", "8011 ab");
    EXPECT_EQ(ok.status, 201) << ok.describe();
    EXPECT_EQ(ok.str("postcode"), "8011AB") << ok.describe();
}

TEST(ClientsAllocationsApi, AccessOfficerAllocatesAndProviderSeesItWithoutBsn) {
    const std::string bsn = uniqueBsn();
    const Response created = client().post("/api/v1/clients",
                                           jsonObject({{"bsn", bsn},
                                                       {"surname", "Testpersoon"},
                                                       {"initials", "T."},
                                                       {"birth_date", "1960-05-01"},
                                                       {"gender", "2"},
                                                       {"house_number", "1"},
                                                       {"postcode", "8011AB"},
                                                       {"municipality_code", "0193"}}),
                                           as("ao.bakker"));
    ASSERT_EQ(created.status, 201) << created.describe();
    EXPECT_EQ(created.text.find(bsn), std::string::npos) << created.text;
    EXPECT_EQ(created.str("bsn_masked"), "*****" + bsn.substr(5));
    const auto client_id = created.num("id");
    const std::string path = "/api/v1/clients/" + std::to_string(client_id);

    const Response again = client().post("/api/v1/clients",
                                         jsonObject({{"bsn", bsn},
                                                     {"surname", "X"},
                                                     {"birth_date", "1960-05-01"},
                                                     {"gender", "0"},
                                                     {"house_number", "2"},
                                                     {"postcode", "8011AB"},
                                                     {"municipality_code", "0193"}}),
                                         as("ao.bakker"));
    EXPECT_EQ(again.status, 409) << again.describe();
    EXPECT_EQ(again.code(), "DUPLICATE_CLIENT");
    const Response bad = client().post("/api/v1/clients",
                                       jsonObject({{"bsn", "123456789"},
                                                   {"surname", "X"},
                                                   {"birth_date", "1960-05-01"},
                                                   {"gender", "0"},
                                                   {"municipality_code", "0193"}}),
                                       as("ao.bakker"));
    EXPECT_EQ(bad.status, 400) << bad.describe();
    EXPECT_EQ(bad.code(), "INVALID_BSN");

    // Reads: the full BSN for the access officer only; each read is audited.
    const auto reads_before = auditReads(client_id);
    const Response officer_view = client().get(path, as("ao.bakker"));
    ASSERT_EQ(officer_view.status, 200) << officer_view.describe();
    EXPECT_EQ(officer_view.str("bsn"), bsn);
    const Response manager_view = client().get(path, as("cm.jansen"));
    ASSERT_EQ(manager_view.status, 200) << manager_view.describe();
    EXPECT_EQ(manager_view.text.find(bsn), std::string::npos);
    const Response lookup = client().get("/api/v1/clients?bsn=" + bsn, as("aud.smit"));
    ASSERT_EQ(lookup.status, 200) << lookup.describe();
    ASSERT_EQ(lookup.array()->size(), 1u);
    EXPECT_EQ(auditReads(client_id), reads_before + 3);
    const Response officer_list = client().get("/api/v1/clients?bsn=" + bsn, as("ao.bakker"));
    ASSERT_EQ(officer_list.status, 200) << officer_list.describe();
    EXPECT_EQ(officer_list.text.find(bsn), std::string::npos)
        << "a list shows the BSN masked, also to an access officer";

    // A decision of 4 hours a week of IB for 90 days from today, allocated to a demo provider.
    const Date today = parseDate(todayText());
    const std::string until = formatDate(addDays(today, 90));
    const Response decision =
        client().post(path + "/decisions",
                      jsonObject({{"number", 100000000 + std::stoll(uniqueDigits(8))},
                                  {"decision_date", todayText()},
                                  {"valid_from", todayText()},
                                  {"valid_to", until},
                                  {"products", jsonArray({jsonObject({{"product_code", "02A01"},
                                                                      {"volume", 4},
                                                                      {"unit", "hours"},
                                                                      {"frequency", "week"},
                                                                      {"financing", "ZIN"}})})}}),
                      as("ao.bakker"));
    ASSERT_EQ(decision.status, 201) << decision.describe();
    const auto granted_id =
        decision.object()->getArray("products")->getObject(0)->getValue<std::int64_t>("id");

    const auto provider_id = demoProviderId(kDemoIbProviderAgb);
    const Response allocation =
        client().post("/api/v1/allocations",
                      jsonObject({{"granted_product_id", granted_id},
                                  {"provider_id", provider_id},
                                  {"start_date", todayText()},
                                  {"volume", 3},
                                  {"referentie_aanbieder", "E2E-" + uniqueDigits(6)}}),
                      as("ao.bakker"));
    ASSERT_EQ(allocation.status, 201) << allocation.describe();
    const auto number = allocation.num("number");
    EXPECT_EQ(allocation.str("end_date"), until);
    EXPECT_EQ(allocation.str("iwmo_frequency"), "2");

    // A weekly volume changes from a date: the allocation ends there and a new one carries the
    // new volume (OP033x1); without the date the change is refused.
    const std::string changes = "/api/v1/allocations/" + std::to_string(number) + "/changes";
    const Response undated =
        client().post(changes, jsonObject({{"volume", 4}, {"reason_code", "04"}}), as("cm.jansen"));
    EXPECT_EQ(undated.status, 422) << undated.describe();
    EXPECT_EQ(undated.code(), "VOLUME_CHANGE_NEEDS_DATE");
    // From the Monday after next week: the weeks on either side stay whole, so the two
    // allocations together stay within the decision's 4 hours a week.
    Date monday = addDays(today, 7);
    while (std::chrono::weekday{std::chrono::sys_days{monday}} != std::chrono::Monday) {
        monday = addDays(monday, 1);
    }
    const std::string from = formatDate(monday);
    const Response over = client().post(
        changes, jsonObject({{"volume", 5}, {"reason_code", "04"}, {"effective_date", from}}),
        as("cm.jansen"));
    EXPECT_EQ(over.status, 422) << over.describe();
    EXPECT_EQ(over.code(), "VOLUME_EXCEEDS_GRANT");
    const Response changed = client().post(
        changes, jsonObject({{"volume", 4}, {"reason_code", "04"}, {"effective_date", from}}),
        as("cm.jansen"));
    ASSERT_EQ(changed.status, 201) << changed.describe();
    EXPECT_EQ(changed.num("replaces"), number);
    EXPECT_EQ(changed.num("volume"), 4);
    EXPECT_EQ(changed.str("start_date"), from);

    // The provider sees its allocation, never a BSN; another provider does not see it.
    const Response mine = client().get("/api/v1/allocations?client_id=" + std::to_string(client_id),
                                       asProvider(provider_id));
    ASSERT_EQ(mine.status, 200) << mine.describe();
    ASSERT_EQ(mine.array()->size(), 2u)
        << "the ended allocation and its successor" << mine.describe();
    EXPECT_EQ(mine.text.find(bsn), std::string::npos);
    EXPECT_EQ(mine.text.find("bsn"), std::string::npos);
    const Response one =
        client().get("/api/v1/allocations/" + std::to_string(number), asProvider(provider_id));
    ASSERT_EQ(one.status, 200) << one.describe();
    EXPECT_EQ(one.object()->getArray("versions")->size(), 2u);
    const auto other_id = demoProviderId("73000103");
    const Response theirs =
        client().get("/api/v1/allocations/" + std::to_string(number), asProvider(other_id));
    EXPECT_EQ(theirs.status, 404) << theirs.describe();
}

TEST(ClientsAllocationsApi, OtherRolesAreRefused) {
    const struct {
        const char* method;
        const char* path;
        const char* user;
    } refused[] = {
        {"POST", "/api/v1/clients", "cm.jansen"},
        {"POST", "/api/v1/clients", "fin.devries"},
        {"GET", "/api/v1/clients", "cm.jansen"},
        {"GET", "/api/v1/clients/1", "bh.visser"},
        {"POST", "/api/v1/clients/1/decisions", "cm.jansen"},
        {"GET", "/api/v1/allocations", "fin.devries"},
        {"POST", "/api/v1/allocations", "aud.smit"},
        {"POST", "/api/v1/allocations/1/end", "bh.visser"},
    };
    for (const auto& c : refused) {
        const Response r = std::string(c.method) == "POST"
                               ? client().request("POST", c.path, std::string("{}"), as(c.user))
                               : client().get(c.path, as(c.user));
        EXPECT_EQ(r.status, 403) << c.method << " " << c.path << " as " << c.user;
    }
    const auto provider_id = demoProviderId(kDemoIbProviderAgb);
    EXPECT_EQ(client().get("/api/v1/clients/1", asProvider(provider_id)).status, 403);
    EXPECT_EQ(
        client()
            .request("POST", "/api/v1/allocations", std::string("{}"), asProvider(provider_id))
            .status,
        403);
}

}  // namespace
}  // namespace zc::e2e
