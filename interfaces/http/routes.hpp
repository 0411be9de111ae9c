#pragma once
// The one table of what the API offers and which role may call it. The server dispatches with
// it and refuses (403) every caller whose role is not listed; tests walk it endpoint by endpoint.
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "api_request.hpp"

namespace zc::http {

using Handler = std::function<ApiResponse(RequestContext&, const ApiRequest&)>;

enum class Access {
    Public,         // no credentials (health, login)
    Authenticated,  // any logged-in staff member or provider
    Roles           // only the listed roles
};

struct Route {
    // Built with designated initializers: the booleans default to false and are named where set.
    std::string method;   // GET, POST
    std::string pattern;  // "/api/v1/contracts/{id}/status"
    Access access;
    std::vector<app::Role> roles = {};  // for Access::Roles
    bool allowed_before_mfa = false;    // reachable with a session still waiting for MFA enrolment
    Handler handler;
    bool xml_body = false;            // the body is XML (ApiRequest::raw_body), not JSON
    bool client_certificate = false;  // the provider is identified by its TLS client certificate
    // Takes WMO323 declarations of any size: bodies from 1 MiB on are spooled to a temporary
    // file, up to limits.max_declaration_bytes (other XML stays at limits.max_xml_bytes).
    bool spool_declarations = false;
};

const std::vector<Route>& routes();

// Finds the route for method + path, filling `params` with the {placeholders}.
// `path_exists` tells whether another method would match (405 instead of 404).
const Route* matchRoute(const std::string& method, const std::string& path,
                        std::map<std::string, std::string>& params, bool& path_exists);

bool roleAllowed(const Route& r, app::Role role);

}  // namespace zc::http
