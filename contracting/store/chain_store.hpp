#pragma once
// The SQL of the chain through the GGk (migration 0041): the durable outbox of envelopes we send
// (chain_envelopes) and the register of envelopes the GGk delivered to us (chain_received).
// Every function runs in the caller's transaction; times are DATETIME(6) text in UTC.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "contracting/kernel/list_query.hpp"
#include "interfaces/mysql/connection.hpp"
#include "interfaces/mysql/scope_filter.hpp"

namespace zc::contracting {

// An envelope to queue. `envelope` is the sealed SOAP text, or empty when it is built at the
// first attempt from the outbox message `outbox_message_id`.
struct NewChainEnvelope {
    std::string referentienummer;
    std::string kind;  // "Di01", "Du01", "Fo01"
    std::optional<std::string> functie;
    std::optional<std::int64_t> provider_id;
    std::optional<std::string> municipality_code;
    std::optional<std::int64_t> outbox_message_id;
    std::optional<std::int64_t> inbox_message_id;
    std::optional<std::string> cross_refnummer;
    std::optional<std::string> order_key;
    std::string envelope;
};
std::int64_t insertChainEnvelope(db::Connection& db, const NewChainEnvelope& e,
                                 const std::string& now);

// One row of chain_envelopes.
struct ChainEnvelopeRow {
    std::int64_t id = 0;
    std::string referentienummer, kind, state;
    std::optional<std::string> functie;
    std::optional<std::int64_t> provider_id;
    std::optional<std::string> provider_agb, municipality_code;
    std::optional<std::int64_t> outbox_message_id, inbox_message_id;
    std::optional<std::string> cross_refnummer, envelope;
    int attempts = 0;
    std::string next_attempt_at, created_at;
    std::optional<std::string> last_error, delivered_at, acknowledged_at, failed_at;
    std::optional<std::string> fault_code, fault_text;
    std::optional<std::string> message_identificatie;  // the outbox message's, if any
};
std::optional<ChainEnvelopeRow> findChainEnvelope(db::Connection& db, std::int64_t id);
std::optional<ChainEnvelopeRow> findChainEnvelopeByReference(db::Connection& db,
                                                             const std::string& referentienummer);

// Track & trace for staff: envelopes of one state and one provider ("" for all), within the
// municipalities of `scope`, searched (q: referentienummer, functie, message identification,
// AGB) and sorted (id, created_at, state, functie, attempts; newest first by default); and how
// many match.
struct ChainEnvelopeFilter {
    std::string state, agb;
    db::MunicipalityScope scope;
    app::ListQuery list;
};
std::vector<ChainEnvelopeRow> chainEnvelopeRows(db::Connection& db, const ChainEnvelopeFilter& f);
std::int64_t chainEnvelopeCount(db::Connection& db, const ChainEnvelopeFilter& f);

// Queued envelopes due at `now`, not leased, and with no earlier queued envelope of the same
// order key (a client's messages leave in the order they were made); oldest first.
std::vector<std::int64_t> dueChainEnvelopes(db::Connection& db, const std::string& now, int limit);
// Takes the lease of a due envelope until `lease_until` and counts the attempt; false when
// another sender holds it or it is no longer queued.
bool leaseChainEnvelope(db::Connection& db, std::int64_t id, const std::string& now,
                        const std::string& lease_until);
// Ends every lease (a restarted service retries at once what it was sending when it stopped).
void releaseChainLeases(db::Connection& db);
void storeChainEnvelopeText(db::Connection& db, std::int64_t id, const std::string& sealed,
                            const std::optional<std::string>& cross_refnummer,
                            const std::string& kind);
void markChainDelivered(db::Connection& db, std::int64_t id, const std::string& now);
void markChainRetry(db::Connection& db, std::int64_t id, const std::string& next_attempt_at,
                    const std::string& error);
void markChainFailed(db::Connection& db, std::int64_t id, const std::string& now,
                     const std::string& code, const std::string& text);
// A failed envelope queued again (staff): same referentienummer, attempts from zero.
bool requeueChainEnvelope(db::Connection& db, std::int64_t id, const std::string& now);
// The provider's retour (Du01) arrived for the envelope with this referentienummer.
bool markChainAcknowledged(db::Connection& db, const std::string& referentienummer,
                           const std::string& now);
// The envelope of outbox message `outbox_id` answers inbox message `inbox_id`; false when the
// outbox message has no envelope.
bool linkChainInbox(db::Connection& db, std::int64_t outbox_id, std::int64_t inbox_id);
// The referentienummer of the envelope through which the inbox message arrived, if it did.
std::optional<std::string> receivedReferenceOfInbox(db::Connection& db, std::int64_t inbox_id);

// The register of received envelopes.
struct ChainReceivedKey {
    std::string zender_organisatie, zender_applicatie, referentienummer;
};
struct NewChainReceived {
    ChainReceivedKey key;
    std::string kind;
    std::optional<std::string> functie, cross_refnummer;
    std::string content_sha256;
    std::optional<std::string> iwmo_sender, iwmo_code, iwmo_identificatie;
};
struct ChainReceivedRow {
    std::int64_t id = 0;
    std::string content_sha256, outcome;
};
// Inserts the envelope as 'processing'; nothing when its key is registered already.
std::optional<std::int64_t> insertChainReceived(db::Connection& db, const NewChainReceived& r,
                                                const std::string& now);
std::optional<ChainReceivedRow> findChainReceived(db::Connection& db, const ChainReceivedKey& key);
// Records the outcome of a 'processing' envelope (row locked); false when another delivery of
// it finished first.
bool finishChainReceived(db::Connection& db, std::int64_t id, const std::string& outcome,
                         std::optional<std::int64_t> provider_id,
                         std::optional<std::int64_t> inbox_id,
                         const std::optional<std::string>& fault_code,
                         const std::optional<std::string>& fault_text);

// The inbox message with this iWmo key, if registered.
std::optional<std::int64_t> inboxIdOf(db::Connection& db, const std::string& sender_agb,
                                      const std::string& message_code,
                                      const std::string& identificatie);

}  // namespace zc::contracting
