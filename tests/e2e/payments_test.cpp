// A payment cycle end to end (ctest label `payments`): a declaration is adjudicated, one finance
// user prepares a payment run, the same user may not approve it, a second one does, and the
// pain.001 is downloaded (twice: the same bytes) and validated against our XSD and the official
// ISO 20022 schema; the ledger stays consistent. The file is left in <build>/test-artifacts/.
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iostream>

#include "declarations.hpp"
#include "interfaces/app/ledger_store.hpp"
#include "interfaces/mysql/connection.hpp"
#include "interfaces/xml/stream_reader.hpp"
#include "invoicing/domain/ledger_check.hpp"
#include "session.hpp"
#include "support/https_client.hpp"

namespace zc {
namespace {

const std::filesystem::path kSource = ZC_SOURCE_DIR;

std::vector<xml::Problem> validate(const std::filesystem::path& schema_dir,
                                   const std::string& text) {
    const xml::SchemaSet schemas(schema_dir);
    xml::CallbackSink ignore([](const xml::Element&, const std::vector<std::string>&) {});
    return xml::streamValidate(schemas, text, xml::Limits{}, {}, ignore).problems;
}

std::string firstProblem(const std::vector<xml::Problem>& p) {
    return p.empty() ? "valid" : p.front().code + ": " + p.front().message;
}

// Where the files a test used are left for people to look at.
std::filesystem::path artifacts() {
    const auto dir = std::filesystem::path(test::testEnvDir()).parent_path() / "test-artifacts";
    std::filesystem::create_directories(dir);
    return dir;
}

std::int64_t providerId(db::Connection& c, const std::string& agb) {
    return c.queryOne("SELECT id FROM providers WHERE agb = ?", {agb})->i64(0);
}

// What the run must pay the provider: its open, undisputed payables due by `until`.
std::int64_t openDue(db::Connection& c, std::int64_t provider, const std::string& until) {
    return c
        .queryOne(
            "SELECT COALESCE(SUM(amount_cents), 0) FROM payables WHERE provider_id = ?"
            " AND status = 'open' AND due_date <= ? AND disputed_reason IS NULL",
            {provider, until})
        ->i64(0);
}

TEST(PaymentsFlow, ADeclarationIsPaidByARunPreparedAndApprovedByTwoFinanceUsers) {
    db::Connection db(test::appDbConfig());
    const auto& client = e2e::client();
    const auto fin1 = e2e::as("fin.devries");
    const auto fin2 = e2e::as("fin.mulder");
    Poco::JSON::Object::Ptr account = new Poco::JSON::Object;
    account->set("iban", "NL02ABNA0123456789");
    account->set("bic", "ABNANL2A");
    account->set("name", "Gemeente Zwolle");
    ASSERT_EQ(client.post("/api/v1/municipalities/0193/debtor-account", account, fin1).status, 200);

    // A declaration of 3 hours: accepted, payable in 30 days.
    const std::string s = e2e::uniqueDigits(9);
    const auto line = e2e::prestatie("P" + s, 3, e2e::ibTariffOn("2026-02-01"));
    const auto h = e2e::headFor(s, line.amount_cents, "2026-02", "2026-03-02");
    ASSERT_EQ(
        client.asProvider(e2e::kAgb).postXml("/api/v1/messages", e2e::write323(h, {line})).status,
        200);
    const auto provider = providerId(db, e2e::kAgb);
    const std::string until = formatDate(addDays(parseDate(e2e::todayText()), 60));
    const std::int64_t expected = openDue(db, provider, until);
    ASSERT_GE(expected, line.amount_cents);

    Poco::JSON::Object::Ptr prepare = new Poco::JSON::Object;
    prepare->set("municipality_code", "0193");
    prepare->set("due_until", until);
    Poco::JSON::Array::Ptr ids = new Poco::JSON::Array;
    ids->add(provider);
    prepare->set("provider_ids", ids);
    const auto prepared = client.post("/api/v1/payment-runs", prepare, fin1);
    ASSERT_EQ(prepared.status, 201) << prepared.describe();
    const auto run = prepared.num("id");
    const auto transfers = prepared.object()->getArray("transfers");
    ASSERT_EQ(transfers->size(), 1u) << prepared.text;
    const auto transfer = transfers->getObject(0);
    EXPECT_EQ(transfer->getValue<std::int64_t>("amount_cents"), expected);
    const std::string e2e_id = "ZC-" + std::to_string(run) + "-" + std::to_string(provider);
    EXPECT_EQ(transfer->getValue<std::string>("end_to_end_id"), e2e_id);
    // The remittance names the declarations (with "+n more" when they do not fit 140
    // characters); the run's items say which payables the transfer pays.
    EXPECT_EQ(transfer->getValue<std::string>("remittance").rfind("Decl ", 0), 0u) << prepared.text;
    const auto ours = db.queryOne(
        "SELECT p.id FROM payables p JOIN declarations d ON p.source_type = 'declaration'"
        " AND d.id = p.source_id WHERE d.declaratie_nummer = ?",
        {"D" + s});
    ASSERT_TRUE(ours.has_value());
    bool paid = false;
    const auto items = prepared.object()->getArray("items");
    for (std::size_t i = 0; i < items->size(); ++i) {
        const auto item = items->getObject(static_cast<unsigned>(i));
        paid = paid || (item->getValue<std::int64_t>("payable_id") == ours->i64(0) &&
                        item->getValue<std::string>("outcome") == "paid");
    }
    EXPECT_TRUE(paid) << "the declaration's payable is paid by the run: " << prepared.text;
    EXPECT_EQ(client.get("/api/v1/payment-runs/" + std::to_string(run) + "/pain001", fin1).code(),
              "RUN_NOT_APPROVED");

    // Four eyes: the preparer cannot approve; another finance user can.
    const auto self = client.post("/api/v1/payment-runs/" + std::to_string(run) + "/approve",
                                  Poco::JSON::Object::Ptr(new Poco::JSON::Object), fin1);
    EXPECT_EQ(self.status, 403);
    EXPECT_EQ(self.code(), "FOUR_EYES");
    const auto approved = client.post("/api/v1/payment-runs/" + std::to_string(run) + "/approve",
                                      Poco::JSON::Object::Ptr(new Poco::JSON::Object), fin2);
    ASSERT_EQ(approved.status, 200) << approved.describe();
    EXPECT_EQ(approved.str("status"), "approved");
    EXPECT_EQ(openDue(db, provider, until), 0) << "the paid payables are no longer open";

    const auto file = client.get("/api/v1/payment-runs/" + std::to_string(run) + "/pain001", fin2);
    ASSERT_EQ(file.status, 200) << file.describe();
    EXPECT_EQ(client.get("/api/v1/payment-runs/" + std::to_string(run) + "/pain001", fin1).text,
              file.text)
        << "exporting again yields the same bytes";
    std::ofstream(artifacts() / ("pain001-run" + std::to_string(run) + ".xml")) << file.text;
    EXPECT_NE(file.text.find("<EndToEndId>" + e2e_id + "</EndToEndId>"), std::string::npos);
    EXPECT_NE(file.text.find("<CtrlSum>"), std::string::npos);
    EXPECT_EQ(firstProblem(validate(kSource / "interfaces/xml/schemas/iso20022", file.text)),
              "valid");
    const auto official = kSource / "../shared/reference/iso20022";
    if (std::filesystem::exists(official / "pain.001.001.03.xsd")) {
        EXPECT_EQ(firstProblem(validate(official, file.text)), "valid");
    } else {
        std::cout << "official ISO 20022 schema absent under " << official
                  << "; the check against it is skipped\n";
    }

    // The ledger: journals balance, payable accounts equal open payables.
    const auto violation = invoicing::checkLedger(app::loadLedgerFacts(db));
    EXPECT_FALSE(violation.has_value()) << violation->code << " " << violation->message;
}

}  // namespace
}  // namespace zc
