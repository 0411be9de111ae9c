#pragma once
// The providers' outbox as use cases: a provider lists, fetches and acknowledges the messages
// queued for it (WMO301, WMO319, WMO325...). Only a provider has an outbox, and it sees only
// its own messages (another's are answered as unknown). Queueing: our message identifications,
// the row with its audit, and what a WMO301 carries (the XML is the message layer's).
#include <cstdint>
#include <istream>
#include <optional>
#include <string>
#include <vector>

#include "contracting/app/allocations.hpp"
#include "contracting/app/clients.hpp"
#include "contracting/kernel/list_query.hpp"
#include "contracting/kernel/request_context.hpp"

namespace zc::contracting {

// An outbox message as the provider sees it (without its XML).
struct OutboxEntry {
    std::int64_t id = 0;
    std::string message_code, identificatie;
    std::optional<std::string> municipality_code;  // the sender (Afzender); none before 0019
    std::string created_at;                        // DATETIME(6) text, UTC
    std::string retour_due;
    std::optional<std::string> fetched_at, acknowledged_at, retour_codes;
};

// The acting provider's id: FORBIDDEN for anyone else.
std::int64_t outboxOwner(const app::RequestContext& ctx);
// GET /outbox: the unacknowledged messages (all of them with `all`), by id, paged, with their
// total.
app::ListPage<OutboxEntry> listOutbox(app::RequestContext& ctx, bool all, std::int64_t limit,
                                      std::int64_t offset);
// GET /outbox/{id}: the message's XML (NOT_FOUND); its first fetch is recorded and every fetch
// is audited ("message.read": the message names the client), in one transaction.
std::string fetchOutboxMessage(app::RequestContext& ctx, std::int64_t id);
// The same read by one of the provider's users in the web application's inbox
// (provider_inbox.hpp): audited ("message.read" with "via":"inbox"), not recorded as a fetch.
std::string readInboxMessage(app::RequestContext& ctx, std::int64_t id);
// POST /outbox/{id}/ack: records the first acknowledgement (NOT_FOUND), audited
// ("message.acknowledge", object "<message code>/<identificatie>").
OutboxEntry acknowledgeOutboxMessage(app::RequestContext& ctx, std::int64_t id);

// Next BerichtIdentificatie / IdentificatieRetour of ours (digits, at most 12), in the
// caller's transaction.
std::string nextIdentificatie(app::RequestContext& ctx);
// Queues a message (checked by the caller) for the provider, sent by `municipality` (its
// Afzender, recorded on the row); retour due in 3 working days; audited ("message.queue",
// object "<AGB>/<code>/<identificatie>"). Returns the outbox id.
std::int64_t queueOutgoingMessage(app::RequestContext& ctx, std::int64_t provider_id,
                                  const std::string& municipality, const std::string& code,
                                  const std::string& identificatie, const std::string& xml,
                                  std::optional<std::int64_t> client_id,
                                  std::optional<std::int64_t> request_id);
// The same for a message read from `xml` (sealed while it is stored: a WMO325 too large to
// hold in memory).
std::int64_t queueOutgoingMessage(app::RequestContext& ctx, std::int64_t provider_id,
                                  const std::string& municipality, const std::string& code,
                                  const std::string& identificatie, std::istream& xml,
                                  std::optional<std::int64_t> client_id,
                                  std::optional<std::int64_t> request_id);

// What a WMO301 for one client and one provider from one municipality carries (OP087): the
// client and the current allocation versions that municipality pays, valid on or after today
// plus those changed since its previous WMO301 (contracting/domain/wmo301_content.hpp).
struct Wmo301Content {
    ClientView client;
    std::string municipality;  // the paying municipality: the WMO301's Afzender
    std::vector<AllocationView> allocations;
};
// Nothing when the client's messages are withheld (OP003; audited "message.withheld", object
// the client) or no allocation is to be carried.
std::optional<Wmo301Content> wmo301Content(app::RequestContext& ctx, std::int64_t client_id,
                                           std::int64_t provider_id,
                                           const std::string& municipality);
// Records the allocation versions the WMO301 `outbox_id` carried.
void recordWmo301(app::RequestContext& ctx, std::int64_t outbox_id,
                  const std::vector<AllocationView>& carried);

}  // namespace zc::contracting
