#include "audit_trail.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Stringifier.h>

#include <sstream>
#include <stdexcept>

#include "interfaces/mysql/connection.hpp"
#include "interfaces/mysql/list_sql.hpp"
#include "interfaces/security/crypto.hpp"

namespace zc::security {
namespace {

constexpr const char* kLockHead =
    "SELECT last_seq, last_hash, keyed FROM audit_head WHERE id = 1 FOR UPDATE";
constexpr const char* kInsert =
    "INSERT INTO audit_log (seq, at, actor, action, object_type, object_id, result, origin,"
    " before_json, after_json, actor_id, actor_role, prev_hash, hash)"
    " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
constexpr const char* kUpdateHead =
    "UPDATE audit_head SET last_seq = ?, last_hash = ? WHERE id = 1";
constexpr const char* kSelectRows =
    "SELECT seq, at, actor, action, object_type, object_id, result, origin, before_json,"
    " after_json, actor_id, actor_role, prev_hash, hash FROM audit_log WHERE seq > ?"
    " ORDER BY seq LIMIT 1000";

// Length-prefixed fields so that no two different rows hash the same text.
void field(std::ostringstream& out, const std::optional<std::string>& v) {
    if (!v) {
        out << "-;";
        return;
    }
    out << v->size() << ':' << *v << ';';
}

// HMAC-SHA256 with the audit key (a chain that someone without the key cannot recompute), or
// plain SHA-256 for a chain not keyed yet (before `migrate` keyed it; tests without a key).
std::string chainHash(const std::string& key, const std::string& prev_hash, std::int64_t seq,
                      const std::vector<std::optional<std::string>>& fields) {
    std::ostringstream out;
    out << prev_hash << ';' << seq << ';';
    for (const auto& f : fields) field(out, f);
    return key.empty() ? sha256Hex(out.str()) : hmacSha256Hex(key, out.str());
}

// The fields a stored row hashes (kSelectRows columns 1..11): rows from before migration 0035
// have no actor id and role and hash without them.
std::vector<std::optional<std::string>> hashedFields(const db::Row& r) {
    const bool legacy = r.isNull(10) && r.isNull(11);
    std::vector<std::optional<std::string>> fields;
    for (std::size_t i = 1; i <= (legacy ? 9U : 11U); ++i) fields.push_back(r.opt(i));
    return fields;
}

// Walks the chain from row 1 with `key`; stops at the first row out of sequence or whose hash
// differs. Leaves the head to the caller.
AuditVerification walkChain(db::Connection& db, const std::string& key, std::string& prev) {
    AuditVerification v;
    prev = std::string(64, '0');
    std::int64_t expected_seq = 1;
    for (;;) {
        auto rows = db.query(kSelectRows, {expected_seq - 1});
        if (rows.empty()) break;
        for (const auto& r : rows) {
            const std::int64_t seq = r.i64(0);
            if (seq != expected_seq) return {false, v.rows_checked, expected_seq, "removed"};
            if (r.str(12) != prev || chainHash(key, prev, seq, hashedFields(r)) != r.str(13)) {
                return {false, v.rows_checked, seq, "altered"};
            }
            prev = r.str(13);
            ++expected_seq;
            ++v.rows_checked;
        }
    }
    return v;
}

// The actor's id and role as the row records them (migration 0035): the user for staff, the
// provider for "provider", 0 and "system" or "anonymous" for everyone else.
std::pair<std::int64_t, std::string> actorIdentity(const app::Actor& a) {
    if (a.user_id != 0) return {a.user_id, app::roleName(a.role)};
    if (a.provider_id != 0) return {a.provider_id, "provider"};
    return {0, a.name == "anonymous" ? "anonymous" : "system"};
}

Poco::Dynamic::Var toVar(const AuditRecord::Value& v);

Poco::JSON::Object::Ptr toObject(const AuditRecord& r) {
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
    for (const auto& [key, value] : r.fields()) o->set(key, toVar(value));
    return o;
}

Poco::Dynamic::Var toVar(const AuditRecord::Value& v) {
    if (std::holds_alternative<std::nullptr_t>(v)) return Poco::Dynamic::Var();
    if (const auto* b = std::get_if<bool>(&v)) return *b;
    if (const auto* i = std::get_if<std::int64_t>(&v)) return *i;
    if (const auto* s = std::get_if<std::string>(&v)) return *s;
    if (const auto* nested = std::get_if<std::shared_ptr<const AuditRecord>>(&v)) {
        return toObject(**nested);
    }
    Poco::JSON::Array::Ptr a = new Poco::JSON::Array;
    if (const auto* texts = std::get_if<std::vector<std::string>>(&v)) {
        for (const auto& t : *texts) a->add(t);
    } else if (const auto* numbers = std::get_if<std::vector<std::int64_t>>(&v)) {
        for (const auto n : *numbers) a->add(n);
    } else {
        for (const auto& r : std::get<std::vector<AuditRecord>>(v)) a->add(toObject(r));
    }
    return a;
}

}  // namespace

AuditRecord& AuditRecord::put(std::string key, Value v) {
    fields_.emplace_back(std::move(key), std::move(v));
    return *this;
}

AuditRecord& AuditRecord::set(std::string key, AuditRecord nested) {
    return put(std::move(key), std::make_shared<const AuditRecord>(std::move(nested)));
}

AuditRecord& AuditRecord::set(std::string key, const std::optional<std::string>& v) {
    return v ? put(std::move(key), Value(*v)) : put(std::move(key), Value(nullptr));
}

AuditRecord& AuditRecord::set(std::string key, const std::optional<std::int64_t>& v) {
    return v ? put(std::move(key), Value(*v)) : put(std::move(key), Value(nullptr));
}

std::string AuditRecord::json() const {
    std::ostringstream out;
    Poco::JSON::Stringifier::condense(Poco::Dynamic::Var(toObject(*this)), out);
    return out.str();
}

void appendAudit(app::RequestContext& ctx, const AuditEntry& e) {
    auto head = ctx.db.queryOne(kLockHead);
    const std::int64_t seq = head->i64(0) + 1;
    const std::string prev = head->str(1);
    // A keyed chain goes on keyed; a chain not keyed yet (until `migrate` keys it) goes on plain.
    const bool keyed = head->i64(2) != 0;
    if (keyed && ctx.config.audit_key.empty()) {
        throw std::runtime_error(
            "the audit chain is keyed: configure its key "
            "(security.audit_key_file)");
    }
    const std::string key = keyed ? ctx.config.audit_key : std::string();
    const auto [actor_id, actor_role] = actorIdentity(ctx.actor);
    const std::vector<std::optional<std::string>> fields = {app::timestamp(ctx.clock),
                                                            ctx.actor.name,
                                                            e.action,
                                                            e.object_type,
                                                            e.object_id,
                                                            e.result,
                                                            ctx.origin,
                                                            e.before,
                                                            e.after,
                                                            std::to_string(actor_id),
                                                            actor_role};
    const std::string hash = chainHash(key, prev, seq, fields);
    db::Params params{seq};
    for (const auto& f : fields) {
        if (f) {
            params.emplace_back(*f);
        } else {
            params.emplace_back(nullptr);
        }
    }
    params.emplace_back(prev);
    params.emplace_back(hash);
    ctx.db.execute(kInsert, params);
    ctx.db.execute(kUpdateHead, {seq, hash});
}

void appendAuditStandalone(app::RequestContext& ctx, const AuditEntry& e) {
    db::Transaction tx(ctx.db);
    appendAudit(ctx, e);
    tx.commit();
    if (e.result == "denied") ctx.refusal_audited = true;
}

AuditVerification verifyAudit(db::Connection& db, const std::string& key) {
    auto head = db.queryOne("SELECT last_seq, last_hash, keyed FROM audit_head WHERE id = 1");
    if (!key.empty() && head && head->i64(2) == 0 && head->i64(0) > 0) {
        // Someone made the chain plain SHA-256 again, which anyone can recompute.
        return {false, 0, 1, "not keyed"};
    }
    std::string prev;
    AuditVerification v = walkChain(db, key, prev);
    if (!v.ok) return v;
    const std::int64_t last = v.rows_checked;
    if (head && (head->i64(0) != last || head->str(1) != prev)) {
        const std::int64_t bad = head->i64(0) > last ? last + 1 : head->i64(0);
        return {false, v.rows_checked, bad, head->i64(0) > last ? "removed" : "head mismatch"};
    }
    return v;
}

std::int64_t keyAuditChain(db::Connection& db, const std::string& key) {
    if (key.empty()) throw std::invalid_argument("keyAuditChain needs the audit key");
    db::Transaction tx(db);
    const auto head = db.queryOne(kLockHead);
    if (head->i64(2) != 0) return 0;
    std::string prev;
    const auto plain = walkChain(db, "", prev);
    if (!plain.ok || plain.rows_checked != head->i64(0) || prev != head->str(1)) {
        throw AuditChainBroken(
            "refusing to key a broken audit trail (row " +
            std::to_string(plain.ok ? plain.rows_checked + 1 : plain.first_bad_seq) + " " +
            (plain.ok ? "removed" : plain.problem) +
            "): find out what happened first (docs/security.md)");
    }
    std::string keyed_prev(64, '0');
    std::int64_t done = 0;
    for (;;) {
        const auto rows = db.query(kSelectRows, {done});
        if (rows.empty()) break;
        for (const auto& r : rows) {
            const std::string hash = chainHash(key, keyed_prev, r.i64(0), hashedFields(r));
            db.execute("UPDATE audit_log SET prev_hash = ?, hash = ? WHERE seq = ?",
                       {keyed_prev, hash, r.i64(0)});
            keyed_prev = hash;
            done = r.i64(0);
        }
    }
    db.execute("UPDATE audit_head SET last_hash = ?, keyed = 1 WHERE id = 1", {keyed_prev});
    tx.commit();
    return done;
}

namespace {

const db::SortSpec kAuditSort{
    {{"seq", "seq"}, {"actor", "actor"}, {"action", "action"}, {"object_type", "object_type"}},
    "seq",
    "seq",
    true};

}  // namespace

app::ListPage<AuditRow> auditPage(db::Connection& db, const AuditFilter& f) {
    db::Params params{f.actor,  f.actor,  f.object_type, f.object_type, f.object_id, f.object_id,
                      f.action, f.action, f.from,        f.from,        f.to,        f.to};
    std::string from_where =
        "FROM audit_log WHERE (? = '' OR actor = ?) AND (? = '' OR object_type = ?)"
        " AND (? = '' OR object_id = ?) AND (? = '' OR action = ?)"
        " AND (? = '' OR at >= ?) AND (? = '' OR at < ?)";
    from_where +=
        db::searchFilter(f.list.search, {"actor", "action", "object_type", "object_id"}, params);
    const std::string order = db::orderBy(f.list, kAuditSort);
    app::ListPage<AuditRow> page;
    page.total = db::countRows(db, from_where, params);
    auto page_params = params;
    const auto limit = db::limitOffset(f.list, page_params);
    for (const auto& r :
         db.query("SELECT seq, at, actor, action, object_type, object_id, result, origin,"
                  " before_json, after_json, hash, actor_id, actor_role " +
                      from_where + order + limit,
                  page_params)) {
        page.items.push_back({r.i64(0), r.str(1), r.str(2), r.str(3), r.str(4), r.str(5), r.str(6),
                              r.str(7), r.opt(8), r.opt(9), r.str(10), r.optI64(11), r.opt(12)});
    }
    return page;
}

std::vector<AuditRow> auditRows(db::Connection& db, const AuditFilter& f) {
    return auditPage(db, f).items;
}

}  // namespace zc::security
