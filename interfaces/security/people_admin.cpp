#include "people_admin.hpp"

#include "audit_trail.hpp"
#include "contracting/kernel/errors.hpp"
#include "crypto.hpp"
#include "interfaces/mysql/connection.hpp"
#include "people_rules.hpp"

namespace zc::security {
namespace {

using app::RequestContext;

const std::string kAdmin = "admin";

[[noreturn]] void notFound(const std::string& what, const std::string& field) {
    throw ValidationError("NOT_FOUND", what + " does not exist.", field);
}

// The user, locked, when the authority manages it (a provider administrator sees no other
// provider's users: NOT_FOUND, as for a user that does not exist).
ManagedUser managedUser(RequestContext& ctx, const Authority& auth, std::int64_t user_id) {
    auto u = lockManagedUser(ctx.db, user_id);
    if (!u || (!auth.municipal() && u->provider_id != auth.provider_id)) {
        notFound("User " + std::to_string(user_id), "id");
    }
    return *u;
}

AuditRecord recordOf(const ManagedUser& u) {
    AuditRecord r;
    r.set("display_name", u.display_name).set("roles", u.roles).set("active", u.active);
    if (u.provider_id) r.set("provider_admin", u.provider_admin);
    return r;
}

PersonRow personOf(RequestContext& ctx, std::int64_t user_id) {
    auto p = findPerson(ctx.db, user_id);
    if (!p) notFound("User " + std::to_string(user_id), "id");
    return *p;
}

// Other administrators who would remain: of the municipality for its admin role, of the
// provider for a provider administrator managed by its own provider.
std::int64_t otherAdmins(RequestContext& ctx, const Authority& auth, const ManagedUser& u) {
    if (u.provider_id) {
        return auth.municipal() ? 1 : otherProviderAdmins(ctx.db, u.provider_id, u.id);
    }
    return otherActiveAdmins(ctx.db, u.id);
}

bool isAdmin(const ManagedUser& u) {
    return u.provider_id ? u.provider_admin : holdsRole(u.roles, kAdmin);
}

void applyRoles(RequestContext& ctx, const Authority& auth, ManagedUser& u,
                const std::vector<std::string>& wanted) {
    const auto roles = checkedRoles(wanted, u.provider_id != 0);
    const bool self = ctx.actor.user_id == u.id;
    const bool had = holdsRole(u.roles, kAdmin), after = holdsRole(roles, kAdmin);
    checkAdminRoleChange(
        {self, had, after, u.active, had && !after ? otherAdmins(ctx, auth, u) : 1});
    replaceUserRoles(ctx.db, u.id, roles);
    u.roles = roles;
}

void applyProviderAdmin(RequestContext& ctx, const Authority& auth, ManagedUser& u, bool flag) {
    if (!u.provider_id) {
        throw ValidationError("PROVIDER_NOT_ALLOWED",
                              "Only a provider's user can be its provider's administrator.",
                              "provider_admin");
    }
    const bool self = ctx.actor.user_id == u.id;
    const bool removing = u.provider_admin && !flag;
    checkAdminRoleChange(
        {self, u.provider_admin, flag, u.active, removing ? otherAdmins(ctx, auth, u) : 1});
    setProviderAdmin(ctx.db, u.id, flag);
    u.provider_admin = flag;
}

// The reset, locked, when the authority manages its user.
TotpReset managedReset(RequestContext& ctx, const Authority& auth, std::int64_t reset_id) {
    auto r = lockTotpReset(ctx.db, reset_id);
    if (!r || (!auth.municipal() && r->provider_id != auth.provider_id)) {
        notFound("Reset request " + std::to_string(reset_id), "id");
    }
    if (r->status != "open") {
        throw ValidationError("TOTP_RESET_NOT_OPEN",
                              "This reset request has been approved or withdrawn already.", "id");
    }
    return *r;
}

void auditReset(RequestContext& ctx, const std::string& action, const TotpReset& r) {
    appendAudit(ctx, {action, "user", std::to_string(r.user_id), "ok", std::nullopt,
                      AuditRecord()
                          .set("reset_id", r.id)
                          .set("requested_by", r.requested_by)
                          .set("status", r.status)
                          .json()});
}

}  // namespace

Authority authorityOf(RequestContext& ctx) {
    if (ctx.actor.role == app::Role::Admin) return {};
    if (ctx.actor.role == app::Role::Provider && ctx.actor.user_id) {
        const auto [flag, provider] = providerAdminOf(ctx.db, ctx.actor.user_id);
        if (flag && provider && providerSelfManaged(ctx.db, provider)) return {provider};
    }
    throw ValidationError("USER_ADMIN_NOT_ALLOWED",
                          "Only an administrator, or a provider administrator whose provider "
                          "the municipality lets manage its own users, manages users.",
                          "");
}

namespace {

// Whose users the actor reads: the auditor every user (the route allows it), others by their
// authority (0: every user).
std::int64_t readableProvider(RequestContext& ctx) {
    return ctx.actor.role == app::Role::Auditor ? 0 : authorityOf(ctx).provider_id;
}

}  // namespace

app::ListPage<PersonRow> listPeople(RequestContext& ctx, PeopleFilter filter) {
    filter.provider_id = readableProvider(ctx);
    return peoplePage(ctx.db, filter);
}

PersonRow getPerson(RequestContext& ctx, std::int64_t user_id) {
    const std::int64_t provider = readableProvider(ctx);
    const auto p = findPerson(ctx.db, user_id);
    if (!p || (provider != 0 && p->provider_id != provider)) {
        notFound("User " + std::to_string(user_id), "id");
    }
    return *p;
}

PersonRow changeUser(RequestContext& ctx, std::int64_t user_id, const UserChange& change) {
    const Authority auth = authorityOf(ctx);
    db::Transaction tx(ctx.db);
    ManagedUser u = managedUser(ctx, auth, user_id);
    const AuditRecord before = recordOf(u);
    if (change.display_name) {
        setDisplayName(ctx.db, u.id, *change.display_name);
        u.display_name = *change.display_name;
    }
    if (change.roles) applyRoles(ctx, auth, u, *change.roles);
    if (change.provider_admin) applyProviderAdmin(ctx, auth, u, *change.provider_admin);
    appendAudit(ctx, {"user.change", "user", std::to_string(u.id), "ok", before.json(),
                      recordOf(u).json()});
    auto out = personOf(ctx, u.id);
    tx.commit();
    return out;
}

PersonRow setUserActive(RequestContext& ctx, std::int64_t user_id, bool active) {
    const Authority auth = authorityOf(ctx);
    db::Transaction tx(ctx.db);
    ManagedUser u = managedUser(ctx, auth, user_id);
    if (active == u.active) {
        throw ValidationError(
            active ? "NOT_DEACTIVATED" : "ALREADY_DEACTIVATED",
            active ? "This user is active already." : "This user is deactivated already.", "id");
    }
    AuditRecord after;
    after.set("active", active);
    if (!active) {
        const bool admin = isAdmin(u);
        checkDeactivation(ctx.actor.user_id == u.id, admin, admin ? otherAdmins(ctx, auth, u) : 1);
        after.set("sessions_ended", endUserSessions(ctx.db, u.id, app::timestamp(ctx.clock)));
    }
    setUserActive(ctx.db, u.id, active);
    appendAudit(ctx, {active ? "user.reactivate" : "user.deactivate", "user", std::to_string(u.id),
                      "ok", AuditRecord().set("active", u.active).json(), after.json()});
    auto out = personOf(ctx, u.id);
    tx.commit();
    return out;
}

TotpReset requestTotpReset(RequestContext& ctx, std::int64_t user_id) {
    const Authority auth = authorityOf(ctx);
    db::Transaction tx(ctx.db);
    const ManagedUser u = managedUser(ctx, auth, user_id);
    if (!u.totp_enabled && !u.totp_secret_set) {
        throw ValidationError("TOTP_NOT_ENROLLED",
                              "This user has no second factor; there is nothing to reset.", "id");
    }
    if (openTotpResetExists(ctx.db, u.id)) {
        throw ValidationError("TOTP_RESET_OPEN",
                              "A reset of this user's second factor is waiting for approval "
                              "already.",
                              "id");
    }
    const auto id = insertTotpReset(ctx.db, u.id, ctx.actor.user_id, app::timestamp(ctx.clock));
    const TotpReset r = *lockTotpReset(ctx.db, id);
    auditReset(ctx, "user.totp_reset_request", r);
    tx.commit();
    return r;
}

app::ListPage<TotpReset> openResets(RequestContext& ctx, std::int64_t limit, std::int64_t offset) {
    return openTotpResets(ctx.db, authorityOf(ctx).provider_id, limit, offset);
}

TotpReset approveTotpReset(RequestContext& ctx, std::int64_t reset_id) {
    const Authority auth = authorityOf(ctx);
    db::Transaction tx(ctx.db);
    const TotpReset open = managedReset(ctx, auth, reset_id);
    checkResetApproval(ctx.actor.user_id, open.requested_by, open.user_id);
    const std::string now = app::timestamp(ctx.clock);
    clearTotp(ctx.db, open.user_id);
    endUserSessions(ctx.db, open.user_id, now);
    decideTotpReset(ctx.db, reset_id, "approved", ctx.actor.user_id, now);
    const TotpReset r = *lockTotpReset(ctx.db, reset_id);
    auditReset(ctx, "user.totp_reset_approve", r);
    tx.commit();
    return r;
}

TotpReset withdrawTotpReset(RequestContext& ctx, std::int64_t reset_id) {
    const Authority auth = authorityOf(ctx);
    db::Transaction tx(ctx.db);
    managedReset(ctx, auth, reset_id);
    decideTotpReset(ctx.db, reset_id, "withdrawn", ctx.actor.user_id, app::timestamp(ctx.clock));
    const TotpReset r = *lockTotpReset(ctx.db, reset_id);
    auditReset(ctx, "user.totp_reset_withdraw", r);
    tx.commit();
    return r;
}

void setProviderUserManagement(RequestContext& ctx, std::int64_t provider_id, bool allowed) {
    db::Transaction tx(ctx.db);
    const bool before = providerSelfManaged(ctx.db, provider_id);
    if (!setProviderSelfManaged(ctx.db, provider_id, allowed)) {
        notFound("Provider " + std::to_string(provider_id), "id");
    }
    appendAudit(ctx, {"provider.user_management", "provider", std::to_string(provider_id), "ok",
                      AuditRecord().set("users_self_managed", before).json(),
                      AuditRecord().set("users_self_managed", allowed).json()});
    tx.commit();
}

void switchRole(RequestContext& ctx, const std::string& token, const std::string& role) {
    db::Transaction tx(ctx.db);
    const auto u = lockManagedUser(ctx.db, ctx.actor.user_id);
    if (!u || !holdsRole(u->roles, role)) {
        throw ValidationError("ROLE_NOT_HELD",
                              "You do not have the role " + role + ", so you cannot switch to it.",
                              "role");
    }
    if (anyRoleNeedsSecondFactor({role}) && !u->totp_enabled) {
        throw ValidationError("MFA_SETUP_REQUIRED",
                              "The role " + role + " requires a second factor: set it up first.",
                              "role");
    }
    setSessionRole(ctx.db, sha256Hex(token), role);
    appendAudit(ctx, {"auth.role_switch", "user", std::to_string(u->id), "ok",
                      AuditRecord().set("role", app::roleName(ctx.actor.role)).json(),
                      AuditRecord().set("role", role).json()});
    tx.commit();
}

}  // namespace zc::security
