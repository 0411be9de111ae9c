#pragma once
// What the chain's receiving side needs to know of an iWmo message before the intake reads it
// (issue 16): its kind and the parties and identification in its Header, found in the first
// bytes without parsing. The intake then parses and checks the whole message; a head that lies
// only leads to the intake's refusal (AGB_MISMATCH, XSD_INVALID, ...).
#include <optional>
#include <string>
#include <string_view>

#include "interfaces/iwmo/message_kinds.hpp"

namespace zc::iwmo {

struct PayloadHead {
    const MessageKind* kind = nullptr;
    std::string provider_agb;   // the Afzender; of a retour (WMO302, 320) the Ontvanger
    std::string municipality;   // the other party
    std::string identificatie;  // BerichtIdentificatie/Identificatie
};

// Nothing when the first 8 KiB do not name an iWmo 3.2 message with these Header fields.
std::optional<PayloadHead> sniffPayloadHead(std::string_view xml);

// "WMO305" for wmo305 (the envelope's functie, StUF-GGk §2.6).
std::string functieOf(const MessageKind& kind);

}  // namespace zc::iwmo
