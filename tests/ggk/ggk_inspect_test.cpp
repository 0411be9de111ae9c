// What the GGk double checks in a post (issue 16): the SOAP body's element is validated on its
// own against the official XSD, also when its namespaces are declared on soap:Envelope (as a
// writer may do); a SOAPAction or Content-Type that does not fit is named.
#include "tests/ggk/support/ggk_inspect.hpp"

#include <gtest/gtest.h>

#include "tests/ggk/support/ggk_double.hpp"

namespace zc::test {
namespace {

// The Di01's body element with its namespace declarations moved up to soap:Envelope.
std::string declaredOnTheEnvelope(const std::string& soap) {
    const std::size_t element = soap.find("<GGK:envelopHeenbericht-ggk_Di01");
    const std::size_t end = soap.find('>', element);
    const std::string tag = soap.substr(element, end - element);
    const std::string name = "<GGK:envelopHeenbericht-ggk_Di01";
    const std::string declarations = tag.substr(name.size());
    std::string out = soap;
    out.replace(element, end - element, name);
    out.insert(out.find("<soap:Envelope ") + 14, declarations);
    return out;
}

TEST(GgkInspect, TheBodyElementIsCheckedWithTheEnvelopesNamespaceDeclarations) {
    const BuiltEnvelope built = providerDi01("<a/>", "WMO305", "73000101", "0193");
    EXPECT_EQ(officialProblems(built.soap, "inspect-own"), "");
    const std::string moved = declaredOnTheEnvelope(built.soap);
    ASSERT_NE(moved, built.soap);
    ASSERT_EQ(moved.find("<GGK:envelopHeenbericht-ggk_Di01 "), std::string::npos) << moved;
    const std::string element = soapBodyElement(moved);
    EXPECT_NE(element.find("<GGK:envelopHeenbericht-ggk_Di01 xmlns:"), std::string::npos)
        << element;
    EXPECT_EQ(officialProblems(moved, "inspect-moved"), "") << element;
}

TEST(GgkInspect, WhatIsNotASoapBodyIsNamed) {
    EXPECT_EQ(soapBodyElement("<a/>"), "");
    EXPECT_EQ(officialProblems("<x/>", "inspect-none"), "no element in a SOAP Body");
    const std::string other =
        "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>"
        "<x:y xmlns:x=\"urn:x\"/></soap:Body></soap:Envelope>";
    EXPECT_EQ(officialProblems(other, "inspect-other"), "no official schema for a body element y");
}

TEST(GgkInspect, AnActionOrContentTypeThatDoesNotFitIsNamed) {
    static const xml::SchemaSet schemas(std::string(ZC_SOURCE_ROOT) +
                                        "/interfaces/xml/schemas/ggk-2.1");
    const auto read =
        iwmo::readGgkSoap(schemas, providerDi01("<a/>", "WMO305", "73000101", "0193").soap);
    ASSERT_TRUE(read.ok());
    const std::string di01 = std::string("\"") + kGgkDi01Action + "\"";
    EXPECT_TRUE(postProblems(read, di01, "text/xml; charset=utf-8").empty());
    EXPECT_EQ(postProblems(read, kGgkDi01Action, "text/xml").size(), 1u) << "not quoted";
    EXPECT_EQ(postProblems(read, di01, "application/soap+xml").size(), 1u);
}

}  // namespace
}  // namespace zc::test
