#include "people_api.hpp"

#include "contracting/kernel/errors.hpp"
#include "interfaces/security/people_admin.hpp"
#include "json_input.hpp"
#include "json_output.hpp"
#include "routes.hpp"

namespace zc::http {
namespace {

Poco::JSON::Array::Ptr textArray(const std::vector<std::string>& values) {
    auto a = newArray();
    for (const auto& v : values) a->add(v);
    return a;
}

Poco::JSON::Object::Ptr resetJson(const security::TotpReset& r) {
    auto o = newObject();
    o->set("id", r.id);
    o->set("user_id", r.user_id);
    o->set("username", r.username);
    o->set("requested_by", r.requested_by);
    o->set("requested_by_name", r.requested_by_name);
    o->set("requested_at", app::isoTimestamp(r.requested_at));
    o->set("status", r.status);
    setOptionalInt(o, "decided_by", r.decided_by);
    setOptional(o, "decided_at",
                r.decided_at ? std::optional(app::isoTimestamp(*r.decided_at)) : std::nullopt);
    return o;
}

const std::vector<app::Role> kEveryRole = {app::Role::Admin,         app::Role::ContractManager,
                                           app::Role::AccessOfficer, app::Role::Finance,
                                           app::Role::BudgetHolder,  app::Role::Auditor,
                                           app::Role::Provider};

const char* accessName(Access a) {
    switch (a) {
        case Access::Public:
            return "public";
        case Access::Authenticated:
            return "authenticated";
        case Access::Roles:
            return "roles";
    }
    return "roles";
}

}  // namespace

Poco::JSON::Object::Ptr personJson(const security::PersonRow& p) {
    auto o = newObject();
    o->set("id", p.id);
    o->set("username", p.username);
    o->set("display_name", p.display_name);
    o->set("role", p.roles.empty() ? std::string() : p.roles.front());
    o->set("roles", textArray(p.roles));
    o->set("active", p.active);
    o->set("totp_enabled", p.totp_enabled);
    setOptional(
        o, "last_login_at",
        p.last_login_at ? std::optional(app::isoTimestamp(*p.last_login_at)) : std::nullopt);
    if (p.provider_id) {
        o->set("provider_id", p.provider_id);
        o->set("provider_name", p.provider_name);
        o->set("provider_admin", p.provider_admin);
    } else {
        o->set("municipalities", textArray(p.scope.municipalities));
        o->set("regional_for", textArray(p.scope.regional_for));
    }
    return o;
}

ApiResponse listUsers(RequestContext& ctx, const ApiRequest& req) {
    security::PeopleFilter filter;
    filter.role = req.queryValue("role");
    if (!filter.role.empty() && !app::parseRole(filter.role)) {
        throw ValidationError("INVALID_QUERY",
                              "Query parameter 'role' must be admin, contract_manager, "
                              "access_officer, finance, budget_holder, auditor or provider.",
                              "role");
    }
    filter.state = req.queryValue("status");
    if (!filter.state.empty() && filter.state != "active" && filter.state != "deactivated") {
        throw ValidationError("INVALID_QUERY",
                              "Query parameter 'status' must be active or deactivated.", "status");
    }
    filter.list = listQueryFrom(req.query);
    const auto page = security::listPeople(ctx, filter);
    auto out = newArray();
    for (const auto& p : page.items) out->add(personJson(p));
    return pagedAnswer(out, page.total);
}

ApiResponse getUser(RequestContext& ctx, const ApiRequest& req) {
    return {200, personJson(security::getPerson(ctx, req.pathId("id")))};
}

ApiResponse changeUser(RequestContext& ctx, const ApiRequest& req) {
    security::UserChange change;
    change.display_name = optionalString(req.body, "display_name", 200);
    if (change.display_name && change.display_name->empty()) {
        throw ValidationError("INVALID_FIELD", "display_name cannot be empty.", "display_name");
    }
    if (req.body->has("roles")) change.roles = stringArray(req.body, "roles", 10);
    if (req.body->has("provider_admin")) {
        change.provider_admin = optionalBool(req.body, "provider_admin", false);
    }
    return {200, personJson(security::changeUser(ctx, req.pathId("id"), change))};
}

ApiResponse deactivateUser(RequestContext& ctx, const ApiRequest& req) {
    return {200, personJson(security::setUserActive(ctx, req.pathId("id"), false))};
}

ApiResponse reactivateUser(RequestContext& ctx, const ApiRequest& req) {
    return {200, personJson(security::setUserActive(ctx, req.pathId("id"), true))};
}

ApiResponse requestTotpReset(RequestContext& ctx, const ApiRequest& req) {
    return {201, resetJson(security::requestTotpReset(ctx, req.pathId("id")))};
}

ApiResponse listTotpResets(RequestContext& ctx, const ApiRequest& req) {
    const auto page = pageFrom(req.query);
    const auto list = security::openResets(ctx, page.limit, page.offset);
    auto out = newArray();
    for (const auto& r : list.items) out->add(resetJson(r));
    return pagedAnswer(out, list.total);
}

ApiResponse approveTotpReset(RequestContext& ctx, const ApiRequest& req) {
    return {200, resetJson(security::approveTotpReset(ctx, req.pathId("id")))};
}

ApiResponse withdrawTotpReset(RequestContext& ctx, const ApiRequest& req) {
    return {200, resetJson(security::withdrawTotpReset(ctx, req.pathId("id")))};
}

ApiResponse setProviderUserManagement(RequestContext& ctx, const ApiRequest& req) {
    if (!req.body->has("allowed")) {
        throw ValidationError("MISSING_FIELD", "allowed is required.", "allowed");
    }
    const bool allowed = optionalBool(req.body, "allowed", false);
    const std::int64_t id = req.pathId("id");
    security::setProviderUserManagement(ctx, id, allowed);
    auto out = newObject();
    out->set("provider_id", id);
    out->set("users_self_managed", allowed);
    return {200, out};
}

ApiResponse switchRole(RequestContext& ctx, const ApiRequest& req) {
    const std::string role = requiredString(req.body, "role", 32);
    security::switchRole(ctx, req.bearer_token, role);
    auto out = newObject();
    out->set("role", role);
    return {200, out};
}

ApiResponse rightsOverview(RequestContext&, const ApiRequest&) {
    auto roles = newArray();
    for (auto r : kEveryRole) roles->add(app::roleName(r));
    auto list = newArray();
    for (const auto& route : routes()) {
        auto o = newObject();
        o->set("method", route.method);
        o->set("path", route.pattern);
        o->set("access", accessName(route.access));
        auto allowed = newArray();
        for (auto r : kEveryRole) {
            if (route.access != Access::Public && roleAllowed(route, r)) {
                allowed->add(app::roleName(r));
            }
        }
        o->set("roles", allowed);
        list->add(o);
    }
    auto out = newObject();
    out->set("roles", roles);
    out->set("routes", list);
    return {200, out};
}

}  // namespace zc::http
