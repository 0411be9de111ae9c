#pragma once
// People (issue 15) over HTTP: users and their roles, deactivation, the four-eyes reset of a
// second factor, the switch of a session's active role and the rights overview of the route
// table. JSON in, the use cases of interfaces/security/people_admin.hpp, JSON out.
#include "api_request.hpp"
#include "interfaces/security/people_store.hpp"

namespace zc::http {

// One user as GET /users and the changes answer it (@User).
Poco::JSON::Object::Ptr personJson(const security::PersonRow& p);

// GET /users?role=&status=active|deactivated&q=&sort=&limit=&offset= -> [@User], paged with
// X-Total-Count (an administrator and the auditor every user, a provider administrator its own
// provider's); GET /users/{id} -> @User (NOT_FOUND outside those).
ApiResponse listUsers(RequestContext& ctx, const ApiRequest& req);
ApiResponse getUser(RequestContext& ctx, const ApiRequest& req);

// PUT /users/{id} {display_name?, roles?, provider_admin?} -> @User
ApiResponse changeUser(RequestContext& ctx, const ApiRequest& req);
// POST /users/{id}/deactivate | /reactivate -> @User
ApiResponse deactivateUser(RequestContext& ctx, const ApiRequest& req);
ApiResponse reactivateUser(RequestContext& ctx, const ApiRequest& req);
// POST /users/{id}/totp-reset -> 201 @TotpReset; GET /totp-resets -> [@TotpReset] (open);
// POST /totp-resets/{id}/approve | /withdraw -> @TotpReset
ApiResponse requestTotpReset(RequestContext& ctx, const ApiRequest& req);
ApiResponse listTotpResets(RequestContext& ctx, const ApiRequest& req);
ApiResponse approveTotpReset(RequestContext& ctx, const ApiRequest& req);
ApiResponse withdrawTotpReset(RequestContext& ctx, const ApiRequest& req);
// PUT /providers/{id}/user-management {allowed} -> {provider_id, users_self_managed}
ApiResponse setProviderUserManagement(RequestContext& ctx, const ApiRequest& req);
// POST /auth/role {role} -> {role, roles}
ApiResponse switchRole(RequestContext& ctx, const ApiRequest& req);
// GET /rights -> {roles:[str], routes:[{method, path, access, roles:[str]}]}, from the route table
ApiResponse rightsOverview(RequestContext& ctx, const ApiRequest& req);

}  // namespace zc::http
