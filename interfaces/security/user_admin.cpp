#include "user_admin.hpp"

#include <algorithm>
#include <regex>

#include "audit_trail.hpp"
#include "contracting/kernel/errors.hpp"
#include "crypto.hpp"
#include "interfaces/mysql/connection.hpp"
#include "password_hash.hpp"
#include "people_admin.hpp"
#include "people_rules.hpp"

namespace zc::security {
namespace {

using app::RequestContext;

[[noreturn]] void notFound(const std::string& what, const std::string& field) {
    throw ValidationError("NOT_FOUND", what + " does not exist.", field);
}

// A provider's user belongs to exactly one existing provider; staff users to none.
void checkUserProvider(RequestContext& ctx, const NewUser& u) {
    if (u.role != app::roleName(app::Role::Provider)) {
        if (u.provider_id) {
            throw ValidationError("PROVIDER_NOT_ALLOWED",
                                  "Only a user with the role provider belongs to a provider.",
                                  "provider_id");
        }
        return;
    }
    if (!u.provider_id) {
        throw ValidationError("PROVIDER_REQUIRED",
                              "A provider's user needs the provider_id of its provider.",
                              "provider_id");
    }
    if (!providerExists(ctx.db, *u.provider_id)) {
        notFound("Provider " + std::to_string(*u.provider_id), "provider_id");
    }
}

AuditRecord scopeRecord(const UserScope& s) {
    return AuditRecord()
        .set("municipalities", s.municipalities)
        .set("regional_for", s.regional_for);
}

AuditRecord auditOf(const CreatedUser& u) {
    AuditRecord r;
    r.set("id", u.id).set("username", u.username).set("display_name", u.display_name);
    r.set("role", u.role).set("roles", u.roles);
    if (u.provider_id) r.set("provider_id", *u.provider_id).set("provider_admin", u.provider_admin);
    if (!u.provider_id) {
        r.set("municipalities", u.scope.municipalities).set("regional_for", u.scope.regional_for);
    }
    return r;
}

// A staff user's scope names known municipalities, at least one; a regional one must be a
// central municipality with which a region placed care.
void checkScope(db::Connection& db, const UserScope& s) {
    if (s.municipalities.empty() && s.regional_for.empty()) {
        throw ValidationError("INVALID_FIELD",
                              "A staff user works for at least one municipality (municipalities "
                              "or regional_for).",
                              "municipalities");
    }
    const auto known = municipalityCodes(db);
    for (const auto* list : {&s.municipalities, &s.regional_for}) {
        for (const auto& code : *list) {
            if (std::find(known.begin(), known.end(), code) == known.end()) {
                throw ValidationError(
                    "UNKNOWN_MUNICIPALITY", "Municipality " + code + " is not known.",
                    list == &s.municipalities ? "municipalities" : "regional_for");
            }
        }
    }
    for (const auto& code : s.regional_for) {
        if (!holdsPlacedCare(db, code)) {
            throw ValidationError("INVALID_FIELD",
                                  "No region has placed care with municipality " + code +
                                      "; it cannot be served regionally.",
                                  "regional_for");
        }
    }
}

}  // namespace

void checkUsername(const std::string& username) {
    static const std::regex kUsername("[a-z0-9._-]{3,64}");
    if (!std::regex_match(username, kUsername)) {
        throw ValidationError("INVALID_USERNAME",
                              "A user name has 3 to 64 characters: a-z, 0-9, '.', '_' or '-'.",
                              "username");
    }
}

namespace {

// The user as it will be created: a provider administrator's user belongs to its provider;
// the roles checked, the first of them as `role`.
NewUser withinAuthority(RequestContext& ctx, const NewUser& in) {
    NewUser u = in;
    const Authority auth = authorityOf(ctx);
    if (!auth.municipal()) {
        if (u.provider_id && *u.provider_id != auth.provider_id) {
            throw ValidationError("USER_ADMIN_NOT_ALLOWED",
                                  "A provider administrator creates users of its own provider "
                                  "only.",
                                  "provider_id");
        }
        u.provider_id = auth.provider_id;
    }
    if (u.roles.empty()) u.roles = {u.role};
    u.role = u.roles.front();
    checkUserProvider(ctx, u);
    u.roles = checkedRoles(u.roles, u.role == app::roleName(app::Role::Provider));
    if (u.provider_admin && !u.provider_id) {
        throw ValidationError("PROVIDER_NOT_ALLOWED",
                              "Only a provider's user can be its provider's administrator.",
                              "provider_admin");
    }
    return u;
}

}  // namespace

CreatedUser createUser(RequestContext& ctx, const NewUser& in) {
    const NewUser u = withinAuthority(ctx, in);
    if (auto why = passwordPolicyViolation(u.password); !why.empty()) {
        throw ValidationError("WEAK_PASSWORD", why, "password");
    }
    if (usernameTaken(ctx.db, u.username)) {
        throw ValidationError("DUPLICATE_USERNAME", "User name '" + u.username + "' is taken.",
                              "username");
    }
    const std::string hash = hashPassword(u.password, ctx.config.pbkdf2_iterations);
    db::Transaction tx(ctx.db);
    CreatedUser out{0,       u.username,       u.display_name, u.role,
                    u.roles, u.provider_admin, u.provider_id,  {}};
    if (!u.provider_id) {
        // Without a scope: every municipality known now (none yet for the first administrator
        // of a new installation).
        if (u.scope) checkScope(ctx.db, *u.scope);
        out.scope = u.scope ? *u.scope : UserScope{municipalityCodes(ctx.db), {}};
    } else if (u.scope) {
        throw ValidationError("INVALID_FIELD",
                              "A provider's user has no municipalities: it sees its provider's "
                              "records only.",
                              "municipalities");
    }
    out.id = insertUser(ctx.db, {u.username, u.display_name, u.role, u.provider_id, hash});
    replaceUserRoles(ctx.db, out.id, u.roles);
    if (u.provider_admin) setProviderAdmin(ctx.db, out.id, true);
    if (!u.provider_id) replaceUserScope(ctx.db, out.id, out.scope);
    appendAudit(ctx, {"user.create", "user", std::to_string(out.id), "ok", std::nullopt,
                      auditOf(out).json()});
    tx.commit();
    return out;
}

UserScope setUserScope(RequestContext& ctx, std::int64_t user_id, const UserScope& scope) {
    db::Transaction tx(ctx.db);
    const auto user = userRole(ctx.db, user_id);
    if (!user) notFound("User " + std::to_string(user_id), "id");
    if (user->second) {
        throw ValidationError("INVALID_FIELD",
                              "A provider's user has no municipalities: it sees its provider's "
                              "records only.",
                              "municipalities");
    }
    checkScope(ctx.db, scope);
    const UserScope before = userScope(ctx.db, user_id);
    replaceUserScope(ctx.db, user_id, scope);
    const UserScope after = userScope(ctx.db, user_id);
    appendAudit(ctx, {"user.scope", "user", std::to_string(user_id), "ok",
                      scopeRecord(before).json(), scopeRecord(after).json()});
    tx.commit();
    return after;
}

void createFirstAdmin(RequestContext& ctx, const std::string& username,
                      const std::string& password) {
    if (adminExists(ctx.db)) {
        throw ValidationError("ADMIN_EXISTS",
                              "An administrator exists already; log in as that administrator "
                              "to create further users.",
                              "");
    }
    checkUsername(username);
    createUser(ctx, {.username = username,
                     .display_name = "Administrator",
                     .role = "admin",
                     .provider_id = std::nullopt,
                     .password = password});
}

IssuedApiKey issueApiKey(RequestContext& ctx, std::int64_t provider_id, const std::string& label) {
    if (!providerExists(ctx.db, provider_id)) {
        notFound("Provider " + std::to_string(provider_id), "id");
    }
    IssuedApiKey out;
    out.api_key = newToken("zck_");
    db::Transaction tx(ctx.db);
    out.id = insertApiKey(ctx.db, provider_id, sha256Hex(out.api_key), label);
    appendAudit(ctx, {"api_key.issue", "provider", std::to_string(provider_id), "ok", std::nullopt,
                      AuditRecord().set("api_key_id", out.id).json()});
    tx.commit();
    return out;
}

app::ListPage<ApiKeyRow> listApiKeys(RequestContext& ctx, std::int64_t provider_id,
                                     std::int64_t limit, std::int64_t offset) {
    return providerApiKeys(ctx.db, provider_id, limit, offset);
}

void revokeApiKey(RequestContext& ctx, std::int64_t provider_id, std::int64_t key_id) {
    db::Transaction tx(ctx.db);
    if (!revokeProviderApiKey(ctx.db, provider_id, key_id, app::timestamp(ctx.clock))) {
        notFound("Active API key " + std::to_string(key_id), "key_id");
    }
    appendAudit(ctx, {"api_key.revoke", "provider", std::to_string(provider_id), "ok", std::nullopt,
                      AuditRecord().set("api_key_id", key_id).json()});
    tx.commit();
}

}  // namespace zc::security
