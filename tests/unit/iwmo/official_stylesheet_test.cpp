// The official iWmo 3.2 validation stylesheet (../shared/reference/iwmo-3.2/validatie) over the
// standard's own example messages (../shared/reference/iwmo-3.2/voorbeelden): they give no Fout,
// except the one the reference folder's README records for wmo317 (TR380: the
// GewensteIngangsdatum of a new product is not after the Dagtekening). That known Fout is
// asserted exactly, so that the check of our own messages (writers_test.cpp and the e2e test
// EmittedMessages) is known to report what the stylesheet finds. Skipped with a message when the
// reference folder is absent; xsltproc is required (scripts/lib.sh installs it).
#include "tests/support/official_stylesheet.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "interfaces/xml/xml_document.hpp"

namespace zc {
namespace {

const std::filesystem::path kSourceDir = ZC_SOURCE_DIR;

std::string readFile(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

TEST(OfficialStylesheet, TheStandardsExamplesPassExceptTheKnownTr380OfWmo317) {
    const auto reference = test::iwmoReferenceDir(kSourceDir);
    const auto xsl = test::officialStylesheet(kSourceDir);
    if (!std::filesystem::exists(xsl)) GTEST_SKIP() << xsl << " absent";
    // The Fouten each example gives; every example of the folder must be listed here.
    const std::map<std::string, std::vector<std::string>> expected{
        {"wmo301", {}},        {"wmo305", {}}, {"wmo307", {}}, {"wmo315", {}},
        {"wmo317", {"TR380"}}, {"wmo319", {}}, {"wmo323", {}}};
    const xml::SchemaSet official(reference);
    std::vector<std::string> names;
    std::vector<std::string> texts;
    for (const auto& entry : std::filesystem::directory_iterator(reference / "voorbeelden")) {
        if (entry.path().extension() != ".xml") continue;
        names.push_back(entry.path().stem().string());
        texts.push_back(readFile(entry.path()));
        const auto parsed = xml::parseAndValidate(official, texts.back());
        EXPECT_TRUE(parsed.ok()) << names.back() << " is not valid against the official XSD";
    }
    EXPECT_EQ(names.size(), expected.size());
    const auto reports = test::runOfficialStylesheet(xsl, texts);
    ASSERT_EQ(reports.size(), names.size());
    for (std::size_t i = 0; i < names.size(); ++i) {
        ASSERT_EQ(reports[i].error, "") << names[i];
        const auto want = expected.find(names[i]);
        ASSERT_NE(want, expected.end()) << "an example not known to this test: " << names[i];
        EXPECT_EQ(reports[i].codes(), want->second) << names[i];
    }
    // The known Fout in detail: the rule, and the two elements it compares.
    const auto at = std::find(names.begin(), names.end(), "wmo317") - names.begin();
    ASSERT_LT(static_cast<std::size_t>(at), names.size());
    ASSERT_EQ(reports[at].fouten.size(), 1u);
    const auto& fout = reports[at].fouten.front();
    EXPECT_EQ(fout.locations,
              (std::vector<std::string>{
                  "/Bericht/Header/BerichtIdentificatie/Dagtekening",
                  "/Bericht/Client/Verzoek/NieuweProducten/NieuwProduct/GewensteIngangsdatum"}));
}

// With the wmo317 example's GewensteIngangsdatum a day after its Dagtekening, TR380 goes away:
// the Fout above is the example's own date, not a fault of the run.
TEST(OfficialStylesheet, Tr380OfWmo317GoesAwayWithALaterGewensteIngangsdatum) {
    const auto reference = test::iwmoReferenceDir(kSourceDir);
    const auto xsl = test::officialStylesheet(kSourceDir);
    if (!std::filesystem::exists(xsl)) GTEST_SKIP() << xsl << " absent";
    std::string text = readFile(reference / "voorbeelden" / "wmo317.xml");
    const std::string open = "<wmo317:GewensteIngangsdatum>";
    int replaced = 0;
    for (auto at = text.find(open); at != std::string::npos; at = text.find(open, at + 1)) {
        // The day after the example's Dagtekening (2023-04-02), before its Einddatum (CS003).
        text.replace(at + open.size(), 10, "2023-04-03");
        ++replaced;
    }
    ASSERT_GE(replaced, 1);
    const auto report = test::runOfficialStylesheet(xsl, text);
    ASSERT_EQ(report.error, "");
    EXPECT_EQ(report.codes(), std::vector<std::string>{});
}

}  // namespace
}  // namespace zc
