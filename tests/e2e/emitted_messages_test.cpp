// Everything the platform emitted during the test run conforms (issue 11, "What we send
// conforms"). Every row of the outbox (WMO301, WMO319, WMO325) and every stored retour of the
// inbox (WMO306, 308, 316, 318, and the WMO325 answer of a WMO323) in the throwaway database
// must be
//  - UTF-8 without a byte-order mark, every line ended by CR/LF (OP192);
//  - valid against our XSD, and against the official XSD where the reference folder has one for
//    its message type (WMO301, WMO319). The retours and the WMO325 have no official iWmo XSD
//    there; their iJw 3.2 twins are not iWmo schemas and are not used;
//  - free of any Fout of the official validation stylesheet: each one fails the test with the
//    rule, its location and the message.
// The suite EmittedMessages runs as a cleanup of the server fixture, so after every e2e,
// payments and browser test of the run, while the database is still up (tests/CMakeLists.txt).
#include <gtest/gtest.h>

#include <filesystem>
#include <iostream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "e2e/iwmo_messages.hpp"
#include "interfaces/iwmo/message_kinds.hpp"
#include "interfaces/mysql/connection.hpp"
#include "interfaces/mysql/connection_pool.hpp"
#include "interfaces/security/crypto.hpp"
#include "support/https_client.hpp"
#include "support/official_stylesheet.hpp"

namespace zc {
namespace {

namespace fs = std::filesystem;

struct Emitted {
    std::string source;  // "outbox 12" / "inbox 7 (retour)"
    std::string xml;
    std::string kind;  // "wmo301", from the root's namespace once parsed
};

// Every distinct message in the outbox and among the inbox's stored retours (the WMO325 of a
// declaration is in both), oldest first.
std::vector<Emitted> emittedMessages() {
    db::ensureThreadInit();
    db::Connection root(test::rootDbConfig());
    if (!root.queryOne("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema ="
                       " DATABASE() AND table_name = 'outbox_messages'")
             ->i64(0)) {
        throw std::runtime_error(
            "the database has no outbox: this test checks what the e2e, payments and browser "
            "tests emitted, so run it with them (e.g. ctest -L e2e), not alone");
    }
    std::vector<Emitted> out;
    std::set<std::string> seen;
    const auto add = [&](std::string source, std::string xml) {
        if (seen.insert(security::sha256Hex(xml)).second) {
            out.push_back({std::move(source), std::move(xml), ""});
        }
    };
    for (const auto& r : root.query(
             "SELECT id, message_code, identificatie, xml FROM outbox_messages ORDER BY id")) {
        add("outbox row " + std::to_string(r.i64(0)) + " (BerichtCode " + r.str(1) + ", " +
                r.str(2) + ")",
            test::openStoredBody(r.str(3)));
    }
    for (const auto& r : root.query(
             "SELECT id, retour_code, identificatie, retour_xml FROM inbox_messages"
             " WHERE retour_xml IS NOT NULL AND retour_xml NOT LIKE 'zcout1:%' ORDER BY id")) {
        add("retour of inbox row " + std::to_string(r.i64(0)) + " (BerichtCode " + r.str(1) +
                ", answering " + r.str(2) + ")",
            test::openStoredBody(r.str(3)));
    }
    return out;
}

std::string excerpt(const std::string& xml) {
    constexpr std::size_t kMax = 6000;
    return xml.size() <= kMax ? xml
                              : xml.substr(0, kMax) + "\n[... " +
                                    std::to_string(xml.size() - kMax) + " more bytes]";
}

// OP192: no byte-order mark, the UTF-8 declaration, every LF preceded by CR. "" when fine.
std::string op192Problem(const std::string& xml) {
    if (xml.rfind("\xEF\xBB\xBF", 0) == 0) return "starts with a byte-order mark";
    if (xml.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>", 0) != 0) {
        return "does not start with the UTF-8 XML declaration";
    }
    for (auto at = xml.find('\n'); at != std::string::npos; at = xml.find('\n', at + 1)) {
        if (at == 0 || xml[at - 1] != '\r') {
            return "a line ends with a bare LF (offset " + std::to_string(at) + ")";
        }
    }
    return "";
}

xml::Limits generous(const std::string& xml) {
    xml::Limits limits;
    limits.max_bytes = std::max<std::size_t>(limits.max_bytes, xml.size());
    limits.max_elements = std::max<std::size_t>(limits.max_elements, xml.size() / 8);
    return limits;
}

TEST(EmittedMessages, ConformToOurXsdTheOfficialXsdAndTheOfficialStylesheet) {
    const fs::path reference = e2e::iwmo::officialSchemaDir();
    const fs::path xsl = test::officialStylesheet(e2e::iwmo::sourceRoot());
    const bool have_reference = fs::exists(xsl);
    if (!have_reference) {
        std::cout << "reference folder " << reference
                  << " absent: only our XSD and OP192 are checked\n";
    }
    std::vector<Emitted> messages = emittedMessages();
    ASSERT_FALSE(messages.empty()) << "the database holds no message the platform emitted";

    std::map<std::string, int> per_kind;
    std::vector<const Emitted*> for_stylesheet;
    for (auto& m : messages) {
        const std::string op192 = op192Problem(m.xml);
        EXPECT_EQ(op192, "") << m.source << " breaks OP192:\n" << excerpt(m.xml);
        const auto ours = xml::parseAndValidate(e2e::iwmo::ourSchemas(), m.xml, generous(m.xml));
        if (!ours.ok()) {
            const auto& p = ours.problems.front();
            ADD_FAILURE() << m.source << " is not valid against our XSD: " << p.code << " "
                          << p.message << " (line " << p.line << ")\n"
                          << excerpt(m.xml);
            continue;
        }
        const auto* kind = zc::iwmo::kindByNamespace(ours.root->ns);
        if (!kind) {
            ADD_FAILURE() << m.source << " is not an iWmo 3.2 message: " << ours.root->ns;
            continue;
        }
        m.kind = kind->name;
        ++per_kind[kind->name];
        if (have_reference && fs::exists(reference / (kind->name + ".xsd"))) {
            const auto official =
                xml::parseAndValidate(*e2e::iwmo::officialSchemas(), m.xml, generous(m.xml));
            if (!official.ok()) {
                const auto& p = official.problems.front();
                ADD_FAILURE() << m.source << " is not valid against the official " << kind->name
                              << ".xsd: " << p.code << " " << p.message << " (line " << p.line
                              << ")\n"
                              << excerpt(m.xml);
            }
        }
        for_stylesheet.push_back(&m);
    }
    std::cout << messages.size() << " emitted messages checked:";
    for (const auto& [kind, n] : per_kind) std::cout << " " << kind << " " << n;
    std::cout << "\n";
    if (!have_reference) GTEST_SKIP() << "official stylesheet absent: " << xsl;

    // The stylesheet, in batches (one xsltproc process per batch).
    constexpr std::size_t kBatch = 100;
    std::map<std::string, int> fouten_per_rule;
    for (std::size_t first = 0; first < for_stylesheet.size(); first += kBatch) {
        const std::size_t last = std::min(for_stylesheet.size(), first + kBatch);
        std::vector<std::string> texts;
        for (std::size_t i = first; i < last; ++i) texts.push_back(for_stylesheet[i]->xml);
        const auto reports = test::runOfficialStylesheet(xsl, texts);
        for (std::size_t i = first; i < last; ++i) {
            const Emitted& m = *for_stylesheet[i];
            const auto& report = reports[i - first];
            ASSERT_EQ(report.error, "") << m.source;
            for (const auto& f : report.fouten) {
                ++fouten_per_rule[f.code];
                ADD_FAILURE() << m.source << " (" << m.kind << ") breaks the official rule "
                              << test::describe(f) << "\n"
                              << excerpt(m.xml);
            }
        }
    }
    for (const auto& [rule, n] : fouten_per_rule) {
        std::cout << "rule " << rule << ": " << n << " Fout(en)\n";
    }
}

}  // namespace
}  // namespace zc
