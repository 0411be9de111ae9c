#include "provider_accounts_api.hpp"

#include "contracting/kernel/request_context.hpp"
#include "invoicing/app/provider_accounts.hpp"
#include "json_input.hpp"
#include "json_output.hpp"

namespace zc::http {
namespace {

Poco::JSON::Object::Ptr accountJson(const invoicing::ProviderAccountRow& r, bool current) {
    auto o = newObject();
    setOptionalInt(o, "id", r.id == 0 ? std::nullopt : std::optional(r.id));
    o->set("provider_id", r.provider_id);
    o->set("iban", r.iban);
    o->set("holder_name", r.holder_name);
    o->set("valid_from", formatDate(r.valid_from));
    o->set("status", r.status);
    o->set("proposed_by", r.proposed_by);
    setOptional(
        o, "proposed_at",
        r.proposed_at.empty() ? std::nullopt : std::optional(app::isoTimestamp(r.proposed_at)));
    setOptional(o, "decided_by", r.decided_by);
    setOptional(o, "decided_at",
                r.decided_at ? std::optional(app::isoTimestamp(*r.decided_at)) : std::nullopt);
    setOptional(o, "decision_reason", r.decision_reason);
    o->set("current", current);
    return o;
}

ApiResponse decide(RequestContext& ctx, const ApiRequest& req, bool approve) {
    invoicing::ProviderAccountDecision d;
    d.id = req.pathId("id");
    d.approve = approve;
    d.reason = approve ? optionalString(req.body, "reason", 400).value_or("")
                       : requiredString(req.body, "reason", 400);
    return {200, accountJson(invoicing::decideProviderAccount(ctx, d), false)};
}

}  // namespace

ApiResponse listProviderAccounts(RequestContext& ctx, const ApiRequest& req) {
    const auto history = invoicing::providerAccountHistory(ctx, req.pathId("id"));
    auto out = newArray();
    for (std::size_t i = 0; i < history.entries.size(); ++i) {
        out->add(
            accountJson(history.entries[i], static_cast<std::int64_t>(i) == history.current_index));
    }
    return {200, out};
}

ApiResponse proposeProviderAccount(RequestContext& ctx, const ApiRequest& req) {
    invoicing::ProviderAccountProposal p;
    p.provider_id = req.pathId("id");
    p.iban = requiredString(req.body, "iban", 42);
    p.holder_name = requiredString(req.body, "holder_name", 70);
    p.valid_from = requiredDate(req.body, "valid_from");
    return {201, accountJson(invoicing::proposeProviderAccount(ctx, p), false)};
}

ApiResponse approveProviderAccount(RequestContext& ctx, const ApiRequest& req) {
    return decide(ctx, req, true);
}

ApiResponse rejectProviderAccount(RequestContext& ctx, const ApiRequest& req) {
    return decide(ctx, req, false);
}

}  // namespace zc::http
