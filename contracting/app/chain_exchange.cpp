#include "chain_exchange.hpp"

#include <algorithm>

#include "contracting/kernel/errors.hpp"
#include "contracting/kernel/staff_scope.hpp"
#include "contracting/kernel/working_days.hpp"
#include "contracting/store/reference_store.hpp"
#include "interfaces/mysql/connection.hpp"
#include "interfaces/security/audit_trail.hpp"
#include "interfaces/security/crypto.hpp"
#include "interfaces/security/message_protection.hpp"

namespace zc::contracting {
namespace {

std::optional<std::string> ownSetting(db::Connection& db, std::int64_t provider_id,
                                      std::string& agb) {
    auto row = db.queryOne("SELECT agb, exchange_path FROM providers WHERE id = ?", {provider_id});
    if (!row) {
        throw ValidationError("NOT_FOUND",
                              "Provider " + std::to_string(provider_id) + " does not exist.", "id");
    }
    agb = row->str(0);
    return row->opt(1);
}

ExchangePath pathNamed(const std::string& name) {
    return name == "ggk" ? ExchangePath::Ggk : ExchangePath::Direct;
}

// Deadlines count from what the chain says: the provider's retour of a WMO301 or WMO319 is due
// 3 working days after the GGk took the message (Bv03), not after we queued it.
void retourDueFromDelivery(app::RequestContext& ctx, std::int64_t envelope_id) {
    ctx.db.execute(
        "UPDATE outbox_messages o JOIN chain_envelopes e ON e.outbox_message_id = o.id"
        " SET o.retour_due = ? WHERE e.id = ? AND o.message_code IN ('414','482')",
        {formatDate(addWorkingDays(ctx.today(), 3)), envelope_id});
}

}  // namespace

std::string exchangePathName(ExchangePath p) { return p == ExchangePath::Ggk ? "ggk" : "direct"; }

ExchangePath exchangePathOf(app::RequestContext& ctx, std::int64_t provider_id) {
    std::string agb;
    const auto own = ownSetting(ctx.db, provider_id, agb);
    return pathNamed(own.value_or(ctx.config.default_exchange_path));
}

ExchangePathSetting exchangePathSetting(app::RequestContext& ctx, std::int64_t provider_id) {
    ExchangePathSetting s;
    s.provider_id = provider_id;
    s.setting = ownSetting(ctx.db, provider_id, s.agb);
    s.path = exchangePathName(pathNamed(s.setting.value_or(ctx.config.default_exchange_path)));
    s.default_path = exchangePathName(pathNamed(ctx.config.default_exchange_path));
    return s;
}

ExchangePathSetting setExchangePath(app::RequestContext& ctx, std::int64_t provider_id,
                                    const std::string& path) {
    if (path != "direct" && path != "ggk" && path != "default") {
        throw ValidationError("INVALID_EXCHANGE_PATH",
                              "The path is \"direct\", \"ggk\" or \"default\".", "path");
    }
    db::Transaction tx(ctx.db);
    const auto before = exchangePathSetting(ctx, provider_id);
    ctx.db.execute("UPDATE providers SET exchange_path = ? WHERE id = ?",
                   {path == "default" ? db::Param(nullptr) : db::Param(path), provider_id});
    const auto after = exchangePathSetting(ctx, provider_id);
    security::appendAudit(
        ctx, {"provider.exchange_path", "provider", before.agb, "ok",
              security::AuditRecord().set("path", before.path).json(),
              security::AuditRecord().set("path", after.path).set("setting", path).json()});
    tx.commit();
    return after;
}

std::int64_t queueChainEnvelope(app::RequestContext& ctx, NewChainEnvelope e) {
    if (!e.envelope.empty()) e.envelope = security::sealMessageBody(ctx.config, e.envelope);
    return insertChainEnvelope(ctx.db, e, app::timestamp(ctx.clock));
}

void queueChainForOutbox(app::RequestContext& ctx, std::int64_t outbox_id, std::int64_t provider_id,
                         const std::string& municipality, const std::string& functie,
                         std::optional<std::int64_t> client_id,
                         std::optional<std::int64_t> answers_inbox) {
    // A retour goes back the way its message came, whatever the provider's path.
    const bool answers_chain =
        answers_inbox && receivedReferenceOfInbox(ctx.db, *answers_inbox).has_value();
    if (!answers_chain && exchangePathOf(ctx, provider_id) != ExchangePath::Ggk) return;
    NewChainEnvelope e;
    e.referentienummer = security::newUuidV4();
    e.kind = "Di01";  // a WMO325 answering a WMO323 received through the chain: Du01
    e.functie = functie;
    e.provider_id = provider_id;
    e.municipality_code = municipality;
    e.outbox_message_id = outbox_id;
    e.inbox_message_id = answers_inbox;
    if (client_id) e.order_key = "client:" + std::to_string(*client_id);
    queueChainEnvelope(ctx, std::move(e));
}

ChainEnvelopePage listChainEnvelopes(app::RequestContext& ctx, ChainEnvelopeFilter f) {
    if (!f.state.empty() && f.state != "queued" && f.state != "delivered" &&
        f.state != "acknowledged" && f.state != "failed") {
        throw ValidationError("INVALID_QUERY",
                              "state is queued, delivered, acknowledged or failed.", "state");
    }
    f.scope = app::ownMunicipalities(ctx.actor);
    return {chainEnvelopeRows(ctx.db, f), chainEnvelopeCount(ctx.db, f)};
}

ChainEnvelopeRow chainEnvelope(app::RequestContext& ctx, std::int64_t id) {
    auto row = findChainEnvelope(ctx.db, id);
    const auto scope = app::ownMunicipalities(ctx.actor);
    const bool visible =
        row &&
        (!scope || (row->municipality_code && std::find(scope->begin(), scope->end(),
                                                        *row->municipality_code) != scope->end()));
    if (!visible) {
        throw ValidationError("NOT_FOUND", "Envelope " + std::to_string(id) + " does not exist.",
                              "id");
    }
    row->envelope.reset();
    return *row;
}

bool servesMunicipality(app::RequestContext& ctx, const std::string& code) {
    return municipalityExists(ctx.db, code);
}

std::vector<ChainEnvelopeRow> leaseDueEnvelopes(app::RequestContext& ctx, int limit,
                                                std::chrono::seconds lease) {
    std::vector<ChainEnvelopeRow> out;
    const std::string now = app::timestamp(ctx.clock);
    const std::string until = app::timestampPlus(ctx.clock, lease);
    for (const auto id : dueChainEnvelopes(ctx.db, now, limit)) {
        if (!leaseChainEnvelope(ctx.db, id, now, until)) continue;
        if (auto row = findChainEnvelope(ctx.db, id)) out.push_back(std::move(*row));
    }
    return out;
}

void releaseLeases(app::RequestContext& ctx) { releaseChainLeases(ctx.db); }

EnvelopeSource chainEnvelopeSource(app::RequestContext& ctx, const ChainEnvelopeRow& row) {
    if (!row.outbox_message_id || !row.provider_agb || !row.municipality_code) {
        throw std::logic_error("chain envelope " + row.referentienummer + " has no source");
    }
    auto stored =
        ctx.db.queryOne("SELECT xml FROM outbox_messages WHERE id = ?", {*row.outbox_message_id});
    if (!stored) throw std::logic_error("outbox message of " + row.referentienummer + " is gone");
    EnvelopeSource s;
    s.payload = security::openMessageBody(ctx.config, stored->str(0));
    s.municipality = *row.municipality_code;
    s.provider_agb = *row.provider_agb;
    if (row.inbox_message_id)
        s.cross_refnummer = receivedReferenceOfInbox(ctx.db, *row.inbox_message_id);
    return s;
}

std::string keepBuiltEnvelope(app::RequestContext& ctx, std::int64_t id, const std::string& text,
                              const std::optional<std::string>& cross_refnummer,
                              const std::string& kind) {
    storeChainEnvelopeText(ctx.db, id, security::sealMessageBody(ctx.config, text), cross_refnummer,
                           kind);
    const auto row = findChainEnvelope(ctx.db, id);
    if (!row || !row->envelope) throw std::logic_error("chain envelope vanished while stored");
    return security::openMessageBody(ctx.config, *row->envelope);
}

std::string openEnvelope(app::RequestContext& ctx, const std::string& stored) {
    return security::openMessageBody(ctx.config, stored);
}

void answerThroughChain(app::RequestContext& ctx, std::int64_t outbox_id, std::int64_t inbox_id) {
    if (linkChainInbox(ctx.db, outbox_id, inbox_id)) return;
    auto o = ctx.db.queryOne(
        "SELECT provider_id, municipality_code, client_id FROM outbox_messages WHERE id = ?",
        {outbox_id});
    if (!o || o->isNull(1)) return;
    queueChainForOutbox(ctx, outbox_id, o->i64(0), o->str(1), "WMO325", o->optI64(2), inbox_id);
}

void recordAttempt(app::RequestContext& ctx, std::int64_t id, const AttemptResult& r,
                   std::chrono::milliseconds retry_after) {
    db::Transaction tx(ctx.db);
    const std::string now = app::timestamp(ctx.clock);
    switch (r.outcome) {
        case AttemptOutcome::Delivered:
            markChainDelivered(ctx.db, id, now);
            retourDueFromDelivery(ctx, id);
            break;
        case AttemptOutcome::Retry:
            markChainRetry(
                ctx.db, id,
                app::timestampPlus(ctx.clock,
                                   std::chrono::duration_cast<std::chrono::seconds>(retry_after)),
                r.text);
            break;
        case AttemptOutcome::Failed: {
            markChainFailed(ctx.db, id, now, r.code, r.text);
            const auto row = findChainEnvelope(ctx.db, id);
            security::appendAudit(
                ctx, {"chain.failed", "chain_envelope",
                      row ? row->referentienummer : std::to_string(id), "failed", std::nullopt,
                      security::AuditRecord()
                          .set("code", r.code)
                          .set("text", r.text.substr(0, 200))
                          .json()});
            break;
        }
    }
    tx.commit();
}

bool chainAcknowledged(app::RequestContext& ctx, const std::string& referentienummer) {
    return markChainAcknowledged(ctx.db, referentienummer, app::timestamp(ctx.clock));
}

bool chainRefused(app::RequestContext& ctx, const std::string& referentienummer,
                  const std::string& code, const std::string& text) {
    const auto row = findChainEnvelopeByReference(ctx.db, referentienummer);
    if (!row || (row->state != "queued" && row->state != "delivered")) return false;
    markChainFailed(ctx.db, row->id, app::timestamp(ctx.clock), code, text);
    security::appendAudit(
        ctx, {"chain.failed", "chain_envelope", referentienummer, "failed", std::nullopt,
              security::AuditRecord()
                  .set("code", code)
                  .set("text", text.substr(0, 200))
                  .set("by", "Fo01")
                  .json()});
    return true;
}

void requeueChainEnvelope(app::RequestContext& ctx, std::int64_t id) {
    db::Transaction tx(ctx.db);
    const auto row = findChainEnvelope(ctx.db, id);
    if (!row) {
        throw ValidationError("NOT_FOUND", "Envelope " + std::to_string(id) + " does not exist.",
                              "id");
    }
    if (!requeueChainEnvelope(ctx.db, id, app::timestamp(ctx.clock))) {
        throw ValidationError(
            "CHAIN_NOT_FAILED",
            "Only a failed envelope can be sent again; this one is " + row->state + ".", "id");
    }
    security::appendAudit(ctx, {"chain.requeue", "chain_envelope", row->referentienummer, "ok",
                                security::AuditRecord().set("state", row->state).json(),
                                security::AuditRecord().set("state", "queued").json()});
    tx.commit();
}

ReceivedClaim registerChainReceived(app::RequestContext& ctx, const NewChainReceived& r) {
    db::Transaction tx(ctx.db);
    ReceivedClaim claim;
    if (const auto id = insertChainReceived(ctx.db, r, app::timestamp(ctx.clock))) {
        claim = {ReceivedState::New, *id};
    } else if (const auto row = findChainReceived(ctx.db, r.key)) {
        claim.id = row->id;
        claim.state = row->content_sha256 != r.content_sha256 ? ReceivedState::Conflict
                      : row->outcome == "processing"          ? ReceivedState::Unfinished
                                                              : ReceivedState::Done;
    } else {
        throw std::logic_error("chain_received: neither inserted nor found");
    }
    tx.commit();
    return claim;
}

void finishReceivedEnvelope(app::RequestContext& ctx, std::int64_t received_id,
                            const std::string& agb, const std::string& code,
                            const std::string& identificatie,
                            const std::optional<std::string>& acknowledges,
                            std::optional<NewChainEnvelope> retour) {
    db::Transaction tx(ctx.db);
    const auto inbox = inboxIdOf(ctx.db, agb, code, identificatie);
    std::optional<std::int64_t> provider;
    if (ctx.actor.provider_id > 0) provider = ctx.actor.provider_id;
    if (!finishChainReceived(ctx.db, received_id, "processed", provider, inbox, std::nullopt,
                             std::nullopt)) {
        return;
    }
    if (acknowledges) chainAcknowledged(ctx, *acknowledges);
    if (retour) {
        retour->inbox_message_id = inbox;
        queueChainEnvelope(ctx, std::move(*retour));
    }
    tx.commit();
}

void refuseReceivedEnvelope(app::RequestContext& ctx, std::int64_t received_id,
                            const std::string& code, const std::string& text,
                            NewChainEnvelope fo01) {
    db::Transaction tx(ctx.db);
    std::optional<std::int64_t> provider;
    if (ctx.actor.provider_id > 0) provider = ctx.actor.provider_id;
    if (!finishChainReceived(ctx.db, received_id, "fo01", provider, std::nullopt, code,
                             text.substr(0, 1000))) {
        return;
    }
    fo01.provider_id = provider;
    queueChainEnvelope(ctx, std::move(fo01));
    tx.commit();
}

bool recordChainFo01(app::RequestContext& ctx, std::int64_t received_id,
                     const std::string& cross_refnummer, const std::string& code,
                     const std::string& text) {
    db::Transaction tx(ctx.db);
    if (!findChainEnvelopeByReference(ctx.db, cross_refnummer)) return false;
    if (finishChainReceived(ctx.db, received_id, "processed", std::nullopt, std::nullopt, code,
                            text.substr(0, 1000))) {
        chainRefused(ctx, cross_refnummer, code, text);
    }
    tx.commit();
    return true;
}

}  // namespace zc::contracting
