#include "ggk_envelopes.hpp"

#include <stdexcept>

#include "interfaces/iwmo/chain/ggk_settings.hpp"

namespace zc::iwmo {
namespace {

// A document without its XML declaration, as a SOAP body element.
std::string bodyElement(const std::string& document) {
    const auto end = document.find("?>");
    if (end == std::string::npos) return document;
    const auto start = document.find('<', end);
    return document.substr(start);
}

}  // namespace

GgkSystem ourSystem(const std::string& municipality) {
    return {municipality, ggkSettings().application, ""};
}

std::string soapMessageEnvelope(const OutgoingEnvelope& o) {
    const auto s = ggkSettings();
    GgkEnvelope e;
    e.zender = ourSystem(o.municipality);
    e.ontvanger = {o.provider_agb, "GGk", ""};
    e.referentienummer = o.referentienummer;
    e.tijdstip = ggkTijdstip(o.at);
    e.functie = o.functie;
    e.applicatie_versie = s.application_version;
    e.applicatie_subversie = s.application_subversion;
    e.functie_versie = "0003";  // iWmo 3.2
    e.functie_subversie = "0002";
    e.payload = o.payload;
    if (o.cross_refnummer) {
        e.cross_refnummer = *o.cross_refnummer;
        return soapEnvelope(bodyElement(writeGgkDu01(e)));
    }
    return soapEnvelope(bodyElement(writeGgkDi01(e)));
}

std::string soapFo01Request(const std::string& referentienummer, const std::string& municipality,
                            const GgkSystem& to, const std::string& cross_refnummer,
                            const StufFault& fault, std::chrono::system_clock::time_point at) {
    StufAnswerHeader h{ourSystem(municipality), to, referentienummer, ggkTijdstip(at),
                       cross_refnummer};
    return soapEnvelope(stufFo01(h, fault));
}

const char* soapActionOf(const std::string& kind) {
    if (kind == "Di01") return kSoapActionDi01;
    if (kind == "Du01") return kSoapActionDu01;
    if (kind == "Fo01") return kSoapActionFo01;
    throw std::logic_error("no soapAction for envelope kind " + kind);
}

}  // namespace zc::iwmo
