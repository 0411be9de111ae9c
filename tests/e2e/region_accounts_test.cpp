// Debtor accounts per municipality (issue 13, S5; ctest label `region`): one payment run over
// Kampen (0166) and Zwolle (0193). The test seeds itself through the API: a Kampen client's
// household help declared to Kampen and a Zwolle client's declared to Zwolle, both allocated to
// the demo provider. Kampen's account is recorded with POST /debtor-accounts, Zwolle's with the
// older one-account endpoint. The run's pain.001 holds one PmtInf per account, each with only
// its own municipality's transfers; it is left in <build>/test-artifacts/region-accounts.xml.
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <gtest/gtest.h>

#include <fstream>

#include "declarations.hpp"
#include "e2e/region_seed.hpp"
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

// A client of `municipality` with household help allocated to the provider, declared for June
// 2026 (3 hours) to that municipality; returns the payable's id (0: none).
std::int64_t declaredHouseholdHelp(db::Connection& db, const std::string& municipality,
                                   std::int64_t provider, std::int64_t tariff) {
    const std::string bsn = e2e::elfproefBsn('7');
    const auto number =
        e2e::householdHelpAllocation(municipality, bsn, provider)->getValue<std::int64_t>("number");
    const std::string ref = "A" + e2e::uniqueDigits(9);
    e2e::declareJune(ref, municipality, e2e::juneHouseholdHelp(ref, bsn, number, 3, tariff));
    return e2e::declarationPayable(db, ref);
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
    const auto provider = e2e::providerId(db, e2e::kAgb);
    const auto tariff = e2e::householdHelpTariff();
    const auto kampen_payable = declaredHouseholdHelp(db, kKampen, provider, tariff);
    const auto zwolle_payable = declaredHouseholdHelp(db, kZwolle, provider, tariff);
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
    const auto file = e2e::approveAndDownload(run);
    std::ofstream(e2e::testArtifacts() / "region-accounts.xml") << file.text;

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
