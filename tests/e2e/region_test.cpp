// The region end to end (ctest label `region`, issue 13): Kampen (0166) belongs to Zwolle's
// (0193) region, and a Kampen client's household help is Kampen's own care. The test seeds
// itself through the API (a new Kampen client with a unique BSN, household help granted and
// allocated to the demo provider), declares June 2026 to Kampen and pays it from Kampen's
// account: Kampen's IBAN is the debtor in the pain.001 and Zwolle's run pays none of it. The
// pain.001 is left in <build>/test-artifacts/region-kampen-hh.xml.
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
constexpr const char* kKampenIban = "NL13BNGH0285170032";
constexpr const char* kZwolleIban = "NL02ABNA0123456789";  // as PaymentsFlow sets it

// Where the files a test produced are left for people to look at.
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

std::int64_t providerId(db::Connection& c, const std::string& agb) {
    return c.queryOne("SELECT id FROM providers WHERE agb = ?", {agb})->i64(0);
}

void setDebtorAccount(const std::string& municipality, const std::string& iban,
                      const std::string& name) {
    const auto r = e2e::client().post(
        "/api/v1/municipalities/" + municipality + "/debtor-account",
        jsonObject({{"iban", iban}, {"bic", "ABNANL2A"}, {"name", name}}), e2e::as("fin.devries"));
    ASSERT_EQ(r.status, 200) << r.describe();
}

// A Kampen client with household help (01A01, 3 hours a week) from June 2026, allocated to the
// demo provider; returns its allocation's answer.
Poco::JSON::Object::Ptr kampenHouseholdHelp(const std::string& bsn, std::int64_t provider) {
    const auto& client = e2e::client();
    const auto officer = e2e::as("ao.bakker");
    const Response created = client.post("/api/v1/clients",
                                         jsonObject({{"bsn", bsn},
                                                     {"surname", "Regiotest"},
                                                     {"initials", "R."},
                                                     {"birth_date", "1950-04-01"},
                                                     {"gender", "2"},
                                                     {"house_number", "7"},
                                                     {"postcode", "8261AB"},
                                                     {"city", "Kampen"},
                                                     {"municipality_code", kKampen}}),
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
    EXPECT_EQ(granted->getValue<std::string>("paying_municipality_code"), kKampen);
    const Response allocation =
        client.post("/api/v1/allocations",
                    jsonObject({{"granted_product_id", granted->getValue<std::int64_t>("id")},
                                {"provider_id", provider},
                                {"start_date", "2026-06-01"}}),
                    officer);
    EXPECT_EQ(allocation.status, 201) << allocation.describe();
    return allocation.object();
}

// A June 2026 prestatie of 3 hours of household help on the allocation.
iwmo::Prestatie householdHelp(const std::string& ref, const std::string& bsn,
                              std::int64_t allocation, std::int64_t tariff) {
    auto p = e2e::prestatie(ref, 3, tariff);
    p.bsn = bsn;
    p.allocation_number = std::to_string(allocation);
    p.category = "01";
    p.product_code = "01A01";
    p.begin = parseDate("2026-06-01");
    p.end_inclusive = parseDate("2026-06-30");
    return p;
}

// Sends a WMO323 for June 2026 to `recipient`; returns the stored line's code.
std::string declare(db::Connection& db, const std::string& suffix, const std::string& recipient,
                    const iwmo::Prestatie& line) {
    auto h = e2e::headFor(suffix, line.amount_cents, "2026-06", "2026-07-02");
    h.ontvanger = recipient;
    const auto r =
        e2e::client().asProvider(e2e::kAgb).postXml("/api/v1/messages", e2e::write323(h, {line}));
    EXPECT_EQ(r.status, 200) << r.describe();
    const auto row = db.queryOne(
        "SELECT l.code, l.municipality_code FROM claim_lines l JOIN declarations d"
        " ON d.id = l.declaration_id WHERE d.declaratie_nummer = ? AND l.reference = ?",
        {"D" + suffix, line.reference});
    if (!row) return "not stored";
    EXPECT_EQ(row->str(1), recipient) << "a line belongs to the declaration's recipient";
    return row->str(0);
}

// Prepares a run of `municipality` for the provider's payables due within 60 days.
Response prepareRun(const std::string& municipality, std::int64_t provider) {
    const std::string until = formatDate(addDays(parseDate(e2e::todayText()), 60));
    return e2e::client().post("/api/v1/payment-runs",
                              jsonObject({{"municipality_code", municipality},
                                          {"due_until", until},
                                          {"provider_ids", jsonArray({provider})}}),
                              e2e::as("fin.devries"));
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
    const auto& client = e2e::client();
    const auto provider = providerId(db, e2e::kAgb);
    const std::string bsn = uniqueBsn();
    const auto allocation = kampenHouseholdHelp(bsn, provider);
    ASSERT_FALSE(allocation.isNull());
    EXPECT_EQ(allocation->getValue<std::string>("paying_municipality_code"), kKampen);
    const auto number = allocation->getValue<std::int64_t>("number");
    const Response tariff = client.get(
        "/api/v1/queries/tariff?agb=" + std::string(e2e::kAgb) + "&product=01A01&date=2026-06-01",
        e2e::as("cm.jansen"));
    ASSERT_EQ(tariff.status, 200) << tariff.describe();
    const auto line_tariff = tariff.num("tariff_cents");

    // To Zwolle, Kampen's allocation number is unknown: 9338, and nothing becomes payable.
    const std::string s = e2e::uniqueDigits(9);
    EXPECT_EQ(declare(db, "Z" + s, kZwolle, householdHelp("Z" + s, bsn, number, line_tariff)),
              "9338");
    // To Kampen it is accepted, and Kampen owes it.
    const auto line = householdHelp("K" + s, bsn, number, line_tariff);
    ASSERT_EQ(declare(db, "K" + s, kKampen, line), "0200");
    const auto payable = db.queryOne(
        "SELECT p.id, p.municipality_code, p.amount_cents FROM payables p JOIN declarations d"
        " ON p.source_type = 'declaration' AND d.id = p.source_id WHERE d.declaratie_nummer = ?",
        {"DK" + s});
    ASSERT_TRUE(payable.has_value());
    EXPECT_EQ(payable->str(1), kKampen);
    EXPECT_EQ(payable->i64(2), line.amount_cents);
    const auto payable_id = payable->i64(0);

    setDebtorAccount(kKampen, kKampenIban, "Gemeente Kampen");
    setDebtorAccount(kZwolle, kZwolleIban, "Gemeente Zwolle");
    // Zwolle's run for the same provider, while Kampen's payable is open, has no transfer for
    // it and nothing else of Kampen's.
    const Response zwolle_run = prepareRun(kZwolle, provider);
    ASSERT_EQ(zwolle_run.status, 201) << zwolle_run.describe();
    EXPECT_FALSE(paysPayable(zwolle_run, payable_id)) << zwolle_run.text;
    EXPECT_EQ(db.queryOne("SELECT COUNT(*) FROM payment_run_items i JOIN payables p"
                          " ON p.id = i.payable_id WHERE i.run_id = ? AND p.municipality_code <> ?",
                          {zwolle_run.num("id"), std::string(kZwolle)})
                  ->i64(0),
              0)
        << "nothing of Kampen is in Zwolle's run";

    // Kampen's run pays it from Kampen's account; a second finance user approves.
    const Response kampen_run = prepareRun(kKampen, provider);
    ASSERT_EQ(kampen_run.status, 201) << kampen_run.describe();
    EXPECT_TRUE(paysPayable(kampen_run, payable_id)) << kampen_run.text;
    const auto run = kampen_run.num("id");
    const std::string runs = "/api/v1/payment-runs/" + std::to_string(run);
    const auto approved = client.post(
        runs + "/approve", Poco::JSON::Object::Ptr(new Poco::JSON::Object), e2e::as("fin.mulder"));
    ASSERT_EQ(approved.status, 200) << approved.describe();
    const auto file = client.get(runs + "/pain001", e2e::as("fin.mulder"));
    ASSERT_EQ(file.status, 200) << file.describe();
    std::ofstream(artifacts() / "region-kampen-hh.xml") << file.text;
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
