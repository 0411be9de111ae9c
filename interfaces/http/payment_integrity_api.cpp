#include "payment_integrity_api.hpp"

#include "invoicing/app/payment_integrity.hpp"
#include "json_input.hpp"
#include "json_output.hpp"

namespace zc::http {
namespace {

// The integrity change the request asks for (blocks and disputes need a reason either way).
invoicing::IntegrityChange integrityChange(RequestContext& ctx, const ApiRequest& req, bool on) {
    return {req.pathId("id"), on, requiredString(req.body, "reason", 400), ctx.actor.name};
}

ApiResponse answer(const char* id_field, const invoicing::IntegrityChange& c, const char* flag) {
    auto out = newObject();
    out->set(id_field, c.id);
    out->set(flag, c.on);
    out->set("reason", c.reason);
    return {200, out};
}

ApiResponse setBlock(RequestContext& ctx, const ApiRequest& req, bool block) {
    const auto change = integrityChange(ctx, req, block);
    invoicing::blockProvider(ctx, change);
    return answer("provider_id", change, "blocked");
}

ApiResponse setDispute(RequestContext& ctx, const ApiRequest& req, bool dispute) {
    const auto change = integrityChange(ctx, req, dispute);
    invoicing::disputePayable(ctx, change);
    return answer("payable_id", change, "disputed");
}

}  // namespace

ApiResponse blockProvider(RequestContext& ctx, const ApiRequest& req) {
    return setBlock(ctx, req, true);
}
ApiResponse unblockProvider(RequestContext& ctx, const ApiRequest& req) {
    return setBlock(ctx, req, false);
}
ApiResponse disputePayable(RequestContext& ctx, const ApiRequest& req) {
    return setDispute(ctx, req, true);
}
ApiResponse undisputePayable(RequestContext& ctx, const ApiRequest& req) {
    return setDispute(ctx, req, false);
}

}  // namespace zc::http
