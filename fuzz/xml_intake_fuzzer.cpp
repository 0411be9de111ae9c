// Fuzzes the XML intake of POST /messages and /messages/dry-run as far as it runs without the
// database (iwmo::receiveMessage and the WMO323 declaration intake up to their use cases): the
// byte-order mark check, the hardened Xerces SAX2 parse and XSD validation against our iWmo 3.2
// schemas (or, for a WMO323, the streaming DeclarationReader), the header as the intake reads it,
// the in-message rules (level 2) and the mapping of the content to the use case's typed input.
// Bad input may only give problems or a ValidationError; anything else (another exception, a
// sanitizer report) is a finding.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "contracting/kernel/errors.hpp"
#include "interfaces/iwmo/declaration.hpp"
#include "interfaces/iwmo/exchange/intake_answer.hpp"
#include "interfaces/iwmo/exchange/message_rules.hpp"
#include "interfaces/iwmo/exchange/received_messages.hpp"
#include "interfaces/iwmo/message_kinds.hpp"
#include "interfaces/xml/xml_document.hpp"

namespace {

using namespace zc;

// Loaded once, as the server does at start-up; kept for the whole run.
const xml::SchemaSet& schemas() {
    static const auto* set = new xml::SchemaSet(ZC_FUZZ_SCHEMA_DIR);
    return *set;
}

// The limits of the shipped configuration (limits.max_xml_bytes and xml::Limits' defaults).
xml::Limits limits() { return xml::Limits{}; }

void declaration(std::string_view text) {
    iwmo::DeclarationReader reader;
    const auto problems = reader.readText(
        schemas(), text, limits(), [](const iwmo::DeclarationHead&) {},
        [](const iwmo::Prestatie&) {});
    (void)problems;
}

// What iwmo::receiveMessage does before its use case opens the transaction.
void message(std::string_view text) {
    const auto parsed = xml::parseAndValidate(schemas(), text, limits());
    if (!parsed.ok()) {
        if (parsed.problems.empty() || parsed.problems.front().code.empty()) std::abort();
        return;
    }
    const xml::Element& root = *parsed.root;
    const auto* kind = iwmo::kindByNamespace(root.ns);
    if (!kind || !kind->from_provider || kind->name == "wmo323") return;
    const bool retour = kind->name == "wmo302" || kind->name == "wmo320";
    const auto recipient = root.child("Header")->childText(retour ? "Afzender" : "Ontvanger");
    (void)root.child("Header")->childText(retour ? "Ontvanger" : "Afzender");
    (void)root.find("Header/BerichtIdentificatie/Identificatie")->text;
    (void)iwmo::dagtekeningOf(root);
    if (retour) return;
    if (!iwmo::levelTwoProblems(root, *kind).empty()) return;
    if (kind->name == "wmo305" || kind->name == "wmo307") {
        (void)iwmo::readCareReport(root, kind->name == "wmo307");
    } else if (kind->name == "wmo315") {
        (void)iwmo::readAllocationRequest(root, recipient);
    } else {
        (void)iwmo::readChangeRequest(root, recipient);
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    try {
        iwmo::refuseByteOrderMark(text);
        if (iwmo::looksLikeDeclaration(text.substr(0, iwmo::kSniffBytes))) {
            declaration(text);
        } else {
            message(text);
        }
    } catch (const ValidationError& e) {
        if (e.code().empty()) std::abort();
    }
    return 0;
}
