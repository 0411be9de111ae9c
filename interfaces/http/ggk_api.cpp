#include "ggk_api.hpp"

#include "contracting/app/chain_exchange.hpp"
#include "contracting/kernel/errors.hpp"
#include "interfaces/iwmo/stuf_answers.hpp"
#include "json_input.hpp"
#include "json_output.hpp"

namespace zc::http {
namespace {

Poco::JSON::Object::Ptr envelopeJson(const contracting::ChainEnvelopeRow& e) {
    auto o = newObject();
    o->set("id", e.id);
    o->set("referentienummer", e.referentienummer);
    o->set("kind", e.kind);
    o->set("state", e.state);
    setOptional(o, "functie", e.functie);
    setOptional(o, "provider_agb", e.provider_agb);
    setOptional(o, "municipality_code", e.municipality_code);
    setOptionalInt(o, "outbox_id", e.outbox_message_id);
    setOptional(o, "identificatie", e.message_identificatie);
    setOptional(o, "cross_refnummer", e.cross_refnummer);
    o->set("attempts", e.attempts);
    o->set("created_at", isoTimestamp(e.created_at));
    o->set("next_attempt_at", isoTimestamp(e.next_attempt_at));
    const auto time = [&](const char* key, const std::optional<std::string>& v) {
        setOptional(o, key, v ? std::optional<std::string>(isoTimestamp(*v)) : std::nullopt);
    };
    time("delivered_at", e.delivered_at);
    time("acknowledged_at", e.acknowledged_at);
    time("failed_at", e.failed_at);
    setOptional(o, "last_error", e.last_error);
    setOptional(o, "fault_code", e.fault_code);
    setOptional(o, "fault_text", e.fault_text);
    std::optional<std::string> meaning;
    if (e.fault_code) {
        const std::string text = iwmo::chainErrorText(*e.fault_code);
        if (!text.empty()) meaning = text;
    }
    setOptional(o, "fault_meaning", meaning);
    return o;
}

Poco::JSON::Object::Ptr pathJson(const contracting::ExchangePathSetting& s) {
    auto o = newObject();
    o->set("provider_id", s.provider_id);
    o->set("agb", s.agb);
    setOptional(o, "setting", s.setting);
    o->set("path", s.path);
    o->set("default_path", s.default_path);
    return o;
}

}  // namespace

ApiResponse listChainEnvelopes(RequestContext& ctx, const ApiRequest& req) {
    contracting::ChainEnvelopeFilter f;
    f.state = req.queryValue("state");
    f.agb = req.queryValue("agb");
    f.list = listQueryFrom(req.query);
    const auto result = contracting::listChainEnvelopes(ctx, f);
    auto out = newArray();
    for (const auto& e : result.rows) out->add(envelopeJson(e));
    return pagedAnswer(out, result.total);
}

ApiResponse getChainEnvelope(RequestContext& ctx, const ApiRequest& req) {
    return {200, envelopeJson(contracting::chainEnvelope(ctx, req.pathId("id")))};
}

ApiResponse requeueChainEnvelope(RequestContext& ctx, const ApiRequest& req) {
    const auto id = req.pathId("id");
    contracting::chainEnvelope(ctx, id);  // NOT_FOUND outside the user's municipalities
    contracting::requeueChainEnvelope(ctx, id);
    return {200, envelopeJson(contracting::chainEnvelope(ctx, id))};
}

ApiResponse getExchangePath(RequestContext& ctx, const ApiRequest& req) {
    return {200, pathJson(contracting::exchangePathSetting(ctx, req.pathId("id")))};
}

ApiResponse putExchangePath(RequestContext& ctx, const ApiRequest& req) {
    const std::string path = requiredString(req.body, "path");
    return {200, pathJson(contracting::setExchangePath(ctx, req.pathId("id"), path))};
}

}  // namespace zc::http
