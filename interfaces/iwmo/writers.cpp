#include "writers.hpp"

#include <algorithm>
#include <cctype>

namespace zc::iwmo {
namespace {

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
    writeRetourCodes(w, p, h.header_codes);
    w.close();
}

}  // namespace

std::string buildRetour(const xml::Element& received, const MessageKind& kind,
                        const RetourHeader& header, const ClassCodes& codes, bool header_only) {
    const MessageKind& retour = kindByName(kind.retour_name);
    const std::string& p = retour.name;
    xml::XmlWriter w;
    writeRoot(w, retour);
    for (const auto& part : received.children) {
        if (part.name == "Header") {
            writeRetourHeader(w, part, received.ns, p, retour, header);
        } else if (!header_only) {
            copyElement(w, part, received.ns, p, retour, codes);
        }
    }
    return w.finish();
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
    if (a.end_inclusive) w.leaf("wmo301:Einddatum", formatDate(*a.end_inclusive));
    if (!a.reason_change.empty()) w.leaf("wmo301:RedenWijziging", a.reason_change);
    w.open("wmo301:Omvang");
    w.leaf("iwmo:Volume", std::to_string(a.volume));
    w.leaf("iwmo:Eenheid", a.unit_code);
    w.leaf("iwmo:Frequentie", a.frequency_code);
    w.close();
    w.close();
}

}  // namespace

std::string buildWmo301(const OutgoingHeader& h, const Client301& client,
                        const std::vector<Allocation301>& allocations) {
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
    return w.finish();
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
    return w.finish();
}

}  // namespace zc::iwmo
