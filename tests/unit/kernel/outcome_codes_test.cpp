// The outcome registry is complete and consistent: every code the sources and the web
// application use is registered once, with texts and a docs page that exists.
#include "contracting/kernel/outcome_codes.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace zc {
namespace {

namespace fs = std::filesystem;

const fs::path kSource = ZC_SOURCE_DIR;

std::string readFile(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

// Every match of group 1 of `pattern` in the files under `dirs` whose names end in one of `exts`.
std::map<std::string, std::string> matchesIn(const std::vector<std::string>& dirs,
                                             const std::vector<std::string>& exts,
                                             const std::regex& pattern) {
    std::map<std::string, std::string> found;  // code -> first file
    for (const auto& dir : dirs) {
        for (const auto& entry : fs::recursive_directory_iterator(kSource / dir)) {
            const auto ext = entry.path().extension().string();
            if (!entry.is_regular_file() ||
                std::find(exts.begin(), exts.end(), ext) == exts.end()) {
                continue;
            }
            const std::string text = readFile(entry.path());
            for (std::sregex_iterator it(text.begin(), text.end(), pattern), end; it != end; ++it) {
                found.emplace((*it)[1].str(), fs::relative(entry.path(), kSource).string());
            }
        }
    }
    return found;
}

TEST(OutcomeCodes, AreSortedUniqueAndDescribedInBothLanguages) {
    const auto codes = outcomeCodes();
    ASSERT_GT(codes.size(), 200u);
    for (std::size_t i = 0; i < codes.size(); ++i) {
        const auto& o = codes[i];
        if (i > 0) {
            EXPECT_LT(codes[i - 1].code, o.code) << "sorted and unique at " << o.code;
        }
        EXPECT_TRUE(std::regex_match(std::string(o.code), std::regex("[A-Z][A-Z0-9_]+"))) << o.code;
        EXPECT_GE(o.english.size(), 10u) << o.code;
        EXPECT_GE(o.dutch.size(), 10u) << o.code;
        EXPECT_NE(o.english, o.dutch) << o.code;
        EXPECT_TRUE(fs::exists(kSource / std::string(o.documented_in)))
            << o.code << " is explained in " << o.documented_in << ", which does not exist";
    }
}

TEST(OutcomeCodes, FindsRegisteredCodesOnly) {
    ASSERT_NE(findOutcome("DUPLICATE_AGB"), nullptr);
    EXPECT_EQ(findOutcome("DUPLICATE_AGB")->kind, ErrorKind::Conflict);
    EXPECT_EQ(kindOf("ACCOUNT_LOCKED"), ErrorKind::TooManyRequests);
    EXPECT_EQ(kindOf("NO_MATCH"), ErrorKind::Reason);
    EXPECT_EQ(findOutcome("NO_SUCH_CODE"), nullptr);
    EXPECT_EQ(findOutcome(""), nullptr);
}

// A new code in the sources fails here until it is registered (with its status and texts).
TEST(OutcomeCodes, EveryCodeTheSourcesUseIsRegistered) {
    // Upper-case literals with an underscore that are not outcome codes.
    const std::set<std::string> not_codes = {
        "OPT_CHARSET_NAME",  "OPT_CONNECT_TIMEOUT",  // Connector/C++ options
        "ZC_ADMIN_PASSWORD", "ZC_CONFIG",            // environment variables
        "STREAM_STOPPED",                            // the streaming reader's internal stop signal
    };
    const auto used =
        matchesIn({"contracting", "billing", "invoicing", "interfaces"}, {".cpp", ".hpp", ".inc"},
                  std::regex(R"re("([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)")re"));
    for (const auto& [code, file] : used) {
        if (not_codes.contains(code)) continue;
        EXPECT_NE(findOutcome(code), nullptr) << code << " (" << file << ") is not registered";
    }
    const auto thrown =
        matchesIn({"contracting", "billing", "invoicing", "interfaces"}, {".cpp", ".hpp"},
                  std::regex(R"re(ValidationError\(\s*"([A-Z]+)")re"));
    EXPECT_FALSE(thrown.empty());
    for (const auto& [code, file] : thrown) {
        EXPECT_NE(findOutcome(code), nullptr) << code << " (" << file << ") is not registered";
    }
}

// Every error text the web application registers (error.CODE, PREFIX.error.CODE) is for a
// registered code, so a screen cannot word a code the server never sends.
TEST(OutcomeCodes, EveryCodeTheWebApplicationWordsIsRegistered) {
    // Found in the browser itself: the server could not be reached; no provider was chosen.
    const std::set<std::string> browser_only = {"NETWORK", "NO_PROVIDER"};
    const auto worded = matchesIn({"interfaces/web/js"}, {".js"},
                                  std::regex(R"re('(?:[a-z_]+\.)?error\.([A-Z][A-Z0-9_]+)')re"));
    ASSERT_GT(worded.size(), 50u);
    for (const auto& [code, file] : worded) {
        if (browser_only.contains(code)) continue;
        EXPECT_NE(findOutcome(code), nullptr) << code << " (" << file << ") is not registered";
    }
}

}  // namespace
}  // namespace zc
