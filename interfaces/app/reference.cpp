#include "reference.hpp"

#include "context.hpp"
#include "contracting/app/provider_queries.hpp"
#include "contracting/kernel/codes.hpp"
#include "contracting/kernel/errors.hpp"
#include "contracting/kernel/unit.hpp"

namespace zc::app {
namespace {

ApiResponse created(RequestContext& ctx, const std::string& action, const std::string& type,
                    const std::string& id, Poco::JSON::Object::Ptr out) {
    appendAudit(ctx, {action, type, id, "ok", std::nullopt, toJson(out)});
    return {201, out};
}

void requireMunicipality(RequestContext& ctx, const std::string& code, const std::string& field) {
    if (!ctx.db.queryOne("SELECT code FROM municipalities WHERE code = ?", {code})) {
        throw ValidationError("UNKNOWN_MUNICIPALITY", "Municipality " + code + " is not known.",
                              field);
    }
}

Poco::JSON::Object::Ptr providerJson(const db::Row& r) {
    auto o = newObject();
    o->set("id", r.i64(0));
    o->set("agb", r.str(1));
    o->set("kvk", r.str(2));
    o->set("name", r.str(3));
    o->set("iban", r.str(4));
    o->set("contact_name", r.str(5));
    o->set("contact_email", r.str(6));
    o->set("contact_phone", r.str(7));
    // An integrity block (payments are held): null when the provider is not blocked.
    setOptional(o, "blocked_reason", r.opt(8));
    setOptional(o, "blocked_at", r.opt(9));
    return o;
}

constexpr const char* kProviderColumns =
    "SELECT id, agb, kvk, name, iban, contact_name, contact_email, contact_phone, blocked_reason,"
    " blocked_at FROM providers";

}  // namespace

ApiResponse createMunicipality(RequestContext& ctx, const ApiRequest& req) {
    const auto code = MunicipalityCode::parse(requiredString(req.body, "code", 4), "code").str();
    const auto name = requiredString(req.body, "name");
    auto central = optionalString(req.body, "central_code", 4);
    db::Transaction tx(ctx.db);
    if (central && *central != code) {
        central = MunicipalityCode::parse(*central, "central_code").str();
        requireMunicipality(ctx, *central, "central_code");
    }
    if (ctx.db.queryOne("SELECT code FROM municipalities WHERE code = ?", {code})) {
        throw ValidationError("DUPLICATE_MUNICIPALITY", "Municipality " + code + " exists already.",
                              "code");
    }
    ctx.db.execute("INSERT INTO municipalities (code, name, central_code) VALUES (?, ?, ?)",
                   {code, name, central ? db::Param(*central) : db::Param(nullptr)});
    auto out = newObject();
    out->set("code", code);
    out->set("name", name);
    setOptional(out, "central_code", central);
    auto res = created(ctx, "municipality.create", "municipality", code, out);
    tx.commit();
    return res;
}

ApiResponse listMunicipalities(RequestContext& ctx, const ApiRequest&) {
    auto out = newArray();
    for (const auto& r :
         ctx.db.query("SELECT code, name, central_code FROM municipalities ORDER BY code")) {
        auto o = newObject();
        o->set("code", r.str(0));
        o->set("name", r.str(1));
        setOptional(o, "central_code", r.opt(2));
        out->add(o);
    }
    return {200, out};
}

ApiResponse createDistrict(RequestContext& ctx, const ApiRequest& req) {
    const auto municipality =
        MunicipalityCode::parse(requiredString(req.body, "municipality_code", 4),
                                "municipality_code")
            .str();
    const auto name = requiredString(req.body, "name");
    db::Transaction tx(ctx.db);
    requireMunicipality(ctx, municipality, "municipality_code");
    if (ctx.db.queryOne("SELECT id FROM districts WHERE municipality_code = ? AND name = ?",
                        {municipality, name})) {
        throw ValidationError("DUPLICATE_DISTRICT", "District '" + name + "' exists already.",
                              "name");
    }
    ctx.db.execute("INSERT INTO districts (municipality_code, name) VALUES (?, ?)",
                   {municipality, name});
    const auto id = ctx.db.lastInsertId();
    auto out = newObject();
    out->set("id", id);
    out->set("municipality_code", municipality);
    out->set("name", name);
    auto res = created(ctx, "district.create", "district", std::to_string(id), out);
    tx.commit();
    return res;
}

ApiResponse listDistricts(RequestContext& ctx, const ApiRequest& req) {
    auto out = newArray();
    const std::string filter = req.queryValue("municipality");
    for (const auto& r : ctx.db.query("SELECT id, municipality_code, name FROM districts WHERE (? "
                                      "= '' OR municipality_code = ?)"
                                      " ORDER BY id",
                                      {filter, filter})) {
        auto o = newObject();
        o->set("id", r.i64(0));
        o->set("municipality_code", r.str(1));
        o->set("name", r.str(2));
        out->add(o);
    }
    return {200, out};
}

ApiResponse createTeam(RequestContext& ctx, const ApiRequest& req) {
    const auto district = requiredInt(req.body, "district_id");
    const auto name = requiredString(req.body, "name");
    db::Transaction tx(ctx.db);
    if (!ctx.db.queryOne("SELECT id FROM districts WHERE id = ?", {district})) {
        throw ValidationError("UNKNOWN_DISTRICT",
                              "District " + std::to_string(district) + " is not known.",
                              "district_id");
    }
    if (ctx.db.queryOne("SELECT id FROM teams WHERE district_id = ? AND name = ?",
                        {district, name})) {
        throw ValidationError("DUPLICATE_TEAM", "Team '" + name + "' exists already.", "name");
    }
    ctx.db.execute("INSERT INTO teams (district_id, name) VALUES (?, ?)", {district, name});
    const auto id = ctx.db.lastInsertId();
    auto out = newObject();
    out->set("id", id);
    out->set("district_id", district);
    out->set("name", name);
    auto res = created(ctx, "team.create", "team", std::to_string(id), out);
    tx.commit();
    return res;
}

ApiResponse listTeams(RequestContext& ctx, const ApiRequest&) {
    auto out = newArray();
    for (const auto& r :
         ctx.db.query("SELECT t.id, t.district_id, t.name, d.municipality_code FROM teams t"
                      " JOIN districts d ON d.id = t.district_id ORDER BY t.id")) {
        auto o = newObject();
        o->set("id", r.i64(0));
        o->set("district_id", r.i64(1));
        o->set("name", r.str(2));
        o->set("municipality_code", r.str(3));
        out->add(o);
    }
    return {200, out};
}

ApiResponse createProduct(RequestContext& ctx, const ApiRequest& req) {
    const auto code = ProductCode::parse(requiredString(req.body, "code", 5), "code").str();
    const auto category =
        ProductCategory::parse(requiredString(req.body, "category", 2), "category").str();
    const auto name = requiredString(req.body, "name");
    const auto unit = unitName(parseUnit(requiredString(req.body, "unit", 16), "unit"));
    const auto kind =
        productKindName(parseProductKind(requiredString(req.body, "kind", 24), "kind"));
    db::Transaction tx(ctx.db);
    if (ctx.db.queryOne("SELECT code FROM products WHERE code = ?", {code})) {
        throw ValidationError("DUPLICATE_PRODUCT", "Product " + code + " exists already.", "code");
    }
    ctx.db.execute("INSERT INTO products (code, category, name, unit, kind) VALUES (?,?,?,?,?)",
                   {code, category, name, unit, kind});
    auto out = newObject();
    out->set("code", code);
    out->set("category", category);
    out->set("name", name);
    out->set("unit", unit);
    out->set("kind", kind);
    auto res = created(ctx, "product.create", "product", code, out);
    tx.commit();
    return res;
}

ApiResponse listProducts(RequestContext& ctx, const ApiRequest&) {
    auto out = newArray();
    for (const auto& r :
         ctx.db.query("SELECT code, category, name, unit, kind FROM products ORDER BY code")) {
        auto o = newObject();
        o->set("code", r.str(0));
        o->set("category", r.str(1));
        o->set("name", r.str(2));
        o->set("unit", r.str(3));
        o->set("kind", r.str(4));
        o->set("iwmo_unit", iwmoUnitCode(parseUnit(r.str(3))));
        out->add(o);
    }
    return {200, out};
}

ApiResponse createProvider(RequestContext& ctx, const ApiRequest& req) {
    const auto agb = AgbCode::parse(requiredString(req.body, "agb", 8), "agb").str();
    const auto kvk = KvkNumber::parse(requiredString(req.body, "kvk", 8), "kvk").str();
    const auto name = requiredString(req.body, "name");
    const auto iban = Iban::parse(requiredString(req.body, "iban", 42), "iban").str();
    const auto contact_name = optionalString(req.body, "contact_name").value_or("");
    const auto contact_email = optionalString(req.body, "contact_email").value_or("");
    const auto contact_phone = optionalString(req.body, "contact_phone", 40).value_or("");
    if (!contact_email.empty() && contact_email.find('@') == std::string::npos) {
        throw ValidationError("INVALID_EMAIL", "The contact e-mail address needs an '@'.",
                              "contact_email");
    }
    db::Transaction tx(ctx.db);
    if (contracting::providerIdByAgb(ctx.db, agb)) {
        throw ValidationError("DUPLICATE_AGB",
                              "A provider with AGB code " + agb + " exists already.", "agb");
    }
    ctx.db.execute(
        "INSERT INTO providers (agb, kvk, name, iban, contact_name, contact_email, contact_phone)"
        " VALUES (?,?,?,?,?,?,?)",
        {agb, kvk, name, iban, contact_name, contact_email, contact_phone});
    const auto id = ctx.db.lastInsertId();
    auto out =
        providerJson(*ctx.db.queryOne(std::string(kProviderColumns) + " WHERE id = ?", {id}));
    auto res = created(ctx, "provider.create", "provider", std::to_string(id), out);
    tx.commit();
    return res;
}

ApiResponse listProviders(RequestContext& ctx, const ApiRequest& req) {
    const auto page = pageFrom(req.query);
    auto out = newArray();
    for (const auto& r :
         ctx.db.query(std::string(kProviderColumns) + " ORDER BY id LIMIT ? OFFSET ?",
                      {page.limit, page.offset})) {
        out->add(providerJson(r));
    }
    return {200, out};
}

ApiResponse getProvider(RequestContext& ctx, const ApiRequest& req) {
    const auto id = req.pathId("id");
    if (ctx.actor.role == Role::Provider && ctx.actor.provider_id != id) {
        throw ValidationError("FORBIDDEN", "A provider may only read its own record.", "id");
    }
    auto r = ctx.db.queryOne(std::string(kProviderColumns) + " WHERE id = ?", {id});
    if (!r) notFound("Provider " + std::to_string(id), "id");
    return {200, providerJson(*r)};
}

}  // namespace zc::app
