#pragma once
// The providers' outbox (outbox_messages) as the providers read it: list, fetch, acknowledge.
// Queueing outgoing messages is the message layer's.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace zc::db {
class Connection;
}

namespace zc::contracting {

// A row of `outbox_messages` without its XML.
struct OutboxRow {
    std::int64_t id = 0;
    std::string message_code;   // e.g. "414" (WMO301)
    std::string identificatie;  // the message's identification
    std::string created_at;     // DATETIME(6) text, UTC
    std::string retour_due;
    std::optional<std::string> fetched_at, acknowledged_at, retour_codes;
};

// The provider's messages by id (at most 1000); only unacknowledged ones unless `all`.
std::vector<OutboxRow> providerOutbox(db::Connection& db, std::int64_t provider_id, bool all);
// The XML of the provider's message, or nothing (not there, or another provider's).
std::optional<std::string> outboxXml(db::Connection& db, std::int64_t id, std::int64_t provider_id);
// Records the first fetch of the message at `now`.
void markFetched(db::Connection& db, std::int64_t id, const std::string& now);
// The provider's message, locked (FOR UPDATE), or nothing.
std::optional<OutboxRow> lockOutboxMessage(db::Connection& db, std::int64_t id,
                                           std::int64_t provider_id);
// Records the first acknowledgement of the message at `now`.
void markAcknowledged(db::Connection& db, std::int64_t id, const std::string& now);
// The message (the caller knows it exists).
OutboxRow outboxMessage(db::Connection& db, std::int64_t id);

}  // namespace zc::contracting
