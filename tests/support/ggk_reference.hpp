#pragma once
// What the StUF-GGk unit tests share: the official schemas in ../shared/reference/stuf-ggk
// (checked with xmllint, never copied into the project), our own envelope schemas and a file
// reader.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "interfaces/xml/xml_document.hpp"

namespace zc::test {

inline const std::filesystem::path kSourceDir = ZC_SOURCE_DIR;
// The folder of the official ggk0310 messages (ggk0310_msg.xsd, the WSDL, the examples).
inline const std::filesystem::path kGgkReference =
    kSourceDir / "../shared/reference/stuf-ggk/ggk0310_21_03/ggk0310_21/ggkberichten";
inline const std::filesystem::path kGgkXsd = kGgkReference / "ggk0310_msg.xsd";
inline const std::filesystem::path kStufXsd =
    kSourceDir / "../shared/reference/stuf-ggk/ggk0310_21_03/0301/stuf0301.xsd";

// Our envelope schemas (interfaces/xml/schemas/ggk-2.1), loaded once per process.
inline const xml::SchemaSet& ourGgkSchemas() {
    static const xml::SchemaSet set(kSourceDir / "interfaces/xml/schemas/ggk-2.1");
    return set;
}

inline std::string readFile(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    EXPECT_TRUE(in) << "cannot read " << path;
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

}  // namespace zc::test
