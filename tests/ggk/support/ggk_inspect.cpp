#include "tests/ggk/support/ggk_inspect.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <regex>

#include "tests/ggk/support/ggk_double.hpp"
#include "tests/support/xmllint.hpp"

namespace zc::test {
namespace {

const std::filesystem::path kReference =
    std::filesystem::path(ZC_SOURCE_ROOT) / "../shared/reference/stuf-ggk/ggk0310_21_03";
const std::filesystem::path kGgkXsd = kReference / "ggk0310_21/ggkberichten/ggk0310_msg.xsd";
const std::filesystem::path kStufXsd = kReference / "0301/stuf0301.xsd";

// The start tag of the first element named `local` (any prefix) from `from`: [begin, end).
std::optional<std::pair<std::size_t, std::size_t>> startTag(const std::string& text,
                                                            const std::string& local,
                                                            std::size_t from = 0) {
    const std::regex open("<([A-Za-z_][\\w.-]*:)?" + local + "[\\s>/]");
    std::smatch m;
    if (!std::regex_search(text.begin() + static_cast<std::ptrdiff_t>(from), text.end(), m, open))
        return std::nullopt;
    const std::size_t begin = from + static_cast<std::size_t>(m.position(0));
    const std::size_t end = text.find('>', begin);
    if (end == std::string::npos) return std::nullopt;
    return std::make_pair(begin, end + 1);
}

// The namespace declarations (name, whole attribute) of one start tag.
std::vector<std::pair<std::string, std::string>> declarations(const std::string& tag) {
    static const std::regex decl("(xmlns(:[\\w.-]+)?)\\s*=\\s*(\"[^\"]*\"|'[^']*')");
    std::vector<std::pair<std::string, std::string>> out;
    for (std::sregex_iterator it(tag.begin(), tag.end(), decl), end; it != end; ++it)
        out.emplace_back((*it)[1].str(), (*it)[0].str());
    return out;
}

// The first element start in `text` from `from`, skipping comments, processing instructions
// and white space; npos when text comes first.
std::size_t firstElement(const std::string& text, std::size_t from) {
    while (from < text.size()) {
        from = text.find_first_not_of(" \t\r\n", from);
        if (from == std::string::npos || text[from] != '<') return std::string::npos;
        if (text.compare(from, 4, "<!--") == 0) {
            from = text.find("-->", from);
            if (from == std::string::npos) return from;
            from += 3;
        } else if (text.compare(from, 2, "<?") == 0) {
            from = text.find("?>", from);
            if (from == std::string::npos) return from;
            from += 2;
        } else {
            return text[from + 1] == '/' ? std::string::npos : from;
        }
    }
    return std::string::npos;
}

// The element's own start tag gets the inherited declarations it lacks.
std::string withInherited(std::string element, const std::vector<std::string>& inherited_tags) {
    const std::size_t name_end = element.find_first_of(" \t\r\n/>");
    const std::string own = element.substr(0, element.find('>'));
    std::string added;
    for (const auto& tag : inherited_tags) {
        for (const auto& [name, attribute] : declarations(tag)) {
            const bool declared = std::regex_search(own, std::regex("\\s" + name + "\\s*="));
            if (!declared && added.find(" " + name + "=") == std::string::npos)
                added += " " + attribute;
        }
    }
    element.insert(name_end, added);
    return element;
}

std::string localName(const std::string& element) {
    const std::size_t end = element.find_first_of(" \t\r\n/>");
    const std::string qname = element.substr(1, end - 1);
    const std::size_t colon = qname.find(':');
    return colon == std::string::npos ? qname : qname.substr(colon + 1);
}

std::mutex& sequenceMutex() {
    static std::mutex m;
    return m;
}

int& lastSequence() {
    static int last = 0;
    return last;
}

std::string kindGuess(const std::string& text) {
    if (text.find("ggk_Di01") != std::string::npos) return "Di01";
    if (text.find("ggk_Du01") != std::string::npos) return "Du01";
    if (text.find("Fo01Bericht") != std::string::npos) return "Fo01";
    return "unknown";
}

}  // namespace

std::string soapBodyElement(const std::string& soap) {
    const auto envelope = startTag(soap, "Envelope");
    const auto body = startTag(soap, "Body", envelope ? envelope->second : 0);
    if (!envelope || !body) return "";
    const std::string body_tag = soap.substr(body->first, body->second - body->first);
    const std::size_t begin = firstElement(soap, body->second);
    const std::string qname = body_tag.substr(1, body_tag.find_first_of(" \t\r\n/>") - 1);
    const std::size_t close = soap.rfind("</" + qname);
    if (begin == std::string::npos || close == std::string::npos || close < begin) return "";
    std::string element = soap.substr(begin, close - begin);
    element.erase(element.find_last_not_of(" \t\r\n") + 1);
    const std::string envelope_tag =
        soap.substr(envelope->first, envelope->second - envelope->first);
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" +
           withInherited(element, {body_tag, envelope_tag});
}

std::string officialProblems(const std::string& soap, const std::string& name) {
    const std::string element = soapBodyElement(soap);
    if (element.empty()) return "no element in a SOAP Body";
    const std::string local = localName(element.substr(element.find("?>\n") + 3));
    std::filesystem::path xsd;
    if (local == "envelopHeenbericht-ggk_Di01" || local == "envelopRetourbericht-ggk_Du01")
        xsd = kGgkXsd;
    else if (local == "Fo01Bericht")
        xsd = kStufXsd;
    else
        return "no official schema for a body element " + local;
    if (!std::filesystem::exists(xsd)) return "official schema absent: " + xsd.string();
    return xmllintProblems(element, xsd, name);
}

std::vector<std::string> postProblems(const iwmo::GgkSoapRead& read, const std::string& soap_action,
                                      const std::string& content_type) {
    std::vector<std::string> out;
    for (const auto& p : read.problems) out.push_back(p.code + ": " + p.message);
    if (read.message) {
        const std::string expected = "\"" + soapActionOf(read.message->kind) + "\"";
        if (soap_action != expected)
            out.push_back("SOAPAction " + soap_action + " where the WSDL gives " + expected);
    }
    if (content_type.rfind("text/xml", 0) != 0)
        out.push_back("Content-Type " + content_type + " where SOAP 1.1 needs text/xml");
    return out;
}

std::string referenceOf(const iwmo::GgkSoapMessage& message) {
    if (message.envelope) return message.envelope->referentienummer;
    if (message.answer) return message.answer->referentienummer;
    return "";
}

std::string functieOf(const iwmo::GgkSoapMessage& message) {
    return message.envelope ? message.envelope->functie : "-";
}

std::string soapActionOf(iwmo::GgkSoapKind kind) {
    switch (kind) {
        case iwmo::GgkSoapKind::Di01:
            return kGgkDi01Action;
        case iwmo::GgkSoapKind::Du01:
            return kGgkDu01Action;
        case iwmo::GgkSoapKind::Fo01:
            return kGgkFo01Action;
        default:
            return "";
    }
}

ArtifactFolder::ArtifactFolder(std::string dir) : dir_(std::move(dir)) {
    if (dir_.empty()) return;
    std::filesystem::create_directories(dir_);
    std::lock_guard lock(sequenceMutex());
    for (const auto& entry : std::filesystem::directory_iterator(dir_)) {
        const std::string name = entry.path().filename().string();
        const std::size_t digits = name.find_first_not_of("0123456789");
        if (digits == 0 || digits == std::string::npos || name[digits] != '-') continue;
        lastSequence() = std::max(lastSequence(), std::stoi(name.substr(0, digits)));
    }
}

int ArtifactFolder::next() {
    std::lock_guard lock(sequenceMutex());
    return ++lastSequence();
}

void ArtifactFolder::keep(int seq, const std::string& direction,
                          const std::optional<iwmo::GgkSoapMessage>& message,
                          const std::string& text) const {
    if (dir_.empty()) return;
    const std::string kind = message ? ggkKindName(message->kind) : kindGuess(text);
    const std::string reference = message ? referenceOf(*message) : "invalid";
    const auto file = std::filesystem::path(dir_) / (std::to_string(seq) + "-" + direction + "-" +
                                                     kind + "-" + reference + ".xml");
    std::ofstream(file, std::ios::binary) << text;
}

}  // namespace zc::test
