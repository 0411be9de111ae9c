#include "allocations_api.hpp"

#include "contracting/domain/allocation_rules.hpp"
#include "contracting/kernel/ascii.hpp"
#include "contracting/kernel/errors.hpp"
#include "json_input.hpp"
#include "json_output.hpp"

namespace zc::http {
namespace {

constexpr std::size_t kMaxReferenceLength = 36;  // ReferentieAanbieder (LDT_Referentie)
constexpr std::size_t kMaxQueryIdLength = 18;

Poco::JSON::Object::Ptr allocationJson(const contracting::AllocationRow& v) {
    auto o = newObject();
    o->set("number", v.number);
    o->set("version", v.version);
    o->set("is_current", v.is_current);
    o->set("client_id", v.client_id);
    o->set("client_name", v.client_name);
    o->set("client_birth_date", v.client_birth_date);
    o->set("provider_id", v.provider_id);
    o->set("contract_id", v.contract_id);
    o->set("decision_id", v.decision_id);
    o->set("granted_product_id", v.granted_product_id);
    o->set("product_code", v.product_code);
    o->set("category", v.category);
    o->set("paying_municipality_code", v.paying_municipality);
    o->set("start_date", formatDate(v.start_date));
    setOptional(o, "end_date",
                v.end_date ? std::optional<std::string>(formatDate(*v.end_date)) : std::nullopt);
    o->set("volume", v.volume);
    o->set("unit", unitName(v.unit));
    o->set("iwmo_unit", iwmoUnitCode(v.unit));
    o->set("frequency", frequencyName(v.frequency));
    o->set("iwmo_frequency", iwmoFrequencyCode(v.frequency));
    setOptional(o, "reason_change", v.reason_change);
    setOptional(o, "referentie_aanbieder", v.referentie_aanbieder);
    o->set("allocated_at", v.allocated_at);
    o->set("created_by", v.created_by);
    // Who at the provider agreed to a retroactive change (OP186, OP298, OP299), and when.
    if (v.consent_given_by) {
        auto consent = newObject();
        consent->set("given_by", *v.consent_given_by);
        consent->set("given_on", v.consent_given_on.value_or(""));
        o->set("provider_consent", consent);
    }
    return o;
}

// provider_consent {given_by, given_on} of a change or end, if given.
std::optional<contracting::ConsentGiven> consentOf(Poco::JSON::Object::Ptr body) {
    if (!body || !body->has("provider_consent") || body->isNull("provider_consent")) {
        return std::nullopt;
    }
    const auto o = body->getObject("provider_consent");
    if (!o) {
        throw ValidationError("INVALID_PROVIDER_CONSENT",
                              "provider_consent is an object {given_by, given_on}.",
                              "provider_consent");
    }
    try {
        std::string given_by = requiredString(o, "given_by", 400);
        return contracting::ConsentGiven{given_by, requiredDate(o, "given_on")};
    } catch (const ValidationError& e) {
        throw ValidationError("INVALID_PROVIDER_CONSENT",
                              "provider_consent needs given_by (who at the provider agreed) and "
                              "given_on (YYYY-MM-DD): " +
                                  std::string(e.what()),
                              "provider_consent");
    }
}

std::int64_t queryId(const ApiRequest& req, const std::string& name) {
    const std::string text = req.queryValue(name);
    if (text.empty()) return 0;
    if (text.size() > kMaxQueryIdLength || !ascii::allDigits(text)) {
        throw ValidationError("INVALID_QUERY", "Query parameter '" + name + "' must be an id.",
                              name);
    }
    return std::stoll(text);
}

ApiResponse created(const contracting::AllocationOutcome& out) {
    return ApiResponse(201, allocationOutcomeJson(out));
}

}  // namespace

Poco::JSON::Object::Ptr allocationOutcomeJson(const contracting::AllocationOutcome& out) {
    auto o = allocationJson(out.current);
    auto versions = newArray();
    for (const auto& v : out.versions) versions->add(allocationJson(v));
    o->set("versions", versions);
    if (out.extended) o->set("extended", true);
    if (out.replaces) o->set("replaces", *out.replaces);
    return o;
}

contracting::NewAllocation newAllocationFrom(Poco::JSON::Object::Ptr body) {
    contracting::NewAllocation in;
    in.granted_product_id = requiredInt(body, "granted_product_id");
    in.provider_id = requiredInt(body, "provider_id");
    in.start = requiredDate(body, "start_date");
    in.end = optionalDate(body, "end_date");
    in.volume = optionalInt(body, "volume");
    in.referentie_aanbieder = optionalString(body, "referentie_aanbieder", kMaxReferenceLength);
    return in;
}

contracting::AllocationChange allocationChangeFrom(std::int64_t number,
                                                   Poco::JSON::Object::Ptr body) {
    contracting::AllocationChange in;
    in.number = number;
    in.volume = optionalInt(body, "volume");
    in.end = optionalDate(body, "end_date");
    in.effective = optionalDate(body, "effective_date");
    in.reason =
        contracting::parseChangeReason(requiredString(body, "reason_code", 2), "reason_code");
    if (!in.volume && !in.end) {
        throw ValidationError("MISSING_FIELD", "Give a new volume, a new end_date or both.",
                              "volume");
    }
    in.referentie_aanbieder = optionalString(body, "referentie_aanbieder", kMaxReferenceLength);
    in.consent = consentOf(body);
    return in;
}

ApiResponse createAllocation(RequestContext& ctx, const ApiRequest& req,
                             contracting::AllocationChanges& changes) {
    return created(contracting::createAllocation(ctx, newAllocationFrom(req.body), changes));
}

ApiResponse changeAllocation(RequestContext& ctx, const ApiRequest& req,
                             contracting::AllocationChanges& changes) {
    const auto number = req.pathId("number");
    return created(
        contracting::changeAllocation(ctx, allocationChangeFrom(number, req.body), changes));
}

ApiResponse endAllocation(RequestContext& ctx, const ApiRequest& req,
                          contracting::AllocationChanges& changes) {
    contracting::AllocationEnd in;
    in.number = req.pathId("number");
    in.end = requiredDate(req.body, "end_date");
    in.reason =
        contracting::parseChangeReason(requiredString(req.body, "reason_code", 2), "reason_code");
    in.consent = consentOf(req.body);
    return created(contracting::endAllocation(ctx, in, changes));
}

ApiResponse listAllocations(RequestContext& ctx, const ApiRequest& req) {
    contracting::AllocationFilter filter;
    filter.client_id = queryId(req, "client_id");
    filter.provider_id = queryId(req, "provider_id");
    filter.product_code = req.queryValue("product");
    filter.list = listQueryFrom(req.query);
    const auto page = contracting::listAllocations(ctx, filter);
    auto out = newArray();
    for (const auto& r : page.items) out->add(allocationJson(r));
    return pagedAnswer(out, page.total);
}

ApiResponse getAllocation(RequestContext& ctx, const ApiRequest& req) {
    const auto number = req.pathId("number");
    return ApiResponse(200, allocationOutcomeJson(contracting::getAllocation(ctx, number)));
}

}  // namespace zc::http
