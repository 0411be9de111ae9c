#pragma once
// XML for the messages the municipality sends: retours (the header of the received message and,
// when a class was rejected, its Client with RetourCodes on every class: OP065), WMO301
// allocations and WMO319 answers. The output is valid against interfaces/xml/schemas/iwmo-3.2
// (and the official 301/319 schemas), passes the official validation stylesheet and follows
// OP192: UTF-8 without a byte-order mark, lines ended by CR/LF (tested).
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
    std::string identificatie;  // IdentificatieRetour: ours, unique per retour type
    Date dagtekening;           // DagtekeningRetour
    // e.g. {"0001"} (level 2) or {"0200"} (level 3); empty for a fully accepted message, whose
    // retour is only a Header without RetourCodes (IV028).
    std::vector<std::string> header_codes;
};

// True when `codes` rejects a class: a code other than 0200 (no remark) and 0233 (not assessed).
bool rejectsAClass(const ClassCodes& codes);

// The retour for `received` (a heen-message of kind `kind`). With `header_only` the body is
// left out (a level-2 rejection). Otherwise, OP065: a Client (a part of the message after the
// Header) is copied only when one of its classes is rejected in `codes`, and then with every
// class carrying its codes, 0200 when it has none; a fully accepted message gets only the
// Header.
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

// Why the client's address cannot give a conformant WMO301 Contact, or nothing. The Contact is
// the BRP address (Soort 01) in the Netherlands (LandCode NL) and we keep no telephone number,
// so the official rules ask: a postcode (CD034, TR006; CD005: LandCode only with a postcode) of
// the form 1234AB (CS089), a house number (CD025, TR006) of at most 5 digits with at most one
// letter or a 4-character addition, a street of at most 24 and a city of at most 80 characters
// (the XSD lengths).
struct AddressProblem {
    std::string rules;  // the iWmo rules it breaks, e.g. "CD025, TR006"
    std::string field;  // "postcode", "house_number", "street", "city"
    std::string message;
};
std::optional<AddressProblem> addressProblem(const std::string& street,
                                             const std::string& house_number,
                                             const std::string& postcode, const std::string& city);

// Throws std::invalid_argument when addressProblem() finds the client's address wanting.
std::string buildWmo301(const OutgoingHeader& h, const Client301& client,
                        const std::vector<Allocation301>& allocations);
// VerzoekAntwoord "1" (afgewezen, with reden 1..9) or "2" (in onderzoek).
std::string buildWmo319(const OutgoingHeader& h, const std::string& referentie_aanbieder,
                        const std::string& verzoek_antwoord, const std::string& reden_afwijzing);

}  // namespace zc::iwmo
