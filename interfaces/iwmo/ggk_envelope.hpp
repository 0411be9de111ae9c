#pragma once
// The StUF-GGk envelope (ggk0310, version 2.1; ../shared/reference/stuf-ggk, teksten/
// specificatie-stuf-envelop-ggk0310-v2.1.04.txt §2.4-2.7 and §3.2-3.3) in which a municipality
// exchanges iWmo messages with the Gemeentelijk Gegevensknooppunt: the heenbericht ggk_Di01 and
// the retourbericht ggk_Du01, each carrying one iWmo message base64-encoded in GGK:bericht
// (xmime:contentType "application/xml"). Written from the specification; the tests check every
// envelope against the official ggk0310_msg.xsd; incoming ones are read with our own schemas in
// the hardened XML layer. Pure apart from newReferentienummer (random).
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "interfaces/xml/xml_document.hpp"

namespace zc::iwmo {

inline constexpr const char* kGgkNamespace = "http://www.stufstandaarden.nl/sectormodel/ggk/0210";
inline constexpr const char* kStufNamespace = "http://www.egem.nl/StUF/StUF0301";
inline constexpr const char* kXmimeNamespace = "http://www.w3.org/2005/05/xmlmime";

// A sending or receiving system (StUF:zender, StUF:ontvanger). organisatie: a municipality's
// CBS code ("0193"), a provider's AGB code, or "SVB", "CAK", "CBS", "UWV"; applicatie: the
// sending application's name without its version (3..50 characters), "GGk" for a receiver;
// administratie: for a sender the municipality's or partnership's name, optional.
struct GgkSystem {
    std::string organisatie;
    std::string applicatie;
    std::string administratie;  // "" leaves it out
};

// What the envelope says of itself and its payload (stuurgegevens and parameters).
struct GgkEnvelope {
    GgkSystem zender;
    GgkSystem ontvanger;
    std::string referentienummer;          // a UUID version 4 (§2.4), unique per envelope
    std::string tijdstip;                  // of creating the envelope: yyyymmddhhmmssmmm
    std::string functie;                   // the message type only, e.g. "WMO301" (§2.6)
    std::string applicatie_versie;         // 4 digits (§2.5), e.g. "0001"
    std::string applicatie_subversie;      // 4 digits
    std::string functie_versie;            // the message's version, 4 digits: iWmo 3.2 is "0003"
    std::string functie_subversie;         // and "0002"
    std::string referentienummer_bericht;  // optional: the payload's own reference ("" = none)
    // Du01 only: the referentienummer of the Di01 this envelope answers (crossRefnummer).
    std::string cross_refnummer;
    std::string payload;  // the iWmo message, UTF-8 XML
    // For an XML payload the specification asks for no file name (§2.7); when one is given it
    // must follow the tekstBestand rules (validGgkFileName).
    std::optional<std::string> bestandsnaam;
};

// ggk_Di01 (envelopHeenbericht-ggk_Di01). Throws std::invalid_argument naming the field when a
// value breaks the specification (lengths, digits, UUID, file name).
std::string writeGgkDi01(const GgkEnvelope& e);
// ggk_Du01 (envelopRetourbericht-ggk_Du01): as Di01 with crossRefnummer, which is required.
std::string writeGgkDu01(const GgkEnvelope& e);

// What reading an envelope found: the envelope (payload decoded) when it is valid against our
// envelope schemas (interfaces/xml/schemas/ggk-2.1), else the problems (xml_document.hpp codes).
struct GgkReadResult {
    std::optional<GgkEnvelope> envelope;
    bool retour = false;  // a ggk_Du01
    std::vector<xml::Problem> problems;
    bool ok() const { return envelope.has_value(); }
};
// The hardened XML layer's limits for an envelope: at most 25 MB (§3.2), of which almost all
// may be the payload's base64 text; a shallow, small tree.
xml::Limits ggkLimits();
// Reads a ggk_Di01 or ggk_Du01 with `schemas` (the ggk-2.1 folder) within `limits`; never
// throws for bad input.
GgkReadResult readGgkEnvelope(const xml::SchemaSet& schemas, std::string_view text,
                              const xml::Limits& limits = ggkLimits());

// A StUF:zender or StUF:ontvanger element that passed our schemas; empty for nullptr.
GgkSystem ggkSystemOf(const xml::Element* system);
// The fields of a ggk_Di01 or ggk_Du01 element that passed our envelope schemas, with the
// payload decoded.
GgkEnvelope ggkEnvelopeOf(const xml::Element& envelope);

// A new referentienummer: a random UUID version 4, lower case.
std::string newReferentienummer();
// `at` on Amsterdam's clock as StUF:Tijdstip yyyymmddhhmmssmmm.
std::string ggkTijdstip(std::chrono::system_clock::time_point at);
// Whether `name` may be a bestandsnaam: 1..255 characters of [0-9a-zA-Z._-] (§2.7).
bool validGgkFileName(const std::string& name);

}  // namespace zc::iwmo
