#pragma once
// The intake of a provider's iWmo message (WMO302, 305, 307, 315, 317, 320) as a use case: in
// one transaction the sender check, the exactly-once registration in the inbox (sender +
// BerichtCode + BerichtIdentificatie), what the message's content makes of it (the port
// MessageContent, implemented by the message exchange with the codecs), the stored outcome and
// retour, and the audit row ("message.receive"). A repeated message gets the stored answer; the
// same identification with other content is refused (409 DUPLICATE_IDENTIFICATION). The message
// is parsed and schema-checked by the caller; technical errors throw ValidationError and change
// nothing.
#include <cstdint>
#include <optional>
#include <string>

#include "contracting/kernel/request_context.hpp"
#include "contracting/store/inbox_store.hpp"

namespace zc::contracting {

// The header of a received message as the intake needs it (no XML).
struct ReceivedMessage {
    InboxKey key;                // sender (the provider), BerichtCode, identification, date
    std::string recipient;       // Ontvanger: one of our municipalities
    std::string retour_code;     // BerichtCode of its retour, "" when it has none (302/320)
    std::string content_sha256;  // of the message as received
};

// A message registered in the inbox, as the content's rules see it.
struct RegisteredMessage {
    std::int64_t provider_id = 0;
    std::int64_t inbox_id = 0;
};

// What the content made of the message: "accepted", "rejected" (level 3), "rejected_header"
// (level 2), "retour_accepts" / "retour_rejects" (302/320), and the retour (empty: none).
struct ContentOutcome {
    std::string outcome;
    std::string retour_xml;
};

// The port through which the intake has the message's content checked and applied, in the
// intake's transaction (implemented by interfaces/iwmo/exchange).
class MessageContent {
  public:
    virtual ~MessageContent() = default;
    virtual ContentOutcome process(app::RequestContext& ctx, const RegisteredMessage& m) = 0;
};

// The answer: the outcome and retour, stored (repeat) or just made.
struct IntakeResult {
    std::string outcome;
    std::optional<std::string> retour_xml;  // nothing for 302/320
    bool repeat = false;
};

// The use case: the message `m` sent over a client certificate with `certificate_agb`.
IntakeResult receiveMessage(app::RequestContext& ctx, const ReceivedMessage& m,
                            const std::string& certificate_agb, MessageContent& content);

// The sender named in the header must be the certificate's AGB (AGB_MISMATCH) and a known
// provider (UNKNOWN_AGB), the recipient one of our municipalities (WRONG_RECIPIENT). Returns the
// provider's id. Also for the WMO323 intake.
std::int64_t checkSender(app::RequestContext& ctx, const std::string& header_sender,
                         const std::string& recipient, const std::string& certificate_agb);

// Registers the message in the inbox in the caller's transaction: its new id, or for a repeat
// (same content) the stored answer; the same key with other content throws
// DUPLICATE_IDENTIFICATION, one still being processed MESSAGE_BEING_PROCESSED.
struct InboxRegistration {
    std::int64_t inbox_id = 0;       // 0 for a repeat
    std::optional<InboxRow> repeat;  // the stored answer of a repeat
};
InboxRegistration registerInbox(app::RequestContext& ctx, const InboxKey& key,
                                std::int64_t provider_id, const std::string& sha);

// For billing's WMO323 intake, in the caller's transaction: the declaration's outcome on its
// inbox message, with the queued WMO325 (outbox message `outbox_id`) as its retour (485).
void recordInboxOutcome(app::RequestContext& ctx, std::int64_t inbox_id,
                        std::optional<std::int64_t> outbox_id, const std::string& outcome);
// The WMO325 sent after the reviews (outbox message `outbox_id`) becomes the inbox message's
// retour: it is answered now.
void answerInboxMessage(app::RequestContext& ctx, std::int64_t inbox_id, std::int64_t outbox_id);

}  // namespace zc::contracting
