#include "audit_api.hpp"

#include <chrono>
#include <string>

#include "contracting/kernel/amsterdam_time.hpp"
#include "interfaces/security/audit_checkpoint.hpp"
#include "interfaces/security/audit_trail.hpp"
#include "json_output.hpp"

namespace zc::http {
std::string auditDayBound(const std::string& text, const std::string& field, int days_after) {
    using namespace std::chrono;
    if (text.empty()) return "";
    // Local midnight is 22:00 or 23:00 UTC of the day before: always a whole hour.
    const sys_seconds start = amsterdamDayStart(addDays(parseDate(text, field), days_after));
    const sys_days day = floor<days>(start);
    const auto hour = duration_cast<hours>(start - day).count();
    return formatDate(Date{day}) + " " + (hour < 10 ? "0" : "") + std::to_string(hour) + ":00:00";
}

ApiResponse listAudit(RequestContext& ctx, const ApiRequest& req) {
    // ?from= and ?to= are calendar days in Amsterdam (as the screen shows times), both included.
    const security::AuditFilter filter{.actor = req.queryValue("actor"),
                                       .object_type = req.queryValue("object_type"),
                                       .object_id = req.queryValue("object_id"),
                                       .action = req.queryValue("action"),
                                       .from = auditDayBound(req.queryValue("from"), "from", 0),
                                       .to = auditDayBound(req.queryValue("to"), "to", 1),
                                       .list = listQueryFrom(req.query)};
    const auto page = security::auditPage(ctx.db, filter);
    auto out = newArray();
    for (const auto& r : page.items) {
        auto o = newObject();
        o->set("seq", r.seq);
        o->set("at", r.at.substr(0, 19) + "Z");
        o->set("actor", r.actor);
        setOptionalInt(o, "actor_id", r.actor_id);
        setOptional(o, "actor_role", r.actor_role);
        o->set("action", r.action);
        o->set("object_type", r.object_type);
        o->set("object_id", r.object_id);
        o->set("result", r.result);
        o->set("origin", r.origin);
        setOptional(o, "before", r.before);
        setOptional(o, "after", r.after);
        o->set("hash", r.hash);
        out->add(o);
    }
    return pagedAnswer(out, page.total);
}

ApiResponse verifyAuditApi(RequestContext& ctx, const ApiRequest&) {
    const auto v = security::verifyAudit(ctx.db, ctx.config.audit_key);
    auto out = newObject();
    out->set("ok", v.ok);
    out->set("rows_checked", v.rows_checked);
    if (!v.ok) {
        out->set("first_bad_seq", v.first_bad_seq);
        out->set("problem", v.problem);
        return {200, out};
    }
    // The chain must also match every checkpoint written outside the database.
    const auto c =
        security::verifyCheckpoints(ctx.db, ctx.config.audit_key, ctx.config.audit_checkpoint_file);
    out->set("checkpoints_checked", c.checkpoints);
    if (!c.ok) {
        out->set("ok", false);
        out->set("first_bad_seq", c.first_bad_seq);
        out->set("problem", c.problem);
    }
    return {200, out};
}

}  // namespace zc::http
