#pragma once
// The auditor's view of the audit trail (interfaces/security/audit_trail.hpp).
#include "api_request.hpp"

namespace zc::http {
// GET /audit?actor=&object_type=&object_id=&action=&from=&to=&limit=&offset= (newest first)
ApiResponse listAudit(RequestContext& ctx, const ApiRequest& req);
// GET /audit/verify
ApiResponse verifyAuditApi(RequestContext& ctx, const ApiRequest& req);
}  // namespace zc::http
