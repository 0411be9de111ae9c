#pragma once
// XML for the messages the municipality sends: retours (302-style echo of the received message
// with RetourCodes on every class), WMO301 allocations and WMO319 answers. The output is valid
// against interfaces/xml/schemas/iwmo-3.2 (and the official 301/319 schemas; tested).
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "contracting/kernel/civil_date.hpp"
#include "interfaces/xml/xml_document.hpp"
#include "message_kinds.hpp"

namespace zc::iwmo {

// Retour codes per class element of the received message (keys point into its tree).
using ClassCodes = std::map<const xml::Element*, std::vector<std::string>>;

struct RetourHeader {
    std::string identificatie;              // IdentificatieRetour: ours, unique per retour type
    Date dagtekening;                       // DagtekeningRetour
    std::vector<std::string> header_codes;  // e.g. {"0001"} or {"0200"}
};

// The retour for `received` (a heen-message of kind `kind`). With `header_only` the body is
// left out (a level-2 rejection); otherwise every class carries its codes from `codes`, 0200
// when it has none.
std::string buildRetour(const xml::Element& received, const MessageKind& kind,
                        const RetourHeader& header, const ClassCodes& codes, bool header_only);

struct OutgoingHeader {
    std::string afzender;   // our gemeentecode
    std::string ontvanger;  // the provider's AGB
    std::string identificatie;
    Date dagtekening;
};

struct Client301 {
    std::string bsn;
    Date birth_date;
    std::string gender;  // 0, 1, 2
    std::string surname;
    std::string prefix;       // voorvoegsel, may be empty
    std::string given_names;  // may be empty
    std::string initials;     // may be empty
    std::string street;
    std::string house_number;  // digits
    std::string postcode;
    std::string city;
};

struct Allocation301 {
    std::int64_t number;
    std::string referentie_aanbieder;  // may be empty
    std::string category;
    std::string product_code;
    Date allocated_on;
    std::string allocated_time;  // HH:MM:SS
    Date start;
    std::optional<Date> end_inclusive;  // iWmo Einddatum is inclusive
    std::string reason_change;          // RedenWijziging, may be empty
    std::int64_t volume;
    std::string unit_code;       // Eenheid
    std::string frequency_code;  // Frequentie
};

std::string buildWmo301(const OutgoingHeader& h, const Client301& client,
                        const std::vector<Allocation301>& allocations);
// VerzoekAntwoord "1" (afgewezen, with reden 1..9) or "2" (in onderzoek).
std::string buildWmo319(const OutgoingHeader& h, const std::string& referentie_aanbieder,
                        const std::string& verzoek_antwoord, const std::string& reden_afwijzing);

}  // namespace zc::iwmo
