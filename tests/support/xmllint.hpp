#pragma once
// xmllint's verdict on a document against an official schema (the reference READMEs prescribe
// `xmllint --noout --schema`): "" when it validates, else xmllint's words. The document is
// written to a temporary file named after `name`; no network (--nonet).
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

namespace zc::test {

inline std::string xmllintProblems(const std::string& xml, const std::filesystem::path& xsd,
                                   const std::string& name) {
    const auto file = std::filesystem::temp_directory_path() / ("zc-xmllint-" + name + ".xml");
    std::ofstream(file, std::ios::binary) << xml;
    const std::string command =
        "xmllint --noout --nonet --schema '" + xsd.string() + "' '" + file.string() + "' 2>&1";
    std::string output;
    if (FILE* p = popen(command.c_str(), "r")) {
        char buffer[512];
        while (std::fgets(buffer, sizeof buffer, p)) output += buffer;
        if (pclose(p) == 0) output.clear();
    } else {
        output = "xmllint did not start";
    }
    std::filesystem::remove(file);
    return output;
}

}  // namespace zc::test
