// The region end to end (ctest label `region`, issue 13): Kampen (0166) belongs to Zwolle's
// (0193) region, and a Kampen client's household help is Kampen's own care. The test seeds
// itself through the API (a new Kampen client with a unique BSN, household help granted and
// allocated to the demo provider), declares June 2026 to Kampen and pays it from Kampen's
// account: Kampen's IBAN is the debtor in the pain.001 and Zwolle's run pays none of it. The
// pain.001 is left in <build>/test-artifacts/region-kampen-hh.xml.
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

using test::Response;

constexpr const char* kKampen = "0166";
constexpr const char* kZwolle = "0193";
constexpr const char* kKampenIban = "NL13BNGH0285170032";
constexpr const char* kZwolleIban = "NL02ABNA0123456789";  // as PaymentsFlow sets it

// Sends a WMO323 for June 2026 to `recipient`; returns the stored line's code.
std::string declare(db::Connection& db, const std::string& suffix, const std::string& recipient,
                    const iwmo::Prestatie& line) {
    e2e::declareJune(suffix, recipient, line);
    const auto row = db.queryOne(
        "SELECT l.code, l.municipality_code FROM claim_lines l JOIN declarations d"
        " ON d.id = l.declaration_id WHERE d.declaratie_nummer = ? AND l.reference = ?",
        {"D" + suffix, line.reference});
    if (!row) return "not stored";
    EXPECT_EQ(row->str(1), recipient) << "a line belongs to the declaration's recipient";
    return row->str(0);
}

bool paysPayable(const Response& run, std::int64_t payable) {
    const auto items = run.object()->getArray("items");
    for (std::size_t i = 0; i < items->size(); ++i) {
        const auto item = items->getObject(static_cast<unsigned>(i));
        if (item->getValue<std::int64_t>("payable_id") == payable) return true;
    }
    return false;
}

TEST(RegionFlow, KampenHouseholdHelpIsPaidByKampen) {
    db::Connection db(test::appDbConfig());
    const auto provider = e2e::providerId(db, e2e::kAgb);
    const std::string bsn = e2e::elfproefBsn('7');
    const auto allocation = e2e::householdHelpAllocation(kKampen, bsn, provider);
    ASSERT_FALSE(allocation.isNull());
    EXPECT_EQ(allocation->getValue<std::string>("paying_municipality_code"), kKampen);
    const auto number = allocation->getValue<std::int64_t>("number");
    const auto tariff = e2e::householdHelpTariff();

    // To Zwolle, Kampen's allocation number is unknown: 9338, and nothing becomes payable.
    const std::string s = e2e::uniqueDigits(9);
    EXPECT_EQ(
        declare(db, "Z" + s, kZwolle, e2e::juneHouseholdHelp("Z" + s, bsn, number, 3, tariff)),
        "9338");
    EXPECT_EQ(e2e::declarationPayable(db, "Z" + s), 0);
    // To Kampen it is accepted, and Kampen owes it.
    const auto line = e2e::juneHouseholdHelp("K" + s, bsn, number, 3, tariff);
    ASSERT_EQ(declare(db, "K" + s, kKampen, line), "0200");
    const auto payable_id = e2e::declarationPayable(db, "K" + s);
    ASSERT_NE(payable_id, 0);
    const auto payable = db.queryOne(
        "SELECT municipality_code, amount_cents FROM payables WHERE id = ?", {payable_id});
    EXPECT_EQ(payable->str(0), kKampen);
    EXPECT_EQ(payable->i64(1), line.amount_cents);

    e2e::setDebtorAccount(kKampen, kKampenIban, "Gemeente Kampen");
    e2e::setDebtorAccount(kZwolle, kZwolleIban, "Gemeente Zwolle");
    // Zwolle's run for the same provider, while Kampen's payable is open, has no transfer for
    // it and nothing else of Kampen's.
    const Response zwolle_run = e2e::prepareRun(kZwolle, provider);
    ASSERT_EQ(zwolle_run.status, 201) << zwolle_run.describe();
    EXPECT_FALSE(paysPayable(zwolle_run, payable_id)) << zwolle_run.text;
    EXPECT_EQ(db.queryOne("SELECT COUNT(*) FROM payment_run_items i JOIN payables p"
                          " ON p.id = i.payable_id WHERE i.run_id = ? AND p.municipality_code <> ?",
                          {zwolle_run.num("id"), std::string(kZwolle)})
                  ->i64(0),
              0)
        << "nothing of Kampen is in Zwolle's run";

    // Kampen's run pays it from Kampen's account; a second finance user approves.
    const Response kampen_run = e2e::prepareRun(kKampen, provider);
    ASSERT_EQ(kampen_run.status, 201) << kampen_run.describe();
    EXPECT_TRUE(paysPayable(kampen_run, payable_id)) << kampen_run.text;
    const auto run = kampen_run.num("id");
    const auto file = e2e::approveAndDownload(run);
    std::ofstream(e2e::testArtifacts() / "region-kampen-hh.xml") << file.text;
    EXPECT_NE(file.text.find("<IBAN>" + std::string(kKampenIban) + "</IBAN>"), std::string::npos)
        << "Kampen's account is the debtor";
    EXPECT_EQ(file.text.find(kZwolleIban), std::string::npos) << "Zwolle's account pays nothing";
    EXPECT_EQ(db.queryOne("SELECT status FROM payables WHERE id = ?", {payable_id})->str(0),
              "in_run");
    EXPECT_EQ(db.queryOne("SELECT COUNT(*) FROM payment_run_items i JOIN payables p"
                          " ON p.id = i.payable_id WHERE i.run_id = ? AND p.municipality_code <> ?",
                          {run, std::string(kKampen)})
                  ->i64(0),
              0)
        << "nothing of another municipality is in Kampen's run";
}

}  // namespace
}  // namespace zc
