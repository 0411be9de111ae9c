// Reading what the GGk connection delivers (issue 16): a Di01 or Du01 in SOAP, a Fo01 from the
// chain, and the answers to what we post (Bv03, a SOAP Fault with a Fo03), each validated
// strictly with our own schemas in one parse; anything else is refused with its code.
#include "interfaces/iwmo/ggk_soap.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "tests/support/ggk_reference.hpp"

namespace zc::iwmo {
namespace {

using test::kSourceDir;
using test::readFile;
const xml::SchemaSet& ourSchemas() { return test::ourGgkSchemas(); }

// The body element of a document we wrote (without its XML declaration).
std::string bodyOf(const std::string& document) {
    return document.substr(document.find("?>\n") + 3);
}

GgkEnvelope wmo323FromProvider() {
    GgkEnvelope e;
    e.zender = {"73000101", "VECOZOWebservice", ""};
    e.ontvanger = {"0193", "GGk", ""};
    e.referentienummer = newReferentienummer();
    e.tijdstip = ggkTijdstip(std::chrono::system_clock::now());
    e.functie = "WMO323";
    e.applicatie_versie = "0001";
    e.applicatie_subversie = "0000";
    e.functie_versie = "0003";
    e.functie_subversie = "0002";
    e.payload = readFile(kSourceDir / "tests/data/iwmo/wmo323.xml");
    return e;
}

StufAnswerHeader header(const std::string& cross) {
    return {{"CAK", "GGk", ""},
            {"0193", "zorgcontract", ""},
            newReferentienummer(),
            "20261203120000000",
            cross};
}

TEST(GgkSoap, ADeclarationArrivesAsADi01InSoap) {
    const GgkEnvelope sent = wmo323FromProvider();
    const auto read = readGgkSoap(ourSchemas(), soapEnvelope(bodyOf(writeGgkDi01(sent))));
    ASSERT_TRUE(read.ok()) << read.problems.front().code << " " << read.problems.front().message;
    EXPECT_EQ(read.message->kind, GgkSoapKind::Di01);
    ASSERT_TRUE(read.message->envelope);
    EXPECT_EQ(read.message->envelope->zender.organisatie, "73000101");
    EXPECT_EQ(read.message->envelope->referentienummer, sent.referentienummer);
    EXPECT_EQ(read.message->envelope->payload, sent.payload);
}

TEST(GgkSoap, TheChainsAnswersAreRead) {
    const std::string ours = newReferentienummer();
    const auto bv03 = readGgkSoap(ourSchemas(), soapEnvelope(stufBv03(header(ours))));
    ASSERT_TRUE(bv03.ok()) << bv03.problems.front().message;
    EXPECT_EQ(bv03.message->kind, GgkSoapKind::Bv03);
    EXPECT_EQ(bv03.message->answer->cross_refnummer, ours);
    EXPECT_FALSE(bv03.message->fault);

    const auto fo01 = readGgkSoap(
        ourSchemas(), soapEnvelope(stufFo01(
                          header(ours), {"IB210", true, "Ontvangende organisatie onbekend", ""})));
    ASSERT_TRUE(fo01.ok()) << fo01.problems.front().message;
    EXPECT_EQ(fo01.message->kind, GgkSoapKind::Fo01);
    EXPECT_EQ(fo01.message->fault->code, "IB210");
    EXPECT_TRUE(fo01.message->fault->client);

    const auto fo03 = readGgkSoap(
        ourSchemas(), soapFo03Fault(header(ours), {"StUF055", false, "Verwerking mislukt", "db"}));
    ASSERT_TRUE(fo03.ok()) << fo03.problems.front().message;
    EXPECT_EQ(fo03.message->kind, GgkSoapKind::Fo03);
    EXPECT_EQ(fo03.message->fault->omschrijving, "Verwerking mislukt");
    EXPECT_FALSE(fo03.message->fault->client);
    EXPECT_EQ(fo03.message->answer->cross_refnummer, ours);
}

TEST(GgkSoap, AnythingElseIsRefusedWithItsCode) {
    const auto code = [](const std::string& text) {
        const auto r = readGgkSoap(ourSchemas(), text);
        return r.problems.empty() ? std::string("none") : r.problems.front().code;
    };
    const std::string di01 = bodyOf(writeGgkDi01(wmo323FromProvider()));
    // The envelope without SOAP, or SOAP with an invalid envelope inside (validated strictly).
    EXPECT_EQ(code(writeGgkDi01(wmo323FromProvider())), "XML_UNKNOWN_NAMESPACE");
    std::string bad = di01;
    bad.replace(bad.find("<GGK:functieVersie>0003"), 23, "<GGK:functieVersie>3");
    EXPECT_EQ(code(soapEnvelope(bad)), "XSD_INVALID");
    // Two bodies, or a body of another namespace.
    EXPECT_EQ(code(soapEnvelope(di01 + di01)), "XSD_INVALID");
    EXPECT_NE(code(soapEnvelope("<x:onbekend xmlns:x=\"urn:x\"/>")), "none");
    // A fault that is not ours.
    EXPECT_EQ(code(soapEnvelope("<soap:Fault><faultcode>soap:Server</faultcode><faultstring>kapot"
                                "</faultstring></soap:Fault>")),
              "XML_UNKNOWN_NAMESPACE");
    std::string doctype = soapEnvelope(di01);
    doctype.insert(doctype.find("<soap:"), "<!DOCTYPE soap:Envelope>");  // no subset, no id
    EXPECT_EQ(code(doctype), "XML_DOCTYPE");
}

}  // namespace
}  // namespace zc::iwmo
