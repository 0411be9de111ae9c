// Kampen's books (ctest label `region`, issue 13, slice S4): every journal is in the books of
// one municipality. The test seeds itself through the API (a new Kampen client with a unique
// BSN, household help allocated to the demo provider), declares June 2026 to Kampen and pays it
// in Kampen's run: the claim's journal and the transfer's are Kampen's (0166), none of them is
// Zwolle's (0193), and each municipality's books pass check-ledger.
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <gtest/gtest.h>

#include "declarations.hpp"
#include "interfaces/mysql/connection.hpp"
#include "invoicing/domain/ledger_check.hpp"
#include "invoicing/store/ledger_store.hpp"
#include "session.hpp"
#include "support/https_client.hpp"

namespace zc {
namespace {

using test::jsonArray;
using test::jsonObject;
using test::Response;

constexpr const char* kKampen = "0166";
constexpr const char* kKampenIban = "NL13BNGH0285170032";  // as RegionFlow sets it

// A valid BSN (elfproef) starting with 6 that no other test uses.
std::string uniqueBsn() {
    for (;;) {
        std::string digits = "6" + e2e::uniqueDigits(7);
        int sum = 0;
        for (int i = 0; i < 8; ++i) sum += (9 - i) * (digits[static_cast<std::size_t>(i)] - '0');
        const int check = sum % 11;
        if (check == 10) continue;
        return digits + std::to_string(check);
    }
}

// A Kampen client with household help (01A01) from June 2026, allocated to `provider`; returns
// the allocation number.
std::int64_t kampenHouseholdHelp(const std::string& bsn, std::int64_t provider) {
    const auto& client = e2e::client();
    const auto officer = e2e::as("ao.bakker");
    const Response created = client.post("/api/v1/clients",
                                         jsonObject({{"bsn", bsn},
                                                     {"surname", "Boekentest"},
                                                     {"initials", "B."},
                                                     {"birth_date", "1951-05-02"},
                                                     {"gender", "1"},
                                                     {"house_number", "9"},
                                                     {"postcode", "8261AB"},
                                                     {"city", "Kampen"},
                                                     {"municipality_code", kKampen}}),
                                         officer);
    EXPECT_EQ(created.status, 201) << created.describe();
    const auto product = jsonObject({{"product_code", "01A01"},
                                     {"volume", 2},
                                     {"unit", "hours"},
                                     {"frequency", "week"},
                                     {"financing", "ZIN"}});
    const Response decision =
        client.post("/api/v1/clients/" + std::to_string(created.num("id")) + "/decisions",
                    jsonObject({{"number", 200000000 + std::stoll(e2e::uniqueDigits(8))},
                                {"decision_date", "2026-05-20"},
                                {"valid_from", "2026-06-01"},
                                {"valid_to", "2026-12-31"},
                                {"products", jsonArray({product})}}),
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

// The municipalities of the journals with `source`, in id order.
std::string journalBooks(db::Connection& db, const std::string& source) {
    std::string out;
    for (const auto& r :
         db.query("SELECT municipality_code FROM ledger_journals WHERE source = ? ORDER BY id",
                  {source})) {
        out += (out.empty() ? "" : ",") + r.str(0);
    }
    return out;
}

TEST(RegionFlow, KampensLedgerHoldsKampensCare) {
    db::Connection db(test::appDbConfig());
    const auto& client = e2e::client();
    const auto provider =
        db.queryOne("SELECT id FROM providers WHERE agb = ?", {std::string(e2e::kAgb)})->i64(0);
    const std::string bsn = uniqueBsn();
    const auto number = kampenHouseholdHelp(bsn, provider);
    const Response tariff = client.get(
        "/api/v1/queries/tariff?agb=" + std::string(e2e::kAgb) + "&product=01A01&date=2026-06-01",
        e2e::as("cm.jansen"));
    ASSERT_EQ(tariff.status, 200) << tariff.describe();

    // Declared to Kampen: the claim's journal is in Kampen's books.
    const std::string s = e2e::uniqueDigits(9);
    auto line = e2e::prestatie("B" + s, 2, tariff.num("tariff_cents"));
    line.bsn = bsn;
    line.allocation_number = std::to_string(number);
    line.category = "01";
    line.product_code = "01A01";
    line.begin = parseDate("2026-06-01");
    line.end_inclusive = parseDate("2026-06-30");
    auto head = e2e::headFor("B" + s, line.amount_cents, "2026-06", "2026-07-02");
    head.ontvanger = kKampen;
    const auto sent =
        client.asProvider(e2e::kAgb).postXml("/api/v1/messages", e2e::write323(head, {line}));
    ASSERT_EQ(sent.status, 200) << sent.describe();
    const auto payable = db.queryOne(
        "SELECT p.id, d.id FROM payables p JOIN declarations d ON p.source_type = 'declaration'"
        " AND d.id = p.source_id WHERE d.declaratie_nummer = ?",
        {"DB" + s});
    ASSERT_TRUE(payable.has_value()) << "the line was not accepted";
    EXPECT_EQ(journalBooks(db, "declaration:" + std::to_string(payable->i64(1))), kKampen);

    // Kampen's run pays it from Kampen's account: the transfer's journal is Kampen's too.
    ASSERT_EQ(
        client
            .post("/api/v1/municipalities/" + std::string(kKampen) + "/debtor-account",
                  jsonObject(
                      {{"iban", kKampenIban}, {"bic", "BNGHNL2G"}, {"name", "Gemeente Kampen"}}),
                  e2e::as("fin.devries"))
            .status,
        200);
    const std::string until = formatDate(addDays(parseDate(e2e::todayText()), 60));
    const Response run = client.post("/api/v1/payment-runs",
                                     jsonObject({{"municipality_code", kKampen},
                                                 {"due_until", until},
                                                 {"provider_ids", jsonArray({provider})}}),
                                     e2e::as("fin.devries"));
    ASSERT_EQ(run.status, 201) << run.describe();
    const auto approved =
        client.post("/api/v1/payment-runs/" + std::to_string(run.num("id")) + "/approve",
                    Poco::JSON::Object::Ptr(new Poco::JSON::Object), e2e::as("fin.mulder"));
    ASSERT_EQ(approved.status, 200) << approved.describe();
    const auto instruction =
        db.queryOne("SELECT instruction_id FROM payables WHERE id = ?", {payable->i64(0)});
    ASSERT_TRUE(instruction.has_value() && !instruction->isNull(0)) << "the payable was not paid";
    EXPECT_EQ(journalBooks(db, "instruction:" + std::to_string(instruction->i64(0))), kKampen);
    EXPECT_EQ(db.queryOne("SELECT COUNT(*) FROM ledger_journals j JOIN ledger_lines l"
                          " ON l.journal_id = j.id WHERE j.municipality_code = '0193'"
                          " AND l.account = ?",
                          {"in-transit:iban:" + std::string(kKampenIban)})
                  ->i64(0),
              0)
        << "nothing paid from Kampen's account is in Zwolle's books";

    // Each municipality's books balance on their own.
    for (const auto& r : invoicing::checkLedgerPerMunicipality(invoicing::loadLedgerFacts(db))) {
        EXPECT_FALSE(r.violation.has_value())
            << r.municipality << ": " << r.violation->subject << " " << r.violation->message;
    }
}

}  // namespace
}  // namespace zc
