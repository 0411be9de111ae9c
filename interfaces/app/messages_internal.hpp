#pragma once
// Shared between the message intake, rules and outbox files; not a public interface.
#include <optional>
#include <string>
#include <vector>

#include "context.hpp"
#include "contracting/kernel/errors.hpp"
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

// Not processable: throws ValidationError (no retour, nothing stored).
[[noreturn]] void technicalError(const std::string& code, const std::string& message);

// The sender named in the header must be the certificate's AGB and a known provider, the
// recipient one of our municipalities. Returns the provider's id.
std::int64_t checkSender(RequestContext& ctx, const std::string& header_sender,
                         const std::string& recipient, const std::string& certificate_agb);

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
std::optional<IntakeAnswer> registerInbox(RequestContext& ctx, const InboxKey& key,
                                          std::int64_t provider_id, const std::string& sha,
                                          std::int64_t& inbox_id);

IntakeAnswer ackAnswer(const std::string& kind_name, const std::string& outcome, bool repeat);

}  // namespace zc::app
