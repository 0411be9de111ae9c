#pragma once
// Clients and their access decisions over HTTP: JSON in, the use cases of
// contracting/app/clients.hpp and access_decisions.hpp, JSON out. The format rules (BSN 11-proof,
// postcode, initials, gender, the iWmo address rules, decision number, granted products) are
// checked here, before the use case runs.
#include "api_request.hpp"

namespace zc::http {

// POST /clients
ApiResponse createClient(RequestContext& ctx, const ApiRequest& req);
// GET /clients (?bsn= looks one up; otherwise a page of clients, ?municipality=)
ApiResponse listClients(RequestContext& ctx, const ApiRequest& req);
// GET /clients/{id}
ApiResponse getClient(RequestContext& ctx, const ApiRequest& req);
// PATCH /clients/{id} (team_id and/or district_id; null clears)
ApiResponse patchClient(RequestContext& ctx, const ApiRequest& req);
// POST /clients/{id}/decisions
ApiResponse createDecision(RequestContext& ctx, const ApiRequest& req);
// GET /clients/{id}/decisions
ApiResponse listDecisions(RequestContext& ctx, const ApiRequest& req);

}  // namespace zc::http
