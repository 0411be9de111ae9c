#include "declarations_api.hpp"

#include "billing/app/declarations.hpp"
#include "json_output.hpp"

namespace zc::http {
namespace {

Poco::JSON::Object::Ptr listedJson(const billing::DeclarationListRow& d) {
    auto o = newObject();
    o->set("declaration_id", d.id);
    o->set("number", d.number);
    o->set("provider_agb", d.provider_agb);
    o->set("provider_name", d.provider_name);
    o->set("source", d.source);
    o->set("period_start", d.period_start);
    o->set("period_end", d.period_end);
    o->set("received_at", isoTimestamp(d.received_at));
    o->set("submitted_cents", d.submitted_cents);
    setOptionalInt(o, "awarded_cents", d.awarded_cents);
    o->set("status", d.status);
    setOptional(o, "header_code", d.header_code);
    o->set("answer_due", d.answer_due);
    return o;
}

Poco::JSON::Object::Ptr lineJson(const billing::ClaimLineRow& r) {
    auto l = newObject();
    l->set("id", r.id);  // the claim line, for its trace
    l->set("reference", r.reference);
    l->set("credit", r.credit);
    l->set("allocation_number", r.allocation_number);
    l->set("product_code", r.product_code);
    l->set("period_start", r.period_start);
    l->set("period_end", r.period_end);
    l->set("volume", r.volume);
    l->set("unit", r.unit);
    l->set("amount_cents", r.amount_cents);
    l->set("status", r.status);
    setOptional(l, "code", r.code);
    setOptional(l, "codes", r.codes);
    // "answered_not_accepted": a review decided after the WMO325 had answered the line
    // as not accepted; the line is not paid unless it is sent again.
    setOptional(l, "review", r.review);
    l->set("credited", r.credited);
    return l;
}

}  // namespace

ApiResponse listDeclarations(RequestContext& ctx, const ApiRequest& req) {
    billing::DeclarationQuery q;
    q.number = req.queryValue("number");
    q.agb = req.queryValue("agb");
    const auto page = pageFrom(req.query);
    q.limit = page.limit;
    q.offset = page.offset;
    auto out = newArray();
    for (const auto& d : billing::listDeclarations(ctx, q)) out->add(listedJson(d));
    return {200, out};
}

ApiResponse getDeclaration(RequestContext& ctx, const ApiRequest& req) {
    const auto d = billing::getDeclaration(ctx, req.pathId("id"));
    auto o = newObject();
    o->set("declaration_id", d.id);
    o->set("number", d.head.number);
    o->set("status", d.head.status);
    setOptional(o, "header_code", d.head.header_code);
    o->set("submitted_cents", d.head.submitted_cents);
    setOptionalInt(o, "awarded_cents", d.head.awarded_cents);
    o->set("answer_due", d.head.answer_due);
    o->set("source", d.head.source);
    auto lines = newArray();
    for (const auto& l : d.lines) lines->add(lineJson(l));
    o->set("lines", lines);
    return {200, o};
}

}  // namespace zc::http
