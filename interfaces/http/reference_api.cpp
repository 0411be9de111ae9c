#include "reference_api.hpp"

#include "contracting/app/reference_data.hpp"
#include "contracting/kernel/codes.hpp"
#include "contracting/kernel/unit.hpp"
#include "json_input.hpp"
#include "json_output.hpp"

namespace zc::http {
namespace {

Poco::JSON::Object::Ptr municipalityJson(const contracting::Municipality& m) {
    auto o = newObject();
    o->set("code", m.code);
    o->set("name", m.name);
    setOptional(o, "central_code", m.central_code);
    return o;
}

Poco::JSON::Object::Ptr districtJson(const contracting::District& d) {
    auto o = newObject();
    o->set("id", d.id);
    o->set("municipality_code", d.municipality_code);
    o->set("name", d.name);
    return o;
}

Poco::JSON::Object::Ptr teamJson(const contracting::Team& t) {
    auto o = newObject();
    o->set("id", t.id);
    o->set("district_id", t.district_id);
    o->set("name", t.name);
    return o;
}

Poco::JSON::Object::Ptr productJson(const contracting::Product& p) {
    auto o = newObject();
    o->set("code", p.code);
    o->set("category", p.category);
    o->set("name", p.name);
    o->set("unit", p.unit);
    o->set("kind", p.kind);
    return o;
}

Poco::JSON::Object::Ptr providerJson(const contracting::Provider& p) {
    auto o = newObject();
    o->set("id", p.id);
    o->set("agb", p.agb);
    o->set("kvk", p.kvk);
    o->set("name", p.name);
    o->set("iban", p.iban);
    o->set("contact_name", p.contact_name);
    o->set("contact_email", p.contact_email);
    o->set("contact_phone", p.contact_phone);
    // An integrity block (payments are held): null when the provider is not blocked.
    setOptional(o, "blocked_reason", p.blocked_reason);
    setOptional(o, "blocked_at", p.blocked_at);
    return o;
}

// A page of a list as a JSON array with its total (X-Total-Count).
template <class Row, class ToJson>
ApiResponse pageOf(const app::ListPage<Row>& page, ToJson toJsonOf) {
    auto out = newArray();
    for (const auto& r : page.items) out->add(toJsonOf(r));
    return pagedAnswer(out, page.total);
}

}  // namespace

ApiResponse createMunicipality(RequestContext& ctx, const ApiRequest& req) {
    contracting::Municipality in;
    in.code = MunicipalityCode::parse(requiredString(req.body, "code", 4), "code").str();
    in.name = requiredString(req.body, "name");
    in.central_code = optionalString(req.body, "central_code", 4);
    return {201, municipalityJson(contracting::createMunicipality(ctx, in))};
}

ApiResponse listMunicipalities(RequestContext& ctx, const ApiRequest& req) {
    const auto page = pageFrom(req.query);
    return pageOf(contracting::listMunicipalities(ctx, page.limit, page.offset), municipalityJson);
}

ApiResponse createDistrict(RequestContext& ctx, const ApiRequest& req) {
    const auto municipality =
        MunicipalityCode::parse(requiredString(req.body, "municipality_code", 4),
                                "municipality_code")
            .str();
    const auto name = requiredString(req.body, "name");
    return {201, districtJson(contracting::createDistrict(ctx, municipality, name))};
}

ApiResponse listDistricts(RequestContext& ctx, const ApiRequest& req) {
    const auto page = pageFrom(req.query);
    return pageOf(
        contracting::listDistricts(ctx, req.queryValue("municipality"), page.limit, page.offset),
        districtJson);
}

ApiResponse createTeam(RequestContext& ctx, const ApiRequest& req) {
    const auto district = requiredInt(req.body, "district_id");
    const auto name = requiredString(req.body, "name");
    return {201, teamJson(contracting::createTeam(ctx, district, name))};
}

ApiResponse listTeams(RequestContext& ctx, const ApiRequest& req) {
    const auto page = pageFrom(req.query);
    return pageOf(contracting::listTeams(ctx, page.limit, page.offset),
                  [](const contracting::TeamListing& t) {
                      auto o = teamJson(t.team);
                      o->set("municipality_code", t.municipality_code);
                      return o;
                  });
}

ApiResponse createProduct(RequestContext& ctx, const ApiRequest& req) {
    contracting::Product in;
    in.code = ProductCode::parse(requiredString(req.body, "code", 5), "code").str();
    in.category = ProductCategory::parse(requiredString(req.body, "category", 2), "category").str();
    in.name = requiredString(req.body, "name");
    in.unit = unitName(parseUnit(requiredString(req.body, "unit", 16), "unit"));
    in.kind = productKindName(parseProductKind(requiredString(req.body, "kind", 24), "kind"));
    return {201, productJson(contracting::createProduct(ctx, in))};
}

ApiResponse listProducts(RequestContext& ctx, const ApiRequest& req) {
    const auto page = pageFrom(req.query);
    return pageOf(contracting::listProducts(ctx, page.limit, page.offset),
                  [](const contracting::ProductListing& p) {
                      auto o = productJson(p.product);
                      o->set("iwmo_unit", p.iwmo_unit);
                      return o;
                  });
}

ApiResponse createProvider(RequestContext& ctx, const ApiRequest& req) {
    contracting::Provider in;
    in.agb = AgbCode::parse(requiredString(req.body, "agb", 8), "agb").str();
    in.kvk = KvkNumber::parse(requiredString(req.body, "kvk", 8), "kvk").str();
    in.name = requiredString(req.body, "name");
    in.iban = Iban::parse(requiredString(req.body, "iban", 42), "iban").str();
    in.contact_name = optionalString(req.body, "contact_name").value_or("");
    in.contact_email = optionalString(req.body, "contact_email").value_or("");
    in.contact_phone = optionalString(req.body, "contact_phone", 40).value_or("");
    return {201, providerJson(contracting::createProvider(ctx, in))};
}

ApiResponse listProviders(RequestContext& ctx, const ApiRequest& req) {
    const auto page = pageFrom(req.query);
    return pageOf(contracting::listProviders(ctx, page.limit, page.offset), providerJson);
}

ApiResponse getProvider(RequestContext& ctx, const ApiRequest& req) {
    return {200, providerJson(contracting::getProvider(ctx, req.pathId("id")))};
}

}  // namespace zc::http
