#include "outbox_api.hpp"

#include "contracting/app/provider_outbox.hpp"
#include "interfaces/observability/request_metrics.hpp"
#include "json_input.hpp"
#include "json_output.hpp"

namespace zc::http {
namespace {

Poco::JSON::Object::Ptr outboxJson(const contracting::OutboxEntry& e) {
    auto o = newObject();
    o->set("id", e.id);
    o->set("message_code", e.message_code);
    o->set("identificatie", e.identificatie);
    setOptional(o, "municipality_code", e.municipality_code);
    o->set("created_at", isoTimestamp(e.created_at));
    o->set("retour_due", e.retour_due);
    setOptional(o, "fetched_at", e.fetched_at);
    setOptional(o, "acknowledged_at", e.acknowledged_at);
    setOptional(o, "retour_codes", e.retour_codes);
    return o;
}

}  // namespace

ApiResponse listOutbox(RequestContext& ctx, const ApiRequest& req) {
    contracting::outboxOwner(ctx);  // FORBIDDEN first, as before
    const bool all = req.queryValue("all") == "true";
    auto out = newArray();
    for (const auto& e : contracting::listOutbox(ctx, all)) out->add(outboxJson(e));
    return {200, out};
}

ApiResponse getOutboxMessage(RequestContext& ctx, const ApiRequest& req) {
    contracting::outboxOwner(ctx);  // FORBIDDEN before the path is read, as before
    const auto id = req.pathId("id");
    ApiResponse res;
    res.raw = contracting::fetchOutboxMessage(ctx, id);
    obs::countMessageOut(obs::iwmoMessageName(std::string_view(res.raw).substr(0, 4096)));
    res.content_type = "application/xml; charset=utf-8";
    return res;
}

ApiResponse acknowledgeOutbox(RequestContext& ctx, const ApiRequest& req) {
    contracting::outboxOwner(ctx);  // FORBIDDEN before the path is read, as before
    return {200, outboxJson(contracting::acknowledgeOutboxMessage(ctx, req.pathId("id")))};
}

}  // namespace zc::http
