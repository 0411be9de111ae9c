#include "region_seed.hpp"

#include <Poco/JSON/Array.h>
#include <gtest/gtest.h>

#include "declarations.hpp"
#include "interfaces/mysql/connection.hpp"
#include "session.hpp"

namespace zc::e2e {

using test::jsonArray;
using test::jsonObject;
using test::Response;

std::string elfproefBsn(char lead) {
    for (;;) {
        std::string digits = std::string(1, lead) + uniqueDigits(7);
        int sum = 0;
        for (int i = 0; i < 8; ++i) sum += (9 - i) * (digits[static_cast<std::size_t>(i)] - '0');
        const int check = sum % 11;
        if (check == 10) continue;
        return digits + std::to_string(check);
    }
}

std::filesystem::path testArtifacts() {
    const auto dir = std::filesystem::path(test::testEnvDir()).parent_path() / "test-artifacts";
    std::filesystem::create_directories(dir);
    return dir;
}

std::int64_t providerId(db::Connection& db, const std::string& agb) {
    return db.queryOne("SELECT id FROM providers WHERE agb = ?", {agb})->i64(0);
}

std::int64_t householdHelpTariff() {
    const Response tariff = client().get(
        "/api/v1/queries/tariff?agb=" + std::string(kAgb) + "&product=01A01&date=2026-06-01",
        as("cm.jansen"));
    EXPECT_EQ(tariff.status, 200) << tariff.describe();
    return tariff.num("tariff_cents");
}

Poco::JSON::Object::Ptr householdHelpAllocation(const std::string& municipality,
                                                const std::string& bsn, std::int64_t provider,
                                                std::int64_t hours) {
    const auto officer = as("ao.bakker");
    const Response created = client().post("/api/v1/clients",
                                           jsonObject({{"bsn", bsn},
                                                       {"surname", "Regiotest"},
                                                       {"initials", "R."},
                                                       {"birth_date", "1950-04-01"},
                                                       {"gender", "2"},
                                                       {"house_number", "7"},
                                                       {"postcode", "8261AB"},
                                                       {"city", "Regio"},
                                                       {"municipality_code", municipality}}),
                                           officer);
    EXPECT_EQ(created.status, 201) << created.describe();
    const auto product = jsonObject({{"product_code", "01A01"},
                                     {"volume", hours},
                                     {"unit", "hours"},
                                     {"frequency", "week"},
                                     {"financing", "ZIN"}});
    const Response decision =
        client().post("/api/v1/clients/" + std::to_string(created.num("id")) + "/decisions",
                      jsonObject({{"number", 100000000 + std::stoll(uniqueDigits(8))},
                                  {"decision_date", "2026-05-20"},
                                  {"valid_from", "2026-06-01"},
                                  {"valid_to", "2026-12-31"},
                                  {"products", jsonArray({product})}}),
                      officer);
    EXPECT_EQ(decision.status, 201) << decision.describe();
    const auto granted = decision.object()->getArray("products")->getObject(0);
    const Response allocation =
        client().post("/api/v1/allocations",
                      jsonObject({{"granted_product_id", granted->getValue<std::int64_t>("id")},
                                  {"provider_id", provider},
                                  {"start_date", "2026-06-01"}}),
                      officer);
    EXPECT_EQ(allocation.status, 201) << allocation.describe();
    return allocation.object();
}

iwmo::Prestatie juneHouseholdHelp(const std::string& ref, const std::string& bsn,
                                  std::int64_t number, std::int64_t hours, std::int64_t tariff) {
    auto p = prestatie(ref, hours, tariff);
    p.bsn = bsn;
    p.allocation_number = std::to_string(number);
    p.category = "01";
    p.product_code = "01A01";
    p.begin = parseDate("2026-06-01");
    p.end_inclusive = parseDate("2026-06-30");
    return p;
}

Response declareJune(const std::string& suffix, const std::string& recipient,
                     const iwmo::Prestatie& line) {
    auto h = headFor(suffix, line.amount_cents, "2026-06", "2026-07-02");
    h.ontvanger = recipient;
    const auto r = client().asProvider(kAgb).postXml("/api/v1/messages", write323(h, {line}));
    EXPECT_EQ(r.status, 200) << r.describe();
    return r;
}

std::int64_t declarationPayable(db::Connection& db, const std::string& suffix) {
    const auto p = db.queryOne(
        "SELECT p.id FROM payables p JOIN declarations d ON p.source_type = 'declaration'"
        " AND d.id = p.source_id WHERE d.declaratie_nummer = ?",
        {"D" + suffix});
    return p ? p->i64(0) : 0;
}

std::string dutchIban(const std::string& bank, const std::string& account) {
    int rest = 0;
    for (char c : bank + account + "NL00") {
        const std::string digits =
            (c >= 'A' && c <= 'Z') ? std::to_string(c - 'A' + 10) : std::string(1, c);
        for (char d : digits) rest = (rest * 10 + (d - '0')) % 97;
    }
    const int check = 98 - rest;
    return "NL" + std::string(check < 10 ? "0" : "") + std::to_string(check) + bank + account;
}

std::string journalBooks(db::Connection& db, const std::string& source) {
    std::string out;
    for (const auto& r :
         db.query("SELECT municipality_code FROM ledger_journals WHERE source = ? ORDER BY id",
                  {source})) {
        out += (out.empty() ? "" : ",") + r.str(0);
    }
    return out;
}

void setDebtorAccount(const std::string& municipality, const std::string& iban,
                      const std::string& name) {
    const auto r = client().post("/api/v1/municipalities/" + municipality + "/debtor-account",
                                 jsonObject({{"iban", iban}, {"bic", "ABNANL2A"}, {"name", name}}),
                                 as("fin.devries"));
    ASSERT_EQ(r.status, 200) << r.describe();
}

Response prepareRun(const std::string& municipality, std::int64_t provider) {
    const std::string until = formatDate(addDays(parseDate(todayText()), 60));
    return client().post("/api/v1/payment-runs",
                         jsonObject({{"municipality_code", municipality},
                                     {"due_until", until},
                                     {"provider_ids", jsonArray({provider})}}),
                         as("fin.devries"));
}

Response approveAndDownload(std::int64_t id) {
    const std::string run = "/api/v1/payment-runs/" + std::to_string(id);
    const auto approved = client().post(
        run + "/approve", Poco::JSON::Object::Ptr(new Poco::JSON::Object), as("fin.mulder"));
    EXPECT_EQ(approved.status, 200) << approved.describe();
    const auto file = client().get(run + "/pain001", as("fin.mulder"));
    EXPECT_EQ(file.status, 200) << file.describe();
    return file;
}

}  // namespace zc::e2e
