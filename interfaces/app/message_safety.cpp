#include "message_safety.hpp"

#include <Poco/JSON/Object.h>

#include "context.hpp"
#include "contracting/kernel/errors.hpp"
#include "messages.hpp"

namespace zc::app {
namespace {

constexpr std::size_t kMaxReasonLength = 500;

std::string stateJson(bool withheld) {
    Poco::JSON::Object o;
    o.set("messages_withheld", withheld);
    return toJson(Poco::Dynamic::Var(o));
}

}  // namespace

bool messagesWithheld(db::Connection& db, std::int64_t client_id) {
    const auto r = db.queryOne(
        "SELECT messages_withheld_since IS NOT NULL FROM clients WHERE id = ?", {client_id});
    return r && r->i64(0) != 0;
}

ApiResponse setMessageSafety(RequestContext& ctx, const ApiRequest& req) {
    const auto client_id = req.pathId("id");
    if (!req.body->has("withhold")) {
        throw ValidationError("MISSING_FIELD", "Say whether messages are withheld (withhold).",
                              "withhold");
    }
    const bool withhold = optionalBool(req.body, "withhold", false);
    const auto reason = optionalString(req.body, "reason", kMaxReasonLength);
    if (withhold && (!reason || reason->empty())) {
        throw ValidationError("MISSING_FIELD",
                              "Give the professional's reason for withholding the messages "
                              "(iWmo OP003).",
                              "reason");
    }
    db::Transaction tx(ctx.db);
    const auto row = ctx.db.queryOne(
        "SELECT messages_withheld_since IS NOT NULL FROM clients WHERE id = ? FOR UPDATE",
        {client_id});
    if (!row) notFound("client " + std::to_string(client_id));
    const bool before = row->i64(0) != 0;
    if (withhold) {
        ctx.db.execute(
            "UPDATE clients SET messages_withheld_since = COALESCE(messages_withheld_since, ?),"
            " messages_withheld_reason = ? WHERE id = ?",
            {timestamp(ctx.clock), *reason, client_id});
    } else {
        ctx.db.execute(
            "UPDATE clients SET messages_withheld_since = NULL, messages_withheld_reason = NULL"
            " WHERE id = ?",
            {client_id});
    }
    appendAudit(ctx, {withhold ? "client.messages_withheld" : "client.messages_released", "client",
                      std::to_string(client_id), "ok", stateJson(before), stateJson(withhold)});
    if (before && !withhold) {
        // The providers get what was withheld: a WMO301 each with the current allocations.
        for (const auto& r : ctx.db.query("SELECT DISTINCT provider_id FROM allocations"
                                          " WHERE client_id = ? AND is_current = 1",
                                          {client_id})) {
            queueWmo301(ctx, client_id, r.i64(0));
        }
    }
    tx.commit();
    auto out = newObject();
    out->set("client_id", client_id);
    out->set("messages_withheld", withhold);
    return ApiResponse(200, out);
}

}  // namespace zc::app
