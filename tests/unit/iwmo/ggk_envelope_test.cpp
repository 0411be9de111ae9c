// The StUF-GGk envelope (issue 16, first part): a WMO301 wrapped in ggk_Di01 and a WMO325 in
// ggk_Du01 validate against the official ggk0310_msg.xsd (checked with xmllint, as the
// reference's README prescribes), carry the message base64-encoded unchanged, and values the
// specification forbids are refused before anything is written.
#include "interfaces/iwmo/ggk_envelope.hpp"

#include <Poco/Base64Decoder.h>
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <stdexcept>

#include "tests/support/ggk_reference.hpp"
#include "tests/support/xmllint.hpp"

namespace zc::iwmo {
namespace {

using test::kSourceDir;
using test::readFile;
const std::filesystem::path& kOfficialXsd = test::kGgkXsd;
const std::filesystem::path& kReference = test::kGgkReference;
const xml::SchemaSet& ourSchemas() { return test::ourGgkSchemas(); }

// xmllint's verdict on `xml` against the official schema: "" when it validates.
std::string officialProblems(const std::string& xml, const std::string& name) {
    return test::xmllintProblems(xml, kOfficialXsd, "ggk-" + name);
}

std::string decodeBase64(const std::string& text) {
    std::istringstream in(text);
    Poco::Base64Decoder decoder(in);
    std::ostringstream out;
    out << decoder.rdbuf();
    return out.str();
}

std::string between(const std::string& s, const std::string& open, const std::string& close) {
    const auto a = s.find(open);
    if (a == std::string::npos) return "<absent>";
    const auto b = s.find(close, a + open.size());
    if (b == std::string::npos) return "<absent>";
    return s.substr(a + open.size(), b - a - open.size());
}

GgkEnvelope wmo301ToProvider() {
    GgkEnvelope e;
    e.zender = {"0193", "zorgcontract", "Gemeente Zwolle"};
    e.ontvanger = {"73000101", "GGk", ""};
    e.referentienummer = newReferentienummer();
    e.tijdstip = ggkTijdstip(std::chrono::system_clock::now());
    e.functie = "WMO301";
    e.applicatie_versie = "0001";
    e.applicatie_subversie = "0000";
    e.functie_versie = "0003";
    e.functie_subversie = "0002";
    e.payload = readFile(kSourceDir / "tests/data/iwmo/wmo301.xml");
    return e;
}

TEST(GgkEnvelope, AWmo301InADi01ValidatesAgainstTheOfficialSchema) {
    ASSERT_TRUE(std::filesystem::exists(kOfficialXsd)) << kOfficialXsd;
    const GgkEnvelope e = wmo301ToProvider();
    const std::string di01 = writeGgkDi01(e);
    EXPECT_EQ(officialProblems(di01, "di01"), "") << di01;
    EXPECT_EQ(between(di01, "<StUF:berichtcode>", "<"), "Di01");
    EXPECT_EQ(between(di01, "<StUF:functie>", "<"), "WMO301");
    EXPECT_EQ(between(di01, "<StUF:referentienummer>", "<"), e.referentienummer);
    // The payload travels unchanged, base64 in GGK:bericht, with no file name (§2.7).
    const std::string bericht = between(di01, "xmime:contentType=\"application/xml\">", "<");
    EXPECT_EQ(decodeBase64(bericht), e.payload);
    EXPECT_EQ(di01.find("bestandsnaam"), std::string::npos);
}

TEST(GgkEnvelope, AWmo325InADu01AnswersTheDi01ItReturns) {
    GgkEnvelope e = wmo301ToProvider();
    e.zender = {"0193", "zorgcontract", ""};
    e.functie = "WMO325";
    e.cross_refnummer = newReferentienummer();
    e.referentienummer_bericht = "D-2026-11";
    e.bestandsnaam = "WMO325_D-2026-11.xml";
    e.payload = readFile(kSourceDir / "tests/data/iwmo/wmo323.xml");  // any message will do
    const std::string du01 = writeGgkDu01(e);
    EXPECT_EQ(officialProblems(du01, "du01"), "") << du01;
    EXPECT_EQ(between(du01, "<StUF:crossRefnummer>", "<"), e.cross_refnummer);
    EXPECT_EQ(between(du01, "<GGK:referentienummerBericht>", "<"), "D-2026-11");
    EXPECT_NE(du01.find("StUF:bestandsnaam=\"WMO325_D-2026-11.xml\""), std::string::npos);
}

TEST(GgkEnvelope, TheOfficialSchemaWouldRefuseWhatWeRefuse) {
    // The check of the test itself: xmllint does reject a broken envelope.
    std::string broken = writeGgkDi01(wmo301ToProvider());
    broken.replace(broken.find("<GGK:functieVersie>0003"), 23, "<GGK:functieVersie>3");
    EXPECT_NE(officialProblems(broken, "broken"), "");
}

TEST(GgkEnvelope, ValuesTheSpecificationForbidsAreRefused) {
    const auto refused = [](auto change) {
        GgkEnvelope e = wmo301ToProvider();
        change(e);
        EXPECT_THROW(writeGgkDi01(e), std::invalid_argument);
    };
    refused([](GgkEnvelope& e) { e.referentienummer = "123456789012"; });  // not a UUID
    refused([](GgkEnvelope& e) { e.zender.applicatie = "zc"; });           // under 3 characters
    refused([](GgkEnvelope& e) { e.functie_versie = "3"; });
    refused([](GgkEnvelope& e) { e.tijdstip = "2026-12-03"; });
    refused([](GgkEnvelope& e) { e.bestandsnaam = "bericht wmo301.xml"; });  // a space
    refused([](GgkEnvelope& e) { e.bestandsnaam = "cliënt.xml"; });          // a diacritic
    refused([](GgkEnvelope& e) { e.bestandsnaam = std::string(256, 'a'); });
    refused([](GgkEnvelope& e) { e.payload.clear(); });
    GgkEnvelope no_cross = wmo301ToProvider();
    EXPECT_THROW(writeGgkDu01(no_cross), std::invalid_argument) << "a Du01 names what it answers";
}

TEST(GgkEnvelope, ReferencesAreFreshUuidsAndTimesAreAmsterdamMilliseconds) {
    const std::regex uuid("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    const std::string a = newReferentienummer();
    EXPECT_TRUE(std::regex_match(a, uuid)) << a;
    EXPECT_NE(a, newReferentienummer());
    using namespace std::chrono;
    // 1 July 2026 10:00:00.123 UTC is 12:00:00.123 in Amsterdam.
    const auto at = sys_days{year{2026} / 7 / 1} + hours{10} + milliseconds{123};
    EXPECT_EQ(ggkTijdstip(at), "20260701120000123");
    EXPECT_TRUE(validGgkFileName("WMO301_2026-12-03.xml"));
    EXPECT_FALSE(validGgkFileName(""));
}

TEST(GgkEnvelope, WhatWeWriteReadsBackWithOurOwnSchemas) {
    GgkEnvelope sent = wmo301ToProvider();
    sent.referentienummer_bericht = "T-301-0001";
    const auto read = readGgkEnvelope(ourSchemas(), writeGgkDi01(sent));
    ASSERT_TRUE(read.ok()) << (read.problems.empty() ? "" : read.problems.front().message);
    EXPECT_FALSE(read.retour);
    const GgkEnvelope& got = *read.envelope;
    EXPECT_EQ(got.zender.organisatie, "0193");
    EXPECT_EQ(got.zender.administratie, "Gemeente Zwolle");
    EXPECT_EQ(got.ontvanger.organisatie, "73000101");
    EXPECT_EQ(got.ontvanger.applicatie, "GGk");
    EXPECT_EQ(got.referentienummer, sent.referentienummer);
    EXPECT_EQ(got.tijdstip, sent.tijdstip);
    EXPECT_EQ(got.functie, "WMO301");
    EXPECT_EQ(got.referentienummer_bericht, "T-301-0001");
    EXPECT_EQ(got.functie_versie + got.functie_subversie, "00030002");
    EXPECT_FALSE(got.bestandsnaam);
    EXPECT_EQ(got.payload, sent.payload);

    GgkEnvelope answer = wmo301ToProvider();
    answer.cross_refnummer = sent.referentienummer;
    answer.bestandsnaam = "WMO302.xml";
    const auto du01 = readGgkEnvelope(ourSchemas(), writeGgkDu01(answer));
    ASSERT_TRUE(du01.ok());
    EXPECT_TRUE(du01.retour);
    EXPECT_EQ(du01.envelope->cross_refnummer, sent.referentienummer);
    EXPECT_EQ(du01.envelope->bestandsnaam.value_or(""), "WMO302.xml");
}

TEST(GgkEnvelope, TheSpecificationsOwnExamplesReadWithOurSchemas) {
    ASSERT_TRUE(std::filesystem::exists(kReference / "ggk_Di01.xml")) << kReference;
    const auto di01 = readGgkEnvelope(ourSchemas(), readFile(kReference / "ggk_Di01.xml"));
    ASSERT_TRUE(di01.ok()) << di01.problems.front().message;
    EXPECT_EQ(di01.envelope->functie, "WMO301");
    EXPECT_EQ(di01.envelope->payload, "Hier staat het heenbericht");
    const auto du01 = readGgkEnvelope(ourSchemas(), readFile(kReference / "ggk_Du01.xml"));
    ASSERT_TRUE(du01.ok()) << du01.problems.front().message;
    EXPECT_TRUE(du01.retour);
}

TEST(GgkEnvelope, AHostileOrWrongEnvelopeIsRefusedWithItsReason) {
    const std::string good = writeGgkDi01(wmo301ToProvider());
    const auto code = [](const GgkReadResult& r) {
        return r.problems.empty() ? std::string("none") : r.problems.front().code;
    };
    // A DOCTYPE (entity expansion) never gets parsed.
    std::string doctype = good;
    doctype.insert(doctype.find("<GGK:"), "<!DOCTYPE x [<!ENTITY a \"b\">]>");
    EXPECT_EQ(code(readGgkEnvelope(ourSchemas(), doctype)), "XML_DOCTYPE");
    // A referentienummer that is no UUID (§2.4).
    std::string reference = good;
    const auto at = reference.find("<StUF:referentienummer>") + 23;
    reference.replace(at, 36, "123456789012");
    EXPECT_EQ(code(readGgkEnvelope(ourSchemas(), reference)), "XSD_INVALID");
    // A file name with a space (§2.7).
    std::string name = good;
    name.replace(name.find("xmime:contentType"), 0, "StUF:bestandsnaam=\"wmo 301.xml\" ");
    EXPECT_EQ(code(readGgkEnvelope(ourSchemas(), name)), "XSD_INVALID");
    // Beyond the envelope's size limit.
    xml::Limits small = ggkLimits();
    small.max_bytes = 1024;
    EXPECT_EQ(code(readGgkEnvelope(ourSchemas(), good, small)), "XML_TOO_LARGE");
    // An iWmo message without its envelope.
    EXPECT_EQ(
        code(readGgkEnvelope(ourSchemas(), readFile(kSourceDir / "tests/data/iwmo/wmo301.xml"))),
        "XML_UNKNOWN_NAMESPACE");
}

}  // namespace
}  // namespace zc::iwmo
