#pragma once
// The providers' outbox (outbox_messages) as the providers read it: list, fetch, acknowledge;
// and what queueing an outgoing message writes (our message identifications, the row, the
// allocation versions a WMO301 carried).
#include <cstdint>
#include <istream>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "contracting/kernel/list_query.hpp"

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
    std::optional<std::string> municipality_code;  // the sender; NULL: not known (before 0019)
};

// The provider's messages by id, paged, with their total; only unacknowledged ones unless `all`.
app::ListPage<OutboxRow> providerOutbox(db::Connection& db, std::int64_t provider_id, bool all,
                                        std::int64_t limit, std::int64_t offset);
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

// A message to queue for a provider (`outbox_messages`).
struct OutgoingRow {
    std::int64_t provider_id = 0;
    std::string municipality_code;  // the sending municipality (the message's Afzender)
    std::string message_code;       // "414" (WMO301), "482" (WMO319), "485" (WMO325)
    std::string identificatie;
    std::optional<std::int64_t> client_id, request_id;
    const std::string* xml = nullptr;  // the message (not copied)
    // Instead of `xml`: the stored form read from this stream (a message too large to hold).
    std::istream* xml_stream = nullptr;
    std::string created_at;  // DATETIME(6) text, UTC
    std::string retour_due;  // "YYYY-MM-DD"
};

// The next value of our message sequence (locked until the transaction ends).
std::int64_t nextMessageNumber(db::Connection& db);
// Inserts the message; returns its id.
std::int64_t insertOutgoing(db::Connection& db, const OutgoingRow& row);
// The row ids of the client's current allocation versions with the provider, paid by
// `municipality`, that an earlier WMO301 carried.
std::set<std::int64_t> sentAllocationVersions(db::Connection& db, std::int64_t client_id,
                                              std::int64_t provider_id,
                                              const std::string& municipality);
// Records that the WMO301 `outbox_id` carried the allocation version (row id).
void recordWmo301Version(db::Connection& db, std::int64_t outbox_id, std::int64_t allocation_id);

}  // namespace zc::contracting
