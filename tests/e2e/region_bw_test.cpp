// Issue 13, the region: a WMO301 comes from the municipality that pays the allocations it
// carries. A Kampen (0166) client with household help (paid by Kampen) and Beschermd Wonen
// (category 15, placed with Zwolle 0193) at one provider gets two WMO301s: one from Kampen with
// only the household help, one from Zwolle with only the Beschermd Wonen. A start of care is
// linked to the allocation only when it is sent to the municipality that issued it (TR019).
// Self-seeding through the API: a fresh client (unique BSN), the demo provider with a
// household-help and a Beschermd Wonen contract and a client certificate (given a Beschermd Wonen
// contract with Zwolle when the demo has none). BeschermdWonenOfAKampenClientIsPaidByZwolle follows
// the money: the Beschermd Wonen is declared to Zwolle, paid in Zwolle's run from Zwolle's account
// and booked in Zwolle's books; its pain.001 is left in
// <build>/test-artifacts/region-bw-zwolle.xml.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "contracting/kernel/civil_date.hpp"
#include "e2e/declarations.hpp"
#include "e2e/iwmo_messages.hpp"
#include "e2e/region_seed.hpp"
#include "e2e/session.hpp"
#include "interfaces/mysql/connection.hpp"
#include "invoicing/domain/ledger_check.hpp"
#include "invoicing/store/ledger_store.hpp"

namespace zc::e2e {
namespace {

using test::jsonArray;
using test::jsonObject;
using test::Response;

constexpr const char* kZwolle = "0193";
constexpr const char* kKampen = "0166";
constexpr const char* kBirthDate = "1958-09-30";
constexpr const char* kSurname = "Regiotest";

std::string day(int offset) { return formatDate(addDays(parseDate(todayText()), offset)); }

bool hasCertificate(const std::string& agb) {
    return std::filesystem::exists(test::testEnvDir() + "/tls/clients/" + agb + ".crt");
}

struct Provider {
    std::int64_t id = 0;
    std::string agb;
};

// Providers with an active contract of Zwolle for `product` today and a client certificate.
std::vector<Provider> eligible(const std::string& product) {
    const Response r =
        client().get("/api/v1/queries/eligible-providers?limit=1000&product=" + product +
                         "&municipality=" + kZwolle,
                     as("cm.jansen"));
    EXPECT_EQ(r.status, 200) << r.describe();
    std::vector<Provider> out;
    const auto a = r.array();
    for (std::size_t i = 0; i < a->size(); ++i) {
        const auto o = a->getObject(i);
        const std::string agb = o->getValue<std::string>("agb");
        if (hasCertificate(agb)) out.push_back({o->getValue<std::int64_t>("provider_id"), agb});
    }
    std::sort(out.begin(), out.end(), [](const auto& x, const auto& y) { return x.agb < y.agb; });
    return out;
}

// A household-help provider that also holds a Beschermd Wonen contract with Zwolle (Zwolle's
// contracts serve the region): the demo's Thuiszorg IJsseldelta; should the demo have none, the
// last household-help provider gets one.
Provider householdHelpAndBeschermdWonenProvider() {
    const auto hh = eligible("01A01");
    if (hh.empty()) throw std::runtime_error("no household-help provider with a certificate");
    const auto bw = eligible("15A01");
    for (const auto& p : hh) {
        if (std::any_of(bw.begin(), bw.end(), [&](const auto& b) { return b.id == p.id; })) {
            return p;
        }
    }
    const Provider p = hh.back();
    const Response c = client().post(
        "/api/v1/contracts",
        jsonObject({{"provider_id", p.id},
                    {"municipality_code", kZwolle},
                    {"products", jsonArray({"15A01"})},
                    {"term_start", day(-90)},
                    {"term_end", day(400)},
                    {"status", "active"},
                    {"tariffs", jsonArray({jsonObject({{"product_code", "15A01"},
                                                       {"tariff_cents", 15000},
                                                       {"valid_from", day(-90)}})})}}),
        as("cm.jansen"));
    if (c.status != 201) throw std::runtime_error("BW contract not created: " + c.describe());
    return p;
}

struct KampenClient {
    std::int64_t id = 0;
    std::string bsn;
    std::int64_t granted_hh = 0;  // 01A01, paid by Kampen
    std::int64_t granted_bw = 0;  // 15A01, paid by Zwolle

    iwmo::Client block() const { return {bsn, kBirthDate, "2", kSurname, "K"}; }
};

// A fresh client of Kampen with a decision granting household help and Beschermd Wonen from
// `valid_from` (YYYY-MM-DD).
KampenClient kampenClient(const std::string& valid_from = day(-30)) {
    KampenClient k;
    for (int attempt = 0; attempt < 5 && k.id == 0; ++attempt) {
        k.bsn = elfproefBsn('6');
        const Response r = client().post("/api/v1/clients",
                                         jsonObject({{"bsn", k.bsn},
                                                     {"surname", kSurname},
                                                     {"initials", "K."},
                                                     {"birth_date", kBirthDate},
                                                     {"gender", "2"},
                                                     {"street", "Oudestraat"},
                                                     {"house_number", "140"},
                                                     {"postcode", "8261CZ"},
                                                     {"city", "Kampen"},
                                                     {"municipality_code", kKampen}}),
                                         as("ao.bakker"));
        if (r.code() == "DUPLICATE_CLIENT") continue;
        if (r.status != 201) throw std::runtime_error("client not created: " + r.describe());
        k.id = r.num("id");
    }
    const auto products = jsonArray({jsonObject({{"product_code", "01A01"},
                                                 {"volume", 3},
                                                 {"unit", "hours"},
                                                 {"frequency", "week"},
                                                 {"financing", "ZIN"}}),
                                     jsonObject({{"product_code", "15A01"},
                                                 {"volume", 31},
                                                 {"unit", "days_24h"},
                                                 {"frequency", "month"},
                                                 {"financing", "ZIN"}})});
    const Response d =
        client().post("/api/v1/clients/" + std::to_string(k.id) + "/decisions",
                      jsonObject({{"number", 100000000 + std::stoll(uniqueDigits(8))},
                                  {"decision_date", valid_from},
                                  {"valid_from", valid_from},
                                  {"valid_to", day(90)},
                                  {"products", products}}),
                      as("ao.bakker"));
    if (d.status != 201) throw std::runtime_error("decision not created: " + d.describe());
    const auto granted = d.object()->getArray("products");
    for (std::size_t i = 0; i < granted->size(); ++i) {
        const auto g = granted->getObject(i);
        const bool hh = g->getValue<std::string>("product_code") == "01A01";
        (hh ? k.granted_hh : k.granted_bw) = g->getValue<std::int64_t>("id");
        EXPECT_EQ(g->getValue<std::string>("paying_municipality_code"), hh ? kKampen : kZwolle);
    }
    return k;
}

struct Allocated {
    std::int64_t number = 0;
    std::string start;
    std::string iwmo_unit;  // Eenheid
};

Allocated allocate(std::int64_t granted, const Provider& p, const std::string& payer,
                   const std::string& start = day(-7)) {
    const Response r = client().post(
        "/api/v1/allocations",
        jsonObject({{"granted_product_id", granted}, {"provider_id", p.id}, {"start_date", start}}),
        as("ao.bakker"));
    if (r.status != 201) throw std::runtime_error("allocation not created: " + r.describe());
    EXPECT_EQ(r.str("paying_municipality_code"), payer) << r.describe();
    return {r.num("number"), r.str("start_date"), r.str("iwmo_unit")};
}

// A WMO301 for the client in the provider's outbox, as the provider fetches it.
struct Wmo301 {
    std::string listed_municipality;  // as the outbox lists it
    std::string afzender;
    std::vector<std::string> numbers;  // ToewijzingNummer of each ToegewezenProduct
};

std::vector<Wmo301> wmo301sFor(const Provider& p, const std::string& bsn) {
    const auto tls = test::HttpsClient::fromTestEnv().asProvider(p.agb);
    const Response list = newestOutbox(tls);
    EXPECT_EQ(list.status, 200) << list.describe();
    std::vector<Wmo301> out;
    const auto a = list.array();
    for (std::size_t i = 0; a && i < a->size(); ++i) {
        const auto o = a->getObject(i);
        if (o->getValue<std::string>("message_code") != "414") continue;
        const auto id = o->getValue<std::int64_t>("id");
        const Response m = tls.get("/api/v1/outbox/" + std::to_string(id));
        EXPECT_EQ(m.status, 200) << m.describe();
        if (m.text.find(bsn) == std::string::npos) continue;
        std::string problems;
        const auto root = iwmo::parse(iwmo::ourSchemas(), m.text, &problems);
        EXPECT_TRUE(root) << "a WMO301 not valid against our XSDs: " << problems;
        if (const auto* official = iwmo::officialSchemas()) {
            EXPECT_TRUE(iwmo::parse(*official, m.text, &problems))
                << "a WMO301 not valid against the official XSDs: " << problems;
        }
        if (!root) continue;
        Wmo301 w{o->optValue<std::string>("municipality_code", std::string()),
                 root->find("Header/Afzender")->text,
                 {}};
        for (const auto* t : iwmo::findAll(*root, "ToegewezenProduct")) {
            w.numbers.push_back(t->childText("ToewijzingNummer"));
        }
        out.push_back(std::move(w));
    }
    return out;
}

// The retour codes of a start sent to `ontvanger`: its StartProduct's (rejected), else the
// Header's (none when accepted).
std::vector<std::string> startSentTo(const Provider& p, const KampenClient& k, const Allocated& a,
                                     const std::string& ontvanger) {
    const iwmo::Header h{p.agb, ontvanger, iwmo::uniqueIdentificatie("B"), todayText()};
    const std::string message =
        iwmo::wmo305(h, k.block(), {{a.number, "15", "15A01", a.start, day(-2)}});
    const Response r =
        test::HttpsClient::fromTestEnv().asProvider(p.agb).postXml("/api/v1/messages", message);
    EXPECT_EQ(r.status, 200) << r.describe();
    const auto root = iwmo::parse(iwmo::ourSchemas(), r.text);
    if (!root) return {"<no valid retour>"};
    const auto items = iwmo::findAll(*root, "StartProduct");
    return items.empty() ? iwmo::retourCodes(*root->child("Header"))
                         : iwmo::retourCodes(*items.front());
}

TEST(RegionFlow, BeschermdWonenOfAKampenClientComesFromZwolle) {
    const Provider provider = householdHelpAndBeschermdWonenProvider();
    const KampenClient k = kampenClient();
    const Allocated hh = allocate(k.granted_hh, provider, kKampen);
    const Allocated bw = allocate(k.granted_bw, provider, kZwolle);

    // Two WMO301s, each from the municipality that pays what it carries, none carrying both.
    const auto messages = wmo301sFor(provider, k.bsn);
    ASSERT_EQ(messages.size(), 2u) << "expected one WMO301 from Kampen and one from Zwolle";
    const auto from = [&](const std::string& municipality) {
        return std::find_if(messages.begin(), messages.end(),
                            [&](const Wmo301& w) { return w.afzender == municipality; });
    };
    const auto kampen = from(kKampen);
    const auto zwolle = from(kZwolle);
    ASSERT_NE(kampen, messages.end()) << "no WMO301 with Afzender 0166";
    ASSERT_NE(zwolle, messages.end()) << "no WMO301 with Afzender 0193";
    EXPECT_EQ(kampen->numbers, std::vector<std::string>{std::to_string(hh.number)});
    EXPECT_EQ(zwolle->numbers, std::vector<std::string>{std::to_string(bw.number)});
    EXPECT_EQ(kampen->listed_municipality, kKampen);
    EXPECT_EQ(zwolle->listed_municipality, kZwolle);

    // The provider starts the Beschermd Wonen: sent to Kampen it names no allocation of Kampen
    // (9019); sent to Zwolle, which issued it, it is accepted.
    EXPECT_EQ(startSentTo(provider, k, bw, kKampen), std::vector<std::string>{"9019"});
    EXPECT_EQ(startSentTo(provider, k, bw, kZwolle), std::vector<std::string>{});

    // Ending the household help is news for Kampen only: one more WMO301, from Kampen, with only
    // the household help; Zwolle sends nothing.
    const Response ended =
        client().post("/api/v1/allocations/" + std::to_string(hh.number) + "/end",
                      jsonObject({{"end_date", day(30)}, {"reason_code", "09"}}), as("ao.bakker"));
    ASSERT_EQ(ended.status, 201) << ended.describe();
    const auto after = wmo301sFor(provider, k.bsn);
    ASSERT_EQ(after.size(), 3u);
    EXPECT_EQ(std::count_if(after.begin(), after.end(),
                            [](const Wmo301& w) { return w.afzender == kZwolle; }),
              1);
    EXPECT_EQ(after.back().afzender, kKampen);
    EXPECT_EQ(after.back().numbers, std::vector<std::string>{std::to_string(hh.number)});
}

// The first day of last month: a whole month of care that can be declared today.
Date lastMonth() {
    const auto today = parseDate(todayText());
    return addMonths(Date{today.year(), today.month(), std::chrono::day(1)}, -1);
}

// The provider's Beschermd Wonen tariff on `date`, asked of the tariff query.
std::int64_t bwTariff(const Provider& p, const std::string& date) {
    const Response r = client().get(
        "/api/v1/queries/tariff?agb=" + p.agb + "&product=15A01&date=" + date, as("cm.jansen"));
    EXPECT_EQ(r.status, 200) << r.describe();
    return r.status == 200 ? r.num("tariff_cents") : 0;
}

// The provider's WMO323 declaring `days` days of Beschermd Wonen of allocation `a`: all of last
// month (a line covers its whole month, TR387/TR388), sent to `ontvanger`; returns the
// declaration's number ("D" + suffix) and the answer (a WMO325).
std::pair<std::string, std::string> declareBw(const Provider& p, const KampenClient& k,
                                              const Allocated& a, std::int64_t days,
                                              std::int64_t tariff, const std::string& ontvanger) {
    const std::string suffix = "W" + uniqueDigits(9);
    ::zc::iwmo::Prestatie line{};
    line.bsn = k.bsn;
    line.reference = suffix;
    line.allocation_number = std::to_string(a.number);
    line.category = "15";
    line.product_code = "15A01";
    line.begin = lastMonth();
    line.end_inclusive = addDays(line.begin, static_cast<int>(days) - 1);
    line.volume = days;
    line.unit_code = a.iwmo_unit;
    line.tariff_cents = tariff;
    line.amount_cents = days * tariff;
    line.credit = false;
    auto h = headFor(suffix, line.amount_cents);
    h.afzender = p.agb;
    h.ontvanger = ontvanger;
    h.dagtekening = parseDate(todayText());
    h.declaratie_dagtekening = h.dagtekening;
    h.period_begin = lastMonth();
    h.period_end_inclusive = addDays(addMonths(h.period_begin, 1), -1);
    const Response r = test::HttpsClient::fromTestEnv().asProvider(p.agb).postXml(
        "/api/v1/messages", write323(h, {line}));
    EXPECT_EQ(r.status, 200) << r.describe();
    return {"D" + suffix, r.text};
}

// The IBAN of the municipality's default debtor account (asked as finance).
std::string defaultDebtorIban(const std::string& municipality) {
    const Response r = client().get("/api/v1/municipalities/" + municipality + "/debtor-accounts",
                                    as("fin.devries"));
    EXPECT_EQ(r.status, 200) << r.describe();
    const auto a = r.array();
    for (std::size_t i = 0; a && i < a->size(); ++i) {
        const auto o = a->getObject(i);
        if (o->getValue<bool>("is_default")) return o->getValue<std::string>("iban");
    }
    return {};
}

std::string euros(std::int64_t cents) {
    const std::string c = std::to_string(cents % 100);
    return std::to_string(cents / 100) + "." + (c.size() < 2 ? "0" : "") + c;
}

TEST(RegionFlow, BeschermdWonenOfAKampenClientIsPaidByZwolle) {
    db::Connection db(test::appDbConfig());
    const Provider provider = householdHelpAndBeschermdWonenProvider();
    const std::string from = formatDate(lastMonth());
    const KampenClient k = kampenClient(from);
    allocate(k.granted_hh, provider, kKampen, from);
    const Allocated bw = allocate(k.granted_bw, provider, kZwolle, from);

    // The WMO301 that carries the Beschermd Wonen comes from Zwolle.
    const auto messages = wmo301sFor(provider, k.bsn);
    const auto carrying = std::find_if(messages.begin(), messages.end(), [&](const Wmo301& w) {
        return std::count(w.numbers.begin(), w.numbers.end(), std::to_string(bw.number)) > 0;
    });
    ASSERT_NE(carrying, messages.end()) << "no WMO301 carries the Beschermd Wonen";
    EXPECT_EQ(carrying->afzender, kZwolle);

    // Declared to Zwolle (Ontvanger 0193), the line is accepted: a payable owed by Zwolle.
    const std::int64_t days =
        std::chrono::sys_days(addMonths(lastMonth(), 1)).time_since_epoch().count() -
        std::chrono::sys_days(lastMonth()).time_since_epoch().count();
    const auto tariff = bwTariff(provider, from);
    ASSERT_GT(tariff, 0);
    const auto [number, answer] = declareBw(provider, k, bw, days, tariff, kZwolle);
    const auto payable = db.queryOne(
        "SELECT p.id, d.id, p.municipality_code, p.amount_cents FROM payables p"
        " JOIN declarations d ON p.source_type = 'declaration' AND d.id = p.source_id"
        " WHERE d.declaratie_nummer = ?",
        {number});
    ASSERT_TRUE(payable.has_value()) << "the Beschermd Wonen line was not accepted by Zwolle:\n"
                                     << answer;
    EXPECT_EQ(payable->str(2), kZwolle);
    EXPECT_EQ(payable->i64(3), days * tariff);
    EXPECT_EQ(
        db.queryOne("SELECT municipality_code FROM declarations WHERE id = ?", {payable->i64(1)})
            ->str(0),
        kZwolle);

    // Zwolle's run pays it from Zwolle's account; the file is left for people to look at.
    const std::string zwolle_iban = defaultDebtorIban(kZwolle);
    ASSERT_FALSE(zwolle_iban.empty());
    EXPECT_NE(zwolle_iban, defaultDebtorIban(kKampen));
    const Response run = prepareRun(kZwolle, provider.id);
    ASSERT_EQ(run.status, 201) << run.describe();
    const auto file = approveAndDownload(run.num("id"));
    std::ofstream(testArtifacts() / "region-bw-zwolle.xml") << file.text;
    const auto instruction = db.queryOne(
        "SELECT i.id, i.end_to_end_id, i.debtor_iban, i.amount_cents FROM payables p"
        " JOIN payment_instructions i ON i.id = p.instruction_id WHERE p.id = ?",
        {payable->i64(0)});
    ASSERT_TRUE(instruction.has_value()) << "the payable was not paid";
    EXPECT_EQ(instruction->str(2), zwolle_iban);
    EXPECT_GE(instruction->i64(3), days * tariff);
    const auto dbtr = file.text.find("<DbtrAcct>");
    ASSERT_NE(dbtr, std::string::npos) << file.text;
    EXPECT_NE(file.text.find("<IBAN>" + zwolle_iban + "</IBAN>", dbtr), std::string::npos)
        << file.text;
    const auto transfer = file.text.find("<EndToEndId>" + instruction->str(1) + "</EndToEndId>");
    ASSERT_NE(transfer, std::string::npos) << file.text;
    EXPECT_NE(file.text.find(">" + euros(instruction->i64(3)) + "</InstdAmt>", transfer),
              std::string::npos)
        << file.text;

    // The claim and the transfer are in Zwolle's books, none of it in Kampen's.
    EXPECT_EQ(journalBooks(db, "declaration:" + std::to_string(payable->i64(1))), kZwolle);
    EXPECT_EQ(journalBooks(db, "instruction:" + std::to_string(instruction->i64(0))), kZwolle);
    for (const auto& r : invoicing::checkLedgerPerMunicipality(invoicing::loadLedgerFacts(db))) {
        if (r.municipality != kZwolle && r.municipality != kKampen) continue;
        EXPECT_FALSE(r.violation.has_value())
            << r.municipality << ": " << r.violation->subject << " " << r.violation->message;
    }
}

}  // namespace
}  // namespace zc::e2e
