#pragma once
// Shared between the message intake, rules and outbox files; not a public interface.
#include <string>
#include <vector>

#include "context.hpp"
#include "interfaces/iwmo/message_kinds.hpp"
#include "interfaces/iwmo/writers.hpp"
#include "interfaces/xml/xml_document.hpp"
#include "messages.hpp"

namespace zc::app {

struct MessageInfo {
    const xml::Element* root;
    const iwmo::MessageKind* kind;
    std::string sender;
    std::string recipient;
    std::string identificatie;
    Date dagtekening;
    std::int64_t provider_id;
    std::int64_t inbox_id;
};

struct Outcome {
    std::string outcome;     // "accepted", "rejected" (level 3), "rejected_header" (level 2)
    std::string retour_xml;  // empty for 302/320
};

// Applies the control levels and, when everything passes, the state change.
Outcome processMessage(RequestContext& ctx, const MessageInfo& m);

// Level-2 (in-message) rule violations of a schema-valid message, as readable lines.
std::vector<std::string> levelTwoProblems(const xml::Element& root, const iwmo::MessageKind& kind);

IntakeAnswer ackAnswer(const std::string& kind_name, const std::string& outcome, bool repeat);

// Next BerichtIdentificatie / IdentificatieRetour of ours (digits, at most 12).
std::string nextIdentificatie(RequestContext& ctx);

// Queues an outgoing message for the provider; retour due in 3 working days.
void queueOutgoing(RequestContext& ctx, std::int64_t provider_id, const std::string& code,
                   const std::string& identificatie, const std::string& xml,
                   std::optional<std::int64_t> client_id, std::optional<std::int64_t> request_id);

std::string iwmoFrequencyCode(const std::string& frequency_name);

}  // namespace zc::app
