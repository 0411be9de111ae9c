#pragma once
// The auditor's view of the audit trail (interfaces/security/audit_trail.hpp).
#include <string>

#include "api_request.hpp"

namespace zc::http {
// The bound of an audit filter (?from=, ?to=): the UTC DATETIME text at which the day `text`
// names plus `days_after` days begins in Amsterdam, or "" when `text` is empty. INVALID_DATE
// (naming `field`) when it is not a date. The screen shows times in Amsterdam, so a day picked
// there is an Amsterdam day.
std::string auditDayBound(const std::string& text, const std::string& field, int days_after);
// GET /audit?actor=&object_type=&object_id=&action=&from=&to=&limit=&offset= (newest first)
ApiResponse listAudit(RequestContext& ctx, const ApiRequest& req);
// GET /audit/verify
ApiResponse verifyAuditApi(RequestContext& ctx, const ApiRequest& req);
}  // namespace zc::http
