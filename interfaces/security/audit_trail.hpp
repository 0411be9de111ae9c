#pragma once
// The audit trail: an append-only table whose rows form a SHA-256 hash chain
// (hash = HMAC-SHA256 with the audit key over prev_hash, seq, at, actor, action, object, result,
// origin, before, after, actor_id, actor_role; rows written before migration 0035 have no actor
// id and role and hash without them). The key lives outside the database
// (security.audit_key_file), so someone who can write the tables cannot recompute the chain. A
// chain from before the key (plain SHA-256) is keyed once by `migrate` (keyAuditChain).
// appendAudit() must run inside the transaction of the change it records; it locks the chain
// head, so appends are serialised and the sequence has no gaps. The use cases of every context
// call it; the HTTP adapter only reads (auditRows, verifyAudit).
#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "contracting/kernel/list_query.hpp"
#include "contracting/kernel/request_context.hpp"

namespace zc::security {

struct AuditEntry {
    std::string action;       // e.g. "provider.create"
    std::string object_type;  // e.g. "provider"
    std::string object_id;
    std::string result = "ok";          // "ok", "denied", "failed"
    std::optional<std::string> before;  // JSON
    std::optional<std::string> after;   // JSON
};

void appendAudit(app::RequestContext& ctx, const AuditEntry& e);
// Convenience for a security event in its own transaction (failed login, forbidden call). A
// "denied" row marks the request's refusal as audited (ctx.refusal_audited), so the HTTP
// adapter does not record it twice.
void appendAuditStandalone(app::RequestContext& ctx, const AuditEntry& e);

// The before or after of an audit row, built by a use case without a JSON library: a JSON
// object whose keys come out sorted, as the API's answers do.
class AuditRecord {
  public:
    using Value = std::variant<std::nullptr_t, bool, std::int64_t, std::string,
                               std::vector<AuditRecord>, std::vector<std::string>,
                               std::vector<std::int64_t>, std::shared_ptr<const AuditRecord>>;

    AuditRecord& set(std::string key, bool v) { return put(std::move(key), v); }
    AuditRecord& set(std::string key, std::int64_t v) { return put(std::move(key), v); }
    AuditRecord& set(std::string key, int v) { return put(std::move(key), std::int64_t{v}); }
    AuditRecord& set(std::string key, std::string v) { return put(std::move(key), std::move(v)); }
    AuditRecord& set(std::string key, const char* v) { return put(std::move(key), std::string(v)); }
    AuditRecord& set(std::string key, std::vector<AuditRecord> v) {
        return put(std::move(key), std::move(v));
    }
    AuditRecord& set(std::string key, std::vector<std::string> v) {
        return put(std::move(key), std::move(v));
    }
    AuditRecord& set(std::string key, std::vector<std::int64_t> v) {
        return put(std::move(key), std::move(v));
    }
    // A nested JSON object.
    AuditRecord& set(std::string key, AuditRecord nested);
    // JSON null when absent.
    AuditRecord& set(std::string key, const std::optional<std::string>& v);
    AuditRecord& set(std::string key, const std::optional<std::int64_t>& v);
    std::string json() const;

    const std::vector<std::pair<std::string, Value>>& fields() const { return fields_; }

  private:
    AuditRecord& put(std::string key, Value v);
    std::vector<std::pair<std::string, Value>> fields_;
};

struct AuditVerification {
    bool ok = true;
    std::int64_t rows_checked = 0;
    std::int64_t first_bad_seq = 0;  // 0 when ok
    // "altered", "removed", "head mismatch", "not keyed" (a key is configured but the chain is
    // plain SHA-256 again)
    std::string problem;
};

// Verifies the chain with `key` (the AppConfig's audit_key; "" only for a chain never keyed).
AuditVerification verifyAudit(db::Connection& db, const std::string& key);

class AuditChainBroken : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

// Keys a plain SHA-256 chain with `key` (every row re-hashed in order, in one transaction) after
// verifying it; returns the rows keyed, 0 when the chain is keyed already. Throws
// AuditChainBroken (and changes nothing) when the plain chain does not verify.
std::int64_t keyAuditChain(db::Connection& db, const std::string& key);

// One row of the trail as the auditor reads it.
struct AuditRow {
    std::int64_t seq = 0;
    std::string at;  // "YYYY-MM-DD HH:MM:SS.ffffff" (UTC)
    std::string actor, action, object_type, object_id, result, origin;
    std::optional<std::string> before, after;
    std::string hash;
    // The actor's id (staff user, or provider for "provider"; 0 for the system and anonymous
    // callers) and role; absent on rows written before migration 0035.
    std::optional<std::int64_t> actor_id;
    std::optional<std::string> actor_role;
};

// The auditor's filter: empty fields match everything; `from`/`to` are DATETIME texts ("" for
// open), `to` exclusive. Its page, search and sort: `q` searches the actor, action, object type
// and object id; sorts: seq (default, newest first), actor, action, object_type.
struct AuditFilter {
    std::string actor, object_type, object_id, action, from, to;
    app::ListQuery list;
};

// A page of the rows matching the filter, and how many match.
app::ListPage<AuditRow> auditPage(db::Connection& db, const AuditFilter& f);
// The rows of auditPage.
std::vector<AuditRow> auditRows(db::Connection& db, const AuditFilter& f);

}  // namespace zc::security
