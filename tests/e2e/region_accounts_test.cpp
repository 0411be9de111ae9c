// Debtor accounts per municipality (issue 13, S5; ctest label `region`): one payment run over
// Kampen (0166) and Zwolle (0193). The test seeds itself through the API: a Kampen client's
// household help declared to Kampen and a Zwolle client's declared to Zwolle, both allocated to
// the demo provider. Kampen's account is recorded with POST /debtor-accounts, Zwolle's with the
// older one-account endpoint. The run's pain.001 holds one PmtInf per account, each with only
// its own municipality's transfers; it is left in <build>/test-artifacts/region-accounts.xml.
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "declarations.hpp"
#include "interfaces/mysql/connection.hpp"
#include "session.hpp"
#include "support/https_client.hpp"

namespace zc {
namespace {

using test::jsonArray;
using test::jsonObject;
using test::Response;

constexpr const char* kKampen = "0166";
constexpr const char* kZwolle = "0193";
constexpr const char* kKampenIban = "NL13BNGH0285170032";  // as RegionFlow sets it
constexpr const char* kZwolleIban = "NL02ABNA0123456789";  // as PaymentsFlow sets it

std::filesystem::path artifacts() {
    const auto dir = std::filesystem::path(test::testEnvDir()).parent_path() / "test-artifacts";
    std::filesystem::create_directories(dir);
    return dir;
}

// A valid BSN (elfproef) starting with 7 that no other test uses.
std::string uniqueBsn() {
    for (;;) {
        std::string digits = "7" + e2e::uniqueDigits(7);
        int sum = 0;
        for (int i = 0; i < 8; ++i) sum += (9 - i) * (digits[static_cast<std::size_t>(i)] - '0');
        const int check = sum % 11;
        if (check == 10) continue;
        return digits + std::to_string(check);
    }
}

// A client of `municipality` with household help (01A01, 3 hours a week) from June 2026,
// allocated to the provider; returns the allocation number.
std::int64_t householdHelpOf(const std::string& municipality, const std::string& bsn,
                             std::int64_t provider) {
    const auto& client = e2e::client();
    const auto officer = e2e::as("ao.bakker");
    const Response created = client.post("/api/v1/clients",
                                         jsonObject({{"bsn", bsn},
                                                     {"surname", "Rekeningtest"},
                                                     {"initials", "R."},
                                                     {"birth_date", "1950-04-01"},
                                                     {"gender", "2"},
                                                     {"house_number", "9"},
                                                     {"postcode", "8011AB"},
                                                     {"city", "Regio"},
                                                     {"municipality_code", municipality}}),
                                         officer);
    EXPECT_EQ(created.status, 201) << created.describe();
    const Response decision =
        client.post("/api/v1/clients/" + std::to_string(created.num("id")) + "/decisions",
                    jsonObject({{"number", 100000000 + std::stoll(e2e::uniqueDigits(8))},
                                {"decision_date", "2026-05-20"},
                                {"valid_from", "2026-06-01"},
                                {"valid_to", "2026-12-31"},
                                {"products", jsonArray({jsonObject({{"product_code", "01A01"},
                                                                    {"volume", 3},
                                                                    {"unit", "hours"},
                                                                    {"frequency", "week"},
                                                                    {"financing", "ZIN"}})})}}),
                    officer);
    EXPECT_EQ(decision.status, 201) << decision.describe();
    const auto granted = decision.object()->getArray("products")->getObject(0);
    const Response allocation =
        client.post("/api/v1/allocations",
                    jsonObject({{"granted_product_id", granted->getValue<std::int64_t>("id")},
                                {"provider_id", provider},
                                {"start_date", "2026-06-01"}}),
                    officer);
    EXPECT_EQ(allocation.status, 201) << allocation.describe();
    return allocation.num("number");
}

// Declares June 2026 (3 hours) to `municipality`; returns the payable's id (0: none).
std::int64_t declaredPayable(db::Connection& db, const std::string& municipality,
                             const std::string& bsn, std::int64_t allocation, std::int64_t tariff) {
    const std::string ref = "A" + e2e::uniqueDigits(9);
    auto line = e2e::prestatie(ref, 3, tariff);
    line.bsn = bsn;
    line.allocation_number = std::to_string(allocation);
    line.category = "01";
    line.product_code = "01A01";
    line.begin = parseDate("2026-06-01");
    line.end_inclusive = parseDate("2026-06-30");
    auto h = e2e::headFor(ref, line.amount_cents, "2026-06", "2026-07-02");
    h.ontvanger = municipality;
    const auto r =
        e2e::client().asProvider(e2e::kAgb).postXml("/api/v1/messages", e2e::write323(h, {line}));
    EXPECT_EQ(r.status, 200) << r.describe();
    const auto p = db.queryOne(
        "SELECT p.id FROM payables p JOIN declarations d ON p.source_type = 'declaration'"
        " AND d.id = p.source_id WHERE d.declaratie_nummer = ?",
        {"D" + ref});
    return p ? p->i64(0) : 0;
}

// The text of each <PmtInf> block of the file, in order.
std::vector<std::string> paymentBlocks(const std::string& xml) {
    std::vector<std::string> blocks;
    for (auto at = xml.find("<PmtInf>"); at != std::string::npos;
         at = xml.find("<PmtInf>", at + 1)) {
        blocks.push_back(xml.substr(at, xml.find("</PmtInf>", at) - at));
    }
    return blocks;
}

TEST(RegionFlow, ARunOverTwoMunicipalitiesHasAPmtInfPerAccount) {
    db::Connection db(test::appDbConfig());
    const auto& client = e2e::client();
    const auto fin = e2e::as("fin.devries");
    const auto provider =
        db.queryOne("SELECT id FROM providers WHERE agb = ?", {std::string(e2e::kAgb)})->i64(0);
    const Response tariff = client.get(
        "/api/v1/queries/tariff?agb=" + std::string(e2e::kAgb) + "&product=01A01&date=2026-06-01",
        e2e::as("cm.jansen"));
    ASSERT_EQ(tariff.status, 200) << tariff.describe();
    const std::string kampen_bsn = uniqueBsn();
    const std::string zwolle_bsn = uniqueBsn();
    const auto kampen_payable =
        declaredPayable(db, kKampen, kampen_bsn, householdHelpOf(kKampen, kampen_bsn, provider),
                        tariff.num("tariff_cents"));
    const auto zwolle_payable =
        declaredPayable(db, kZwolle, zwolle_bsn, householdHelpOf(kZwolle, zwolle_bsn, provider),
                        tariff.num("tariff_cents"));
    ASSERT_NE(kampen_payable, 0);
    ASSERT_NE(zwolle_payable, 0);

    // Kampen's account through the new endpoint, Zwolle's through the old one (its default).
    const Response added =
        client.post("/api/v1/municipalities/" + std::string(kKampen) + "/debtor-accounts",
                    jsonObject({{"iban", kKampenIban},
                                {"bic", "BNGHNL2G"},
                                {"name", "Gemeente Kampen"},
                                {"label", "Sociaal domein"},
                                {"is_default", true}}),
                    fin);
    ASSERT_EQ(added.status, 201) << added.describe();
    EXPECT_TRUE(added.object()->getValue<bool>("is_default"));
    const Response old = client.post(
        "/api/v1/municipalities/" + std::string(kZwolle) + "/debtor-account",
        jsonObject({{"iban", kZwolleIban}, {"bic", "ABNANL2A"}, {"name", "Gemeente Zwolle"}}), fin);
    ASSERT_EQ(old.status, 200) << old.describe();
    const Response listed =
        client.get("/api/v1/municipalities/" + std::string(kZwolle) + "/debtor-accounts", fin);
    ASSERT_EQ(listed.status, 200) << listed.describe();
    const auto zwolle_default = listed.array()->getObject(0);
    EXPECT_EQ(zwolle_default->getValue<std::string>("iban"), kZwolleIban);
    EXPECT_TRUE(zwolle_default->getValue<bool>("is_default"));
    // An account pays for one municipality only.
    const Response taken =
        client.post("/api/v1/municipalities/" + std::string(kKampen) + "/debtor-accounts",
                    jsonObject({{"iban", kZwolleIban}, {"name", "Gemeente Kampen"}}), fin);
    EXPECT_EQ(taken.status, 409) << taken.describe();
    EXPECT_EQ(taken.code(), "DEBTOR_ACCOUNT_TAKEN");

    const std::string until = formatDate(addDays(parseDate(e2e::todayText()), 60));
    const Response prepared =
        client.post("/api/v1/payment-runs",
                    jsonObject({{"municipality_codes", jsonArray({kKampen, kZwolle})},
                                {"due_until", until},
                                {"provider_ids", jsonArray({provider})}}),
                    fin);
    ASSERT_EQ(prepared.status, 201) << prepared.describe();
    const auto run = prepared.num("id");
    const std::string runs = "/api/v1/payment-runs/" + std::to_string(run);
    const auto approved = client.post(
        runs + "/approve", Poco::JSON::Object::Ptr(new Poco::JSON::Object), e2e::as("fin.mulder"));
    ASSERT_EQ(approved.status, 200) << approved.describe();
    const auto file = client.get(runs + "/pain001", e2e::as("fin.mulder"));
    ASSERT_EQ(file.status, 200) << file.describe();
    std::ofstream(artifacts() / "region-accounts.xml") << file.text;

    const auto blocks = paymentBlocks(file.text);
    ASSERT_EQ(blocks.size(), 2u) << file.text;
    EXPECT_NE(blocks[0].find("<IBAN>" + std::string(kKampenIban) + "</IBAN>"), std::string::npos);
    EXPECT_NE(blocks[1].find("<IBAN>" + std::string(kZwolleIban) + "</IBAN>"), std::string::npos);
    // Each transfer is in the block of its own municipality's account, and only there.
    const auto instructions = db.query(
        "SELECT i.end_to_end_id, i.municipality_code, i.debtor_iban FROM payment_instructions i"
        " WHERE i.run_id = ?",
        {run});
    ASSERT_GE(instructions.size(), 2u);
    for (const auto& i : instructions) {
        const bool kampen = i.str(1) == kKampen;
        EXPECT_EQ(i.str(2), kampen ? kKampenIban : kZwolleIban) << i.str(0);
        EXPECT_EQ(i.str(0).substr(i.str(0).size() - 5), "-" + i.str(1));
        const std::string tag = "<EndToEndId>" + i.str(0) + "</EndToEndId>";
        EXPECT_NE(blocks[kampen ? 0 : 1].find(tag), std::string::npos) << i.str(0);
        EXPECT_EQ(blocks[kampen ? 1 : 0].find(tag), std::string::npos) << i.str(0);
    }
    for (const auto payable : {kampen_payable, zwolle_payable}) {
        EXPECT_EQ(db.queryOne("SELECT status FROM payables WHERE id = ?", {payable})->str(0),
                  "in_run");
    }
}

}  // namespace
}  // namespace zc
