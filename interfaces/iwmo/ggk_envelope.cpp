#include "interfaces/iwmo/ggk_envelope.hpp"

#include <Poco/Base64Decoder.h>
#include <Poco/Base64Encoder.h>
#include <Poco/UUIDGenerator.h>

#include <cstdio>
#include <sstream>
#include <stdexcept>

#include "contracting/kernel/amsterdam_time.hpp"
#include "interfaces/xml/xml_document.hpp"

namespace zc::iwmo {
namespace {

constexpr std::size_t kMaxOrganisatie = 200;
constexpr std::size_t kMinApplicatie = 3;
constexpr std::size_t kMaxApplicatie = 50;
constexpr std::size_t kMaxFunctie = 30;
constexpr std::size_t kMaxRefnummer = 40;
constexpr std::size_t kMaxFileName = 255;
constexpr std::size_t kMaxEnvelopeBytes = 25 * 1024 * 1024;

void require(bool ok, const std::string& field, const std::string& rule) {
    if (!ok) throw std::invalid_argument("GGk envelope: " + field + " " + rule);
}

bool allOf(const std::string& s, bool (*ok)(char)) {
    for (char c : s) {
        if (!ok(c)) return false;
    }
    return true;
}

bool digit(char c) { return c >= '0' && c <= '9'; }
bool lowerHex(char c) { return digit(c) || (c >= 'a' && c <= 'f'); }
bool fileNameChar(char c) {
    return digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '.' || c == '-' ||
           c == '_';
}

// xxxxxxxx-xxxx-4xxx-[89ab]xxx-xxxxxxxxxxxx
bool uuidV4(const std::string& s) {
    if (s.size() != 36) return false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash ? s[i] != '-' : !lowerHex(s[i])) return false;
    }
    return s[14] == '4' && std::string("89ab").find(s[19]) != std::string::npos;
}

void checkSystem(const GgkSystem& s, const std::string& role) {
    require(!s.organisatie.empty() && s.organisatie.size() <= kMaxOrganisatie,
            role + ".organisatie", "must have 1 to 200 characters");
    require(s.applicatie.size() >= kMinApplicatie && s.applicatie.size() <= kMaxApplicatie,
            role + ".applicatie", "must have 3 to 50 characters");
}

void checkVersion(const std::string& v, const std::string& field) {
    require(v.size() == 4 && allOf(v, digit), field, "must be 4 digits");
}

void check(const GgkEnvelope& e, bool retour) {
    checkSystem(e.zender, "zender");
    checkSystem(e.ontvanger, "ontvanger");
    require(uuidV4(e.referentienummer), "referentienummer", "must be a lower-case UUID v4");
    require(!retour || uuidV4(e.cross_refnummer), "crossRefnummer",
            "must be the answered envelope's UUID");
    require(e.tijdstip.size() >= 8 && e.tijdstip.size() <= 17 && allOf(e.tijdstip, digit),
            "tijdstipBericht", "must be 8 to 17 digits");
    require(!e.functie.empty() && e.functie.size() <= kMaxFunctie, "functie",
            "must have 1 to 30 characters");
    checkVersion(e.applicatie_versie, "applicatieVersie");
    checkVersion(e.applicatie_subversie, "applicatieSubversie");
    checkVersion(e.functie_versie, "functieVersie");
    checkVersion(e.functie_subversie, "functieSubversie");
    require(e.referentienummer_bericht.size() <= kMaxRefnummer, "referentienummerBericht",
            "must have at most 40 characters");
    require(!e.bestandsnaam || validGgkFileName(*e.bestandsnaam), "bestandsnaam",
            "must be 1 to 255 characters of 0-9, a-z, A-Z, '.', '-' and '_'");
    require(!e.payload.empty(), "bericht", "must carry a message");
}

std::string base64(const std::string& data) {
    std::ostringstream out;
    Poco::Base64Encoder encoder(out);
    encoder.rdbuf()->setLineLength(0);
    encoder << data;
    encoder.close();
    return out.str();
}

void system(xml::XmlWriter& w, const char* element, const GgkSystem& s) {
    w.open(element);
    w.leaf("StUF:organisatie", s.organisatie).leaf("StUF:applicatie", s.applicatie);
    if (!s.administratie.empty()) w.leaf("StUF:administratie", s.administratie);
    w.close();
}

std::string write(const GgkEnvelope& e, bool retour) {
    check(e, retour);
    xml::XmlWriter w;
    w.open(retour ? "GGK:envelopRetourbericht-ggk_Du01" : "GGK:envelopHeenbericht-ggk_Di01")
        .attribute("xmlns:GGK", kGgkNamespace)
        .attribute("xmlns:StUF", kStufNamespace)
        .attribute("xmlns:xmime", kXmimeNamespace);
    w.open("GGK:stuurgegevens").leaf("StUF:berichtcode", retour ? "Du01" : "Di01");
    system(w, "StUF:zender", e.zender);
    system(w, "StUF:ontvanger", e.ontvanger);
    w.leaf("StUF:referentienummer", e.referentienummer).leaf("StUF:tijdstipBericht", e.tijdstip);
    if (retour) w.leaf("StUF:crossRefnummer", e.cross_refnummer);
    w.leaf("StUF:functie", e.functie).close();
    w.open("GGK:parameters");
    if (!e.referentienummer_bericht.empty()) {
        w.leaf("GGK:referentienummerBericht", e.referentienummer_bericht);
    }
    w.leaf("GGK:applicatieVersie", e.applicatie_versie)
        .leaf("GGK:applicatieSubversie", e.applicatie_subversie)
        .leaf("GGK:functieVersie", e.functie_versie)
        .leaf("GGK:functieSubversie", e.functie_subversie);
    w.open("GGK:bericht");
    if (e.bestandsnaam) w.attribute("StUF:bestandsnaam", *e.bestandsnaam);
    w.attribute("xmime:contentType", "application/xml").text(base64(e.payload)).close();
    return w.finish();
}

std::string decodedBase64(const std::string& text) {
    std::istringstream in(text);
    Poco::Base64Decoder decoder(in);
    std::ostringstream out;
    out << decoder.rdbuf();
    return out.str();
}

}  // namespace

GgkSystem ggkSystemOf(const xml::Element* e) {
    if (!e) return {};
    return {e->childText("organisatie"), e->childText("applicatie"), e->childText("administratie")};
}

GgkEnvelope ggkEnvelopeOf(const xml::Element& root) {
    GgkEnvelope e;
    const xml::Element* stuur = root.child("stuurgegevens");
    const xml::Element* params = root.child("parameters");
    e.zender = ggkSystemOf(stuur->child("zender"));
    e.ontvanger = ggkSystemOf(stuur->child("ontvanger"));
    e.referentienummer = stuur->childText("referentienummer");
    e.tijdstip = stuur->childText("tijdstipBericht");
    e.cross_refnummer = stuur->childText("crossRefnummer");
    e.functie = stuur->childText("functie");
    e.referentienummer_bericht = params->childText("referentienummerBericht");
    e.applicatie_versie = params->childText("applicatieVersie");
    e.applicatie_subversie = params->childText("applicatieSubversie");
    e.functie_versie = params->childText("functieVersie");
    e.functie_subversie = params->childText("functieSubversie");
    const xml::Element* bericht = params->child("bericht");
    const std::string name = bericht->attribute("bestandsnaam");
    if (!name.empty()) e.bestandsnaam = name;
    e.payload = decodedBase64(bericht->text);
    return e;
}

xml::Limits ggkLimits() {
    xml::Limits limits;
    limits.max_bytes = kMaxEnvelopeBytes;
    limits.max_text_bytes = kMaxEnvelopeBytes;
    limits.max_depth = 12;  // SOAP Envelope/Body/Fault/detail around a Fo03 is 9 deep
    limits.max_elements = 64;
    return limits;
}

GgkReadResult readGgkEnvelope(const xml::SchemaSet& schemas, std::string_view text,
                              const xml::Limits& limits) {
    auto parsed = xml::parseAndValidate(schemas, text, limits);
    GgkReadResult result;
    if (!parsed.ok()) {
        result.problems = std::move(parsed.problems);
        return result;
    }
    if (parsed.root->ns != kGgkNamespace) {
        result.problems.push_back({"XML_UNKNOWN_NAMESPACE", "not a GGk envelope", 1, 1});
        return result;
    }
    result.retour = parsed.root->name == "envelopRetourbericht-ggk_Du01";
    result.envelope = ggkEnvelopeOf(*parsed.root);
    return result;
}

std::string writeGgkDi01(const GgkEnvelope& e) { return write(e, false); }

std::string writeGgkDu01(const GgkEnvelope& e) { return write(e, true); }

std::string newReferentienummer() {
    return Poco::UUIDGenerator::defaultGenerator().createRandom().toString();
}

std::string ggkTijdstip(std::chrono::system_clock::time_point at) {
    using namespace std::chrono;
    const auto ms = floor<milliseconds>(at);
    const sys_seconds local = toAmsterdam(floor<seconds>(ms));
    const auto day = floor<days>(local);
    const year_month_day ymd{day};
    const hh_mm_ss clock{local - day};
    char out[80];
    std::snprintf(out, sizeof out, "%04d%02u%02u%02ld%02ld%02ld%03ld", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                  static_cast<long>(clock.hours().count()),
                  static_cast<long>(clock.minutes().count()),
                  static_cast<long>(clock.seconds().count()),
                  static_cast<long>((ms - floor<seconds>(ms)).count()));
    return out;
}

bool validGgkFileName(const std::string& name) {
    return !name.empty() && name.size() <= kMaxFileName && allOf(name, fileNameChar);
}

}  // namespace zc::iwmo
