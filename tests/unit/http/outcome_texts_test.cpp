// docs/errors.md and the web application's error texts are what the registry generates: a code
// added or changed in the registry without running scripts/generate-outcome-texts.sh fails here.
#include "interfaces/http/outcome_texts.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "contracting/kernel/outcome_codes.hpp"
#include "interfaces/http/error_mapping.hpp"

namespace zc::http {
namespace {

std::string readSourceFile(const std::string& relative) {
    std::ifstream in(std::filesystem::path(ZC_SOURCE_DIR) / relative, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

TEST(OutcomeTexts, DocsErrorsIsGeneratedFromTheRegistry) {
    EXPECT_EQ(readSourceFile("docs/errors.md"), outcomeCodesMarkdown())
        << "run scripts/generate-outcome-texts.sh";
}

TEST(OutcomeTexts, TheWebApplicationsErrorTextsAreGeneratedFromTheRegistry) {
    EXPECT_EQ(readSourceFile("interfaces/web/js/error_texts.js"), outcomeCodesJavaScript())
        << "run scripts/generate-outcome-texts.sh";
}

TEST(OutcomeTexts, EveryRefusalCodeIsInTheTableUnderItsOneStatus) {
    const std::string md = outcomeCodesMarkdown();
    for (const OutcomeCode& o : outcomeCodes()) {
        const auto at = md.find("| `" + std::string(o.code) + "` |");
        ASSERT_NE(at, std::string::npos) << o.code;
        EXPECT_EQ(md.find("| `" + std::string(o.code) + "` |", at + 1), std::string::npos)
            << o.code;
        const auto heading = md.rfind("\n## ", at);
        const int status = statusOf(o.kind);
        const std::string expected = status == 0 ? "Reason codes" : std::to_string(status);
        EXPECT_EQ(md.compare(heading + 4, expected.size(), expected), 0) << o.code;
    }
}

TEST(OutcomeTexts, EachCodeHasOneStatus) {
    EXPECT_EQ(statusOf(kindOf("NO_TARIFF")), 404);
    EXPECT_EQ(statusOf(kindOf("NO_TARIFF_TO_INDEX")), 422);
    EXPECT_EQ(statusOf(kindOf("INVALID_ADDRESS")), 400);
    EXPECT_EQ(statusOf(kindOf("CLIENT_ADDRESS_INCOMPLETE")), 422);
    EXPECT_EQ(statusOf(kindOf("RETRY")), 503);
    EXPECT_EQ(statusOf(kindOf("MESSAGE_BEING_PROCESSED")), 409);
    EXPECT_EQ(statusOf(kindOf("NO_MATCH")), 0);
}

}  // namespace
}  // namespace zc::http
