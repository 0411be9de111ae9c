#pragma once
// The inbox of received provider messages (inbox_messages): the exactly-once registration by
// sender + BerichtCode + BerichtIdentificatie, the stored outcome and retour, and the look-ups
// the intake needs around it (the sequence of our message identifications,
// the retour received on a message of ours).
// Free functions in the caller's transaction.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "contracting/kernel/civil_date.hpp"

namespace zc::db {
class Connection;
}

namespace zc::contracting {

// What identifies a received message (exactly once), with its Dagtekening.
struct InboxKey {
    std::string sender_agb;
    std::string message_code;  // BerichtCode, e.g. "418"
    std::string identificatie;
    Date dagtekening;
};

// A retour that is an outbox message (a WMO323's WMO325) is stored once, in the outbox: the
// inbox row's retour_xml then holds this prefix and the outbox row's id ("zcout1:42"), never the
// body a second time. findInboxMessage reads the outbox row's (sealed) body in its place.
inline constexpr std::string_view kOutboxRetourPrefix = "zcout1:";

// A registered message as stored: its content hash, outcome and retour (none for 302/320).
struct InboxRow {
    std::string content_sha256;
    std::optional<std::string> retour_xml;
    std::string outcome;
};

// Inserts the message with outcome 'processing' and returns its id; nothing when the key is
// registered already (the unique key; a concurrent duplicate waits for the first to commit).
std::optional<std::int64_t> insertInboxMessage(db::Connection& db, const InboxKey& key,
                                               std::int64_t provider_id, const std::string& sha,
                                               const std::string& received_at);
// The registered message with this key, if any.
std::optional<InboxRow> findInboxMessage(db::Connection& db, const InboxKey& key);
// Stores the outcome and, when there is one, the retour with its BerichtCode.
void finishInboxMessage(db::Connection& db, std::int64_t inbox_id, const std::string& outcome,
                        const std::optional<std::string>& retour_code,
                        const std::optional<std::string>& retour_xml);
// The outcome of a WMO323 on its inbox message; with an outbox message, that WMO325 (referred
// to, not copied: kOutboxRetourPrefix) becomes its retour (485) for a resend.
void recordInboxOutcome(db::Connection& db, std::int64_t inbox_id,
                        std::optional<std::int64_t> outbox_id, const std::string& outcome);
// A WMO325 sent after the reviews (outbox message `outbox_id`) answers the inbox message now.
void answerInbox(db::Connection& db, std::int64_t inbox_id, std::int64_t outbox_id);
// Records the provider's retour on our message `message_code`/`identificatie` to it (the codes
// comma-joined) at `at`; returns the number of outbox messages it named (0 or 1).
std::int64_t recordRetourOnOutbox(db::Connection& db, const std::string& message_code,
                                  const std::string& identificatie, std::int64_t provider_id,
                                  const std::string& codes, const std::string& at);

}  // namespace zc::contracting
