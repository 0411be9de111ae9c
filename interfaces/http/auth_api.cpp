#include "auth_api.hpp"

#include "contracting/kernel/errors.hpp"
#include "interfaces/security/authentication.hpp"
#include "interfaces/security/people_admin.hpp"
#include "interfaces/security/user_admin.hpp"
#include "json_input.hpp"
#include "json_output.hpp"
#include "people_api.hpp"

namespace zc::http {
namespace {

Poco::JSON::Array::Ptr codesArray(const std::vector<std::string>& codes) {
    auto a = newArray();
    for (const auto& c : codes) a->add(c);
    return a;
}

void setScope(Poco::JSON::Object::Ptr o, const security::UserScope& s) {
    o->set("municipalities", codesArray(s.municipalities));
    o->set("regional_for", codesArray(s.regional_for));
}

// {municipalities, regional_for} of a request body, or nothing when neither is there.
std::optional<security::UserScope> scopeOf(Poco::JSON::Object::Ptr body) {
    if (!body->has("municipalities") && !body->has("regional_for")) return std::nullopt;
    return security::UserScope{stringArray(body, "municipalities", 500),
                               stringArray(body, "regional_for", 500)};
}

}  // namespace

ApiResponse login(RequestContext& ctx, const ApiRequest& req) {
    security::LoginRequest in;
    in.username = requiredString(req.body, "username", 64);
    in.password = requiredString(req.body, "password", 128);
    in.totp_code = optionalString(req.body, "totp_code", 10);
    const auto result = security::logIn(ctx, in);
    auto out = newObject();
    ApiResponse res{200, out};
    // The web application asks for the token as an HttpOnly cookie, out of reach of scripts.
    if (optionalString(req.body, "session", 16).value_or("token") == "cookie") {
        res.session_cookie = result.token;
    } else {
        out->set("token", result.token);
    }
    const auto& t = result.expires_at;
    out->set("expires_at", t.substr(0, 10) + "T" + t.substr(11, 8) + "Z");
    out->set("username", in.username);
    out->set("role", app::roleName(result.role));
    out->set("display_name", result.display_name);
    out->set("mfa_setup_required", result.mfa_setup_required);
    out->set("roles", codesArray(result.roles));
    return res;
}

ApiResponse logout(RequestContext& ctx, const ApiRequest& req) {
    security::logOut(ctx, req.bearer_token);
    auto out = newObject();
    out->set("status", "logged_out");
    ApiResponse res{200, out};
    res.session_cookie = "";
    return res;
}

ApiResponse me(RequestContext& ctx, const ApiRequest&) {
    auto out = newObject();
    out->set("name", ctx.actor.name);
    out->set("role", app::roleName(ctx.actor.role));
    // A staff user's id: a budget holder's form offers the budgets it holds.
    if (ctx.actor.user_id) out->set("user_id", ctx.actor.user_id);
    if (ctx.actor.provider_id) out->set("provider_id", ctx.actor.provider_id);
    if (ctx.actor.scoped()) setScope(out, {ctx.actor.municipalities, ctx.actor.regional});
    if (const auto m = security::aboutMe(ctx)) {
        out->set("totp_enabled", m->totp_enabled);
        out->set("display_name", m->display_name);
        out->set("roles", codesArray(m->roles));
        if (ctx.actor.provider_id) {
            out->set("provider_admin", m->provider_admin);
            out->set("manages_users", m->manages_users);
        }
    }
    return {200, out};
}

ApiResponse enrolTotp(RequestContext& ctx, const ApiRequest&) {
    const auto e = security::enrolTotp(ctx);
    auto out = newObject();
    out->set("secret", e.secret);
    out->set("otpauth_uri", e.otpauth_uri);
    return {200, out};
}

ApiResponse confirmTotp(RequestContext& ctx, const ApiRequest& req) {
    security::confirmTotp(ctx, requiredString(req.body, "code", 10), req.bearer_token);
    auto out = newObject();
    out->set("totp_enabled", true);
    return {200, out};
}

ApiResponse createUser(RequestContext& ctx, const ApiRequest& req) {
    security::NewUser u;
    u.username = requiredString(req.body, "username", 64);
    security::checkUsername(u.username);
    u.display_name = requiredString(req.body, "display_name", 200);
    // Several roles (issue 15) as `roles`, else the one `role`.
    if (req.body->has("roles")) {
        u.roles = stringArray(req.body, "roles", 10);
        u.role = u.roles.empty() ? std::string() : u.roles.front();
    } else {
        u.role = requiredString(req.body, "role", 32);
    }
    u.provider_admin = optionalBool(req.body, "provider_admin", false);
    if (!u.role.empty() && !app::parseRole(u.role)) {
        throw ValidationError("INVALID_ROLE",
                              "Role must be one of admin, contract_manager, access_officer, "
                              "finance, budget_holder, auditor, provider.",
                              "role");
    }
    u.provider_id = optionalInt(req.body, "provider_id");
    u.password = requiredString(req.body, "password", 128);
    u.scope = scopeOf(req.body);
    const auto created = security::createUser(ctx, u);
    auto out = newObject();
    out->set("id", created.id);
    out->set("username", created.username);
    out->set("display_name", created.display_name);
    out->set("role", created.role);
    out->set("roles", codesArray(created.roles));
    if (created.provider_id) out->set("provider_id", *created.provider_id);
    if (created.provider_id) out->set("provider_admin", created.provider_admin);
    if (!created.provider_id) setScope(out, created.scope);
    return {201, out};
}

ApiResponse setUserScope(RequestContext& ctx, const ApiRequest& req) {
    const std::int64_t id = req.pathId("id");
    if (!req.body->has("municipalities")) {
        throw ValidationError("MISSING_FIELD", "municipalities is required.", "municipalities");
    }
    const auto scope = security::setUserScope(ctx, id, *scopeOf(req.body));
    auto out = newObject();
    out->set("id", id);
    setScope(out, scope);
    return {200, out};
}

ApiResponse issueApiKey(RequestContext& ctx, const ApiRequest& req) {
    const std::int64_t provider_id = req.pathId("id");
    const std::string label = optionalString(req.body, "label", 200).value_or("");
    const auto key = security::issueApiKey(ctx, provider_id, label);
    auto out = newObject();
    out->set("id", key.id);
    out->set("provider_id", provider_id);
    out->set("label", label);
    out->set("api_key", key.api_key);
    return {201, out};
}

ApiResponse listApiKeys(RequestContext& ctx, const ApiRequest& req) {
    const auto page = pageFrom(req.query);
    const auto list = security::listApiKeys(ctx, req.pathId("id"), page.limit, page.offset);
    auto out = newArray();
    for (const auto& k : list.items) {
        auto o = newObject();
        o->set("id", k.id);
        o->set("label", k.label);
        o->set("created_at", k.created_at.substr(0, 19));
        o->set("revoked", k.revoked);
        out->add(o);
    }
    return pagedAnswer(out, list.total);
}

ApiResponse revokeApiKey(RequestContext& ctx, const ApiRequest& req) {
    const std::int64_t key_id = req.pathId("key_id");
    security::revokeApiKey(ctx, req.pathId("id"), key_id);
    auto out = newObject();
    out->set("id", key_id);
    out->set("revoked", true);
    return {200, out};
}

}  // namespace zc::http
