#pragma once
// The providers' outbox as use cases: a provider lists, fetches and acknowledges the messages
// queued for it (WMO301, WMO319, WMO325...). Only a provider has an outbox, and it sees only
// its own messages (another's are answered as unknown).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "contracting/kernel/request_context.hpp"

namespace zc::contracting {

// An outbox message as the provider sees it (without its XML).
struct OutboxEntry {
    std::int64_t id = 0;
    std::string message_code, identificatie;
    std::string created_at;  // DATETIME(6) text, UTC
    std::string retour_due;
    std::optional<std::string> fetched_at, acknowledged_at, retour_codes;
};

// The acting provider's id: FORBIDDEN for anyone else.
std::int64_t outboxOwner(const app::RequestContext& ctx);
// GET /outbox: the unacknowledged messages (all of them with `all`), by id, at most 1000.
std::vector<OutboxEntry> listOutbox(app::RequestContext& ctx, bool all);
// GET /outbox/{id}: the message's XML (NOT_FOUND); its first fetch is recorded (no own
// transaction, as before).
std::string fetchOutboxMessage(app::RequestContext& ctx, std::int64_t id);
// POST /outbox/{id}/ack: records the first acknowledgement (NOT_FOUND), audited
// ("message.acknowledge", object "<message code>/<identificatie>").
OutboxEntry acknowledgeOutboxMessage(app::RequestContext& ctx, std::int64_t id);

}  // namespace zc::contracting
