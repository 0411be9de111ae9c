// Kampen's books (ctest label `region`, issue 13, slice S4): every journal is in the books of
// one municipality. The test seeds itself through the API (a new Kampen client with a unique
// BSN, household help allocated to the demo provider), declares June 2026 to Kampen and pays it
// in Kampen's run: the claim's journal and the transfer's are Kampen's (0166), none of them is
// Zwolle's (0193), and each municipality's books pass check-ledger.
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <gtest/gtest.h>

#include "declarations.hpp"
#include "e2e/region_seed.hpp"
#include "interfaces/mysql/connection.hpp"
#include "invoicing/domain/ledger_check.hpp"
#include "invoicing/store/ledger_store.hpp"
#include "session.hpp"
#include "support/https_client.hpp"

namespace zc {
namespace {

using test::Response;

constexpr const char* kKampen = "0166";
constexpr const char* kKampenIban = "NL13BNGH0285170032";  // as RegionFlow sets it

TEST(RegionFlow, KampensLedgerHoldsKampensCare) {
    db::Connection db(test::appDbConfig());
    const auto provider = e2e::providerId(db, e2e::kAgb);
    const std::string bsn = e2e::elfproefBsn('6');
    const auto number =
        e2e::householdHelpAllocation(kKampen, bsn, provider, 2)->getValue<std::int64_t>("number");

    // Declared to Kampen: the claim's journal is in Kampen's books.
    const std::string s = "B" + e2e::uniqueDigits(9);
    e2e::declareJune(s, kKampen,
                     e2e::juneHouseholdHelp(s, bsn, number, 2, e2e::householdHelpTariff()));
    const auto payable = db.queryOne(
        "SELECT p.id, d.id FROM payables p JOIN declarations d ON p.source_type = 'declaration'"
        " AND d.id = p.source_id WHERE d.declaratie_nummer = ?",
        {"D" + s});
    ASSERT_TRUE(payable.has_value()) << "the line was not accepted";
    EXPECT_EQ(e2e::journalBooks(db, "declaration:" + std::to_string(payable->i64(1))), kKampen);

    // Kampen's run pays it from Kampen's account: the transfer's journal is Kampen's too.
    e2e::setDebtorAccount(kKampen, kKampenIban, "Gemeente Kampen");
    const Response run = e2e::prepareRun(kKampen, provider);
    ASSERT_EQ(run.status, 201) << run.describe();
    e2e::approveAndDownload(run.num("id"));
    const auto instruction =
        db.queryOne("SELECT instruction_id FROM payables WHERE id = ?", {payable->i64(0)});
    ASSERT_TRUE(instruction.has_value() && !instruction->isNull(0)) << "the payable was not paid";
    EXPECT_EQ(e2e::journalBooks(db, "instruction:" + std::to_string(instruction->i64(0))), kKampen);
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
