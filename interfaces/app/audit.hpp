#pragma once
// The audit trail: an append-only table whose rows form a SHA-256 hash chain
// (hash = SHA-256(prev_hash, seq, at, actor, action, object, result, origin, before, after)).
// append() must run inside the transaction of the change it records; it locks the chain head,
// so appends are serialised and the sequence has no gaps.
#include <optional>
#include <string>

#include "context.hpp"

namespace zc::app {

struct AuditEntry {
    std::string action;       // e.g. "provider.create"
    std::string object_type;  // e.g. "provider"
    std::string object_id;
    std::string result = "ok";          // "ok", "denied", "failed"
    std::optional<std::string> before;  // JSON
    std::optional<std::string> after;   // JSON
};

void appendAudit(RequestContext& ctx, const AuditEntry& e);
// Convenience for a security event in its own transaction (failed login, forbidden call).
void appendAuditStandalone(RequestContext& ctx, const AuditEntry& e);

struct AuditVerification {
    bool ok = true;
    std::int64_t rows_checked = 0;
    std::int64_t first_bad_seq = 0;  // 0 when ok
    std::string problem;             // "altered", "removed", "head mismatch"
};

AuditVerification verifyAudit(db::Connection& db);

std::string toJson(const Poco::Dynamic::Var& v);

}  // namespace zc::app

namespace zc::app {
// GET /audit?actor=&object_type=&object_id=&limit=&offset= (newest first)
ApiResponse listAudit(RequestContext& ctx, const ApiRequest& req);
// GET /audit/verify
ApiResponse verifyAuditApi(RequestContext& ctx, const ApiRequest& req);
}  // namespace zc::app
