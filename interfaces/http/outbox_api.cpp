#include "outbox_api.hpp"

#include "contracting/app/provider_inbox.hpp"
#include "contracting/app/provider_outbox.hpp"
#include "contracting/kernel/errors.hpp"
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

// The messages a provider receives, by the name the web application filters on.
constexpr std::pair<const char*, const char*> kInboxMessages[] = {
    {"wmo301", "414"}, {"wmo319", "482"}, {"wmo325", "485"}};

std::string inboxMessageCode(const std::string& name) {
    if (name.empty()) return {};
    for (const auto& [n, code] : kInboxMessages) {
        if (name == n) return code;
    }
    throw ValidationError("INVALID_QUERY",
                          "Query parameter 'message' must be wmo301, wmo319 or wmo325.", "message");
}

std::string inboxMessageName(const std::string& code) {
    for (const auto& [n, c] : kInboxMessages) {
        if (code == c) return n;
    }
    return "";
}

}  // namespace

ApiResponse listOutbox(RequestContext& ctx, const ApiRequest& req) {
    contracting::outboxOwner(ctx);  // FORBIDDEN first, as before
    const bool all = req.queryValue("all") == "true";
    const auto page = pageFrom(req.query);
    const auto list = contracting::listOutbox(ctx, all, page.limit, page.offset);
    auto out = newArray();
    for (const auto& e : list.items) out->add(outboxJson(e));
    return pagedAnswer(out, list.total);
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

ApiResponse listInbox(RequestContext& ctx, const ApiRequest& req) {
    contracting::InboxFilter filter;
    filter.message_code = inboxMessageCode(req.queryValue("message"));
    filter.identificatie = req.queryValue("q");
    if (filter.identificatie.size() > 100) {
        throw ValidationError("INVALID_QUERY", "Query parameter 'q' is at most 100 characters.",
                              "q");
    }
    const auto page = pageFrom(req.query);
    filter.limit = page.limit;
    filter.offset = page.offset;
    const auto inbox = contracting::listInbox(ctx, filter);
    auto out = newArray();
    for (const auto& e : inbox.messages) {
        auto o = outboxJson(e);
        o->set("message", inboxMessageName(e.message_code));
        out->add(o);
    }
    return pagedAnswer(out, inbox.total);
}

ApiResponse getInboxMessage(RequestContext& ctx, const ApiRequest& req) {
    ApiResponse res;
    res.raw = contracting::readInboxMessage(ctx, req.pathId("id"));
    res.content_type = "application/xml; charset=utf-8";
    return res;
}

ApiResponse acknowledgeOutbox(RequestContext& ctx, const ApiRequest& req) {
    contracting::outboxOwner(ctx);  // FORBIDDEN before the path is read, as before
    return {200, outboxJson(contracting::acknowledgeOutboxMessage(ctx, req.pathId("id")))};
}

}  // namespace zc::http
