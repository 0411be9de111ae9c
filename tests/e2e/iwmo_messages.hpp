#pragma once
// iWmo 3.2 messages as a provider would send them (WMO305, 307, 315, 317 and the retours 302 and
// 320 built from the municipality's 301/319), plus readers for what the server answers: our own
// and the official XSDs, the retour codes per class and small tree look-ups. For the end-to-end
// tests of the message exchange over mutual TLS.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "interfaces/xml/xml_document.hpp"

namespace zc::e2e::iwmo {

inline constexpr const char* kBasisNs = "http://www.istandaarden.nl/iwmo/3_2/basisschema/schema";

// "http://www.istandaarden.nl/iwmo/3_2/<name>/schema".
std::string messageNamespace(const std::string& name);

// The repository root (as CMake configured it, else from the test environment's location).
std::filesystem::path sourceRoot();
// Our XSDs (interfaces/xml/schemas/iwmo-3.2), loaded once per process.
const xml::SchemaSet& ourSchemas();
// The official reference XSDs in ../shared/reference/iwmo-3.2 beside the source root, or nullptr
// when that folder is absent (the caller skips with a message).
const xml::SchemaSet* officialSchemas();
std::filesystem::path officialSchemaDir();

// Parses and validates; on failure the problems as one readable line in `problems`.
std::optional<xml::Element> parse(const xml::SchemaSet& schemas, const std::string& text,
                                  std::string* problems = nullptr);

// A BerichtIdentificatie (at most 12 characters) that differs between calls, runs and processes.
std::string uniqueIdentificatie(const std::string& prefix);

// The header of a message from the provider `afzender` to the municipality `ontvanger`.
struct Header {
    std::string afzender;   // AGB
    std::string ontvanger;  // gemeentecode
    std::string identificatie;
    std::string dagtekening;  // YYYY-MM-DD
};

// The client block of 305/307/315 (VerkorteNaam).
struct Client {
    std::string bsn;
    std::string birth_date;
    std::string gender;  // 0, 1, 2
    std::string surname;
    std::string initials;  // letters only
};

struct StartProduct {
    std::int64_t number;
    std::string category;  // "02"
    std::string code;      // "02A01"
    std::string toewijzing_ingangsdatum;
    std::string begindatum;
    std::string status = "1";
};

struct StopProduct {
    std::int64_t number;
    std::string category;
    std::string code;
    std::string toewijzing_ingangsdatum;
    std::string begindatum;
    std::string reden_beeindiging;  // "19"
    std::string einddatum;
    std::string status = "1";
};

struct Omvang {
    std::int64_t volume;
    std::string eenheid;     // "04" uur
    std::string frequentie;  // "2" per week
};

struct AangevraagdProduct {
    std::string referentie;
    std::string category;
    std::string code;
    std::string toewijzing_ingangsdatum;
    std::string toewijzing_einddatum;  // may be empty
    Omvang omvang;
    std::string verwijzer_type = "01";
};

struct TeWijzigenProduct {
    std::int64_t number;
    std::string gewenste_ingangsdatum;
    std::string einddatum;  // may be empty
    Omvang omvang;
};

std::string wmo305(const Header& h, const Client& c, const std::vector<StartProduct>& items);
std::string wmo307(const Header& h, const Client& c, const std::vector<StopProduct>& items);
std::string wmo315(const Header& h, const Client& c, const std::vector<AangevraagdProduct>& items);
std::string wmo317(const Header& h, const std::string& bsn, const std::string& referentie,
                   const std::string& reden_verzoek, const std::vector<std::int64_t>& unchanged,
                   const std::vector<TeWijzigenProduct>& changes);

// The provider's retour on a message of ours (`heen`, a parsed 301 or 319): the same content in
// the retour namespace, BerichtCode `retour_code`, the header extended with
// IdentificatieRetour, DagtekeningRetour, XsdVersieRetour and RetourCodes, and `code` on every
// element named in `classes`. BerichtIdentificatie, Afzender and Ontvanger stay the heen's.
std::string retourOf(const xml::Element& heen, const std::string& retour_name,
                     const std::string& retour_code, const std::vector<std::string>& classes,
                     const std::string& identificatie_retour, const std::string& dagtekening,
                     const std::string& code = "0200");
std::string wmo302For(const xml::Element& wmo301, const std::string& identificatie_retour,
                      const std::string& dagtekening);
std::string wmo320For(const xml::Element& wmo319, const std::string& identificatie_retour,
                      const std::string& dagtekening);

// The RetourCode texts directly under `e`'s RetourCodes (empty when it has none).
std::vector<std::string> retourCodes(const xml::Element& e);
// Every element with this local name in the subtree (depth first, document order).
std::vector<const xml::Element*> findAll(const xml::Element& root, const std::string& name);
// Text of the first element with this local name in the subtree, "" when none.
std::string firstText(const xml::Element& root, const std::string& name);

}  // namespace zc::e2e::iwmo
