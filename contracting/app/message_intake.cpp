#include "message_intake.hpp"

#include "contracting/app/chain_exchange.hpp"
#include "contracting/app/provider_queries.hpp"
#include "contracting/kernel/errors.hpp"
#include "contracting/store/reference_store.hpp"
#include "interfaces/mysql/connection.hpp"
#include "interfaces/security/audit_trail.hpp"
#include "interfaces/security/message_protection.hpp"

namespace zc::contracting {
namespace {

[[noreturn]] void notProcessable(const std::string& code, const std::string& message) {
    throw ValidationError(code, message, "");
}

}  // namespace

std::int64_t checkSender(app::RequestContext& ctx, const std::string& header_sender,
                         const std::string& recipient, const std::string& certificate_agb) {
    if (header_sender != certificate_agb) {
        notProcessable("AGB_MISMATCH", "The provider " + header_sender +
                                           " in the header differs from the AGB "
                                           "code " +
                                           certificate_agb + " of your client certificate.");
    }
    const auto provider_id = knownProviderId(ctx.db, certificate_agb);
    if (!municipalityExists(ctx.db, recipient)) {
        notProcessable("WRONG_RECIPIENT", "Ontvanger " + recipient +
                                              " is not a municipality served by this platform.");
    }
    return provider_id;
}

InboxRegistration registerInbox(app::RequestContext& ctx, const InboxKey& key,
                                std::int64_t provider_id, const std::string& sha) {
    if (const auto id =
            insertInboxMessage(ctx.db, key, provider_id, sha, app::timestamp(ctx.clock))) {
        return {*id, std::nullopt};
    }
    // A concurrent duplicate blocked on the unique key until the first committed: a repeat.
    auto row = findInboxMessage(ctx.db, key);
    if (!row) {
        notProcessable("MESSAGE_BEING_PROCESSED", "The message is being processed; send it again.");
    }
    if (row->retour_xml) row->retour_xml = security::openMessageBody(ctx.config, *row->retour_xml);
    if (row->content_sha256 != sha) {
        notProcessable("DUPLICATE_IDENTIFICATION",
                       "BerichtIdentificatie " + key.identificatie +
                           " was used before for another message of this type (retourcode "
                           "9056); use a new identification.");
    }
    return {0, std::move(row)};
}

IntakeResult receiveMessage(app::RequestContext& ctx, const ReceivedMessage& m,
                            const std::string& certificate_agb, MessageContent& content) {
    db::Transaction tx(ctx.db);
    const auto provider_id = checkSender(ctx, m.key.sender_agb, m.recipient, certificate_agb);
    const auto registration = registerInbox(ctx, m.key, provider_id, m.content_sha256);
    if (registration.repeat) {
        tx.commit();
        return {registration.repeat->outcome, registration.repeat->retour_xml, true};
    }
    const ContentOutcome outcome = content.process(ctx, {provider_id, registration.inbox_id});
    std::optional<std::string> retour;
    if (!outcome.retour_xml.empty()) retour = outcome.retour_xml;
    // The retour is stored encrypted (it repeats the client's data) and answered in clear.
    finishInboxMessage(
        ctx.db, registration.inbox_id, outcome.outcome,
        retour ? std::optional<std::string>(m.retour_code) : std::nullopt,
        retour ? std::optional<std::string>(security::sealMessageBody(ctx.config, *retour))
               : std::nullopt);
    security::appendAudit(ctx,
                          {"message.receive", "message",
                           m.key.sender_agb + "/" + m.key.message_code + "/" + m.key.identificatie,
                           outcome.outcome, std::nullopt, std::nullopt});
    tx.commit();
    return {outcome.outcome, std::move(retour), false};
}

void recordInboxOutcome(app::RequestContext& ctx, std::int64_t inbox_id,
                        std::optional<std::int64_t> outbox_id, const std::string& outcome) {
    recordInboxOutcome(ctx.db, inbox_id, outbox_id, outcome);
    // Its envelope in the GGk chain, if any, answers the envelope the WMO323 came in.
    if (outbox_id) answerThroughChain(ctx, *outbox_id, inbox_id);
}

void answerInboxMessage(app::RequestContext& ctx, std::int64_t inbox_id, std::int64_t outbox_id) {
    answerInbox(ctx.db, inbox_id, outbox_id);
}

}  // namespace zc::contracting
