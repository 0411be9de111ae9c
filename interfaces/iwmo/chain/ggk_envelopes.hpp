#pragma once
// The SOAP requests we send through the GGk (issue 16), built from the configuration
// (ggk_settings.hpp): a ggk_Di01 (heenbericht: WMO301, 319) or ggk_Du01 (retourbericht: the
// retour of a message the chain delivered, with its crossRefnummer) around one iWmo message, and
// a StUF Fo01 for a delivered envelope whose payload we cannot process.
#include <chrono>
#include <optional>
#include <string>

#include "interfaces/iwmo/ggk_envelope.hpp"
#include "interfaces/iwmo/stuf_answers.hpp"

namespace zc::iwmo {

// We as zender: the municipality's CBS code and our application (ggk.application).
GgkSystem ourSystem(const std::string& municipality);

struct OutgoingEnvelope {
    std::string referentienummer;
    std::string municipality;                    // zender organisatie
    std::string provider_agb;                    // ontvanger organisatie
    std::string functie;                         // "WMO301"
    std::string payload;                         // the iWmo message
    std::optional<std::string> cross_refnummer;  // set: a ggk_Du01
    std::chrono::system_clock::time_point at;
};
// The SOAP 1.1 request text.
std::string soapMessageEnvelope(const OutgoingEnvelope& e);

// A Fo01 to `to` (the zender of the envelope `cross_refnummer`) as a SOAP 1.1 request.
std::string soapFo01Request(const std::string& referentienummer, const std::string& municipality,
                            const GgkSystem& to, const std::string& cross_refnummer,
                            const StufFault& fault, std::chrono::system_clock::time_point at);

// The soapAction of an envelope kind ("Di01", "Du01", "Fo01").
const char* soapActionOf(const std::string& kind);

}  // namespace zc::iwmo
