#pragma once
// Shared between the message files still here (the WMO323 intake, the outbox and the request
// queue); not a public interface.
#include <optional>
#include <string>
#include <vector>

#include "context.hpp"
#include "contracting/app/message_intake.hpp"
#include "contracting/kernel/errors.hpp"
#include "interfaces/iwmo/message_kinds.hpp"
#include "interfaces/iwmo/writers.hpp"
#include "interfaces/xml/xml_document.hpp"
#include "messages.hpp"

namespace zc::app {

// Transition: the intake's helpers under their old names, for billing's WMO323 intake still
// here. They forward to interfaces/iwmo/exchange/intake_answer.hpp (technicalError, ackAnswer)
// and contracting/app/message_intake.hpp (checkSender, registerInbox).
using iwmo::ackAnswer;
using iwmo::technicalError;

inline std::int64_t checkSender(RequestContext& ctx, const std::string& header_sender,
                                const std::string& recipient, const std::string& certificate_agb) {
    return contracting::checkSender(ctx, header_sender, recipient, certificate_agb);
}

// What identifies a received message (exactly once): sender + BerichtCode + identification.
struct InboxKey {
    const iwmo::MessageKind* kind;
    std::string sender;
    std::string identificatie;
    Date dagtekening;
};

// Registers the message in the inbox inside the current transaction and sets `inbox_id`; for a
// repeat (same content) the stored answer, for the same key with other content 409
// DUPLICATE_IDENTIFICATION.
inline std::optional<IntakeAnswer> registerInbox(RequestContext& ctx, const InboxKey& key,
                                                 std::int64_t provider_id, const std::string& sha,
                                                 std::int64_t& inbox_id) {
    auto r = contracting::registerInbox(
        ctx, {key.sender, key.kind->code, key.identificatie, key.dagtekening}, provider_id, sha);
    if (!r.repeat) {
        inbox_id = r.inbox_id;
        return std::nullopt;
    }
    if (!r.repeat->retour_xml) return ackAnswer(key.kind->name, r.repeat->outcome, true);
    return iwmo::retourAnswer(std::move(*r.repeat->retour_xml));
}

}  // namespace zc::app
