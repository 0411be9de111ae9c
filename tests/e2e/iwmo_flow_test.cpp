// The iWmo 3.2 message exchange end to end over mutual TLS: each test records its own client and
// access decision, allocates to a demo provider that holds an IB (02A01) contract, and drives the
// provider's side with its client certificate — the WMO301 in the outbox, the retour 302, start
// (305/306) and stop (307/308), requests (315/316, 317/318) and our answers (301, 319/320), the
// control levels, exactly-once under concurrency and the transport's identity checks.
#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/StreamCopier.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "contracting/kernel/civil_date.hpp"
#include "e2e/iwmo_messages.hpp"
#include "e2e/iwmo_parties.hpp"
#include "e2e/session.hpp"
#include "interfaces/mysql/connection_pool.hpp"

namespace zc::e2e {
namespace {

using test::jsonArray;
using test::jsonObject;
using test::Response;

// --- the provider's side -------------------------------------------------------------------

test::HttpsClient providerTls(const std::string& agb) {
    return test::HttpsClient::fromTestEnv().asProvider(agb);
}

// A POST without any body and without Content-Length (as `curl -X POST URL` sends it), with a
// short timeout: the server must answer at once instead of waiting for a body that never comes.
Response postWithoutBody(const std::string& agb, const std::string& path, int timeout_seconds) {
    const auto env = test::serverEnv();
    const std::string dir = test::testEnvDir() + "/tls/clients/";
    Poco::Net::Context::Ptr context = new Poco::Net::Context(
        Poco::Net::Context::CLIENT_USE, dir + agb + ".key", dir + agb + ".crt", env.ca_file,
        Poco::Net::Context::VERIFY_STRICT, 9, false);
    Poco::Net::HTTPSClientSession session("127.0.0.1", static_cast<Poco::UInt16>(env.port),
                                          context);
    session.setTimeout(Poco::Timespan(timeout_seconds, 0));
    Poco::Net::HTTPRequest req(Poco::Net::HTTPRequest::HTTP_POST, path,
                               Poco::Net::HTTPMessage::HTTP_1_1);
    Response out;
    try {
        session.sendRequest(req);
        Poco::Net::HTTPResponse res;
        std::istream& in = session.receiveResponse(res);
        out.status = static_cast<int>(res.getStatus());
        Poco::StreamCopier::copyToString(in, out.text);
    } catch (const Poco::TimeoutException&) {
        out.text = "no answer within " + std::to_string(timeout_seconds) + " s";
    }
    return out;
}

iwmo::Header headerFrom(const std::string& agb, const std::string& prefix) {
    return {agb, kMunicipality, iwmo::uniqueIdentificatie(prefix), todayText()};
}

std::int64_t lastOutboxId(const std::string& agb) {
    const Response r = newestOutbox(providerTls(agb), true);
    EXPECT_EQ(r.status, 200) << r.describe();
    std::int64_t last = 0;
    const auto a = r.array();
    for (std::size_t i = 0; i < a->size(); ++i) {
        last = std::max(last, a->getObject(i)->getValue<std::int64_t>("id"));
    }
    return last;
}

struct OutboxMessage {
    std::int64_t id = 0;
    std::string identificatie;
    std::string xml;
};

// The newest message with `code` after `after_id` in the provider's (unacknowledged) outbox
// whose XML contains `marker` (the client's BSN, a ReferentieAanbieder).
std::optional<OutboxMessage> newOutboxMessage(const std::string& agb, const std::string& code,
                                              std::int64_t after_id, const std::string& marker) {
    const auto tls = providerTls(agb);
    const Response list = newestOutbox(tls);
    EXPECT_EQ(list.status, 200) << list.describe();
    if (list.status != 200) return std::nullopt;
    const auto a = list.array();
    std::optional<OutboxMessage> found;
    for (std::size_t i = 0; i < a->size(); ++i) {
        const auto o = a->getObject(i);
        const auto id = o->getValue<std::int64_t>("id");
        if (id <= after_id || o->getValue<std::string>("message_code") != code) continue;
        const Response m = tls.get("/api/v1/outbox/" + std::to_string(id));
        EXPECT_EQ(m.status, 200) << m.describe();
        if (m.text.find(marker) == std::string::npos) continue;
        found = OutboxMessage{id, o->getValue<std::string>("identificatie"), m.text};
    }
    return found;
}

// Parses against our XSDs and checks the root's namespace.
std::optional<xml::Element> parsed(const std::string& text, const std::string& kind) {
    std::string problems;
    auto root = iwmo::parse(iwmo::ourSchemas(), text, &problems);
    if (!root) {
        ADD_FAILURE() << kind << " is not valid against our XSDs: " << problems << "\n" << text;
        return std::nullopt;
    }
    if (root->ns != iwmo::messageNamespace(kind)) {
        ADD_FAILURE() << "expected a " << kind << ", got namespace " << root->ns << "\n" << text;
        return std::nullopt;
    }
    return root;
}

// Validates against the official reference XSDs; false (and a printed reason) when absent.
bool officialValid(const std::string& text, const std::string& what) {
    const auto* official = iwmo::officialSchemas();
    if (!official) {
        std::cout << "official iWmo 3.2 schemas not found in " << iwmo::officialSchemaDir()
                  << "; skipping the validation of " << what << " against them\n";
        return false;
    }
    std::string problems;
    EXPECT_TRUE(iwmo::parse(*official, text, &problems).has_value())
        << what << " is not valid against the official XSDs: " << problems << "\n"
        << text;
    return true;
}

// A message and its synchronous answer: the retour of kind `retour` (200, valid XML).
std::optional<xml::Element> sendForRetour(const std::string& agb, const std::string& message,
                                          const std::string& retour) {
    const Response r = providerTls(agb).postXml("/api/v1/messages", message);
    EXPECT_EQ(r.status, 200) << r.describe() << "\nsent:\n" << message;
    if (r.status != 200) return std::nullopt;
    return parsed(r.text, retour);
}

std::vector<std::string> codesAt(const xml::Element& root, const std::string& element) {
    const auto all = iwmo::findAll(root, element);
    return all.empty() ? std::vector<std::string>{"<no " + element + ">"}
                       : iwmo::retourCodes(*all.front());
}

using Codes = std::vector<std::string>;
const Codes kOk{"0200"};

// The header of a retour: the heen's BerichtIdentificatie, our IdentificatieRetour, and `codes`.
void expectRetourHeader(const xml::Element& retour, const std::string& berichtcode,
                        const std::string& identificatie, const Codes& codes) {
    const auto* h = retour.child("Header");
    ASSERT_NE(h, nullptr);
    EXPECT_EQ(h->childText("BerichtCode"), berichtcode);
    EXPECT_EQ(h->find("BerichtIdentificatie/Identificatie")->text, identificatie);
    EXPECT_FALSE(h->childText("IdentificatieRetour").empty());
    EXPECT_EQ(h->childText("DagtekeningRetour"), todayText());
    EXPECT_EQ(iwmo::retourCodes(*h), codes);
}

// OP065 (with IV028): a fully accepted message gets a retour of only the Header, without
// RetourCodes; no client and no class comes back.
void expectFullyAccepted(const xml::Element& retour, const std::string& berichtcode,
                         const std::string& identificatie) {
    expectRetourHeader(retour, berichtcode, identificatie, Codes{});
    EXPECT_EQ(retour.children.size(), 1u) << "more than the Header in an accepting retour";
    EXPECT_EQ(retour.child("Client"), nullptr) << "a client without a rejected class came back";
}

std::int64_t countRows(const std::string& sql, const db::Params& params) {
    db::ensureThreadInit();
    db::Connection root(test::rootDbConfig());
    return root.queryOne(sql, params)->i64(0);
}

std::int64_t careStarts(std::int64_t number) {
    return countRows("SELECT COUNT(*) FROM care_starts WHERE allocation_number = ?", {number});
}

std::int64_t inboxRows(const std::string& agb, const std::string& code,
                       const std::string& identificatie) {
    return countRows(
        "SELECT COUNT(*) FROM inbox_messages WHERE sender_agb = ? AND message_code = ?"
        " AND identificatie = ?",
        {agb, code, identificatie});
}

// The open request with this ReferentieAanbieder in the work queue.
Poco::JSON::Object::Ptr openRequest(const std::string& referentie) {
    const Response r = client().get("/api/v1/requests?status=open&limit=1000", as("cm.jansen"));
    EXPECT_EQ(r.status, 200) << r.describe();
    const auto a = r.array();
    for (std::size_t i = 0; i < a->size(); ++i) {
        if (a->getObject(i)->getValue<std::string>("referentie_aanbieder") == referentie) {
            return a->getObject(i);
        }
    }
    return nullptr;
}

// The provider's verdict on one of our messages: a JSON acknowledgement.
void expectVerdictAccepted(const std::string& agb, const std::string& retour,
                           const std::string& kind) {
    const Response r = providerTls(agb).postXml("/api/v1/messages", retour);
    EXPECT_EQ(r.status, 200) << kind << " refused: " << r.describe() << "\nsent:\n" << retour;
    EXPECT_EQ(r.str("message"), kind) << r.describe();
    EXPECT_EQ(r.str("outcome"), "retour_accepts") << r.describe();
}

// -------------------------------------------------------------------------------------------

TEST(IwmoFlow, AllocationRetourStartChangeAndStop) {
    const auto providers = eligible("02A01");
    ASSERT_FALSE(providers.empty()) << "no demo provider with an IB contract and a certificate";
    const Provider& prov = providers.front();
    const Person person = newPerson();
    const auto tls = providerTls(prov.agb);

    // Allocation → a new WMO301 in the provider's outbox.
    const std::int64_t before = lastOutboxId(prov.agb);
    const Allocation alloc = allocate(person.granted_ib, prov, day(-7), 3);
    const auto out301 = newOutboxMessage(prov.agb, "414", before, person.bsn);
    ASSERT_TRUE(out301) << "no new WMO301 for client " << person.id << " in the outbox of "
                        << prov.agb;
    const auto w301 = parsed(out301->xml, "wmo301");
    ASSERT_TRUE(w301);
    const bool official = officialValid(out301->xml, "the WMO301");
    EXPECT_EQ(w301->find("Header/BerichtCode")->text, "414");
    EXPECT_EQ(w301->find("Header/Afzender")->text, kMunicipality);
    EXPECT_EQ(w301->find("Header/Ontvanger")->text, prov.agb);
    EXPECT_EQ(w301->find("Header/BerichtIdentificatie/Identificatie")->text, out301->identificatie);
    EXPECT_EQ(w301->find("Client/Bsn")->text, person.bsn);
    const auto products301 = iwmo::findAll(*w301, "ToegewezenProduct");
    ASSERT_EQ(products301.size(), 1u) << out301->xml;
    EXPECT_EQ(products301[0]->childText("ToewijzingNummer"), std::to_string(alloc.number));
    EXPECT_EQ(products301[0]->childText("Ingangsdatum"), day(-7));
    EXPECT_EQ(products301[0]->childText("Einddatum"), day(89));  // inclusive: valid_to − 1
    EXPECT_EQ(products301[0]->find("Omvang/Volume")->text, "3");
    EXPECT_EQ(products301[0]->find("Omvang/Eenheid")->text, "04");
    EXPECT_EQ(products301[0]->find("Omvang/Frequentie")->text, "2");

    // Acknowledge: it leaves the waiting list, stays in ?all=true.
    const Response ack =
        tls.request("POST", "/api/v1/outbox/" + std::to_string(out301->id) + "/ack", std::string());
    ASSERT_EQ(ack.status, 200) << ack.describe();
    EXPECT_FALSE(ack.str("acknowledged_at").empty()) << ack.describe();
    const Response waiting = newestOutbox(tls);
    ASSERT_EQ(waiting.status, 200) << waiting.describe();
    for (std::size_t i = 0; i < waiting.array()->size(); ++i) {
        EXPECT_NE(waiting.array()->getObject(i)->getValue<std::int64_t>("id"), out301->id);
    }

    // WMO302: all 0200. The answer is a JSON acknowledgement, and the log shows the codes.
    const std::string w302 = iwmo::wmo302For(*w301, iwmo::uniqueIdentificatie("R"), todayText());
    ASSERT_TRUE(parsed(w302, "wmo302")) << "the test's own WMO302 is invalid";
    expectVerdictAccepted(prov.agb, w302, "wmo302");
    const Response log =
        client().get("/api/v1/message-log?agb=" + prov.agb + "&limit=1000", as("cm.jansen"));
    ASSERT_EQ(log.status, 200) << log.describe();
    bool logged = false;
    for (std::size_t i = 0; i < log.array()->size(); ++i) {
        const auto o = log.array()->getObject(i);
        if (o->getValue<std::string>("direction") != "out" ||
            o->getValue<std::string>("message_code") != "414" ||
            o->getValue<std::string>("identificatie") != out301->identificatie) {
            continue;
        }
        logged = true;
        EXPECT_EQ(o->getValue<std::string>("outcome"), "acknowledged");
        EXPECT_TRUE(o->has("retour") && !o->isNull("retour") &&
                    o->getValue<std::string>("retour") == "0200")
            << "the WMO301's retour codes are not in the message log: " << test::jsonText(o);
    }
    EXPECT_TRUE(logged) << "WMO301 " << out301->identificatie << " missing from the message log";

    // WMO305 start → WMO306 of only the Header: accepted.
    const std::string begin = day(-5);
    const iwmo::Header h305 = headerFrom(prov.agb, "S");
    const auto w306 = sendForRetour(
        prov.agb,
        iwmo::wmo305(h305, person.block(), {{alloc.number, "02", "02A01", alloc.start, begin}}),
        "wmo306");
    ASSERT_TRUE(w306);
    expectFullyAccepted(*w306, "419", h305.identificatie);
    EXPECT_EQ(w306->find("Header/Afzender")->text, prov.agb);  // copied from the heen-bericht
    EXPECT_EQ(careStarts(alloc.number), 1);

    // A weekly volume changed from tomorrow (OP033x1) → a new WMO301 with the allocation ending
    // today (RedenWijziging) and a new allocation with the new volume.
    const std::int64_t before_change = lastOutboxId(prov.agb);
    const Response changed = client().post(
        "/api/v1/allocations/" + std::to_string(alloc.number) + "/changes",
        jsonObject({{"volume", 4}, {"reason_code", "05"}, {"effective_date", day(1)}}),
        as("ao.bakker"));
    ASSERT_EQ(changed.status, 201) << changed.describe();
    const std::int64_t successor = changed.num("number");
    const auto changed301 = newOutboxMessage(prov.agb, "414", before_change, person.bsn);
    ASSERT_TRUE(changed301) << "no WMO301 after the change";
    const auto c301 = parsed(changed301->xml, "wmo301");
    ASSERT_TRUE(c301);
    officialValid(changed301->xml, "the changed WMO301");
    EXPECT_NE(changed301->identificatie, out301->identificatie);
    const auto products_changed = iwmo::findAll(*c301, "ToegewezenProduct");
    ASSERT_EQ(products_changed.size(), 2u) << changed301->xml;
    for (const auto* p : products_changed) {
        if (p->childText("ToewijzingNummer") == std::to_string(alloc.number)) {
            EXPECT_EQ(p->find("Omvang/Volume")->text, "3");
            EXPECT_EQ(p->childText("Einddatum"), todayText());
            EXPECT_EQ(p->childText("RedenWijziging"), "05");
        } else {
            EXPECT_EQ(p->childText("ToewijzingNummer"), std::to_string(successor));
            EXPECT_EQ(p->find("Omvang/Volume")->text, "4");
            EXPECT_EQ(p->childText("Ingangsdatum"), day(1));
        }
    }
    // Acknowledged the way docs/iwmo.md's curl example does it: POST without a body.
    const Response bare =
        postWithoutBody(prov.agb, "/api/v1/outbox/" + std::to_string(changed301->id) + "/ack", 3);
    EXPECT_EQ(bare.status, 200) << "an ack without a body: " << bare.describe();

    // WMO307 stop (definitive, reason 19, today) → WMO308 of only the Header: accepted.
    const iwmo::StopProduct stop{alloc.number, "02", "02A01",    alloc.start,
                                 begin,        "19", todayText()};
    const iwmo::Header h307 = headerFrom(prov.agb, "E");
    const auto w308 = sendForRetour(prov.agb, iwmo::wmo307(h307, person.block(), {stop}), "wmo308");
    ASSERT_TRUE(w308);
    expectFullyAccepted(*w308, "421", h307.identificatie);

    // The same stop again (a new message): its key was received before (TR074, 9074) and the
    // start is stopped definitively (TR415, 9415); nothing changes.
    const iwmo::Header again = headerFrom(prov.agb, "E");
    const auto second =
        sendForRetour(prov.agb, iwmo::wmo307(again, person.block(), {stop}), "wmo308");
    ASSERT_TRUE(second);
    // OP065: the client with the rejected class comes back, every class with its code.
    expectRetourHeader(*second, "421", again.identificatie, kOk);
    EXPECT_EQ((codesAt(*second, "StopProduct")), (Codes{"9074", "9415"}));
    EXPECT_EQ(codesAt(*second, "Client"), kOk);
    EXPECT_EQ(careStarts(alloc.number), 1);
    // Another definitive stop with an other end date: a new key, but the start is stopped (9415).
    iwmo::StopProduct earlier = stop;
    earlier.einddatum = day(-1);
    const auto third = sendForRetour(
        prov.agb, iwmo::wmo307(headerFrom(prov.agb, "E"), person.block(), {earlier}), "wmo308");
    ASSERT_TRUE(third);
    EXPECT_EQ(codesAt(*third, "StopProduct"), Codes{"9415"});

    if (!official) GTEST_SKIP() << "official schemas absent: " << iwmo::officialSchemaDir();
}

TEST(IwmoFlow, RecordLevelRulesRejectAndStoreNothing) {
    const auto providers = eligible("02A01");
    ASSERT_GE(providers.size(), 2u) << "two demo providers with an IB contract are needed";
    const Provider& owner = providers[0];
    const Provider& other = providers[1];
    const Person person = newPerson();
    const Allocation alloc = allocate(person.granted_ib, owner, day(-7), 3);
    const std::string begin = day(-3);

    // A stop without a start → 9069 on the StopProduct.
    const auto stop = sendForRetour(
        owner.agb,
        iwmo::wmo307(headerFrom(owner.agb, "E"), person.block(),
                     {{alloc.number, "02", "02A01", alloc.start, begin, "19", todayText()}}),
        "wmo308");
    ASSERT_TRUE(stop);
    EXPECT_EQ(codesAt(*stop, "StopProduct"), Codes{"9069"});
    EXPECT_EQ(careStarts(alloc.number), 0);

    // Another provider reports a start on this allocation → 9019, nothing stored.
    const iwmo::StartProduct start{alloc.number, "02", "02A01", alloc.start, begin};
    const auto foreign = sendForRetour(
        other.agb, iwmo::wmo305(headerFrom(other.agb, "S"), person.block(), {start}), "wmo306");
    ASSERT_TRUE(foreign);
    EXPECT_EQ(codesAt(*foreign, "StartProduct"), Codes{"9019"});
    EXPECT_EQ(codesAt(*foreign, "Client"), kOk);
    EXPECT_EQ(careStarts(alloc.number), 0);

    // The allocation has no start: the owner's start is accepted.
    const auto own = sendForRetour(
        owner.agb, iwmo::wmo305(headerFrom(owner.agb, "S"), person.block(), {start}), "wmo306");
    ASSERT_TRUE(own);
    EXPECT_EQ(own->child("Client"), nullptr) << "accepted: only the Header";
    EXPECT_EQ(iwmo::retourCodes(*own->child("Header")), Codes{});
    EXPECT_EQ(careStarts(alloc.number), 1);
}

TEST(IwmoFlow, BsnFailingTheElfproefGetsAHeaderOnlyRetour) {
    const auto providers = eligible("02A01");
    ASSERT_FALSE(providers.empty());
    const Provider& prov = providers.front();
    const Person person = newPerson();
    const Allocation alloc = allocate(person.granted_ib, prov, day(-7), 3);
    // The client's BSN with its check digit changed: 9 digits, so valid against the XSD.
    iwmo::Client wrong = person.block();
    wrong.bsn.back() = wrong.bsn.back() == '9' ? '0' : static_cast<char>(wrong.bsn.back() + 1);
    const iwmo::Header h = headerFrom(prov.agb, "S");
    const auto retour = sendForRetour(
        prov.agb, iwmo::wmo305(h, wrong, {{alloc.number, "02", "02A01", alloc.start, day(-2)}}),
        "wmo306");
    ASSERT_TRUE(retour);
    expectRetourHeader(*retour, "419", h.identificatie, Codes{"0001"});
    EXPECT_EQ(retour->child("Client"), nullptr) << "a level-2 retour has only the header";
    EXPECT_EQ(careStarts(alloc.number), 0);
}

TEST(IwmoFlow, RequestForAllocationIsGrantedWithItsReference) {
    const auto providers = eligible("02A01");
    ASSERT_FALSE(providers.empty());
    const Provider& prov = providers.back();
    const Person person = newPerson();
    const std::string ref = "E2E-VOT-" + uniqueDigits(10);
    const iwmo::AangevraagdProduct asked{ref, "02", "02A01", todayText(), day(60), {3, "04", "2"}};

    const iwmo::Header h315 = headerFrom(prov.agb, "V");
    const auto w316 =
        sendForRetour(prov.agb, iwmo::wmo315(h315, person.block(), {asked}), "wmo316");
    ASSERT_TRUE(w316);
    expectFullyAccepted(*w316, "445", h315.identificatie);

    const auto request = openRequest(ref);
    ASSERT_TRUE(request) << "request " << ref << " not in the open work queue";
    EXPECT_EQ(request->getValue<std::string>("kind"), "WMO315");
    EXPECT_EQ(request->getValue<std::string>("provider_agb"), prov.agb);
    EXPECT_EQ(request->getValue<std::string>("answer_due"), workingDaysAfter(todayText(), 5));
    EXPECT_EQ(request->getValue<std::int64_t>("client_id"), person.id);
    EXPECT_FALSE(request->getValue<bool>("overdue"));

    const std::int64_t before = lastOutboxId(prov.agb);
    const auto request_id = request->getValue<std::int64_t>("id");
    const Response granted = client().post(
        "/api/v1/requests/" + std::to_string(request_id) + "/grant",
        jsonObject(
            {{"allocations", jsonArray({jsonObject({{"granted_product_id", person.granted_ib},
                                                    {"start_date", todayText()}})})}}),
        as("cm.jansen"));
    ASSERT_EQ(granted.status, 200) << granted.describe();
    EXPECT_EQ(granted.str("status"), "granted");

    const auto out301 = newOutboxMessage(prov.agb, "414", before, ref);
    ASSERT_TRUE(out301) << "no WMO301 carrying " << ref;
    const auto w301 = parsed(out301->xml, "wmo301");
    ASSERT_TRUE(w301);
    const bool official = officialValid(out301->xml, "the granted WMO301");
    EXPECT_EQ(w301->find("Client/Bsn")->text, person.bsn);
    const auto products = iwmo::findAll(*w301, "ToegewezenProduct");
    ASSERT_EQ(products.size(), 1u) << out301->xml;
    EXPECT_EQ(products[0]->childText("ReferentieAanbieder"), ref);
    EXPECT_EQ(products[0]->childText("Ingangsdatum"), todayText());

    expectVerdictAccepted(
        prov.agb, iwmo::wmo302For(*w301, iwmo::uniqueIdentificatie("R"), todayText()), "wmo302");

    // The same ReferentieAanbieder again → 9347.
    const auto repeat = sendForRetour(
        prov.agb, iwmo::wmo315(headerFrom(prov.agb, "V"), person.block(), {asked}), "wmo316");
    ASSERT_TRUE(repeat);
    EXPECT_EQ(codesAt(*repeat, "AangevraagdProduct"), Codes{"9347"});

    if (!official) GTEST_SKIP() << "official schemas absent: " << iwmo::officialSchemaDir();
}

TEST(IwmoFlow, RequestForChangeInvestigatedThenRejected) {
    // A provider with contracts for both IB and HH-1.
    const auto ib = eligible("02A01");
    const auto hh = eligible("01A01");
    std::optional<Provider> prov;
    for (const auto& p : ib) {
        for (const auto& q : hh) {
            if (!prov && p.agb == q.agb) prov = p;
        }
    }
    ASSERT_TRUE(prov) << "no demo provider with IB and HH-1 contracts and a certificate";
    const Person person = newPerson(true);
    const Allocation ib_alloc = allocate(person.granted_ib, *prov, day(-7), 3);
    const Allocation hh_alloc = allocate(person.granted_hh, *prov, day(-7), 2);
    const std::string ref = "E2E-VOW-" + uniqueDigits(10);
    const iwmo::TeWijzigenProduct more{ib_alloc.number, ib_alloc.start, "", {4, "04", "2"}};

    const iwmo::Header h317 = headerFrom(prov->agb, "W");
    const auto w318 = sendForRetour(
        prov->agb, iwmo::wmo317(h317, person.bsn, ref, "1", {hh_alloc.number}, {more}), "wmo318");
    ASSERT_TRUE(w318);
    expectFullyAccepted(*w318, "481", h317.identificatie);

    const auto request = openRequest(ref);
    ASSERT_TRUE(request) << "request " << ref << " not in the open work queue";
    EXPECT_EQ(request->getValue<std::string>("kind"), "WMO317");
    const std::string path =
        "/api/v1/requests/" + std::to_string(request->getValue<std::int64_t>("id"));

    // "In onderzoek" → a WMO319 with VerzoekAntwoord 2.
    const std::int64_t before = lastOutboxId(prov->agb);
    const Response investigating =
        client().request("POST", path + "/investigate", std::string("{}"), as("cm.jansen"));
    ASSERT_EQ(investigating.status, 200) << investigating.describe();
    EXPECT_EQ(investigating.str("status"), "in_onderzoek");
    const auto first = newOutboxMessage(prov->agb, "482", before, ref);
    ASSERT_TRUE(first) << "no WMO319 'in onderzoek'";
    const auto a319 = parsed(first->xml, "wmo319");
    ASSERT_TRUE(a319);
    const bool official = officialValid(first->xml, "the WMO319 'in onderzoek'");
    EXPECT_EQ(a319->find("Antwoord/ReferentieAanbieder")->text, ref);
    EXPECT_EQ(a319->find("Antwoord/VerzoekAntwoord")->text, "2");
    EXPECT_EQ(a319->find("Antwoord/RedenAfwijzingVerzoek"), nullptr);

    // Rejected with reason 4 → a WMO319 with VerzoekAntwoord 1 and RedenAfwijzingVerzoek 4.
    const Response rejected = client().post(
        path + "/reject", jsonObject({{"reason_code", "4"}, {"reason", "past niet in contract"}}),
        as("cm.jansen"));
    ASSERT_EQ(rejected.status, 200) << rejected.describe();
    EXPECT_EQ(rejected.str("status"), "rejected");
    const auto second = newOutboxMessage(prov->agb, "482", first->id, ref);
    ASSERT_TRUE(second) << "no WMO319 'afgewezen'";
    const auto r319 = parsed(second->xml, "wmo319");
    ASSERT_TRUE(r319);
    officialValid(second->xml, "the WMO319 'afgewezen'");
    EXPECT_EQ(r319->find("Antwoord/VerzoekAntwoord")->text, "1");
    EXPECT_EQ(r319->find("Antwoord/RedenAfwijzingVerzoek")->text, "4");

    // The provider's WMO320 on the rejection is accepted.
    const std::string w320 = iwmo::wmo320For(*r319, iwmo::uniqueIdentificatie("R"), todayText());
    ASSERT_TRUE(parsed(w320, "wmo320")) << "the test's own WMO320 is invalid";
    expectVerdictAccepted(prov->agb, w320, "wmo320");

    // A request that leaves out the current HH-1 allocation → 9349 on the Verzoek.
    const auto incomplete =
        sendForRetour(prov->agb,
                      iwmo::wmo317(headerFrom(prov->agb, "W"), person.bsn,
                                   "E2E-VOW-" + uniqueDigits(10), "1", {}, {more}),
                      "wmo318");
    ASSERT_TRUE(incomplete);
    EXPECT_EQ(codesAt(*incomplete, "Verzoek"), Codes{"9349"});
    EXPECT_EQ(codesAt(*incomplete, "TeWijzigenProduct"), kOk);

    // A TeWijzigenProduct naming no current allocation of the client → 9351 on it (TR351).
    const iwmo::TeWijzigenProduct stray{999999998, ib_alloc.start, "", {4, "04", "2"}};
    const auto unknown = sendForRetour(
        prov->agb,
        iwmo::wmo317(headerFrom(prov->agb, "W"), person.bsn, "E2E-VOW-" + uniqueDigits(10), "1",
                     {hh_alloc.number}, {stray, more}),
        "wmo318");
    ASSERT_TRUE(unknown);
    EXPECT_EQ(codesAt(*unknown, "TeWijzigenProduct"), Codes{"9351"});

    // A request for change about a BSN that is no client of ours → 8187 on the Client (TR304).
    const auto stranger =
        sendForRetour(prov->agb,
                      iwmo::wmo317(headerFrom(prov->agb, "W"), elfproefBsn(),
                                   "E2E-VOW-" + uniqueDigits(10), "1", {}, {stray}),
                      "wmo318");
    ASSERT_TRUE(stranger);
    EXPECT_EQ(codesAt(*stranger, "Client"), Codes{"8187"});

    // A change without Omvang (TR411, 9411), and one that does not lie in the future but
    // starts later than the allocation (TR357, 9357).
    const iwmo::TeWijzigenProduct no_omvang{ib_alloc.number, ib_alloc.start, "", {0, "04", "2"}};
    const auto missing = sendForRetour(
        prov->agb,
        iwmo::wmo317(headerFrom(prov->agb, "W"), person.bsn, "E2E-VOW-" + uniqueDigits(10), "1",
                     {hh_alloc.number}, {no_omvang}),
        "wmo318");
    ASSERT_TRUE(missing);
    EXPECT_EQ(codesAt(*missing, "TeWijzigenProduct"), Codes{"9411"});
    const iwmo::TeWijzigenProduct backdated{ib_alloc.number, day(-1), "", {4, "04", "2"}};
    const auto late = sendForRetour(
        prov->agb,
        iwmo::wmo317(headerFrom(prov->agb, "W"), person.bsn, "E2E-VOW-" + uniqueDigits(10), "1",
                     {hh_alloc.number}, {backdated}),
        "wmo318");
    ASSERT_TRUE(late);
    EXPECT_EQ(codesAt(*late, "TeWijzigenProduct"), Codes{"9357"});

    // The same allocation changed twice, or kept unchanged and changed, with overlapping care
    // periods → 9361 on the later product (TR361); the earlier one passes.
    const auto twice = sendForRetour(
        prov->agb,
        iwmo::wmo317(headerFrom(prov->agb, "W"), person.bsn, "E2E-VOW-" + uniqueDigits(10), "1",
                     {hh_alloc.number}, {more, more}),
        "wmo318");
    ASSERT_TRUE(twice);
    const auto changes = iwmo::findAll(*twice, "TeWijzigenProduct");
    ASSERT_EQ(changes.size(), 2u);
    EXPECT_EQ(iwmo::retourCodes(*changes[0]), kOk);
    EXPECT_EQ(iwmo::retourCodes(*changes[1]), Codes{"9361"});
    const iwmo::TeWijzigenProduct more_hh{hh_alloc.number, hh_alloc.start, "", {3, "04", "2"}};
    const auto kept_and_changed = sendForRetour(
        prov->agb,
        iwmo::wmo317(headerFrom(prov->agb, "W"), person.bsn, "E2E-VOW-" + uniqueDigits(10), "1",
                     {hh_alloc.number}, {more_hh}),
        "wmo318");
    ASSERT_TRUE(kept_and_changed);
    EXPECT_EQ(codesAt(*kept_and_changed, "OngewijzigdProduct"), kOk);
    EXPECT_EQ(codesAt(*kept_and_changed, "TeWijzigenProduct"), Codes{"9361"});

    if (!official) GTEST_SKIP() << "official schemas absent: " << iwmo::officialSchemaDir();
}

// The ids of the provider's (unacknowledged) outbox messages with `code` after `after_id` whose
// XML contains `marker`.
std::vector<std::int64_t> outboxMessagesWith(const std::string& agb, const std::string& code,
                                             std::int64_t after_id, const std::string& marker) {
    const auto tls = providerTls(agb);
    const Response list = newestOutbox(tls);
    EXPECT_EQ(list.status, 200) << list.describe();
    std::vector<std::int64_t> out;
    if (list.status != 200) return out;
    const auto a = list.array();
    for (std::size_t i = 0; i < a->size(); ++i) {
        const auto o = a->getObject(i);
        const auto id = o->getValue<std::int64_t>("id");
        if (id <= after_id || o->getValue<std::string>("message_code") != code) continue;
        if (tls.get("/api/v1/outbox/" + std::to_string(id)).text.find(marker) !=
            std::string::npos) {
            out.push_back(id);
        }
    }
    return out;
}

// A WMO317 asking to change two allocations keeps both (the work queue shows both) and is
// honoured as a whole: a grant that decides only one of them is refused and changes nothing;
// deciding both answers with one WMO301 that carries both changes (IV093).
TEST(IwmoFlow, RequestForChangeOfSeveralProductsIsDecidedAsAWhole) {
    const auto ib = eligible("02A01");
    const auto hh = eligible("01A01");
    std::optional<Provider> prov;
    for (const auto& p : ib) {
        for (const auto& q : hh) {
            if (!prov && p.agb == q.agb) prov = p;
        }
    }
    ASSERT_TRUE(prov) << "no demo provider with IB and HH-1 contracts and a certificate";
    const Person person = newPerson(true);
    const Allocation ib_alloc = allocate(person.granted_ib, *prov, day(-7), 3);
    const Allocation hh_alloc = allocate(person.granted_hh, *prov, day(-7), 2);
    const std::string ref = "E2E-VOW-" + uniqueDigits(10);
    const iwmo::TeWijzigenProduct more_ib{ib_alloc.number, ib_alloc.start, "", {4, "04", "2"}};
    const iwmo::TeWijzigenProduct more_hh{hh_alloc.number, hh_alloc.start, "", {3, "04", "2"}};
    const iwmo::Header h317 = headerFrom(prov->agb, "W");
    const auto w318 = sendForRetour(
        prov->agb, iwmo::wmo317(h317, person.bsn, ref, "1", {}, {more_ib, more_hh}), "wmo318");
    ASSERT_TRUE(w318);
    expectFullyAccepted(*w318, "481", h317.identificatie);

    // Both products to change are kept.
    const auto request = openRequest(ref);
    ASSERT_TRUE(request) << "request " << ref << " not in the open work queue";
    const auto asked = request->getObject("request")->getArray("TeWijzigenProducten");
    ASSERT_TRUE(asked) << "TeWijzigenProducten is not a list";
    ASSERT_EQ(asked->size(), 2u);
    std::set<std::string> numbers;
    for (std::size_t i = 0; i < asked->size(); ++i) {
        numbers.insert(asked->getObject(i)->getValue<std::string>("ToewijzingNummer"));
        EXPECT_EQ(asked->getObject(i)->getObject("Omvang")->getValue<std::string>("Eenheid"), "04");
    }
    EXPECT_EQ(numbers, (std::set<std::string>{std::to_string(ib_alloc.number),
                                              std::to_string(hh_alloc.number)}));

    const std::string path =
        "/api/v1/requests/" + std::to_string(request->getValue<std::int64_t>("id")) + "/grant";
    const std::int64_t before = lastOutboxId(prov->agb);
    auto change = [](std::int64_t number, std::int64_t volume) {
        return jsonObject({{"number", number}, {"volume", volume}, {"reason_code", "12"}});
    };
    // Only one of the two decided → refused, nothing changes.
    const Response partial = client().post(
        path, jsonObject({{"changes", jsonArray({change(ib_alloc.number, 4)})}}), as("cm.jansen"));
    EXPECT_EQ(partial.status, 422) << partial.describe();
    EXPECT_EQ(partial.code(), "REQUEST_NOT_WHOLE") << partial.describe();
    EXPECT_NE(partial.text.find(std::to_string(hh_alloc.number)), std::string::npos)
        << "the answer names the allocation left undecided: " << partial.describe();
    EXPECT_TRUE(openRequest(ref)) << "the request is no longer open";
    EXPECT_EQ(countRows("SELECT COUNT(*) FROM allocations WHERE number IN (?, ?)",
                        {ib_alloc.number, hh_alloc.number}),
              2);
    EXPECT_TRUE(outboxMessagesWith(prov->agb, "414", before, person.bsn).empty());

    // Both decided → granted, one WMO301 with both changes and the request's reference.
    const Response granted = client().post(
        path,
        jsonObject(
            {{"changes", jsonArray({change(ib_alloc.number, 4), change(hh_alloc.number, 3)})}}),
        as("cm.jansen"));
    ASSERT_EQ(granted.status, 200) << granted.describe();
    EXPECT_EQ(granted.str("status"), "granted");
    const auto sent = outboxMessagesWith(prov->agb, "414", before, person.bsn);
    ASSERT_EQ(sent.size(), 1u) << "one WMO301 answers the request";
    const auto out301 = newOutboxMessage(prov->agb, "414", before, person.bsn);
    ASSERT_TRUE(out301);
    const auto w301 = parsed(out301->xml, "wmo301");
    ASSERT_TRUE(w301);
    officialValid(out301->xml, "the WMO301 honouring a request for two changes");
    // Weekly volumes change through new allocations from the wished date (OP033x1), here the
    // allocations' start: both are withdrawn (13) and replaced, the provider's request being its
    // consent.
    const auto products = iwmo::findAll(*w301, "ToegewezenProduct");
    ASSERT_EQ(products.size(), 4u) << out301->xml;
    std::multiset<std::string> volumes;
    for (const auto* p : products) {
        const std::string n = p->childText("ToewijzingNummer");
        if (n == std::to_string(ib_alloc.number) || n == std::to_string(hh_alloc.number)) {
            EXPECT_EQ(p->childText("RedenWijziging"), "13") << out301->xml;
        } else {
            volumes.insert(p->find("Omvang/Volume")->text);
            EXPECT_EQ(p->childText("ReferentieAanbieder"), ref);
        }
    }
    EXPECT_EQ(volumes, (std::multiset<std::string>{"3", "4"}));
}

TEST(IwmoFlow, ConcurrentCopiesAreProcessedExactlyOnce) {
    const auto providers = eligible("02A01");
    ASSERT_FALSE(providers.empty());
    const Provider& prov = providers.front();
    const Person person = newPerson();
    const Allocation alloc = allocate(person.granted_ib, prov, day(-7), 3);
    const iwmo::Header h = headerFrom(prov.agb, "X");
    const iwmo::StartProduct start{alloc.number, "02", "02A01", alloc.start, day(-4)};
    const std::string message = iwmo::wmo305(h, person.block(), {start});

    constexpr int kCopies = 20;
    std::vector<Response> answers(kCopies);
    std::vector<std::string> errors(kCopies);
    {
        std::vector<std::thread> threads;
        const auto tls = providerTls(prov.agb);
        for (int i = 0; i < kCopies; ++i) {
            threads.emplace_back([&, i] {
                try {
                    answers[static_cast<std::size_t>(i)] = tls.postXml("/api/v1/messages", message);
                } catch (const std::exception& e) {
                    errors[static_cast<std::size_t>(i)] = e.what();
                }
            });
        }
        for (auto& t : threads) t.join();
    }
    for (int i = 0; i < kCopies; ++i) {
        const auto& a = answers[static_cast<std::size_t>(i)];
        EXPECT_EQ(errors[static_cast<std::size_t>(i)], "") << "copy " << i;
        EXPECT_EQ(a.status, 200) << "copy " << i << ": " << a.describe();
        EXPECT_EQ(a.text, answers[0].text) << "copy " << i << " got another answer";
    }
    const auto retour = parsed(answers[0].text, "wmo306");
    ASSERT_TRUE(retour);
    expectFullyAccepted(*retour, "419", h.identificatie);
    EXPECT_EQ(careStarts(alloc.number), 1);
    EXPECT_EQ(inboxRows(prov.agb, "418", h.identificatie), 1);

    // The same identification with other content is refused.
    iwmo::StartProduct other = start;
    other.begindatum = day(-3);
    const Response clash =
        providerTls(prov.agb).postXml("/api/v1/messages", iwmo::wmo305(h, person.block(), {other}));
    EXPECT_EQ(clash.status, 409) << clash.describe();
    EXPECT_EQ(clash.code(), "DUPLICATE_IDENTIFICATION") << clash.describe();
    EXPECT_EQ(careStarts(alloc.number), 1);
    EXPECT_EQ(inboxRows(prov.agb, "418", h.identificatie), 1);
}

TEST(IwmoFlow, MessagesNeedTheSendersOwnCertificate) {
    const auto providers = eligible("02A01");
    ASSERT_GE(providers.size(), 2u);
    const Provider& a = providers[0];
    const Provider& b = providers[1];
    const Person person = newPerson();
    const Allocation alloc = allocate(person.granted_ib, a, day(-7), 3);
    const iwmo::StartProduct start{alloc.number, "02", "02A01", alloc.start, day(-2)};

    // An API key is no certificate.
    const iwmo::Header ha = headerFrom(a.agb, "K");
    const Response by_key = client().request(
        "POST", "/api/v1/messages", iwmo::wmo305(ha, person.block(), {start}),
        {{"X-Api-Key", providerApiKey(a.id)}, {"Content-Type", "application/xml"}});
    EXPECT_EQ(by_key.status, 403) << by_key.describe();
    EXPECT_EQ(by_key.code(), "CLIENT_CERTIFICATE_REQUIRED") << by_key.describe();
    EXPECT_EQ(inboxRows(a.agb, "418", ha.identificatie), 0);

    // B's certificate with A as Afzender.
    const iwmo::Header spoofed = headerFrom(a.agb, "K");
    const Response mismatch = providerTls(b.agb).postXml(
        "/api/v1/messages", iwmo::wmo305(spoofed, person.block(), {start}));
    EXPECT_EQ(mismatch.status, 403) << mismatch.describe();
    EXPECT_EQ(mismatch.code(), "AGB_MISMATCH") << mismatch.describe();
    EXPECT_EQ(inboxRows(a.agb, "418", spoofed.identificatie), 0);
    EXPECT_EQ(inboxRows(b.agb, "418", spoofed.identificatie), 0);
    EXPECT_EQ(careStarts(alloc.number), 0);
}

}  // namespace
}  // namespace zc::e2e
