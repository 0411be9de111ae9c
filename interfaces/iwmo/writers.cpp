#include "writers.hpp"

#include <algorithm>
#include <cctype>
#include <stdexcept>

#include "contracting/kernel/utf8.hpp"

namespace zc::iwmo {
namespace {

// OP192: what we send is UTF-8 without a byte-order mark and its lines end with CR/LF. The
// writer puts a line end only after the XML declaration (and text may hold one).
std::string withCrLf(const std::string& document) {
    std::string out;
    out.reserve(document.size() + 16);
    for (char c : document) {
        if (c == '\n' && (out.empty() || out.back() != '\r')) out += '\r';
        out += c;
    }
    return out;
}

bool isRejection(const std::string& code) { return code != "0200" && code != "0233"; }

bool rejects(const ClassCodes& codes, const xml::Element& e) {
    const auto it = codes.find(&e);
    return it != codes.end() && std::any_of(it->second.begin(), it->second.end(), isRejection);
}

// True when `e` or an element below it has a code that rejects it.
bool rejectsWithin(const ClassCodes& codes, const xml::Element& e) {
    if (rejects(codes, e)) return true;
    return std::any_of(e.children.begin(), e.children.end(),
                       [&](const xml::Element& c) { return rejectsWithin(codes, c); });
}

std::string prefixed(const std::string& prefix, const std::string& local) {
    return prefix + ":" + local;
}

void writeHeaderStart(xml::XmlWriter& w, const std::string& p, const MessageKind& kind,
                      const OutgoingHeader& h) {
    w.open(p + ":Header");
    w.leaf(p + ":BerichtCode", kind.code);
    w.leaf(p + ":BerichtVersie", "3");
    w.leaf(p + ":BerichtSubversie", "2");
    w.leaf(p + ":Afzender", h.afzender);
    w.leaf(p + ":Ontvanger", h.ontvanger);
    w.open(p + ":BerichtIdentificatie");
    w.leaf("iwmo:Identificatie", h.identificatie);
    w.leaf("iwmo:Dagtekening", formatDate(h.dagtekening));
    w.close();
    w.open(p + ":XsdVersie");
    w.leaf("iwmo:BasisschemaXsdVersie", kBasisschemaXsdVersie);
    w.leaf("iwmo:BerichtXsdVersie", kBerichtXsdVersie);
    w.close();
    w.close();
}

void writeRoot(xml::XmlWriter& w, const MessageKind& kind) {
    w.open(kind.name + ":Bericht");
    w.attribute("xmlns:" + kind.name, kind.ns());
    w.attribute("xmlns:iwmo", kBasisNamespace);
}

void writeRetourCodes(xml::XmlWriter& w, const std::string& p,
                      const std::vector<std::string>& codes) {
    w.open(p + ":RetourCodes");
    for (const auto& c : codes) w.leaf(p + ":RetourCode", c);
    w.close();
}

// Copies `e` (and its subtree) from the received message into the retour, switching the
// message namespace to the retour's and adding RetourCodes to every class.
void copyElement(xml::XmlWriter& w, const xml::Element& e, const std::string& received_ns,
                 const std::string& p, const MessageKind& retour, const ClassCodes& codes) {
    const bool in_message_ns = e.ns == received_ns;
    w.open(in_message_ns ? prefixed(p, e.name) : prefixed("iwmo", e.name));
    if (e.children.empty()) {
        w.text(e.text);
    } else {
        for (const auto& c : e.children) copyElement(w, c, received_ns, p, retour, codes);
    }
    const bool is_class = in_message_ns && std::find(retour.classes.begin(), retour.classes.end(),
                                                     e.name) != retour.classes.end();
    if (is_class) {
        const auto it = codes.find(&e);
        writeRetourCodes(w, p,
                         it == codes.end() || it->second.empty() ? std::vector<std::string>{"0200"}
                                                                 : it->second);
    }
    w.close();
}

void writeRetourHeader(xml::XmlWriter& w, const xml::Element& header,
                       const std::string& received_ns, const std::string& p,
                       const MessageKind& retour, const RetourHeader& h) {
    w.open(p + ":Header");
    for (const auto& c : header.children) {
        if (c.name == "BerichtCode") {
            w.leaf(p + ":BerichtCode", retour.code);
        } else {
            copyElement(w, c, received_ns, p, retour, {});
        }
    }
    w.leaf(p + ":IdentificatieRetour", h.identificatie);
    w.leaf(p + ":DagtekeningRetour", formatDate(h.dagtekening));
    w.open(p + ":XsdVersieRetour");
    w.leaf("iwmo:BasisschemaXsdVersie", kBasisschemaXsdVersie);
    w.leaf("iwmo:BerichtXsdVersie", kBerichtXsdVersie);
    w.close();
    if (!h.header_codes.empty()) writeRetourCodes(w, p, h.header_codes);
    w.close();
}

}  // namespace

bool rejectsAClass(const ClassCodes& codes) {
    return std::any_of(codes.begin(), codes.end(), [](const auto& entry) {
        return std::any_of(entry.second.begin(), entry.second.end(), isRejection);
    });
}

std::string buildRetour(const xml::Element& received, const MessageKind& kind,
                        const RetourHeader& header, const ClassCodes& codes, bool header_only) {
    const MessageKind& retour = kindByName(kind.retour_name);
    const std::string& p = retour.name;
    xml::XmlWriter w;
    writeRoot(w, retour);
    for (const auto& part : received.children) {
        if (part.name == "Header") {
            writeRetourHeader(w, part, received.ns, p, retour, header);
        } else if (!header_only && rejectsWithin(codes, part)) {
            // OP065: only a client with a rejected class, and then all of its classes.
            copyElement(w, part, received.ns, p, retour, codes);
        }
    }
    return withCrLf(w.finish());
}

namespace {

void writeName(xml::XmlWriter& w, const Client301& c) {
    w.open("wmo301:Naam");
    w.open("iwmo:Geslachtsnaam");
    w.leaf("iwmo:Achternaam", c.surname);
    if (!c.prefix.empty()) w.leaf("iwmo:Voorvoegsel", c.prefix);
    w.close();
    if (!c.given_names.empty()) w.leaf("iwmo:Voornamen", c.given_names);
    // Voorletters are letters only in iWmo ("HJ", not "H.J.").
    std::string letters;
    for (char ch : c.initials) {
        if (ch != '.' && ch != ' ' && ch != '-') letters += ch;
    }
    if (!letters.empty()) w.leaf("iwmo:Voorletters", letters);
    w.leaf("iwmo:NaamGebruik", "1");
    w.close();
}

struct HouseNumber {
    std::string number;    // digits
    std::string letter;    // Huisletter, one letter
    std::string addition;  // HuisnummerToevoeging, 1..4 characters
};

// "88a" -> 88 + letter a; "12-2" -> 12 + addition 2; "" or no digits -> nothing.
HouseNumber splitHouseNumber(const std::string& text) {
    HouseNumber h;
    std::size_t i = 0;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') h.number += text[i++];
    std::string rest;
    for (; i < text.size(); ++i) {
        if (text[i] != ' ' && text[i] != '-') rest += text[i];
    }
    const bool one_letter = rest.size() == 1 && std::isalpha(static_cast<unsigned char>(rest[0]));
    if (one_letter) {
        h.letter = rest;
    } else if (!rest.empty()) {
        h.addition = rest.substr(0, 4);
    }
    return h;
}

// Characters (code points) of UTF-8 text; bytes when it is not UTF-8.
std::size_t characters(const std::string& text) {
    std::size_t n = 0;
    for (std::size_t i = 0; i < text.size(); ++n) {
        if (!decodeUtf8(text, i)) return text.size();
    }
    return n;
}

bool blank(const std::string& text) {
    return std::all_of(text.begin(), text.end(),
                       [](unsigned char c) { return c == ' ' || (c >= '\t' && c <= '\r'); });
}

bool isLetter(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }

// CS089's pattern "1000ZZ": a digit 1-9, three digits, two letters.
bool isDutchPostcode(const std::string& pc) {
    return pc.size() == 6 && pc[0] >= '1' && pc[0] <= '9' &&
           std::all_of(pc.begin() + 1, pc.begin() + 4,
                       [](char c) { return c >= '0' && c <= '9'; }) &&
           isLetter(pc[4]) && isLetter(pc[5]);
}

void leafIfAny(xml::XmlWriter& w, const std::string& name, const std::string& value) {
    if (!value.empty()) w.leaf(name, value);
}

void writeContact(xml::XmlWriter& w, const Client301& c) {
    w.open("wmo301:Contactgegevens");
    w.open("wmo301:Contact");
    w.leaf("wmo301:Soort", "01");
    w.open("wmo301:Adres");
    const HouseNumber h = splitHouseNumber(c.house_number);
    if (!h.number.empty()) {
        w.open("iwmo:Huis");
        w.leaf("iwmo:Huisnummer", h.number);
        leafIfAny(w, "iwmo:Huisletter", h.letter);
        leafIfAny(w, "iwmo:HuisnummerToevoeging", h.addition);
        w.close();
    }
    leafIfAny(w, "iwmo:Postcode", c.postcode);
    leafIfAny(w, "iwmo:Straatnaam", c.street);
    leafIfAny(w, "iwmo:Plaatsnaam", c.city);
    w.leaf("iwmo:LandCode", "NL");
    w.close();
    w.close();
    w.close();
}

void writeAllocation(xml::XmlWriter& w, const Allocation301& a) {
    w.open("wmo301:ToegewezenProduct");
    w.leaf("wmo301:ToewijzingNummer", std::to_string(a.number));
    if (!a.referentie_aanbieder.empty()) {
        w.leaf("wmo301:ReferentieAanbieder", a.referentie_aanbieder);
    }
    w.open("wmo301:Product");
    w.leaf("iwmo:Categorie", a.category);
    w.leaf("iwmo:Code", a.product_code);
    w.close();
    w.leaf("wmo301:Toewijzingsdatum", formatDate(a.allocated_on));
    w.leaf("wmo301:Toewijzingstijd", a.allocated_time);
    w.leaf("wmo301:Ingangsdatum", formatDate(a.start));
    // A removed allocation (RedenWijziging 13, stored as ending where it starts) has its
    // Einddatum equal to its Ingangsdatum (CS335, CS003).
    if (a.reason_change == "13") {
        w.leaf("wmo301:Einddatum", formatDate(a.start));
    } else if (a.end_inclusive) {
        w.leaf("wmo301:Einddatum", formatDate(*a.end_inclusive));
    }
    if (!a.reason_change.empty()) w.leaf("wmo301:RedenWijziging", a.reason_change);
    w.open("wmo301:Omvang");
    w.leaf("iwmo:Volume", std::to_string(a.volume));
    w.leaf("iwmo:Eenheid", a.unit_code);
    w.leaf("iwmo:Frequentie", a.frequency_code);
    w.close();
    w.close();
}

}  // namespace

std::optional<AddressProblem> addressProblem(const std::string& street,
                                             const std::string& house_number,
                                             const std::string& postcode, const std::string& city) {
    if (postcode.empty()) {
        return AddressProblem{"CD034, CD005, TR006", "postcode",
                              "The address needs a postcode: the WMO301 gives the client's address "
                              "in the Netherlands (BRP address, LandCode NL), which must have one "
                              "(iWmo rules CD034, CD005, TR006)."};
    }
    if (!isDutchPostcode(postcode)) {
        return AddressProblem{"CS089", "postcode",
                              "A Dutch postcode is four digits, the first not 0, and two letters, "
                              "e.g. 8011AB (iWmo rule CS089)."};
    }
    const HouseNumber h = splitHouseNumber(house_number);
    if (h.number.empty()) {
        return AddressProblem{"CD025, TR006", "house_number",
                              "The address needs a house number that starts with its digits, e.g. "
                              "12 or 88a (iWmo rules CD025, TR006)."};
    }
    if (h.number.size() > 5) {
        return AddressProblem{"Huisnummer", "house_number",
                              "A house number has at most 5 digits (iWmo Huisnummer: 0 to 99999)."};
    }
    std::string rest;
    for (std::size_t i = h.number.size(); i < house_number.size(); ++i) {
        if (house_number[i] != ' ' && house_number[i] != '-') rest += house_number[i];
    }
    if (characters(rest) > 4) {
        return AddressProblem{"HuisnummerToevoeging", "house_number",
                              "After the house number's digits come one letter or an addition of "
                              "at most 4 characters (iWmo Huisletter, HuisnummerToevoeging)."};
    }
    if (characters(street) > 24 || (!street.empty() && blank(street))) {
        return AddressProblem{"Straatnaam", "street",
                              "A street name has 1 to 24 characters (iWmo Straatnaam)."};
    }
    if (characters(city) > 80 || (!city.empty() && blank(city))) {
        return AddressProblem{"Plaatsnaam", "city",
                              "A city name has 1 to 80 characters (iWmo Plaatsnaam)."};
    }
    return std::nullopt;
}

std::string buildWmo301(const OutgoingHeader& h, const Client301& client,
                        const std::vector<Allocation301>& allocations) {
    if (const auto problem =
            addressProblem(client.street, client.house_number, client.postcode, client.city)) {
        throw std::invalid_argument("WMO301: " + problem->message);
    }
    const MessageKind& kind = kindByName("wmo301");
    xml::XmlWriter w;
    writeRoot(w, kind);
    writeHeaderStart(w, "wmo301", kind, h);
    w.open("wmo301:Client");
    w.leaf("wmo301:Bsn", client.bsn);
    w.open("wmo301:Geboortedatum");
    w.leaf("iwmo:Datum", formatDate(client.birth_date));
    w.close();
    w.leaf("wmo301:Geslacht", client.gender);
    writeName(w, client);
    writeContact(w, client);
    w.open("wmo301:ToegewezenProducten");
    for (const auto& a : allocations) writeAllocation(w, a);
    w.close();
    w.close();
    return withCrLf(w.finish());
}

std::string buildWmo319(const OutgoingHeader& h, const std::string& referentie_aanbieder,
                        const std::string& verzoek_antwoord, const std::string& reden_afwijzing) {
    const MessageKind& kind = kindByName("wmo319");
    xml::XmlWriter w;
    writeRoot(w, kind);
    writeHeaderStart(w, "wmo319", kind, h);
    w.open("wmo319:Antwoord");
    w.leaf("wmo319:ReferentieAanbieder", referentie_aanbieder);
    w.leaf("wmo319:VerzoekAntwoord", verzoek_antwoord);
    if (!reden_afwijzing.empty()) w.leaf("wmo319:RedenAfwijzingVerzoek", reden_afwijzing);
    w.close();
    return withCrLf(w.finish());
}

}  // namespace zc::iwmo
