// The StUF answers of the GGk exchange (issue 16): Bv03, Fo01 and Fo03 validate against the
// official stuf0301.xsd (with xmllint, as the reference's README prescribes); the Fo03 travels
// in a SOAP 1.1 Fault; the chain's error codes have their Dutch text.
#include "interfaces/iwmo/stuf_answers.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <stdexcept>

#include "tests/support/ggk_reference.hpp"
#include "tests/support/xmllint.hpp"

namespace zc::iwmo {
namespace {

using test::kStufXsd;

// xmllint's verdict on the answer (with an XML declaration) against the official schema.
std::string officialProblems(const std::string& xml, const std::string& name) {
    return test::xmllintProblems("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + xml, kStufXsd,
                                 "stuf-" + name);
}

StufAnswerHeader answerTo(const std::string& cross) {
    return {{"0193", "zorgcontract", "Gemeente Zwolle"},
            {"CAK", "GGk", ""},
            newReferentienummer(),
            "20261203120000123",
            cross};
}

TEST(StufAnswers, Bv03Fo01AndFo03ValidateAgainstTheOfficialSchema) {
    ASSERT_TRUE(std::filesystem::exists(kStufXsd)) << kStufXsd;
    const std::string cross = newReferentienummer();
    const std::string bv03 = stufBv03(answerTo(cross));
    EXPECT_EQ(officialProblems(bv03, "bv03"), "") << bv03;
    EXPECT_NE(bv03.find("<StUF:crossRefnummer>" + cross + "</StUF:crossRefnummer>"),
              std::string::npos);
    const StufFault fault{kPayloadNotConform, true, chainErrorText(kPayloadNotConform),
                          "wmo323: element Bsn: '12345' is not a valid value"};
    const std::string fo01 = stufFo01(answerTo(cross), fault);
    EXPECT_EQ(officialProblems(fo01, "fo01"), "") << fo01;
    EXPECT_NE(fo01.find("<StUF:code>StUF055</StUF:code><StUF:plek>client</StUF:plek>"),
              std::string::npos);
    const std::string fo03 =
        stufFo03(answerTo(cross),
                 {"StUF055", false, "Te lang: " + std::string(300, 'x'), std::string(2000, 'y')});
    EXPECT_EQ(officialProblems(fo03, "fo03"), "") << "long texts are cut to the schema's bounds";
}

TEST(StufAnswers, TheOfficialSchemaRefusesABrokenAnswer) {
    std::string broken = stufBv03(answerTo(newReferentienummer()));
    broken.replace(broken.find("Bv03</StUF:berichtcode>"), 4, "Bv09");
    EXPECT_NE(officialProblems(broken, "broken"), "");
}

TEST(StufAnswers, AFaultTravelsAsASoapFaultWithTheFo03AsDetail) {
    const std::string soap = soapFo03Fault(answerTo(newReferentienummer()),
                                           {"StUF055", true, "Bericht <niet> conform", ""});
    EXPECT_EQ(soap.rfind("<?xml", 0), 0u);
    EXPECT_NE(soap.find("<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\">"
                        "<soap:Body><soap:Fault><faultcode>soap:Client</faultcode>"
                        "<faultstring>Bericht &lt;niet&gt; conform</faultstring><detail>"
                        "<StUF:Fo03Bericht"),
              std::string::npos)
        << soap;
    EXPECT_NE(soap.find("</StUF:Fo03Bericht></detail></soap:Fault></soap:Body></soap:Envelope>"),
              std::string::npos);
}

TEST(StufAnswers, ValuesBeyondTheSchemaAreRefusedAndCodesHaveTheirText) {
    EXPECT_THROW(stufFo01(answerTo("x"), {"StUF0551", true, "te lange code", ""}),
                 std::invalid_argument);
    EXPECT_THROW(stufBv03(answerTo("")), std::invalid_argument)
        << "an answer names what it answers";
    EXPECT_EQ(chainErrorText("IB009"), "Opgegeven (cross)referentienummer is geen geldig UUID");
    EXPECT_EQ(chainErrorText("CC08"), "UUID is niet uniek");
    EXPECT_EQ(chainErrorText("XX999"), "");
    EXPECT_EQ(chainErrorCodes().size(), 24u);
}

}  // namespace
}  // namespace zc::iwmo
