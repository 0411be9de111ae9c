// The chain through the GGk end to end (issue 16): the real server with the GGk test double
// playing the Gemeentelijk Gegevensknooppunt. A WMO301 goes out as a ggk_Di01 and the provider's
// WMO302 (a ggk_Du01) acknowledges it; a WMO305 and a WMO323 come in as ggk_Di01 and their
// WMO306 and WMO325 go back as ggk_Du01; a delivery that times out or is dropped is sent again
// with the same referentienummer and arrives once; a duplicate delivery from the GGk has one
// effect; a payload that cannot be processed gets a Fo01; the chain's Fo01 fails our envelope
// visibly and staff send it again. Every envelope is checked against the official schema by the
// double (official_problems) and kept in test-artifacts/ggk/.
#include <gtest/gtest.h>

#include <chrono>
#include <optional>
#include <string>
#include <thread>

#include "e2e/declarations.hpp"
#include "e2e/iwmo_messages.hpp"
#include "e2e/iwmo_parties.hpp"
#include "e2e/session.hpp"
#include "ggk/support/ggk_double.hpp"
#include "interfaces/mysql/connection.hpp"

namespace zc::e2e {
namespace {

using test::Behaviour;
using test::GgkDouble;
using test::ReceivedEnvelope;
using test::Response;
using namespace std::chrono_literals;
using Kind = zc::iwmo::GgkSoapKind;

std::string ourOin() {
    return test::readEnvFile(test::testEnvDir() + "/server.env")["ZC_GGK_OUR_OIN"];
}

bool isKind(const ReceivedEnvelope& e, Kind kind) { return e.message && e.message->kind == kind; }

// The first envelope of `kind` the double received that `match` accepts, waiting up to 20 s.
std::optional<ReceivedEnvelope> awaitEnvelope(
    const GgkDouble& ggk, Kind kind, const std::function<bool(const ReceivedEnvelope&)>& match) {
    std::optional<ReceivedEnvelope> found;
    ggk.waitFor(
        [&](const std::vector<ReceivedEnvelope>& all) {
            for (const auto& e : all) {
                if (isKind(e, kind) && match(e)) {
                    found = e;
                    return true;
                }
            }
            return false;
        },
        20s);
    return found;
}

std::size_t countEnvelopes(const GgkDouble& ggk, Kind kind,
                           const std::function<bool(const ReceivedEnvelope&)>& match) {
    std::size_t n = 0;
    for (const auto& e : ggk.received()) n += isKind(e, kind) && match(e) ? 1 : 0;
    return n;
}

// The envelope with this referentienummer as staff see it (GET /chain/envelopes?q=).
Poco::JSON::Object::Ptr tracked(const std::string& referentienummer) {
    const Response r =
        client().get("/api/v1/chain/envelopes?q=" + referentienummer, as("cm.jansen"));
    EXPECT_EQ(r.status, 200) << r.describe();
    if (r.status != 200 || r.array()->size() != 1) return nullptr;
    return r.array()->getObject(0);
}

// Waits up to 20 s until staff see the envelope in `state`.
Poco::JSON::Object::Ptr awaitState(const std::string& referentienummer, const std::string& state) {
    for (int i = 0; i < 200; ++i) {
        auto o = tracked(referentienummer);
        if (o && o->getValue<std::string>("state") == state) return o;
        std::this_thread::sleep_for(100ms);
    }
    ADD_FAILURE() << "envelope " << referentienummer << " never became " << state;
    return tracked(referentienummer);
}

std::int64_t count(const std::string& sql, const db::Params& params) {
    db::Connection db(test::rootDbConfig());
    return db.queryOne(sql, params)->i64(0);
}

// Envelopes still queued from before this test (the double answers them Bv03 meanwhile), so
// that the behaviours a test queues meet its own envelopes.
void awaitEmptyQueue() {
    for (int i = 0; i < 150; ++i) {
        const Response r =
            client().get("/api/v1/chain/envelopes?state=queued&limit=1", as("cm.jansen"));
        if (r.status == 200 && r.header("X-Total-Count") == "0") return;
        std::this_thread::sleep_for(100ms);
    }
}

class GgkCycle : public ::testing::Test {
  protected:
    void SetUp() override { awaitEmptyQueue(); }
    void TearDown() override {
        for (const auto id : chained_) setPath(id, "default");
        // Every envelope the server sent in this test conforms to the official schema.
        for (const auto& e : ggk_.received()) {
            EXPECT_EQ(e.official_problems, "")
                << "envelope " << e.seq << " breaks the official XSD";
            EXPECT_TRUE(e.problems.empty()) << "envelope " << e.seq << ": " << e.problems.front();
        }
    }
    // The provider's messages take the chain from now on (set back after the test).
    void useChain(const Provider& p) {
        setPath(p.id, "ggk");
        chained_.push_back(p.id);
    }
    static void setPath(std::int64_t provider_id, const std::string& path) {
        const Response r = client().request(
            "PUT", "/api/v1/providers/" + std::to_string(provider_id) + "/exchange-path",
            test::jsonText(test::jsonObject({{"path", path}})), withJson(as("cm.jansen")));
        ASSERT_EQ(r.status, 200) << r.describe();
    }
    static test::Headers withJson(test::Headers h) {
        h.emplace_back("Content-Type", "application/json");
        return h;
    }
    // A fresh client with an IB allocation to the first eligible provider, on the chain; the
    // WMO301 the allocation queued, as the double received it in a Di01.
    struct Allocated {
        Provider provider;
        Person person;
        Allocation allocation;
        std::optional<ReceivedEnvelope> di01;
    };
    Allocated allocateOnTheChain() {
        Allocated a{eligible("02A01").front(), newPerson(), {}, std::nullopt};
        useChain(a.provider);
        a.allocation = allocate(a.person.granted_ib, a.provider, day(-7), 3);
        const std::string bsn = a.person.bsn;
        a.di01 = awaitEnvelope(ggk_, Kind::Di01, [&](const ReceivedEnvelope& e) {
            return e.message->envelope->functie == "WMO301" &&
                   e.message->envelope->payload.find(bsn) != std::string::npos;
        });
        return a;
    }

    GgkDouble ggk_{test::GgkDoubleOptions::fromTestEnv()};
    std::vector<std::int64_t> chained_;
};

TEST_F(GgkCycle, AWmo301GoesOutAsDi01AndTheProvidersWmo302AcknowledgesIt) {
    const auto a = allocateOnTheChain();
    ASSERT_TRUE(a.di01) << "no Di01 with the WMO301 reached the GGk";
    const auto& env = *a.di01->message->envelope;
    EXPECT_EQ(a.di01->official_problems, "") << "the Di01 breaks ggk0310_msg.xsd";
    EXPECT_TRUE(a.di01->problems.empty()) << a.di01->problems.front();
    EXPECT_EQ(a.di01->client_serial, ourOin()) << "we must connect with our OIN's certificate";
    EXPECT_EQ(env.zender.organisatie, kMunicipality);
    EXPECT_EQ(env.ontvanger.organisatie, a.provider.agb);
    EXPECT_EQ(env.ontvanger.applicatie, "GGk");
    const auto delivered = awaitState(env.referentienummer, "delivered");
    ASSERT_TRUE(delivered);
    EXPECT_EQ(delivered->getValue<std::string>("kind"), "Di01");

    // The provider's WMO302 comes back through the chain as a Du01 naming our Di01.
    const auto w301 = iwmo::parse(iwmo::ourSchemas(), env.payload);
    ASSERT_TRUE(w301);
    const std::string w302 = iwmo::wmo302For(*w301, iwmo::uniqueIdentificatie("R"), todayText());
    const auto du01 =
        ggk_.du01(w302, "WMO302", a.provider.agb, kMunicipality, env.referentienummer);
    const auto answer = ggk_.post(test::kGgkDu01Action, du01.soap);
    ASSERT_EQ(answer.status, 200) << answer.body;
    ASSERT_TRUE(answer.answer);
    EXPECT_EQ(answer.answer->kind, Kind::Bv03);
    EXPECT_EQ(answer.answer->answer->cross_refnummer, du01.referentienummer);
    EXPECT_TRUE(awaitState(env.referentienummer, "acknowledged"));

    // The message log shows the WMO301's chain status and its retour codes.
    const Response log = client().get(
        "/api/v1/message-log?agb=" + a.provider.agb + "&client_id=" + std::to_string(a.person.id),
        as("cm.jansen"));
    ASSERT_EQ(log.status, 200) << log.describe();
    bool seen = false;
    for (std::size_t i = 0; i < log.array()->size(); ++i) {
        const auto o = log.array()->getObject(i);
        if (o->getValue<std::string>("message_code") != "414") continue;
        seen = true;
        EXPECT_EQ(o->getValue<std::string>("chain_state"), "acknowledged") << test::jsonText(o);
        EXPECT_EQ(o->getValue<std::string>("chain_reference"), env.referentienummer);
        EXPECT_EQ(o->getValue<std::string>("outcome"), "acknowledged");
    }
    EXPECT_TRUE(seen) << log.text;
}

TEST_F(GgkCycle, AWmo305ComesInAsDi01AndItsWmo306GoesBackAsDu01OnceForTwoDeliveries) {
    const auto a = allocateOnTheChain();
    ASSERT_TRUE(a.di01);
    const iwmo::Header h{a.provider.agb, kMunicipality, iwmo::uniqueIdentificatie("S"),
                         todayText()};
    const std::string w305 = iwmo::wmo305(
        h, a.person.block(), {{a.allocation.number, "02", "02A01", a.allocation.start, day(-5)}});
    const auto di01 = ggk_.di01(w305, "WMO305", a.provider.agb, kMunicipality);
    // The GGk delivers the same envelope twice (it did not see our first Bv03).
    for (int i = 0; i < 2; ++i) {
        const auto r = ggk_.post(test::kGgkDi01Action, di01.soap);
        ASSERT_EQ(r.status, 200) << r.body;
        ASSERT_TRUE(r.answer);
        EXPECT_EQ(r.answer->kind, Kind::Bv03);
        EXPECT_EQ(r.answer->answer->cross_refnummer, di01.referentienummer);
    }
    const auto answers = [&](const ReceivedEnvelope& e) {
        return e.message->envelope->cross_refnummer == di01.referentienummer;
    };
    const auto du01 = awaitEnvelope(ggk_, Kind::Du01, answers);
    ASSERT_TRUE(du01) << "no Du01 answered the WMO305's Di01";
    EXPECT_EQ(du01->official_problems, "");
    EXPECT_EQ(du01->message->envelope->functie, "WMO306");
    EXPECT_EQ(du01->message->envelope->ontvanger.organisatie, a.provider.agb);
    const auto w306 = iwmo::parse(iwmo::ourSchemas(), du01->message->envelope->payload);
    ASSERT_TRUE(w306);
    EXPECT_EQ(w306->find("Header/BerichtCode")->text, "419");
    EXPECT_TRUE(iwmo::findAll(*w306, "RetourCode").empty()) << "the start was not accepted";
    // One effect: one care start, one retour.
    std::this_thread::sleep_for(1500ms);
    EXPECT_EQ(countEnvelopes(ggk_, Kind::Du01, answers), 1u);
    EXPECT_EQ(count("SELECT COUNT(*) FROM care_starts WHERE allocation_number = ?",
                    {a.allocation.number}),
              1);
    EXPECT_EQ(count("SELECT COUNT(*) FROM chain_received WHERE referentienummer = ?",
                    {di01.referentienummer}),
              1);
}

TEST_F(GgkCycle, AWmo323ComesInAsDi01AndItsWmo325GoesBackAsDu01) {
    const std::string s = uniqueDigits(9);
    const auto line = prestatie("K" + s, 1, ibTariffOn("2026-02-01"));
    const std::string w323 =
        write323(headFor(s, line.amount_cents, "2026-02", "2026-03-02"), {line});
    const auto di01 = ggk_.di01(w323, "WMO323", kAgb, kMunicipality);
    const auto r = ggk_.post(test::kGgkDi01Action, di01.soap);
    ASSERT_EQ(r.status, 200) << r.body;
    const auto du01 = awaitEnvelope(ggk_, Kind::Du01, [&](const ReceivedEnvelope& e) {
        return e.message->envelope->cross_refnummer == di01.referentienummer;
    });
    ASSERT_TRUE(du01) << "no Du01 with the WMO325 answered the WMO323";
    EXPECT_EQ(du01->official_problems, "");
    EXPECT_EQ(du01->message->envelope->functie, "WMO325");
    const auto w325 = iwmo::parse(iwmo::ourSchemas(), du01->message->envelope->payload);
    ASSERT_TRUE(w325);
    EXPECT_EQ(w325->find("Header/BerichtCode")->text, "485");
}

TEST_F(GgkCycle, ADeliveryThatTimesOutOrIsDroppedIsRetriedAndArrivesOnce) {
    ggk_.setHangMillis(4000);  // longer than the server's 2 s time-out (testenv.sh)
    ggk_.queue(Behaviour::Hang);
    ggk_.queue(Behaviour::Drop);
    const auto a = allocateOnTheChain();
    ASSERT_TRUE(a.di01);
    const std::string ref = a.di01->message->envelope->referentienummer;
    const auto same = [&](const ReceivedEnvelope& e) {
        return e.message->envelope->referentienummer == ref;
    };
    // Hang, drop, then a Bv03: three posts of the same bytes with one referentienummer.
    ASSERT_TRUE(ggk_.waitFor(
        [&](const std::vector<ReceivedEnvelope>& all) {
            std::size_t n = 0;
            for (const auto& e : all) n += isKind(e, Kind::Di01) && same(e);
            return n >= 3;
        },
        30s));
    std::vector<ReceivedEnvelope> copies;
    for (const auto& e : ggk_.received()) {
        if (isKind(e, Kind::Di01) && same(e)) copies.push_back(e);
    }
    EXPECT_EQ(copies[0].answered, "hang");
    EXPECT_EQ(copies[1].answered, "drop");
    EXPECT_EQ(copies[2].answered, "Bv03");
    EXPECT_EQ(copies[1].body, copies[0].body);
    EXPECT_EQ(copies[2].body, copies[0].body);
    const auto o = awaitState(ref, "delivered");
    ASSERT_TRUE(o);
    EXPECT_EQ(o->getValue<int>("attempts"), 3);
    // Delivered once: no further copy comes.
    std::this_thread::sleep_for(2500ms);
    EXPECT_EQ(countEnvelopes(ggk_, Kind::Di01, same), 3u);
}

TEST_F(GgkCycle, APayloadThatIsNotValidGetsAFo01WithStUF055) {
    const std::string broken =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<wmo305:Bericht xmlns:wmo305=\"http://www.istandaarden.nl/iwmo/"
        "3_2/wmo305/schema\"><wmo305:Header><wmo305:Afzender>" +
        std::string(kAgb) + "</wmo305:Afzender></wmo305:Header></wmo305:Bericht>";
    const auto di01 = ggk_.di01(broken, "WMO305", kAgb, kMunicipality);
    const auto r = ggk_.post(test::kGgkDi01Action, di01.soap);
    ASSERT_EQ(r.status, 200) << "the envelope itself is fine: Bv03; " << r.body;
    const auto fo01 = awaitEnvelope(ggk_, Kind::Fo01, [&](const ReceivedEnvelope& e) {
        return e.message->answer->cross_refnummer == di01.referentienummer;
    });
    ASSERT_TRUE(fo01) << "no Fo01 for the unprocessable payload";
    EXPECT_EQ(fo01->official_problems, "") << "the Fo01 breaks stuf0301.xsd";
    EXPECT_EQ(fo01->message->fault->code, "StUF055");
    EXPECT_EQ(fo01->message->answer->ontvanger.organisatie, kAgb);
}

TEST_F(GgkCycle, TheChainsFo01FailsOurEnvelopeVisiblyAndStaffSendItAgain) {
    const auto a = allocateOnTheChain();
    ASSERT_TRUE(a.di01);
    const std::string ref = a.di01->message->envelope->referentienummer;
    ASSERT_TRUE(awaitState(ref, "delivered"));
    const auto fo01 = ggk_.fo01(ref, "BRS02", "Zorgaanbieder onbekend bij VECOZO", kMunicipality);
    const auto r = ggk_.post(test::kGgkFo01Action, fo01.soap);
    ASSERT_EQ(r.status, 200) << r.body;
    const auto failed = awaitState(ref, "failed");
    ASSERT_TRUE(failed);
    EXPECT_EQ(failed->getValue<std::string>("fault_code"), "BRS02");
    EXPECT_FALSE(failed->getValue<std::string>("fault_meaning").empty());

    const Response again =
        client().post("/api/v1/chain/envelopes/" +
                          std::to_string(failed->getValue<std::int64_t>("id")) + "/retry",
                      test::jsonObject({}), as("cm.jansen"));
    ASSERT_EQ(again.status, 200) << again.describe();
    EXPECT_TRUE(awaitState(ref, "delivered"));
    const Response twice =
        client().post("/api/v1/chain/envelopes/" +
                          std::to_string(failed->getValue<std::int64_t>("id")) + "/retry",
                      test::jsonObject({}), as("cm.jansen"));
    EXPECT_EQ(twice.code(), "CHAIN_NOT_FAILED") << twice.describe();
}

TEST(GgkEndpoint, OnlyTheGgksCertificateIsHeard) {
    const auto di01 = test::providerDi01("<x/>", "WMO305", kAgb, kMunicipality);
    const Response r = test::HttpsClient::fromTestEnv().asProvider(kAgb).request(
        "POST", test::kGgkEndpointPath, di01.soap,
        {{"Content-Type", "text/xml; charset=utf-8"},
         {"SOAPAction", std::string("\"") + test::kGgkDi01Action + "\""}});
    EXPECT_EQ(r.status, 500);
    EXPECT_NE(r.text.find("<StUF:code>StUF052</StUF:code>"), std::string::npos) << r.text;
    EXPECT_NE(r.text.find("soap:Fault"), std::string::npos);
}

}  // namespace
}  // namespace zc::e2e
