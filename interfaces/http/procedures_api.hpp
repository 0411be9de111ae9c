#pragma once
// Procurement procedures and applications over HTTP: JSON in, the use cases of
// contracting/app/procedures.hpp, JSON out.
#include "api_request.hpp"

namespace zc::http {

// POST /procedures {municipality_code, kind, name, term_start, term_end, applications_open?}
ApiResponse createProcedure(RequestContext& ctx, const ApiRequest& req);
ApiResponse listProcedures(RequestContext& ctx, const ApiRequest& req);
// GET /procedures/{id}: with lots, requirements and tariffs.
ApiResponse getProcedure(RequestContext& ctx, const ApiRequest& req);
// POST /procedures/{id}/applications-open {open}
ApiResponse setApplicationsOpen(RequestContext& ctx, const ApiRequest& req);
// POST /procedures/{id}/lots {name, products}
ApiResponse addLot(RequestContext& ctx, const ApiRequest& req);
// POST /procedures/{id}/tariffs {product_code, unit?, tariff_cents, valid_from, valid_to?}: the
// tariff fields are read only once the procedure and the product are known.
ApiResponse addProcedureTariff(RequestContext& ctx, const ApiRequest& req);
// POST /procedures/{id}/requirements {text}
ApiResponse addRequirement(RequestContext& ctx, const ApiRequest& req);

// POST /procedures/{id}/indexations {percentage, from}: the procedure's and its contracts'
// tariffs.
ApiResponse indexProcedure(RequestContext& ctx, const ApiRequest& req);

// POST /procedures/{id}/applications {lots, answers: [{requirement_id, answer}]} (a provider)
ApiResponse submitApplication(RequestContext& ctx, const ApiRequest& req);

// GET /applications?status= (a provider: its own); GET /applications/{id}
ApiResponse listApplications(RequestContext& ctx, const ApiRequest& req);
ApiResponse getApplication(RequestContext& ctx, const ApiRequest& req);
// POST /applications/{id}/assess {requirement_id, met, remark?}
ApiResponse assessRequirement(RequestContext& ctx, const ApiRequest& req);
// POST /applications/{id}/decision {decision: admit|reject, reason?}: an admission makes one
// framework contract per lot.
ApiResponse decideApplication(RequestContext& ctx, const ApiRequest& req);

}  // namespace zc::http
