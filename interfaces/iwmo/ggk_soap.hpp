#pragma once
// Reading what arrives over the GGk connection (issue 16): a SOAP 1.1 envelope whose body is a
// ggk_Di01 or ggk_Du01 (a message for us), a StUF Fo01 (the chain could not process something
// we sent), or, as the answer to what we post, a Bv03 or a SOAP Fault with a Fo03. One parse in
// the hardened XML layer validates the SOAP envelope and its body strictly against our schemas
// (interfaces/xml/schemas/ggk-2.1).
#include <optional>
#include <string_view>
#include <vector>

#include "interfaces/iwmo/ggk_envelope.hpp"
#include "interfaces/iwmo/stuf_answers.hpp"
#include "interfaces/xml/xml_document.hpp"

namespace zc::iwmo {

enum class GgkSoapKind { Di01, Du01, Fo01, Bv03, Fo03 };

struct GgkSoapMessage {
    GgkSoapKind kind = GgkSoapKind::Di01;
    std::optional<GgkEnvelope> envelope;     // Di01, Du01 (payload decoded)
    std::optional<StufAnswerHeader> answer;  // Bv03, Fo01, Fo03
    std::optional<StufFault> fault;          // Fo01, Fo03
};

struct GgkSoapRead {
    std::optional<GgkSoapMessage> message;
    std::vector<xml::Problem> problems;  // xml_document.hpp codes when not valid
    bool ok() const { return message.has_value(); }
};

// Never throws for bad input.
GgkSoapRead readGgkSoap(const xml::SchemaSet& schemas, std::string_view text,
                        const xml::Limits& limits = ggkLimits());

}  // namespace zc::iwmo
