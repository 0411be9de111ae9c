#pragma once
// Shared by the ISO 20022 tests: our schema set, the official one (read-only, from
// ../shared/reference/iso20022 beside the source tree; skipped when absent), fixtures.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "interfaces/xml/stream_reader.hpp"
#include "interfaces/xml/xml_document.hpp"

namespace zc::iso20022::testing {

inline const std::filesystem::path kSourceDir = ZC_SOURCE_DIR;
inline const std::filesystem::path kOurSchemas = kSourceDir / "interfaces/xml/schemas/iso20022";
inline const std::filesystem::path kOfficialSchemas = kSourceDir / "../shared/reference/iso20022";
inline const std::filesystem::path kFixtures = kSourceDir / "tests/fixtures/iso20022";

inline const xml::SchemaSet& ourSchemas() {
    static const xml::SchemaSet set(kOurSchemas);
    return set;
}

// The official ISO schemas (both files of the reference folder, loaded by the same hardened
// SchemaSet), or nullptr with the reason printed when `file` is absent there.
inline const xml::SchemaSet* officialSchemas(const std::string& file) {
    if (!std::filesystem::exists(kOfficialSchemas / file)) {
        std::cout << "official schema " << (kOfficialSchemas / file)
                  << " absent; the check against it is skipped\n";
        return nullptr;
    }
    static const std::unique_ptr<xml::SchemaSet> set =
        std::make_unique<xml::SchemaSet>(kOfficialSchemas);
    return set.get();
}

inline std::string readText(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    EXPECT_TRUE(in) << "cannot read " << path;
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

inline std::string describe(const std::vector<xml::Problem>& problems) {
    if (problems.empty()) return "OK";
    const auto& p = problems.front();
    return p.code + " " + p.message + " at line " + std::to_string(p.line) + ", column " +
           std::to_string(p.column);
}

inline std::string codeOf(const std::vector<xml::Problem>& problems) {
    return problems.empty() ? "OK" : problems.front().code;
}

// Validation only (streamed, hardened), whatever the document's size.
inline std::vector<xml::Problem> validate(const xml::SchemaSet& schemas, std::string_view text) {
    xml::CallbackSink ignore([](const xml::Element&, const std::vector<std::string>&) {});
    xml::Limits limits;
    limits.max_bytes = 64 << 20;
    limits.max_elements = 4'000'000;
    return xml::streamValidate(schemas, text, limits, {}, ignore).problems;
}

// `text` with every `from` replaced by `to`; fails the test when `from` does not occur.
inline std::string replaced(std::string text, const std::string& from, const std::string& to) {
    EXPECT_NE(text.find(from), std::string::npos) << "not in the text: " << from;
    for (std::size_t at = 0; (at = text.find(from, at)) != std::string::npos; at += to.size()) {
        text.replace(at, from.size(), to);
    }
    return text;
}

}  // namespace zc::iso20022::testing
