#include "clients.hpp"

#include "contracting/kernel/bsn.hpp"
#include "contracting/kernel/errors.hpp"
#include "contracting/kernel/staff_scope.hpp"
#include "contracting/store/client_store.hpp"
#include "contracting/store/reference_store.hpp"
#include "interfaces/mysql/connection.hpp"
#include "interfaces/security/audit_trail.hpp"
#include "interfaces/security/bsn_protection.hpp"

namespace zc::contracting {
namespace {

using app::Role;

// The record for a client: the full BSN and why messages are withheld only for access
// officers.
ClientRecord clientRecord(const app::AppConfig& config, const ClientRow& r, Role viewer) {
    ClientRecord c;
    const std::string bsn = security::decryptBsn(config, r.bsn_enc);
    c.id = r.id;
    if (viewer == Role::AccessOfficer) c.bsn = bsn;
    c.bsn_masked = maskBsn(bsn);
    c.surname = r.surname;
    c.prefix = r.prefix;
    c.given_names = r.given_names;
    c.initials = r.initials;
    c.birth_date = r.birth_date;
    c.gender = r.gender;
    c.street = r.street;
    c.house_number = r.house_number;
    c.postcode = r.postcode;
    c.city = r.city;
    c.municipality_code = r.municipality_code;
    c.district_id = r.district_id;
    c.team_id = r.team_id;
    c.team_name = r.team_name;
    c.created_at = r.created_at;
    c.messages_withheld = r.messages_withheld_since.has_value();
    if (c.messages_withheld && viewer == Role::AccessOfficer) {
        c.messages_withheld_since = r.messages_withheld_since;
        c.messages_withheld_reason = r.messages_withheld_reason;
    }
    return c;
}

// The audit row's after of a created client: what the API answers (no full BSN).
std::string auditAfter(const ClientRecord& c) {
    return security::AuditRecord()
        .set("id", c.id)
        .set("bsn_masked", c.bsn_masked)
        .set("surname", c.surname)
        .set("prefix", c.prefix)
        .set("given_names", c.given_names)
        .set("initials", c.initials)
        .set("birth_date", c.birth_date)
        .set("gender", c.gender)
        .set("street", c.street)
        .set("house_number", c.house_number)
        .set("postcode", c.postcode)
        .set("city", c.city)
        .set("municipality_code", c.municipality_code)
        .set("district_id", c.district_id)
        .set("team_id", c.team_id)
        .set("created_at", c.created_at)
        .set("messages_withheld", c.messages_withheld)
        .json();
}

void checkDistrict(db::Connection& db, std::optional<std::int64_t> district,
                   const std::string& municipality) {
    if (!district) return;
    const auto owner = districtMunicipality(db, *district);
    if (!owner || *owner != municipality) {
        throw ValidationError("UNKNOWN_DISTRICT",
                              "District " + std::to_string(*district) +
                                  " is not a district of municipality " + municipality + ".",
                              "district_id");
    }
}

// The team must be a team of the client's municipality, and of the client's district when the
// client has one.
// A client with a team but no district gets the team's district (a team lies in one district).
void checkTeam(db::Connection& db, std::optional<std::int64_t> team,
               std::optional<std::int64_t>& district, const std::string& municipality) {
    if (!team) return;
    const auto owner = teamOwner(db, *team);
    if (!owner || owner->municipality != municipality ||
        (district && *district != owner->district_id)) {
        throw ValidationError("UNKNOWN_TEAM",
                              "Team " + std::to_string(*team) + " is not a team of municipality " +
                                  municipality + (district ? " in the client's district." : "."),
                              "team_id");
    }
    district = owner->district_id;
}

// The audit row's before/after of a change of the client's district and team.
std::string placeRecord(const ClientRow& r) {
    return security::AuditRecord()
        .set("district_id", r.district_id)
        .set("team_id", r.team_id)
        .json();
}

// The actor's scope as a list filter; none for an unscoped actor (system, provider).
std::optional<StaffFilter> staffFilter(const app::Actor& a) {
    if (!a.scoped()) return std::nullopt;
    return StaffFilter{a.municipalities, a.regional};
}

}  // namespace

std::optional<ClientView> loadClient(db::Connection& db, const app::AppConfig& config,
                                     std::int64_t id) {
    const auto r = findClient(db, id);
    if (!r) return std::nullopt;
    ClientView v;
    v.id = r->id;
    v.bsn = security::decryptBsn(config, r->bsn_enc);
    v.surname = r->surname;
    v.prefix = r->prefix;
    v.given_names = r->given_names;
    v.initials = r->initials;
    v.birth_date = parseDate(r->birth_date);
    v.gender = r->gender;
    v.street = r->street;
    v.house_number = r->house_number;
    v.postcode = r->postcode;
    v.city = r->city;
    v.municipality_code = r->municipality_code;
    return v;
}

std::optional<std::int64_t> findClientIdByBsn(db::Connection& db, const app::AppConfig& config,
                                              const std::string& bsn) {
    if (!Bsn::isValid(bsn)) return std::nullopt;
    return clientIdByBsnHash(db, security::bsnLookupHash(config, bsn));
}

void auditClientReads(app::RequestContext& ctx, const std::vector<std::int64_t>& ids,
                      const char* what) {
    for (auto id : ids) {
        security::appendAudit(ctx, {"client.read", "client", std::to_string(id), "ok", std::nullopt,
                                    std::string("{\"read\":\"") + what + "\"}"});
    }
}

void requireClient(db::Connection& db, std::int64_t id, bool lock) {
    if (!clientExists(db, id, lock)) {
        throw ValidationError("NOT_FOUND", "client " + std::to_string(id) + " does not exist.");
    }
}

void requireClientInScope(app::RequestContext& ctx, std::int64_t id, bool lock) {
    requireClient(ctx.db, id, lock);
    if (!ctx.actor.scoped()) return;
    if (!app::mayServeClient(ctx.actor, clientMunicipality(ctx.db, id),
                             placedPayersOfClient(ctx.db, id))) {
        throw app::OutOfScope("client", std::to_string(id), "Client " + std::to_string(id));
    }
}

ClientRecord createClient(app::RequestContext& ctx, const NewClient& c) {
    const std::string hash = security::bsnLookupHash(ctx.config, c.bsn);
    db::Transaction tx(ctx.db);
    if (!municipalityExists(ctx.db, c.municipality_code)) {
        throw ValidationError("UNKNOWN_MUNICIPALITY",
                              "Municipality " + c.municipality_code + " is not known.",
                              "municipality_code");
    }
    // A client is recorded for one of the user's own municipalities.
    if (!app::worksFor(ctx.actor, c.municipality_code)) {
        throw app::OutOfScope("municipality", c.municipality_code,
                              "A client of municipality " + c.municipality_code);
    }
    auto district = c.district_id;
    checkDistrict(ctx.db, district, c.municipality_code);
    checkTeam(ctx.db, c.team_id, district, c.municipality_code);
    if (clientIdByBsnHash(ctx.db, hash)) {
        throw ValidationError("DUPLICATE_CLIENT",
                              "A client with BSN " + maskBsn(c.bsn) + " is recorded already.",
                              "bsn");
    }
    const auto id =
        insertClient(ctx.db, {hash, security::encryptBsn(ctx.config, c.bsn), c.surname, c.prefix,
                              c.given_names, c.initials, formatDate(c.birth_date), c.gender,
                              c.street, c.house_number, c.postcode, c.city, c.municipality_code,
                              district, c.team_id, app::timestamp(ctx.clock)});
    // The creator typed the BSN; the answer and the audit trail carry only the masked form.
    auto out = clientRecord(ctx.config, *findClient(ctx.db, id), Role::Auditor);
    security::appendAudit(
        ctx, {"client.create", "client", std::to_string(id), "ok", std::nullopt, auditAfter(out)});
    tx.commit();
    return out;
}

app::ListPage<ClientRecord> listClients(app::RequestContext& ctx, const ClientQuery& q) {
    db::Transaction tx(ctx.db);
    // Clients outside the user's scope are left out silently.
    const auto scope = staffFilter(ctx.actor);
    app::ListPage<ClientRow> rows;
    if (q.bsn) {
        rows.items = clientsByBsnHash(ctx.db, security::bsnLookupHash(ctx.config, *q.bsn), scope);
        rows.total = static_cast<std::int64_t>(rows.items.size());
    } else {
        rows = clientPage(ctx.db, q.municipality, q.list, scope);
    }
    app::ListPage<ClientRecord> out;
    out.total = rows.total;
    std::vector<std::int64_t> ids;
    // A list never carries a full BSN, not even for an access officer: it is read one client
    // at a time (GET /clients/{id}).
    for (const auto& r : rows.items) {
        out.items.push_back(clientRecord(ctx.config, r, Role::Auditor));
        ids.push_back(r.id);
    }
    auditClientReads(ctx, ids, q.bsn ? "bsn lookup" : "list");
    tx.commit();
    return out;
}

ClientRecord getClient(app::RequestContext& ctx, std::int64_t id) {
    db::Transaction tx(ctx.db);
    requireClientInScope(ctx, id, false);
    const auto r = findClient(ctx.db, id);
    auto out = clientRecord(ctx.config, *r, ctx.actor.role);
    auditClientReads(ctx, {id}, "record");
    tx.commit();
    return out;
}

ClientRecord changeClientPlace(app::RequestContext& ctx, ClientMovedPort& moved,
                               const ClientPlaceChange& change) {
    db::Transaction tx(ctx.db);
    requireClientInScope(ctx, change.id, true);
    const auto before = *findClient(ctx.db, change.id);
    auto district = change.set_district ? change.district_id : before.district_id;
    // A team lies in one district: a new district without a new team leaves the team out.
    auto team = before.team_id;
    if (change.set_team) {
        team = change.team_id;
    } else if (change.set_district && district != before.district_id) {
        team = std::nullopt;
    }
    checkDistrict(ctx.db, district, before.municipality_code);
    checkTeam(ctx.db, team, district, before.municipality_code);
    updateClientPlace(ctx.db, change.id, district, team);
    if (district != before.district_id || team != before.team_id) {
        moved.clientMoved(change.id, {before.district_id, before.team_id}, {district, team});
    }
    const auto after = *findClient(ctx.db, change.id);
    security::appendAudit(ctx, {"client.update", "client", std::to_string(change.id), "ok",
                                placeRecord(before), placeRecord(after)});
    auto out = clientRecord(ctx.config, after, ctx.actor.role);
    tx.commit();
    return out;
}

}  // namespace zc::contracting
