#include "audit.hpp"

#include <Poco/JSON/Stringifier.h>

#include <sstream>

#include "interfaces/security/crypto.hpp"

namespace zc::app {
namespace {

constexpr const char* kLockHead =
    "SELECT last_seq, last_hash FROM audit_head WHERE id = 1 FOR UPDATE";
constexpr const char* kInsert =
    "INSERT INTO audit_log (seq, at, actor, action, object_type, object_id, result, origin,"
    " before_json, after_json, prev_hash, hash) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)";
constexpr const char* kUpdateHead =
    "UPDATE audit_head SET last_seq = ?, last_hash = ? WHERE id = 1";
constexpr const char* kSelectRows =
    "SELECT seq, at, actor, action, object_type, object_id, result, origin, before_json,"
    " after_json, prev_hash, hash FROM audit_log WHERE seq > ? ORDER BY seq LIMIT 1000";

// Length-prefixed fields so that no two different rows hash the same text.
void field(std::ostringstream& out, const std::optional<std::string>& v) {
    if (!v) {
        out << "-;";
        return;
    }
    out << v->size() << ':' << *v << ';';
}

std::string chainHash(const std::string& prev_hash, std::int64_t seq,
                      const std::vector<std::optional<std::string>>& fields) {
    std::ostringstream out;
    out << prev_hash << ';' << seq << ';';
    for (const auto& f : fields) field(out, f);
    return security::sha256Hex(out.str());
}

}  // namespace

std::string toJson(const Poco::Dynamic::Var& v) {
    std::ostringstream out;
    Poco::JSON::Stringifier::condense(v, out);
    return out.str();
}

void appendAudit(RequestContext& ctx, const AuditEntry& e) {
    auto head = ctx.db.queryOne(kLockHead);
    const std::int64_t seq = head->i64(0) + 1;
    const std::string prev = head->str(1);
    const std::vector<std::optional<std::string>> fields = {
        timestamp(ctx.clock), ctx.actor.name, e.action, e.object_type, e.object_id, e.result,
        ctx.origin,           e.before,       e.after};
    const std::string hash = chainHash(prev, seq, fields);
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

void appendAuditStandalone(RequestContext& ctx, const AuditEntry& e) {
    db::Transaction tx(ctx.db);
    appendAudit(ctx, e);
    tx.commit();
}

AuditVerification verifyAudit(db::Connection& db) {
    AuditVerification v;
    std::string prev(64, '0');
    std::int64_t expected_seq = 1;
    std::int64_t after = 0;
    for (;;) {
        auto rows = db.query(kSelectRows, {after});
        if (rows.empty()) break;
        for (const auto& r : rows) {
            const std::int64_t seq = r.i64(0);
            if (seq != expected_seq) {
                return {false, v.rows_checked, expected_seq, "removed"};
            }
            std::vector<std::optional<std::string>> fields;
            for (std::size_t i = 1; i <= 9; ++i) fields.push_back(r.opt(i));
            if (r.str(10) != prev || chainHash(prev, seq, fields) != r.str(11)) {
                return {false, v.rows_checked, seq, "altered"};
            }
            prev = r.str(11);
            ++expected_seq;
            ++v.rows_checked;
            after = seq;
        }
    }
    auto head = db.queryOne("SELECT last_seq, last_hash FROM audit_head WHERE id = 1");
    if (head && (head->i64(0) != expected_seq - 1 || head->str(1) != prev)) {
        const std::int64_t bad = head->i64(0) >= expected_seq ? expected_seq : head->i64(0);
        return {false, v.rows_checked, bad,
                head->i64(0) >= expected_seq ? "removed" : "head mismatch"};
    }
    return v;
}

}  // namespace zc::app

#include "json_output.hpp"

namespace zc::app {

namespace {

// "YYYY-MM-DD 00:00:00" of the day `text` names plus `days_after` days, or "" when `text` is
// empty. INVALID_DATE (naming the query parameter) when it is not a date.
std::string dayStart(const std::string& text, const std::string& field, int days_after) {
    if (text.empty()) return "";
    return formatDate(addDays(parseDate(text, field), days_after)) + " 00:00:00";
}

}  // namespace

ApiResponse listAudit(RequestContext& ctx, const ApiRequest& req) {
    const auto page = pageFrom(req.query);
    // ?from= and ?to= are calendar days (UTC), both included.
    const std::string from = dayStart(req.queryValue("from"), "from", 0);
    const std::string to = dayStart(req.queryValue("to"), "to", 1);
    auto out = newArray();
    for (const auto& r : ctx.db.query(
             "SELECT seq, at, actor, action, object_type, object_id, result, origin, before_json,"
             " after_json, hash FROM audit_log WHERE (? = '' OR actor = ?) AND (? = '' OR "
             "object_type = ?)"
             " AND (? = '' OR object_id = ?) AND (? = '' OR action = ?)"
             " AND (? = '' OR at >= ?) AND (? = '' OR at < ?) ORDER BY seq DESC LIMIT ? OFFSET ?",
             {req.queryValue("actor"), req.queryValue("actor"), req.queryValue("object_type"),
              req.queryValue("object_type"), req.queryValue("object_id"),
              req.queryValue("object_id"), req.queryValue("action"), req.queryValue("action"), from,
              from, to, to, page.limit, page.offset})) {
        auto o = newObject();
        o->set("seq", r.i64(0));
        o->set("at", r.str(1).substr(0, 19) + "Z");
        o->set("actor", r.str(2));
        o->set("action", r.str(3));
        o->set("object_type", r.str(4));
        o->set("object_id", r.str(5));
        o->set("result", r.str(6));
        o->set("origin", r.str(7));
        setOptional(o, "before", r.opt(8));
        setOptional(o, "after", r.opt(9));
        o->set("hash", r.str(10));
        out->add(o);
    }
    return {200, out};
}

ApiResponse verifyAuditApi(RequestContext& ctx, const ApiRequest&) {
    const auto v = verifyAudit(ctx.db);
    auto out = newObject();
    out->set("ok", v.ok);
    out->set("rows_checked", v.rows_checked);
    if (!v.ok) {
        out->set("first_bad_seq", v.first_bad_seq);
        out->set("problem", v.problem);
    }
    return {200, out};
}

}  // namespace zc::app
