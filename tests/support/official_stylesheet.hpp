#pragma once
// The official iWmo 3.2 validation stylesheet (XSLT 1.0, in the reference folder beside the
// repository: ../shared/reference/iwmo-3.2/validatie/iwmo-3.2-regels.xsl) run with xsltproc over
// messages, and its report read back as a list of Fouten (one per broken rule). xsltproc is a
// test dependency (Debian package xsltproc, installed by scripts/lib.sh). Header-only: used by
// the unit tests (the standard's examples, our writers) and the e2e check of every message the
// platform emitted.
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace zc::test {

// ../shared/reference/iwmo-3.2 beside the source root.
inline std::filesystem::path iwmoReferenceDir(const std::filesystem::path& source_root) {
    return (source_root / ".." / "shared" / "reference" / "iwmo-3.2").lexically_normal();
}

inline std::filesystem::path officialStylesheet(const std::filesystem::path& source_root) {
    return iwmoReferenceDir(source_root) / "validatie" / "iwmo-3.2-regels.xsl";
}

struct StylesheetFout {
    std::string code;        // the rule, e.g. "TR006"
    std::string retourcode;  // e.g. "0001", when the rule has one
    std::vector<std::string> locations;
    std::string details;
};

struct StylesheetReport {
    std::string error;  // set when xsltproc did not run or gave no readable report
    std::vector<StylesheetFout> fouten;

    std::vector<std::string> codes() const {
        std::vector<std::string> out;
        for (const auto& f : fouten) out.push_back(f.code);
        return out;
    }
};

inline std::string describe(const StylesheetFout& f) {
    std::string out = f.code + (f.retourcode.empty() ? "" : " (retourcode " + f.retourcode + ")");
    if (!f.details.empty()) out += ": " + f.details;
    for (const auto& l : f.locations) out += "\n    at " + l;
    return out;
}

namespace detail {

inline std::string shellQuoted(const std::string& text) {
    std::string out = "'";
    for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

inline std::string between(const std::string& text, const std::string& open,
                           const std::string& close, std::size_t& from) {
    const auto begin = text.find(open, from);
    if (begin == std::string::npos) return {};
    const auto end = text.find(close, begin + open.size());
    if (end == std::string::npos) return {};
    from = end + close.size();
    return text.substr(begin + open.size(), end - begin - open.size());
}

inline std::size_t count(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
    return n;
}

// One report (the stylesheet's output for one message) read into Fouten.
inline StylesheetReport parseReport(const std::string& report) {
    StylesheetReport r;
    if (report.find("Rapport") == std::string::npos) {
        r.error = "no validation report in the output:\n" + report;
        return r;
    }
    std::size_t at = 0;
    for (;;) {
        std::size_t probe = at;
        const std::string block = between(report, "<n4:Fout>", "</n4:Fout>", probe);
        if (probe == at) break;
        at = probe;
        StylesheetFout f;
        std::size_t p = 0;
        f.code = between(block, "<n4:Code>", "</n4:Code>", p);
        p = 0;
        f.retourcode = between(block, "<n4:Retourcode>", "</n4:Retourcode>", p);
        p = 0;
        f.details = between(block, "<n4:Details>", "</n4:Details>", p);
        for (p = 0;;) {
            const std::size_t before = p;
            std::string l = between(block, "<n4:Locatie>", "</n4:Locatie>", p);
            if (p == before) break;
            f.locations.push_back(std::move(l));
        }
        r.fouten.push_back(std::move(f));
    }
    // Every Fout has an opening and a closing tag ("Fouten>" does not contain "Fout>").
    if (count(report, "Fout>") != 2 * r.fouten.size()) {
        r.error = "the report has Fout elements this reader did not understand:\n" + report;
    }
    return r;
}

inline std::string readAll(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

}  // namespace detail

// Runs the stylesheet over each message (one xsltproc process for all of them) and returns one
// report per message, in order. Each report's `error` is set when xsltproc is missing or
// failed, or the output cannot be matched to the messages.
inline std::vector<StylesheetReport> runOfficialStylesheet(const std::filesystem::path& xsl,
                                                           const std::vector<std::string>& xmls) {
    std::vector<StylesheetReport> out(xmls.size());
    if (xmls.empty()) return out;
    const auto fail = [&](const std::string& error) {
        for (auto& r : out) r.error = error;
        return out;
    };
    std::string pattern = (std::filesystem::temp_directory_path() / "zc-xslt-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) return fail("cannot create a temporary folder");
    const std::filesystem::path dir = pattern;
    std::string command = "xsltproc --nonet --nowrite --nomkdir " + detail::shellQuoted(xsl);
    for (std::size_t i = 0; i < xmls.size(); ++i) {
        const auto file = dir / ("m" + std::to_string(i) + ".xml");
        std::ofstream(file, std::ios::binary) << xmls[i];
        command += " " + detail::shellQuoted(file.string());
    }
    command += " 2>" + detail::shellQuoted((dir / "stderr").string());
    std::string output;
    int status = -1;
    if (FILE* pipe = ::popen(command.c_str(), "r")) {
        char buffer[65536];
        for (std::size_t n; (n = ::fread(buffer, 1, sizeof buffer, pipe)) > 0;) {
            output.append(buffer, n);
        }
        status = ::pclose(pipe);
    }
    const std::string errors = detail::readAll(dir / "stderr");
    std::filesystem::remove_all(dir);
    if (status == -1 || !WIFEXITED(status) || WEXITSTATUS(status) == 127) {
        return fail("xsltproc did not run (install the Debian package xsltproc): " + errors);
    }
    if (WEXITSTATUS(status) != 0) {
        return fail("xsltproc failed with exit status " + std::to_string(WEXITSTATUS(status)) +
                    ": " + errors);
    }
    // One report per message, each starting with its XML declaration.
    std::vector<std::string> reports;
    for (std::size_t at = output.find("<?xml"); at != std::string::npos;) {
        const std::size_t next = output.find("<?xml", at + 1);
        reports.push_back(output.substr(at, next == std::string::npos ? next : next - at));
        at = next;
    }
    if (reports.size() != xmls.size()) {
        return fail(std::to_string(reports.size()) + " reports for " + std::to_string(xmls.size()) +
                    " messages: " + errors);
    }
    for (std::size_t i = 0; i < xmls.size(); ++i) out[i] = detail::parseReport(reports[i]);
    return out;
}

inline StylesheetReport runOfficialStylesheet(const std::filesystem::path& xsl,
                                              const std::string& xml) {
    return runOfficialStylesheet(xsl, std::vector<std::string>{xml}).front();
}

}  // namespace zc::test
