#include "reference_data.hpp"

#include "contracting/app/provider_queries.hpp"
#include "contracting/domain/paying_municipality.hpp"
#include "contracting/kernel/codes.hpp"
#include "contracting/kernel/errors.hpp"
#include "contracting/kernel/unit.hpp"
#include "interfaces/mysql/connection.hpp"
#include "interfaces/security/audit_trail.hpp"

namespace zc::contracting {
namespace {

void auditCreated(app::RequestContext& ctx, const std::string& action, const std::string& type,
                  const std::string& id, const security::AuditRecord& after) {
    security::appendAudit(ctx, {action, type, id, "ok", std::nullopt, after.json()});
}

void requireMunicipality(db::Connection& db, const std::string& code, const std::string& field) {
    if (!municipalityExists(db, code)) {
        throw ValidationError("UNKNOWN_MUNICIPALITY", "Municipality " + code + " is not known.",
                              field);
    }
}

security::AuditRecord providerRecord(const Provider& p) {
    security::AuditRecord r;
    r.set("id", p.id)
        .set("agb", p.agb)
        .set("kvk", p.kvk)
        .set("name", p.name)
        .set("iban", p.iban)
        .set("contact_name", p.contact_name)
        .set("contact_email", p.contact_email)
        .set("contact_phone", p.contact_phone)
        .set("blocked_reason", p.blocked_reason)
        .set("blocked_at", p.blocked_at);
    return r;
}

}  // namespace

Municipality createMunicipality(app::RequestContext& ctx, Municipality in) {
    db::Transaction tx(ctx.db);
    if (in.central_code && *in.central_code != in.code) {
        in.central_code = MunicipalityCode::parse(*in.central_code, "central_code").str();
        requireMunicipality(ctx.db, *in.central_code, "central_code");
    }
    if (municipalityExists(ctx.db, in.code)) {
        throw ValidationError("DUPLICATE_MUNICIPALITY",
                              "Municipality " + in.code + " exists already.", "code");
    }
    insertMunicipality(ctx.db, in);
    // As config/migrations/0017_paying_municipality.sql did for the regions of then: Beschermd
    // Wonen lies with the central municipality, whose contracts serve the new member.
    if (in.central_code && *in.central_code != in.code) {
        joinRegion(ctx.db, in.code, *in.central_code, kBeschermdWonenCategory);
    }
    auditCreated(ctx, "municipality.create", "municipality", in.code,
                 security::AuditRecord()
                     .set("code", in.code)
                     .set("name", in.name)
                     .set("central_code", in.central_code));
    tx.commit();
    return in;
}

app::ListPage<Municipality> listMunicipalities(app::RequestContext& ctx, std::int64_t limit,
                                               std::int64_t offset) {
    return municipalities(ctx.db, limit, offset);
}

District createDistrict(app::RequestContext& ctx, const std::string& municipality_code,
                        const std::string& name) {
    db::Transaction tx(ctx.db);
    requireMunicipality(ctx.db, municipality_code, "municipality_code");
    if (districtNameTaken(ctx.db, municipality_code, name)) {
        throw ValidationError("DUPLICATE_DISTRICT", "District '" + name + "' exists already.",
                              "name");
    }
    District d{0, municipality_code, name};
    d.id = insertDistrict(ctx.db, d);
    auditCreated(ctx, "district.create", "district", std::to_string(d.id),
                 security::AuditRecord()
                     .set("id", d.id)
                     .set("municipality_code", d.municipality_code)
                     .set("name", d.name));
    tx.commit();
    return d;
}

app::ListPage<District> listDistricts(app::RequestContext& ctx,
                                      const std::string& municipality_code, std::int64_t limit,
                                      std::int64_t offset) {
    return districts(ctx.db, municipality_code, limit, offset);
}

Team createTeam(app::RequestContext& ctx, std::int64_t district_id, const std::string& name) {
    db::Transaction tx(ctx.db);
    if (!districtExists(ctx.db, district_id)) {
        throw ValidationError("UNKNOWN_DISTRICT",
                              "District " + std::to_string(district_id) + " is not known.",
                              "district_id");
    }
    if (teamNameTaken(ctx.db, district_id, name)) {
        throw ValidationError("DUPLICATE_TEAM", "Team '" + name + "' exists already.", "name");
    }
    Team t{0, district_id, name};
    t.id = insertTeam(ctx.db, t);
    auditCreated(ctx, "team.create", "team", std::to_string(t.id),
                 security::AuditRecord()
                     .set("id", t.id)
                     .set("district_id", t.district_id)
                     .set("name", t.name));
    tx.commit();
    return t;
}

app::ListPage<TeamListing> listTeams(app::RequestContext& ctx, std::int64_t limit,
                                     std::int64_t offset) {
    return teams(ctx.db, limit, offset);
}

Product createProduct(app::RequestContext& ctx, const Product& in) {
    db::Transaction tx(ctx.db);
    if (productExists(ctx.db, in.code)) {
        throw ValidationError("DUPLICATE_PRODUCT", "Product " + in.code + " exists already.",
                              "code");
    }
    insertProduct(ctx.db, in);
    auditCreated(ctx, "product.create", "product", in.code,
                 security::AuditRecord()
                     .set("code", in.code)
                     .set("category", in.category)
                     .set("name", in.name)
                     .set("unit", in.unit)
                     .set("kind", in.kind));
    tx.commit();
    return in;
}

app::ListPage<ProductListing> listProducts(app::RequestContext& ctx, std::int64_t limit,
                                           std::int64_t offset) {
    auto page = products(ctx.db, limit, offset);
    app::ListPage<ProductListing> out;
    out.total = page.total;
    for (auto& p : page.items) {
        auto iwmo = iwmoUnitCode(parseUnit(p.unit));
        out.items.push_back({std::move(p), std::move(iwmo)});
    }
    return out;
}

Provider createProvider(app::RequestContext& ctx, const Provider& in) {
    if (!in.contact_email.empty() && in.contact_email.find('@') == std::string::npos) {
        throw ValidationError("INVALID_EMAIL", "The contact e-mail address needs an '@'.",
                              "contact_email");
    }
    db::Transaction tx(ctx.db);
    if (providerIdByAgb(ctx.db, in.agb)) {
        throw ValidationError("DUPLICATE_AGB",
                              "A provider with AGB code " + in.agb + " exists already.", "agb");
    }
    const auto id = insertProvider(ctx.db, in);
    auto stored = *findProvider(ctx.db, id);
    auditCreated(ctx, "provider.create", "provider", std::to_string(id), providerRecord(stored));
    tx.commit();
    return stored;
}

app::ListPage<Provider> listProviders(app::RequestContext& ctx, std::int64_t limit,
                                      std::int64_t offset) {
    return providerPage(ctx.db, limit, offset);
}

Provider getProvider(app::RequestContext& ctx, std::int64_t id) {
    if (ctx.actor.role == app::Role::Provider && ctx.actor.provider_id != id) {
        throw ValidationError("FORBIDDEN", "A provider may only read its own record.", "id");
    }
    auto p = findProvider(ctx.db, id);
    if (!p)
        throw ValidationError("NOT_FOUND", "Provider " + std::to_string(id) + " does not exist.",
                              "id");
    return *p;
}

}  // namespace zc::contracting
