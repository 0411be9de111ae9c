#include "interfaces/iwmo/stuf_answers.hpp"

#include <stdexcept>

#include "contracting/kernel/utf8.hpp"
#include "interfaces/xml/xml_document.hpp"

namespace zc::iwmo {
namespace {

constexpr std::size_t kMaxFoutcode = 7;
constexpr std::size_t kMaxOmschrijving = 200;
constexpr std::size_t kMaxDetails = 1000;
constexpr std::size_t kMaxRefnummer = 40;

void require(bool ok, const std::string& field, const std::string& rule) {
    if (!ok) throw std::invalid_argument("StUF answer: " + field + " " + rule);
}

// At most `n` characters (code points) of `s`, as the schema's maxLength counts; stops at
// malformed UTF-8.
std::string utf8Prefix(const std::string& s, std::size_t n) {
    std::size_t i = 0;
    for (std::size_t count = 0; count < n && i < s.size(); ++count) {
        if (!decodeUtf8(s, i)) break;
    }
    return s.substr(0, i);
}

// The document without its XML declaration: a body element to place inside SOAP.
std::string element(xml::XmlWriter& w) {
    std::string document = w.finish();
    return document.substr(document.find("?>\n") + 3);
}

void system(xml::XmlWriter& w, const char* name, const GgkSystem& s) {
    w.open(name);
    if (!s.organisatie.empty()) w.leaf("StUF:organisatie", s.organisatie);
    w.leaf("StUF:applicatie", s.applicatie);
    if (!s.administratie.empty()) w.leaf("StUF:administratie", s.administratie);
    w.close();
}

void header(xml::XmlWriter& w, const char* code, const StufAnswerHeader& h) {
    require(h.zender.applicatie.size() >= 3 && h.ontvanger.applicatie.size() >= 3, "applicatie",
            "must have at least 3 characters");
    require(!h.referentienummer.empty() && h.referentienummer.size() <= kMaxRefnummer,
            "referentienummer", "must have 1 to 40 characters");
    require(h.cross_refnummer.size() <= kMaxRefnummer && !h.cross_refnummer.empty(),
            "crossRefnummer", "must have 1 to 40 characters");
    w.open("StUF:stuurgegevens").leaf("StUF:berichtcode", code);
    system(w, "StUF:zender", h.zender);
    system(w, "StUF:ontvanger", h.ontvanger);
    w.leaf("StUF:referentienummer", h.referentienummer)
        .leaf("StUF:tijdstipBericht", h.tijdstip)
        .leaf("StUF:crossRefnummer", h.cross_refnummer)
        .close();
}

std::string fault(const char* code, const StufAnswerHeader& h, const StufFault& f) {
    require(!f.code.empty() && f.code.size() <= kMaxFoutcode, "code",
            "must have 1 to 7 characters");
    xml::XmlWriter w;
    w.open(std::string("StUF:") + code + "Bericht").attribute("xmlns:StUF", kStufNamespace);
    header(w, code, h);
    w.open("StUF:body")
        .leaf("StUF:code", f.code)
        .leaf("StUF:plek", f.client ? "client" : "server")
        .leaf("StUF:omschrijving", utf8Prefix(f.omschrijving, kMaxOmschrijving));
    if (!f.details.empty()) w.leaf("StUF:details", utf8Prefix(f.details, kMaxDetails));
    w.close();
    return element(w);
}

const std::vector<ChainErrorCode> kChainErrorCodes = {
    {"StUF055", "Gemeente", "Berichtbody is niet conform schema in sectormodel"},
    {"IB002", "IB", "Organisatie is niet geautoriseerd"},
    {"IB007", "IB", "Bericht is te groot"},
    {"IB009", "IB", "Opgegeven (cross)referentienummer is geen geldig UUID"},
    {"IB101", "IB", "Geen geldige CPA bekend voor combinatie organisatie en berichttype"},
    {"IB102", "IB", "Geen routering bekend voor combinatie organisatie en berichttype"},
    {"IB103", "IB", "Aangeboden berichttype tijdelijk geblokkeerd"},
    {"IB210", "IB", "Ontvangende organisatie onbekend"},
    {"IB213", "IB", "Zendende organisatie onbekend"},
    {"IB240", "IB", "Combinatie berichtcode en functie is niet toegestaan"},
    {"IB234", "IB", "Combinatie functie en organisatie is niet toegestaan"},
    {"IB798", "IB", "Ontvangen StUF versie wijkt af van geconfigureerde versie"},
    {"RIN001", "RINIS", "Asynchrone algemene fout"},
    {"BRS02", "VECOZO",
     "Indienende partij beschikt niet over de juiste rol om voor dit berichttype berichten te "
     "ontvangen"},
    {"BRS03", "VECOZO",
     "Indiener beschikt niet over een toestemmingsverklaring van de afzender om voor dit "
     "berichttype berichten in te dienen"},
    {"BRS04", "VECOZO", "Geadresseerde partij is niet aangesloten bij VECOZO of AGB is incorrect"},
    {"BRS05", "VECOZO",
     "Geadresseerde partij beschikt niet over de juiste rol om voor dit berichttype berichten te "
     "ontvangen"},
    {"BRS06", "VECOZO",
     "Geadresseerde partij beschikt niet over een toestemmingsverklaring om voor dit berichttype "
     "berichten te ontvangen"},
    {"CC02", "VECOZO", "Bericht voldoet niet aan specificatie (bericht niet conform XSD)"},
    {"CC03", "VECOZO", "Bestand is te groot"},
    {"CC04", "VECOZO", "Referentienummer voldoet niet aan het juiste formaat"},
    {"CC06", "VECOZO", "Applicatiegegevens moeten gevuld zijn"},
    {"CC08", "VECOZO", "UUID is niet uniek"},
    {"CC11", "VECOZO",
     "Retourbericht declaratie mag maar 1 keer per heenbericht worden aangeboden"},
};

}  // namespace

std::string stufBv03(const StufAnswerHeader& h) {
    xml::XmlWriter w;
    w.open("StUF:Bv03Bericht").attribute("xmlns:StUF", kStufNamespace);
    header(w, "Bv03", h);
    return element(w);
}

std::string stufFo01(const StufAnswerHeader& h, const StufFault& f) { return fault("Fo01", h, f); }

std::string stufFo03(const StufAnswerHeader& h, const StufFault& f) { return fault("Fo03", h, f); }

std::string soapEnvelope(const std::string& body_element) {
    // StUF-GGk §2.2: UTF-8 without BOM, lines ended by CR LF.
    return std::string(
               "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n<soap:Envelope xmlns:soap=\"") +
           kSoap11Namespace + "\"><soap:Body>" + body_element + "</soap:Body></soap:Envelope>";
}

std::string soapFo03Fault(const StufAnswerHeader& h, const StufFault& f) {
    const std::string detail = stufFo03(h, f);
    return soapEnvelope(std::string("<soap:Fault><faultcode>") +
                        (f.client ? "soap:Client" : "soap:Server") + "</faultcode><faultstring>" +
                        xml::escapeText(utf8Prefix(f.omschrijving, kMaxOmschrijving)) +
                        "</faultstring><detail>" + detail + "</detail></soap:Fault>");
}

const std::vector<ChainErrorCode>& chainErrorCodes() { return kChainErrorCodes; }

std::string stufErrorText(const std::string& code) {
    static const std::vector<std::pair<std::string, std::string>> kTable = {
        {"StUF001", "Versie StUF niet ondersteund"},
        {"StUF010", "Combinatie van ontvangende organisatie, applicatie en administratie onbekend"},
        {"StUF013", "Combinatie van zendende organisatie, applicatie en administratie onbekend"},
        {"StUF016", "Combinatie zender en referentienummer niet uniek"},
        {"StUF022", "Berichtcode onbekend"},
        {"StUF025", "Berichtcode niet ondersteund"},
        {"StUF043", "Crossreferentienummer niet bekend"},
        {"StUF046", "Opslaan bericht niet mogelijk"},
        {"StUF052",
         "Het zendende systeem is niet geautoriseerd voor de gevraagde combinatie van "
         "berichtcode, entiteittype en functie"},
        {"StUF055", "Berichtbody is niet conform schema in sectormodel"},
        {"StUF058", "Proces voor afhandelen bericht geeft fout"},
        {"StUF061", "Starten berichtverzending niet mogelijk binnen 5 minuten"},
    };
    for (const auto& [c, text] : kTable) {
        if (c == code) return text;
    }
    return "";
}

std::string chainErrorText(const std::string& code) {
    for (const auto& c : kChainErrorCodes) {
        if (c.code == code) return c.text;
    }
    return "";
}

}  // namespace zc::iwmo
