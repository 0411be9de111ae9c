#include "requests_api.hpp"

#include <Poco/JSON/Parser.h>

#include "allocations_api.hpp"
#include "contracting/app/allocation_requests.hpp"
#include "contracting/kernel/errors.hpp"
#include "interfaces/iwmo/exchange/wmo301_outbox.hpp"
#include "interfaces/iwmo/exchange/wmo319_answers.hpp"
#include "json_input.hpp"
#include "json_output.hpp"

namespace zc::http {
namespace {

Poco::JSON::Object::Ptr requestJson(const contracting::RequestView& v) {
    const auto& r = v.row;
    auto o = newObject();
    o->set("id", r.id);
    o->set("kind", "WMO" + r.kind);
    o->set("provider_id", r.provider_id);
    o->set("provider_agb", r.provider_agb);
    o->set("referentie_aanbieder", r.referentie_aanbieder);
    o->set("municipality_code", r.municipality_code);
    setOptionalInt(o, "client_id", r.client_id);
    Poco::JSON::Parser parser;
    o->set("request", parser.parse(r.summary_json));
    o->set("status", r.status);
    o->set("received_at", isoTimestamp(r.received_at));
    o->set("answer_due", r.answer_due);
    setOptional(o, "decision_due", r.decision_due);
    setOptional(o, "decided_by", r.decided_by);
    setOptional(o, "reason_code", r.reason_code);
    setOptional(o, "reason", r.reason);
    o->set("overdue", v.overdue);
    return o;
}

// The items of a list of a stored WMO317 Verzoek: a JSON array; a request stored before the
// lists were kept as arrays holds one item under the item's name.
std::vector<Poco::JSON::Object::Ptr> requestItems(const Poco::JSON::Object::Ptr& verzoek,
                                                  const std::string& list,
                                                  const std::string& item) {
    std::vector<Poco::JSON::Object::Ptr> out;
    if (!verzoek || !verzoek->has(list)) return out;
    if (const auto items = verzoek->getArray(list)) {
        for (std::size_t i = 0; i < items->size(); ++i) {
            if (const auto o = items->getObject(static_cast<unsigned>(i))) out.push_back(o);
        }
    } else if (const auto holder = verzoek->getObject(list)) {
        if (const auto o = holder->getObject(item)) out.push_back(o);
    }
    return out;
}

std::string text(const Poco::JSON::Object::Ptr& o, const std::string& key) {
    return o && o->has(key) ? o->getValue<std::string>(key) : std::string();
}

// The grant's JSON body, read item by item as the use case asks.
class JsonGrant final : public contracting::RequestGrantReader {
  public:
    JsonGrant(Poco::JSON::Object::Ptr body, Poco::JSON::Array::Ptr allocations,
              Poco::JSON::Array::Ptr changes)
        : body_(body), allocations_(allocations), changes_(changes) {}

    std::size_t changeCount() override { return changes_ ? changes_->size() : 0; }
    std::size_t allocationCount() override { return allocations_ ? allocations_->size() : 0; }
    std::int64_t changeNumber(std::size_t i) override {
        return requiredInt(objectAt(changes_, i, "changes"), "number");
    }
    std::int64_t allocationGrant(std::size_t i) override {
        return requiredInt(objectAt(allocations_, i, "allocations"), "granted_product_id");
    }
    contracting::AllocationChange change(std::size_t i,
                                         const contracting::ChangeDefaults& d) override {
        auto sub = objectAt(changes_, i, "changes");
        const auto number = requiredInt(sub, "number");
        sub->set("referentie_aanbieder", d.referentie_aanbieder);
        const auto w = d.wished.find(std::to_string(number));
        if (!sub->has("effective_date") && w != d.wished.end() && !w->second.empty()) {
            sub->set("effective_date", w->second);
        }
        if (!sub->has("provider_consent")) {
            auto consent = newObject();
            consent->set("given_by", d.consent.given_by);
            consent->set("given_on", formatDate(d.consent.given_on));
            sub->set("provider_consent", consent);
        }
        return allocationChangeFrom(number, sub);
    }
    contracting::NewAllocation allocation(std::size_t i, std::int64_t provider_id,
                                          const std::string& referentie) override {
        auto sub = objectAt(allocations_, i, "allocations");
        sub->set("provider_id", provider_id);
        sub->set("referentie_aanbieder", referentie);
        return newAllocationFrom(sub);
    }
    std::string reason() override { return optionalString(body_, "reason", 2000).value_or(""); }
    contracting::RequestedItems requested(const std::string& summary_json) override {
        Poco::JSON::Parser parser;
        const auto verzoek = parser.parse(summary_json).extract<Poco::JSON::Object::Ptr>();
        contracting::RequestedItems out;
        for (const auto& p : requestItems(verzoek, "TeWijzigenProducten", "TeWijzigenProduct")) {
            out.changes.push_back({text(p, "ToewijzingNummer"), text(p, "GewensteIngangsdatum")});
        }
        for (const auto& p : requestItems(verzoek, "NieuweProducten", "NieuwProduct")) {
            Poco::JSON::Object::Ptr product;
            if (p->has("Product")) product = p->getObject("Product");
            out.products.push_back({text(product, "Code"), text(product, "Categorie")});
        }
        return out;
    }

  private:
    Poco::JSON::Object::Ptr body_;
    Poco::JSON::Array::Ptr allocations_, changes_;
};

ApiResponse answered(const contracting::RequestView& v) { return {200, requestJson(v)}; }

}  // namespace

ApiResponse listRequests(RequestContext& ctx, const ApiRequest& req) {
    contracting::RequestFilter filter;
    filter.status = req.queryValue("status");
    filter.provider_id = queryIdParam(req.query, "provider_id");
    filter.list = listQueryFrom(req.query);
    const auto page = contracting::listRequests(ctx, filter);
    auto out = newArray();
    for (const auto& v : page.items) out->add(requestJson(v));
    return pagedAnswer(out, page.total);
}

ApiResponse getRequest(RequestContext& ctx, const ApiRequest& req) {
    return answered(contracting::getRequest(ctx, req.pathId("id")));
}

ApiResponse grantRequest(RequestContext& ctx, const ApiRequest& req) {
    const auto id = req.pathId("id");
    auto allocations = optionalArray(req.body, "allocations", 50);
    auto changes = optionalArray(req.body, "changes", 50);
    if ((!allocations || allocations->size() == 0) && (!changes || changes->size() == 0)) {
        throw ValidationError("MISSING_FIELD",
                              "Grant with at least one allocation or change; the new WMO301 "
                              "carries the request's ReferentieAanbieder.",
                              "allocations");
    }
    JsonGrant grant(req.body, allocations, changes);
    iwmo::Wmo301Outbox outbox(ctx);
    return answered(contracting::grantRequest(ctx, id, grant, outbox));
}

ApiResponse rejectRequest(RequestContext& ctx, const ApiRequest& req) {
    const auto id = req.pathId("id");
    const std::string code = requiredString(req.body, "reason_code", 1);
    if (code.size() != 1 || code[0] < '1' || code[0] > '9') {
        throw ValidationError("INVALID_REASON_CODE",
                              "reason_code is a RedenAfwijzingVerzoek from 1 to 9.", "reason_code");
    }
    const std::string reason = requiredString(req.body, "reason", 2000);
    iwmo::Wmo319Answers answers(ctx);
    return answered(contracting::rejectRequest(ctx, id, code, reason, answers));
}

ApiResponse investigateRequest(RequestContext& ctx, const ApiRequest& req) {
    const auto id = req.pathId("id");
    iwmo::Wmo319Answers answers(ctx);
    return answered(contracting::investigateRequest(ctx, id, answers));
}

ApiResponse listOverdue(RequestContext& ctx, const ApiRequest& req) {
    const auto page = pageFrom(req.query);
    const auto work = contracting::listOverdue(ctx, page.limit, page.offset);
    auto out = newObject();
    auto requests = newArray();
    for (const auto& v : work.requests) requests->add(requestJson(v));
    out->set("requests", requests);
    auto retours = newArray();
    for (const auto& r : work.missing_retours) {
        auto o = newObject();
        o->set("outbox_id", r.outbox_id);
        o->set("message_code", r.message_code);
        o->set("identificatie", r.identificatie);
        o->set("provider_agb", r.provider_agb);
        o->set("sent_at", isoTimestamp(r.created_at));
        o->set("retour_due", r.retour_due);
        retours->add(o);
    }
    out->set("missing_retours", retours);
    out->set("requests_total", work.requests_total);
    out->set("missing_retours_total", work.missing_retours_total);
    return {200, out};
}

}  // namespace zc::http
