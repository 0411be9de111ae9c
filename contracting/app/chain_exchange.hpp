#pragma once
// The chain through the Gemeentelijk Gegevensknooppunt (GGk, issue 16) as use cases: which path
// a provider's messages take, the durable outbox of envelopes (queue, lease, outcome) and the
// exactly-once register of envelopes the GGk delivered. The envelopes' text (SOAP, StUF) is the
// message layer's (interfaces/iwmo); here it is only stored, sealed.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "contracting/kernel/request_context.hpp"
#include "contracting/store/chain_store.hpp"

namespace zc::contracting {

// The path of a provider's messages: its own setting (providers.exchange_path), else the
// configured default (AppConfig::default_exchange_path).
enum class ExchangePath { Direct, Ggk };
ExchangePath exchangePathOf(app::RequestContext& ctx, std::int64_t provider_id);
std::string exchangePathName(ExchangePath p);

struct ExchangePathSetting {
    std::int64_t provider_id = 0;
    std::string agb;
    std::optional<std::string> setting;  // "direct", "ggk", or none: the default
    std::string path;                    // what is in use
    std::string default_path;            // the configured default (ggk.default_path)
};
ExchangePathSetting exchangePathSetting(app::RequestContext& ctx, std::int64_t provider_id);
// Staff set a provider's path ("direct", "ggk", or "default"); audited
// ("provider.exchange_path"). INVALID_EXCHANGE_PATH, NOT_FOUND.
ExchangePathSetting setExchangePath(app::RequestContext& ctx, std::int64_t provider_id,
                                    const std::string& path);

// In the caller's transaction: the envelope row; the envelope text is sealed here.
std::int64_t queueChainEnvelope(app::RequestContext& ctx, NewChainEnvelope e);
// The providers' outbox's hook, in the caller's transaction: when the provider's path is the
// chain, the queued message (`functie` "WMO301", "WMO319", "WMO325") gets its envelope row, built
// at the first attempt. A client's messages keep their order. `answers_inbox`: the received
// message it answers (a WMO325's WMO323), whose envelope its crossRefnummer names.
void queueChainForOutbox(app::RequestContext& ctx, std::int64_t outbox_id, std::int64_t provider_id,
                         const std::string& municipality, const std::string& functie,
                         std::optional<std::int64_t> client_id,
                         std::optional<std::int64_t> answers_inbox);

// Whether `code` is one of the municipalities this platform serves.
bool servesMunicipality(app::RequestContext& ctx, const std::string& code);

// The sender's side. Envelopes due now (oldest first, a client's in order), each leased for
// `lease` and its attempt counted; a service that restarts ends its leases first.
std::vector<ChainEnvelopeRow> leaseDueEnvelopes(app::RequestContext& ctx, int limit,
                                                std::chrono::seconds lease);
void releaseLeases(app::RequestContext& ctx);
// What an envelope still to be built carries: the outbox message (opened), the parties, and
// the envelope it answers (a WMO325 whose WMO323 came through the chain), if any.
struct EnvelopeSource {
    std::string payload;
    std::string municipality, provider_agb;
    std::optional<std::string> cross_refnummer;
};
EnvelopeSource chainEnvelopeSource(app::RequestContext& ctx, const ChainEnvelopeRow& row);
// Stores the envelope built at the first attempt (sealed here), so that a retry sends the same
// bytes; returns the text as stored (a concurrent first attempt may have stored its own).
std::string keepBuiltEnvelope(app::RequestContext& ctx, std::int64_t id, const std::string& text,
                              const std::optional<std::string>& cross_refnummer,
                              const std::string& kind);
// The stored envelope text, opened.
std::string openEnvelope(app::RequestContext& ctx, const std::string& stored);

// GET /chain/envelopes (staff, scoped to their municipalities): newest first, with the total.
struct ChainEnvelopePage {
    std::vector<ChainEnvelopeRow> rows;
    std::int64_t total = 0;
};
ChainEnvelopePage listChainEnvelopes(app::RequestContext& ctx, ChainEnvelopeFilter f);
// One envelope (without its text); NOT_FOUND, also outside the staff user's municipalities.
ChainEnvelopeRow chainEnvelope(app::RequestContext& ctx, std::int64_t id);

// The WMO325 `outbox_id` answers the WMO323 `inbox_id` (in the caller's transaction): its
// envelope names the envelope the WMO323 came in, and is queued when the WMO323 came through the
// chain even if the provider's path is direct (a retour goes back the way its message came).
void answerThroughChain(app::RequestContext& ctx, std::int64_t outbox_id, std::int64_t inbox_id);

// How a delivery attempt ended.
enum class AttemptOutcome { Delivered, Retry, Failed };
struct AttemptResult {
    AttemptOutcome outcome = AttemptOutcome::Retry;
    std::string code;  // Failed: the fault code ("StUF058", "DELIVERY_FAILED")
    std::string text;  // Retry: the error; Failed: the fault text
};
// Records an attempt's result in its own transaction: delivered; another attempt after the
// back-off (`retry_after`); or failed (audited "chain.failed").
void recordAttempt(app::RequestContext& ctx, std::int64_t id, const AttemptResult& r,
                   std::chrono::milliseconds retry_after);

// What the chain said of an envelope we sent, in the caller's transaction: the provider's
// retour arrived (Du01) or the chain refused it (Fo01). False when no envelope has this
// referentienummer (or it is past that state).
bool chainAcknowledged(app::RequestContext& ctx, const std::string& referentienummer);
bool chainRefused(app::RequestContext& ctx, const std::string& referentienummer,
                  const std::string& code, const std::string& text);
// Staff queue a failed envelope again (same referentienummer); audited ("chain.requeue").
// NOT_FOUND; CHAIN_NOT_FAILED when it is not failed.
void requeueChainEnvelope(app::RequestContext& ctx, std::int64_t id);

// The register of received envelopes: a new one (`id`, processing), one registered before that
// is unfinished (the service died while processing it) or done, or the same referentienummer
// from the same sender with other content.
enum class ReceivedState { New, Unfinished, Done, Conflict };
struct ReceivedClaim {
    ReceivedState state = ReceivedState::New;
    std::int64_t id = 0;
};
// In a transaction of its own, committed before the message is processed.
ReceivedClaim registerChainReceived(app::RequestContext& ctx, const NewChainReceived& r);
// A received envelope's message was taken by the intake. In one transaction: the register's
// outcome ('processed', with the inbox message of the iWmo key agb/code/identificatie), the
// envelope of ours it answers acknowledged (a Du01's crossRefnummer, `acknowledges`) and the
// retour's envelope queued (its inbox message filled in). Nothing when another delivery of the
// envelope finished it first.
void finishReceivedEnvelope(app::RequestContext& ctx, std::int64_t received_id,
                            const std::string& agb, const std::string& code,
                            const std::string& identificatie,
                            const std::optional<std::string>& acknowledges,
                            std::optional<NewChainEnvelope> retour);
// A received envelope's message cannot be processed: the register's outcome ('fo01', the code
// and text) and the Fo01 queued, in one transaction.
void refuseReceivedEnvelope(app::RequestContext& ctx, std::int64_t received_id,
                            const std::string& code, const std::string& text,
                            NewChainEnvelope fo01);
// The chain's Fo01 on our envelope `cross_refnummer`: it is failed with the code and text, and
// the Fo01 registered as processed, in one transaction. False (nothing changed) when we sent
// no envelope with that referentienummer.
bool recordChainFo01(app::RequestContext& ctx, std::int64_t received_id,
                     const std::string& cross_refnummer, const std::string& code,
                     const std::string& text);

}  // namespace zc::contracting
