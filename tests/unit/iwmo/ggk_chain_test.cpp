// The chain through the GGk (issue 16), what needs no database: the iWmo message's head found
// before the intake reads it, the SOAP requests we send (their body against the official
// schemas with xmllint, and read back by our own reader), how an answer of the GGk is judged,
// and the back-off between attempts.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

#include "interfaces/iwmo/chain/ggk_delivery.hpp"
#include "interfaces/iwmo/chain/ggk_envelopes.hpp"
#include "interfaces/iwmo/chain/ggk_settings.hpp"
#include "interfaces/iwmo/ggk_payload.hpp"
#include "interfaces/iwmo/ggk_soap.hpp"
#include "tests/support/ggk_reference.hpp"
#include "tests/support/xmllint.hpp"

namespace zc::iwmo {
namespace {

using test::kGgkXsd;
using test::kSourceDir;
using test::kStufXsd;
using test::readFile;

// The SOAP body's one element, as the official schema sees it.
std::string bodyOf(const std::string& soap) {
    const auto open = soap.find("<soap:Body>") + std::string("<soap:Body>").size();
    return soap.substr(open, soap.rfind("</soap:Body>") - open);
}

class GgkChain : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        setGgkSchemas(
            std::make_shared<const xml::SchemaSet>(kSourceDir / "interfaces/xml/schemas/ggk-2.1"));
        GgkSettings s;
        s.application = "zorgcontract";
        s.retry_initial_ms = 300;
        s.retry_max_ms = 2000;
        setGgkSettings(s);
    }
    static OutgoingEnvelope wmo301() {
        return {"6f1c2d3e-4b5a-4c6d-8e9f-0a1b2c3d4e5f",
                "0193",
                "73000101",
                "WMO301",
                readFile(kSourceDir / "tests/data/iwmo/wmo301.xml"),
                std::nullopt,
                std::chrono::system_clock::now()};
    }
};

TEST_F(GgkChain, TheHeadOfAProvidersMessageIsFoundBeforeParsing) {
    const auto head = sniffPayloadHead(readFile(kSourceDir / "tests/data/iwmo/wmo305.xml"));
    ASSERT_TRUE(head);
    EXPECT_EQ(head->kind->name, "wmo305");
    EXPECT_EQ(head->provider_agb, "12345678");
    EXPECT_EQ(head->municipality, "0363");
    EXPECT_EQ(head->identificatie, "T-305-0001");
    EXPECT_EQ(functieOf(*head->kind), "WMO305");
}

TEST_F(GgkChain, ARetourNamesTheProviderAsItsOntvanger) {
    const std::string xml = readFile(kSourceDir / "tests/data/iwmo/wmo302.xml");
    const auto head = sniffPayloadHead(xml);
    ASSERT_TRUE(head);
    EXPECT_EQ(head->kind->name, "wmo302");
    EXPECT_NE(xml.find("<wmo302:Ontvanger>" + head->provider_agb + "<"), std::string::npos);
    EXPECT_FALSE(sniffPayloadHead("<Bericht xmlns=\"urn:other\"/>"));
    EXPECT_FALSE(sniffPayloadHead("not xml at all"));
}

TEST_F(GgkChain, OurDi01AndDu01ValidateAgainstTheOfficialSchemaAndReadBack) {
    ASSERT_TRUE(std::filesystem::exists(kGgkXsd)) << kGgkXsd;
    auto e = wmo301();
    const std::string di01 = soapMessageEnvelope(e);
    EXPECT_EQ(test::xmllintProblems(bodyOf(di01), kGgkXsd, "chain-di01"), "");
    // UTF-8 without a byte-order mark, lines ended by CR LF (§2.2).
    EXPECT_EQ(di01.rfind("<?xml", 0), 0u);
    for (std::size_t i = di01.find('\n'); i != std::string::npos; i = di01.find('\n', i + 1)) {
        ASSERT_TRUE(i > 0 && di01[i - 1] == '\r') << "a bare LF at " << i;
    }
    const auto read = readGgkSoap(ggkSchemas(), di01);
    ASSERT_TRUE(read.ok()) << read.problems.front().message;
    EXPECT_EQ(read.message->kind, GgkSoapKind::Di01);
    EXPECT_EQ(read.message->envelope->payload, e.payload);
    EXPECT_EQ(read.message->envelope->zender.organisatie, "0193");
    EXPECT_EQ(read.message->envelope->ontvanger.applicatie, "GGk");

    e.functie = "WMO306";
    e.cross_refnummer = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
    const std::string du01 = soapMessageEnvelope(e);
    EXPECT_EQ(test::xmllintProblems(bodyOf(du01), kGgkXsd, "chain-du01"), "");
    const auto back = readGgkSoap(ggkSchemas(), du01);
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(back.message->kind, GgkSoapKind::Du01);
    EXPECT_EQ(back.message->envelope->cross_refnummer, *e.cross_refnummer);
    EXPECT_EQ(std::string(soapActionOf("Du01")), kSoapActionDu01);
}

TEST_F(GgkChain, OurFo01ValidatesAgainstStufAndNamesTheEnvelopeItRefuses) {
    ASSERT_TRUE(std::filesystem::exists(kStufXsd)) << kStufXsd;
    const std::string fo01 = soapFo01Request(
        "1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e", "0193", {"73000101", "Aanbiedersoftware", ""},
        "6f1c2d3e-4b5a-4c6d-8e9f-0a1b2c3d4e5f",
        {kPayloadNotConform, true, stufErrorText(kPayloadNotConform), "XSD_INVALID: ..."},
        std::chrono::system_clock::now());
    EXPECT_EQ(test::xmllintProblems(bodyOf(fo01), kStufXsd, "chain-fo01"), "");
    const auto read = readGgkSoap(ggkSchemas(), fo01);
    ASSERT_TRUE(read.ok());
    EXPECT_EQ(read.message->kind, GgkSoapKind::Fo01);
    EXPECT_EQ(read.message->fault->code, "StUF055");
    EXPECT_EQ(read.message->answer->cross_refnummer, "6f1c2d3e-4b5a-4c6d-8e9f-0a1b2c3d4e5f");
}

TEST_F(GgkChain, ABv03DeliversAClientFaultFailsAndAServerFaultWaits) {
    StufAnswerHeader h{{"", "GGk", ""},
                       {"0193", "zorgcontract", ""},
                       "2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f",
                       "20261203120000000",
                       "6f1c2d3e-4b5a-4c6d-8e9f-0a1b2c3d4e5f"};
    using contracting::AttemptOutcome;
    EXPECT_EQ(attemptResultOf(200, soapEnvelope(stufBv03(h))).outcome, AttemptOutcome::Delivered);
    const auto client =
        attemptResultOf(500, soapFo03Fault(h, {"StUF052", true, "niet geautoriseerd", ""}));
    EXPECT_EQ(client.outcome, AttemptOutcome::Failed);
    EXPECT_EQ(client.code, "StUF052");
    const auto server = attemptResultOf(500, soapFo03Fault(h, {"StUF046", false, "later", ""}));
    EXPECT_EQ(server.outcome, AttemptOutcome::Retry);
    EXPECT_EQ(attemptResultOf(502, "<html>Bad Gateway</html>").outcome, AttemptOutcome::Retry);
    // A Bv03 with an error status is no delivery.
    EXPECT_EQ(attemptResultOf(500, soapEnvelope(stufBv03(h))).outcome, AttemptOutcome::Retry);
}

TEST_F(GgkChain, TheBackOffDoublesUpToItsCap) {
    const auto s = ggkSettings();
    EXPECT_EQ(backOff(s, 1).count(), 300);
    EXPECT_EQ(backOff(s, 2).count(), 600);
    EXPECT_EQ(backOff(s, 3).count(), 1200);
    EXPECT_EQ(backOff(s, 4).count(), 2000);
    EXPECT_EQ(backOff(s, 60).count(), 2000);
}

}  // namespace
}  // namespace zc::iwmo
