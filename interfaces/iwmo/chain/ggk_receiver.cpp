#include "ggk_receiver.hpp"

#include "contracting/app/chain_exchange.hpp"
#include "contracting/app/provider_queries.hpp"
#include "contracting/kernel/errors.hpp"
#include "interfaces/iwmo/chain/ggk_envelopes.hpp"
#include "interfaces/iwmo/chain/ggk_settings.hpp"
#include "interfaces/iwmo/exchange/message_intake.hpp"
#include "interfaces/iwmo/exchange/wmo323_intake.hpp"
#include "interfaces/iwmo/ggk_payload.hpp"
#include "interfaces/iwmo/ggk_soap.hpp"
#include "interfaces/security/crypto.hpp"

namespace zc::iwmo {
namespace {

// Whom a synchronous answer (Bv03, Fo03) names: us, answering the envelope's zender.
StufAnswerHeader answerHeader(app::RequestContext& ctx, const std::string& municipality,
                              const GgkSystem& to, const std::string& cross_refnummer) {
    return {ourSystem(municipality), to.applicatie.empty() ? GgkSystem{"", "GGk", ""} : to,
            security::newUuidV4(), ggkTijdstip(ctx.clock.now()),
            cross_refnummer.empty() ? std::string("onbekend") : cross_refnummer};
}

GgkHttpAnswer fo03(const StufAnswerHeader& h, const std::string& code, bool client,
                   const std::string& details) {
    std::string text = stufErrorText(code);
    if (text.empty()) text = chainErrorText(code);
    return {500, soapFo03Fault(h, {code, client, text, details})};
}

GgkHttpAnswer bv03(const StufAnswerHeader& h) { return {200, soapEnvelope(stufBv03(h))}; }

// The Fo01 code for a payload the intake refused (not processable): the StUF codes of the
// sender's fault (StUF055 for a body that is not valid against its schema, StUF052 for a sender
// we do not know) or StUF058; our own reason code leads the details.
std::string fo01Code(const std::string& reason) {
    if (reason.rfind("XML_", 0) == 0 || reason == "XSD_INVALID") return kPayloadNotConform;
    if (reason == "UNKNOWN_AGB" || reason == "AGB_MISMATCH") return "StUF052";
    return "StUF058";
}

// Refusals that pass: the GGk should deliver the envelope again later (Fo03, soap:Server).
bool transient(const std::string& reason) {
    return reason == "MESSAGE_BEING_PROCESSED" || reason == "RETRY";
}

struct Delivery {
    bool retour_envelope = false;  // a ggk_Du01
    GgkEnvelope envelope;
    std::optional<PayloadHead> head;
    std::int64_t received_id = 0;
};

// The provider whose message this is acts in the audit trail ("provider:<AGB> via GGk").
std::string actAsProvider(app::RequestContext& ctx, const Delivery& d) {
    if (!d.head) {
        throw ValidationError("XML_UNKNOWN_NAMESPACE",
                              "The envelope's payload is no iWmo 3.2 message with a Header.", "");
    }
    if (d.head->provider_agb != d.envelope.zender.organisatie) {
        throw ValidationError("AGB_MISMATCH",
                              "The message's provider " + d.head->provider_agb +
                                  " differs from the envelope's zender " +
                                  d.envelope.zender.organisatie + ".",
                              "");
    }
    ctx.actor.provider_id = contracting::knownProviderId(ctx.db, d.head->provider_agb);
    ctx.actor.role = app::Role::Provider;
    ctx.actor.name = "provider:" + d.head->provider_agb + " via GGk";
    return d.head->provider_agb;
}

// The payload through the intake; then, in one transaction, the outcome on the register and
// the retour as a ggk_Du01 (a WMO325 leaves through the providers' outbox instead).
void processPayload(app::RequestContext& ctx, const Delivery& d) {
    const std::string agb = actAsProvider(ctx, d);
    const std::string& payload = d.envelope.payload;
    std::optional<std::string> retour;
    if (looksLikeDeclaration(payload.substr(0, kSniffBytes))) {
        receiveDeclaration(ctx, agb, DeclarationSource::text(payload), false);
    } else {
        auto answer = receiveMessage(ctx, agb, payload);
        if (answer.content_type.find("xml") != std::string::npos) retour = std::move(answer.body);
    }
    std::optional<contracting::NewChainEnvelope> retour_envelope;
    if (retour) {
        const auto& retour_kind = kindByName(d.head->kind->retour_name);
        contracting::NewChainEnvelope e;
        e.referentienummer = security::newUuidV4();
        e.kind = "Du01";
        e.functie = functieOf(retour_kind);
        e.provider_id = ctx.actor.provider_id;
        e.municipality_code = d.envelope.ontvanger.organisatie;
        e.cross_refnummer = d.envelope.referentienummer;
        e.envelope = soapMessageEnvelope({e.referentienummer, d.head->municipality, agb, *e.functie,
                                          *retour, e.cross_refnummer, ctx.clock.now()});
        retour_envelope = std::move(e);
    }
    std::optional<std::string> acknowledges;
    if (d.retour_envelope) acknowledges = d.envelope.cross_refnummer;
    contracting::finishReceivedEnvelope(ctx, d.received_id, agb, d.head->kind->code,
                                        d.head->identificatie, acknowledges,
                                        std::move(retour_envelope));
}

// Not processable: the register says so and an Fo01 goes back to the zender.
void refusePayload(app::RequestContext& ctx, const Delivery& d, const ValidationError& e) {
    const std::string code = fo01Code(e.code());
    const std::string details = e.code() + ": " + e.what();
    contracting::NewChainEnvelope f;
    f.referentienummer = security::newUuidV4();
    f.kind = "Fo01";
    f.municipality_code = d.envelope.ontvanger.organisatie;
    f.cross_refnummer = d.envelope.referentienummer;
    f.envelope =
        soapFo01Request(f.referentienummer, d.envelope.ontvanger.organisatie, d.envelope.zender,
                        d.envelope.referentienummer,
                        {code, code != "StUF058", stufErrorText(code), details}, ctx.clock.now());
    contracting::refuseReceivedEnvelope(ctx, d.received_id, code, details, std::move(f));
}

GgkHttpAnswer receiveEnvelope(app::RequestContext& ctx, bool retour_envelope,
                              const GgkEnvelope& env, const std::string& sha) {
    const auto h = answerHeader(ctx, env.ontvanger.organisatie, env.zender, env.referentienummer);
    if (!contracting::servesMunicipality(ctx, env.ontvanger.organisatie)) {
        return fo03(h, "StUF010", true,
                    "Ontvanger " + env.ontvanger.organisatie + " is geen gemeente van ons.");
    }
    Delivery d{retour_envelope, env, sniffPayloadHead(env.payload), 0};
    contracting::NewChainReceived r;
    r.key = {env.zender.organisatie, env.zender.applicatie, env.referentienummer};
    r.kind = retour_envelope ? "Du01" : "Di01";
    r.functie = env.functie;
    if (retour_envelope) r.cross_refnummer = env.cross_refnummer;
    r.content_sha256 = sha;
    if (d.head) {
        r.iwmo_sender = d.head->provider_agb;
        r.iwmo_code = d.head->kind->code;
        r.iwmo_identificatie = d.head->identificatie;
    }
    const auto claim = contracting::registerChainReceived(ctx, r);
    if (claim.state == contracting::ReceivedState::Conflict) {
        return fo03(h, "StUF016", true,
                    "Referentienummer " + env.referentienummer +
                        " kwam eerder van deze zender met een andere inhoud.");
    }
    if (claim.state == contracting::ReceivedState::Done) return bv03(h);
    d.received_id = claim.id;
    try {
        processPayload(ctx, d);
    } catch (const ValidationError& e) {
        if (transient(e.code())) return fo03(h, "StUF058", false, e.code() + ": " + e.what());
        refusePayload(ctx, d, e);
    }
    return bv03(h);
}

// The chain refused an envelope of ours (Fo01, crossRefnummer = its referentienummer).
GgkHttpAnswer receiveFo01(app::RequestContext& ctx, const StufAnswerHeader& a,
                          const StufFault& fault, const std::string& sha) {
    const auto h = answerHeader(ctx, a.ontvanger.organisatie, a.zender, a.referentienummer);
    contracting::NewChainReceived r;
    r.key = {a.zender.organisatie, a.zender.applicatie, a.referentienummer};
    r.kind = "Fo01";
    r.cross_refnummer = a.cross_refnummer;
    r.content_sha256 = sha;
    const auto claim = contracting::registerChainReceived(ctx, r);
    if (claim.state == contracting::ReceivedState::Conflict) {
        return fo03(h, "StUF016", true, "Referentienummer " + a.referentienummer + " is bezet.");
    }
    if (claim.state == contracting::ReceivedState::Done) return bv03(h);
    std::string text = fault.omschrijving;
    if (!fault.details.empty()) text += " — " + fault.details;
    if (!contracting::recordChainFo01(ctx, claim.id, a.cross_refnummer, fault.code, text)) {
        return fo03(h, "StUF043", true,
                    "Geen bericht van ons met referentienummer " + a.cross_refnummer + ".");
    }
    return bv03(h);
}

GgkHttpAnswer receive(app::RequestContext& ctx, const std::string& client_serial,
                      std::string_view soap_text) {
    const auto settings = ggkSettings();
    const auto unknown = answerHeader(ctx, "", {}, "");
    if (settings.oin.empty() || client_serial != settings.oin) {
        return fo03(unknown, "StUF052", true,
                    "Only the GGk (OIN " + settings.oin +
                        ") delivers here; the client certificate names '" + client_serial + "'.");
    }
    const auto read = readGgkSoap(ggkSchemas(), soap_text);
    if (!read.ok()) {
        const auto& p = read.problems.front();
        return fo03(unknown, kPayloadNotConform, true,
                    p.code + " (line " + std::to_string(p.line) + "): " + p.message);
    }
    const auto& m = *read.message;
    const std::string sha = security::sha256Hex(soap_text);
    switch (m.kind) {
        case GgkSoapKind::Di01:
        case GgkSoapKind::Du01:
            return receiveEnvelope(ctx, m.kind == GgkSoapKind::Du01, *m.envelope, sha);
        case GgkSoapKind::Fo01:
            return receiveFo01(ctx, *m.answer, *m.fault, sha);
        default:
            return fo03(unknown, "StUF025", false, "Only ggk_Di01, ggk_Du01 and Fo01 are taken.");
    }
}

}  // namespace

GgkHttpAnswer receiveFromGgk(app::RequestContext& ctx, const std::string& client_serial,
                             std::string_view soap_text) {
    try {
        return receive(ctx, client_serial, soap_text);
    } catch (const std::exception& e) {
        // Nothing was answered as taken: the GGk delivers the envelope again (soap:Server).
        return fo03(answerHeader(ctx, "", {}, ""), "StUF046", false,
                    std::string("Opslaan bericht niet mogelijk: ") + e.what());
    }
}

}  // namespace zc::iwmo
