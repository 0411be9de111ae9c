#include "provider_statement.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include "context.hpp"
#include "contracting/kernel/errors.hpp"

namespace zc::app {
namespace {

// The provider the caller may see: its own for a provider, any for staff.
std::int64_t visibleProvider(RequestContext& ctx, std::int64_t id) {
    if (ctx.actor.role == Role::Provider && ctx.actor.provider_id != id) {
        notFound("Provider " + std::to_string(id), "id");
    }
    if (!ctx.db.queryOne("SELECT id FROM providers WHERE id = ?", {id})) {
        notFound("Provider " + std::to_string(id), "id");
    }
    return id;
}

std::string csvField(const std::string& s) {
    if (s.find_first_of(",\"\n") == std::string::npos) return s;
    std::string out = "\"";
    for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

constexpr const char* kStatementLines =
    "SELECT p.id, DATE(p.created_at), p.source_type, p.source_id,"
    " COALESCE(d.declaratie_nummer, d2.declaratie_nummer, ''), p.amount_cents, p.status,"
    " p.due_date, COALESCE(i.end_to_end_id, ''), COALESCE(DATE(p.paid_at), '')"
    " FROM payables p"
    " LEFT JOIN declarations d ON p.source_type = 'declaration' AND d.id = p.source_id"
    " LEFT JOIN claim_lines l ON p.source_type = 'review' AND l.id = p.source_id"
    " LEFT JOIN declarations d2 ON d2.id = l.declaration_id"
    " LEFT JOIN payment_instructions i ON i.id = p.instruction_id"
    " WHERE p.provider_id = ? AND p.created_at >= ? AND p.created_at < ? ORDER BY p.id";

constexpr const char* kStatementPayments =
    "SELECT i.id, i.run_id, i.end_to_end_id, i.amount_cents, i.status, COALESCE(i.return_reason,"
    " ''), COALESCE(DATE(i.booked_at), ''), r.approved_at FROM payment_instructions i"
    " JOIN payment_runs r ON r.id = i.run_id WHERE i.provider_id = ? AND i.status <> 'prepared'"
    " AND r.approved_at >= ? AND r.approved_at < ? ORDER BY i.id";

}  // namespace

ApiResponse providerStatement(RequestContext& ctx, const ApiRequest& req) {
    const auto id = visibleProvider(ctx, req.pathId("id"));
    const int year = static_cast<int>(ctx.today().year());
    const Date from = req.queryValue("from").empty()
                          ? Date{std::chrono::year{year}, std::chrono::January, std::chrono::day{1}}
                          : parseDate(req.queryValue("from"), "from");
    const Date to =
        req.queryValue("to").empty() ? addMonths(from, 12) : parseDate(req.queryValue("to"), "to");
    if (!(from < to)) {
        throw ValidationError("INVALID_PERIOD", "'from' must lie before 'to'.", "to");
    }
    const db::Params period{id, formatDate(from), formatDate(to)};
    auto lines = newArray();
    std::int64_t claimed = 0, offsets = 0, open = 0, in_transit = 0;
    std::string csv =
        "payable_id,date,type,declaration,amount_cents,status,due_date,"
        "end_to_end_id,paid_on\n";
    for (const auto& r : ctx.db.query(kStatementLines, period)) {
        const std::int64_t amount = r.i64(5);
        (amount >= 0 ? claimed : offsets) += amount;
        if (r.str(6) == "open") open += amount;
        if (r.str(6) == "in_run") in_transit += amount;
        auto o = newObject();
        o->set("payable_id", r.i64(0));
        o->set("date", r.str(1));
        o->set("type", r.str(2));
        o->set("declaration", r.str(4));
        o->set("amount_cents", amount);
        o->set("status", r.str(6));
        o->set("due_date", r.str(7));
        o->set("end_to_end_id", r.str(8));
        o->set("paid_on", r.str(9));
        lines->add(o);
        csv += r.str(0) + "," + r.str(1) + "," + r.str(2) + "," + csvField(r.str(4)) + "," +
               std::to_string(amount) + "," + r.str(6) + "," + r.str(7) + "," + r.str(8) + "," +
               r.str(9) + "\n";
    }
    auto payments = newArray();
    std::int64_t paid = 0, returned = 0;
    for (const auto& r : ctx.db.query(kStatementPayments, period)) {
        if (r.str(4) == "booked") paid += r.i64(3);
        if (r.str(4) == "returned") returned += r.i64(3);
        auto o = newObject();
        o->set("instruction_id", r.i64(0));
        o->set("run_id", r.i64(1));
        o->set("end_to_end_id", r.str(2));
        o->set("amount_cents", r.i64(3));
        o->set("status", r.str(4));
        o->set("return_reason", r.str(5));
        o->set("booked_on", r.str(6));
        payments->add(o);
    }
    if (req.queryValue("format") == "csv") {
        ApiResponse res;
        res.content_type = "text/csv; charset=utf-8";
        res.raw = csv;
        return res;
    }
    auto out = newObject();
    out->set("provider_id", id);
    out->set("from", formatDate(from));
    out->set("to", formatDate(to));
    out->set("lines", lines);
    out->set("payments", payments);
    out->set("claimed_cents", claimed);
    out->set("offsets_cents", offsets);
    out->set("paid_cents", paid);
    out->set("returned_cents", returned);
    out->set("in_transit_cents", in_transit);
    out->set("open_balance_cents", open);
    return {200, out};
}

ApiResponse traceClaimLine(RequestContext& ctx, const ApiRequest& req) {
    const auto id = req.pathId("id");
    auto l = ctx.db.queryOne(
        "SELECT l.provider_id, l.reference, l.status, COALESCE(l.code, ''), l.amount_cents,"
        " l.credit, d.id, d.declaratie_nummer, d.received_at, d.status, d.answered_at"
        " FROM claim_lines l JOIN declarations d ON d.id = l.declaration_id WHERE l.id = ?",
        {id});
    if (!l || (ctx.actor.role == Role::Provider && ctx.actor.provider_id != l->i64(0))) {
        notFound("Claim line " + std::to_string(id), "id");
    }
    auto out = newObject();
    out->set("claim_line_id", id);
    out->set("reference", l->str(1));
    out->set("status", l->str(2));
    out->set("code", l->str(3));
    out->set("amount_cents", l->i64(4));
    out->set("credit", l->i64(5) != 0);
    auto d = newObject();
    d->set("id", l->i64(6));
    d->set("number", l->str(7));
    d->set("received_at", isoTimestamp(l->str(8)));
    d->set("status", l->str(9));
    if (!l->isNull(10)) d->set("answered_at", isoTimestamp(l->str(10)));
    out->set("declaration", d);
    // An accepted line is paid with its declaration's payable, a reviewed one with its own.
    auto p = ctx.db.queryOne(
        "SELECT p.id, p.amount_cents, p.status, p.due_date, i.id, i.run_id, i.end_to_end_id,"
        " i.status, i.return_reason FROM payables p"
        " LEFT JOIN payment_instructions i ON i.id = p.instruction_id"
        " WHERE (p.source_type = 'review' AND p.source_id = ?) OR (p.source_type = 'declaration'"
        " AND p.source_id = ? AND NOT EXISTS (SELECT 1 FROM payables r WHERE r.source_type ="
        " 'review' AND r.source_id = ?)) ORDER BY p.source_type = 'review' DESC LIMIT 1",
        {id, l->i64(6), id});
    if (l->str(2) == "accepted" && p) {
        auto payable = newObject();
        payable->set("id", p->i64(0));
        payable->set("amount_cents", p->i64(1));
        payable->set("status", p->str(2));
        payable->set("due_date", p->str(3));
        out->set("payable", payable);
        if (!p->isNull(4)) {
            auto pay = newObject();
            pay->set("instruction_id", p->i64(4));
            pay->set("run_id", p->i64(5));
            pay->set("end_to_end_id", p->str(6));
            pay->set("status", p->str(7));
            setOptional(pay, "return_reason", p->opt(8));
            out->set("payment", pay);
            auto e = ctx.db.queryOne(
                "SELECT e.id, s.statement_id, e.booking_date, e.amount_cents, e.match_status"
                " FROM bank_entries e JOIN bank_statements s ON s.id = e.statement_id"
                " WHERE e.instruction_id = ? AND e.match_status = 'booked' ORDER BY e.id LIMIT 1",
                {p->i64(4)});
            if (e) {
                auto bank = newObject();
                bank->set("entry_id", e->i64(0));
                bank->set("statement_id", e->str(1));
                setOptional(bank, "booking_date", e->opt(2));
                bank->set("amount_cents", e->i64(3));
                out->set("bank_entry", bank);
            }
        }
    }
    return {200, out};
}

}  // namespace zc::app
