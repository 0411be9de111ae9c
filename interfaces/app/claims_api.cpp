// The JSON face of declarations (providers with an API key) and the review queue.
#include <Poco/JSON/Array.h>

#include <sstream>

#include "claims.hpp"
#include "context.hpp"
#include "contracting/app/tariff_queries.hpp"
#include "contracting/kernel/errors.hpp"
#include "invoicing/app/claim_payables.hpp"
#include "invoicing/domain/payable.hpp"
#include "messages.hpp"

namespace zc::app {
namespace {

constexpr std::size_t kMaxJsonLines = 10000;

billing::ClaimLine lineFrom(Poco::JSON::Object::Ptr o) {
    billing::ClaimLine l;
    l.reference = requiredString(o, "reference", 20);
    l.previous_reference = optionalString(o, "previous_reference", 20);
    l.credit = optionalBool(o, "credit", false);
    l.allocation_number = requiredInt(o, "allocation_number");
    l.bsn = requiredString(o, "bsn", 9);
    l.category = requiredString(o, "category", 2);
    l.product_code = requiredString(o, "product_code", 5);
    l.period = Period{requiredDate(o, "period_start"), requiredDate(o, "period_end")};
    l.volume = requiredInt(o, "volume");
    l.unit = parseUnit(requiredString(o, "unit", 16), "unit");
    if (auto t = optionalInt(o, "tariff_cents")) l.tariff = Money::fromCents(*t);
    l.amount = requiredCents(o, "amount_cents");
    if (l.volume < 0 || l.volume > billing::kMaxLineVolume || l.amount.cents() < 0 ||
        l.amount.cents() > billing::kMaxLineAmountCents) {
        throw ValidationError("INVALID_LINE",
                              "Volume and amount are whole numbers from 0 to 99,999,999; a credit "
                              "is marked with credit: true, not with a negative amount.",
                              "lines");
    }
    return l;
}

struct JsonDeclaration {
    billing::DeclarationHeader head;
    std::vector<billing::ClaimLine> lines;
};

JsonDeclaration declarationFrom(RequestContext& ctx, const ApiRequest& req) {
    JsonDeclaration d;
    d.head.number = requiredString(req.body, "number", 12);
    d.head.declaration_period =
        Period{requiredDate(req.body, "period_start"), requiredDate(req.body, "period_end")};
    d.head.received_on = ctx.today();
    d.head.total_submitted = requiredCents(req.body, "total_submitted_cents");
    auto lines = requiredArray(req.body, "lines", kMaxJsonLines);
    for (std::size_t i = 0; i < lines->size(); ++i)
        d.lines.push_back(lineFrom(objectAt(lines, i, "lines")));
    // Credits are processed before debits (OP366).
    std::stable_partition(d.lines.begin(), d.lines.end(),
                          [](const billing::ClaimLine& l) { return l.credit; });
    return d;
}

Poco::JSON::Object::Ptr resultJson(const DeclarationResult& r, const std::string& number,
                                   bool dry_run) {
    auto o = newObject();
    if (!dry_run) o->set("declaration_id", r.declaration_id);
    o->set("number", number);
    o->set("dry_run", dry_run);
    o->set("status", std::string(billing::declarationStatusName(r.status)));
    o->set("header_code", r.header_code);
    if (!r.header_message.empty()) o->set("header_message", r.header_message);
    o->set("submitted_cents", r.submitted.cents());
    o->set("awarded_cents", r.awarded.cents());
    o->set("lines", r.lines);
    o->set("accepted", r.accepted);
    o->set("answer_due", formatDate(r.answer_due));
    auto rejected = newArray();
    for (const auto& l : r.not_accepted) {
        auto x = newObject();
        x->set("reference", l.line.reference);
        x->set("status", std::string(billing::lineStatusName(l.status)));
        x->set("code", l.code);
        auto codes = newArray();
        for (const auto& c : l.codes) codes->add(c);
        x->set("codes", codes);
        x->set("message", l.message);
        rejected->add(x);
    }
    o->set("not_accepted", rejected);
    return o;
}

// `source` is what the declaration came as: "json" or "csv".
DeclarationResult run(RequestContext& ctx, const JsonDeclaration& d,
                      const std::string& source = "json") {
    invoicing::ClaimPayables payables(ctx);
    ClaimProcessor p(ctx, payables, ctx.actor.provider_id, d.head, source, std::nullopt);
    p.open();
    if (auto v = billing::checkDeclarationTotals(d.head, d.lines))
        p.rejectWhole(v->code, v->message);
    for (const auto& l : d.lines) p.add(l);
    return p.close();
}

std::vector<std::string> splitCsv(const std::string& line) {
    std::vector<std::string> out(1);
    for (char c : line) {
        if (c == ',') {
            out.emplace_back();
        } else if (c != '\r' && c != '"') {
            out.back() += c;
        }
    }
    return out;
}

[[noreturn]] void csvError(std::size_t row, const std::string& what) {
    throw ValidationError("INVALID_CSV", "Row " + std::to_string(row) + ": " + what, "csv");
}

std::int64_t csvNumber(std::size_t row, const std::string& text, const char* what) {
    if (text.empty() || text.size() > 12 ||
        text.find_first_not_of("0123456789") != std::string::npos) {
        csvError(row, std::string(what) + " must be a whole number.");
    }
    return std::stoll(text);
}

// Completes a CSV row from the allocation and the contract: what small providers need not know.
billing::ClaimLine csvLine(RequestContext& ctx, std::size_t row,
                           const std::vector<std::string>& f) {
    billing::ClaimLine l;
    l.reference = f[0];
    if (l.reference.empty() || l.reference.size() > 20)
        csvError(row, "reference is 1-20 characters.");
    l.allocation_number = csvNumber(row, f[1], "allocation_number");
    l.bsn = f[2];
    const auto begin = tryParseDate(f[3]);
    const auto end = tryParseDate(f[4]);
    if (!begin || !end) csvError(row, "period_start and period_end are dates YYYY-MM-DD.");
    l.period = Period{*begin, *end};
    l.volume = csvNumber(row, f[5], "volume");
    auto a = ctx.db.queryOne(
        "SELECT p.category, a.product_code, a.unit, a.contract_id FROM allocations a"
        " JOIN products p ON p.code = a.product_code WHERE a.number = ? AND a.is_current = 1",
        {l.allocation_number});
    if (!a) return l;  // adjudication answers 9338
    l.category = a->str(0);
    l.product_code = a->str(1);
    l.unit = parseUnit(a->str(2));
    const auto tariff =
        contracting::contractTariffSchedule(ctx.db, a->i64(3), l.product_code).at(*begin);
    if (tariff) {
        l.tariff = tariff->tariff;
        l.amount = tariff->tariff.times(l.volume);
    }
    return l;
}

JsonDeclaration csvDeclarationFrom(RequestContext& ctx, const ApiRequest& req) {
    JsonDeclaration d;
    d.head.number = req.queryValue("number");
    if (d.head.number.empty() || d.head.number.size() > 12) {
        throw ValidationError("MISSING_FIELD",
                              "Query parameter 'number' (1-12 characters) is required.", "number");
    }
    d.head.declaration_period = Period{parseDate(req.queryValue("period_start"), "period_start"),
                                       parseDate(req.queryValue("period_end"), "period_end")};
    d.head.received_on = ctx.today();
    std::istringstream in(req.rawText());
    std::string line;
    std::size_t row = 0;
    while (std::getline(in, line)) {
        ++row;
        if (line.find_first_not_of(" \r") == std::string::npos) continue;
        const auto fields = splitCsv(line);
        if (row == 1 && fields[0] == "reference") continue;
        if (fields.size() != 6) csvError(row, "expected 6 columns.");
        if (d.lines.size() >= kMaxJsonLines) csvError(row, "at most 10,000 rows per upload.");
        d.lines.push_back(csvLine(ctx, row, fields));
        d.head.total_submitted += d.lines.back().amount;
    }
    if (d.lines.empty()) throw ValidationError("INVALID_CSV", "The upload has no rows.", "csv");
    return d;
}

}  // namespace

ApiResponse submitCsvDeclaration(RequestContext& ctx, const ApiRequest& req) {
    const bool dry_run = req.queryValue("dry_run") == "true";
    db::Transaction tx(ctx.db);
    const auto d = csvDeclarationFrom(ctx, req);
    const auto r = run(ctx, d, "csv");
    if (!dry_run) tx.commit();
    return {dry_run ? 200 : (r.status == billing::DeclarationStatus::Rejected ? 422 : 201),
            resultJson(r, d.head.number, dry_run)};
}

ApiResponse submitDeclaration(RequestContext& ctx, const ApiRequest& req) {
    const auto d = declarationFrom(ctx, req);
    db::Transaction tx(ctx.db);
    const auto r = run(ctx, d);
    tx.commit();
    return {r.status == billing::DeclarationStatus::Rejected ? 422 : 201,
            resultJson(r, d.head.number, false)};
}

ApiResponse dryRunDeclaration(RequestContext& ctx, const ApiRequest& req) {
    const auto d = declarationFrom(ctx, req);
    db::Transaction tx(ctx.db);  // never committed: a dry run stores nothing
    const auto r = run(ctx, d);
    return {200, resultJson(r, d.head.number, true)};
}

ApiResponse listDeclarations(RequestContext& ctx, const ApiRequest& req) {
    // A provider sees only its own; staff may narrow to one provider by ?agb=.
    const std::int64_t own = ctx.actor.role == Role::Provider ? ctx.actor.provider_id : 0;
    const std::string number = req.queryValue("number");
    const std::string agb = req.queryValue("agb");
    const auto page = pageFrom(req.query);
    auto out = newArray();
    for (const auto& r : ctx.db.query(
             "SELECT d.id, d.declaratie_nummer, p.agb, p.name, d.source, d.period_begin,"
             " d.period_end, d.received_at, d.total_submitted_cents, d.total_awarded_cents,"
             " d.status, d.header_code, d.answer_due FROM declarations d"
             " JOIN providers p ON p.id = d.provider_id"
             " WHERE (? = 0 OR d.provider_id = ?) AND (? = '' OR d.declaratie_nummer = ?)"
             " AND (? = '' OR p.agb = ?) ORDER BY d.id DESC LIMIT ? OFFSET ?",
             {own, own, number, number, agb, agb, page.limit, page.offset})) {
        auto o = newObject();
        o->set("declaration_id", r.i64(0));
        o->set("number", r.str(1));
        o->set("provider_agb", r.str(2));
        o->set("provider_name", r.str(3));
        o->set("source", r.str(4));
        o->set("period_start", r.str(5));
        o->set("period_end", r.str(6));
        o->set("received_at", isoTimestamp(r.str(7)));
        o->set("submitted_cents", r.i64(8));
        setOptionalInt(o, "awarded_cents", r.optI64(9));
        o->set("status", r.str(10));
        setOptional(o, "header_code", r.opt(11));
        o->set("answer_due", r.str(12));
        out->add(o);
    }
    return {200, out};
}

ApiResponse getDeclaration(RequestContext& ctx, const ApiRequest& req) {
    const auto id = req.pathId("id");
    auto d = ctx.db.queryOne(
        "SELECT provider_id, declaratie_nummer, status, header_code, total_submitted_cents,"
        " total_awarded_cents, answer_due, source FROM declarations WHERE id = ?",
        {id});
    if (!d || (ctx.actor.role == Role::Provider && d->i64(0) != ctx.actor.provider_id)) {
        notFound("Declaration " + std::to_string(id), "id");
    }
    auto o = newObject();
    o->set("declaration_id", id);
    o->set("number", d->str(1));
    o->set("status", d->str(2));
    setOptional(o, "header_code", d->opt(3));
    o->set("submitted_cents", d->i64(4));
    setOptionalInt(o, "awarded_cents", d->optI64(5));
    o->set("answer_due", d->str(6));
    o->set("source", d->str(7));
    auto lines = newArray();
    for (const auto& r : ctx.db.query(
             "SELECT reference, credit, allocation_number, product_code, period_begin, period_end,"
             " volume, unit, amount_cents, status, code, credited, id, codes,"
             " (SELECT v.status FROM review_items v WHERE v.claim_line_id = claim_lines.id)"
             " FROM claim_lines WHERE declaration_id = ? ORDER BY id LIMIT 10000",
             {id})) {
        auto l = newObject();
        l->set("id", r.i64(12));  // the claim line, for its trace
        l->set("reference", r.str(0));
        l->set("credit", r.i64(1) != 0);
        l->set("allocation_number", r.i64(2));
        l->set("product_code", r.str(3));
        l->set("period_start", r.str(4));
        l->set("period_end", r.str(5));
        l->set("volume", r.i64(6));
        l->set("unit", r.str(7));
        l->set("amount_cents", r.i64(8));
        l->set("status", r.str(9));
        setOptional(l, "code", r.opt(10));
        setOptional(l, "codes", r.opt(13));
        // "answered_not_accepted": a review decided after the WMO325 had answered the line
        // as not accepted; the line is not paid unless it is sent again.
        setOptional(l, "review", r.opt(14));
        l->set("credited", r.i64(11) != 0);
        lines->add(l);
    }
    o->set("lines", lines);
    return {200, o};
}

namespace {

constexpr const char* kReviewColumns =
    "SELECT v.id, v.declaration_id, v.code, v.message, v.status, v.due_date, p.agb,"
    " l.reference, l.allocation_number, l.product_code, l.period_begin, l.period_end,"
    " l.volume, l.unit, l.amount_cents, v.decided_by, v.reason, v.escalated_at,"
    " v.claim_line_id, p.name, d.declaratie_nummer FROM review_items v"
    " JOIN claim_lines l ON l.id = v.claim_line_id JOIN providers p ON p.id = l.provider_id"
    " JOIN declarations d ON d.id = v.declaration_id";

// The cap use per allocation and period, so that a queue with many lines of one allocation
// asks the database once for it.
using CapUses = std::map<std::string, Poco::JSON::Object::Ptr>;

Poco::JSON::Object::Ptr cachedCapUse(RequestContext& ctx, const db::Row& r, CapUses& seen) {
    const std::string key = r.str(8) + "/" + r.str(10) + "/" + r.str(11);
    const auto it = seen.find(key);
    if (it != seen.end()) return it->second;
    return seen[key] = capUse(ctx, r.i64(8), Period{parseDate(r.str(10)), parseDate(r.str(11))});
}

Poco::JSON::Object::Ptr reviewJson(RequestContext& ctx, const db::Row& r, CapUses& cap_uses) {
    auto o = newObject();
    o->set("id", r.i64(0));
    o->set("declaration_id", r.i64(1));
    o->set("code", r.str(2));
    o->set("message", r.str(3));
    o->set("status", r.str(4));
    o->set("due_date", r.str(5));
    o->set("overdue", r.str(4) == "open" && parseDate(r.str(5)) < ctx.today());
    o->set("provider_agb", r.str(6));
    o->set("reference", r.str(7));
    o->set("allocation_number", r.i64(8));
    o->set("product_code", r.str(9));
    o->set("period_start", r.str(10));
    o->set("period_end", r.str(11));
    o->set("volume", r.i64(12));
    o->set("unit", r.str(13));
    o->set("amount_cents", r.i64(14));
    setOptional(o, "decided_by", r.opt(15));
    setOptional(o, "reason", r.opt(16));
    o->set("escalated", !r.isNull(17));
    o->set("claim_line_id", r.i64(18));
    const auto cap = cachedCapUse(ctx, r, cap_uses);
    o->set("cap", cap ? Poco::Dynamic::Var(cap) : Poco::Dynamic::Var());
    o->set("provider_name", r.str(19));
    o->set("declaration_number", r.str(20));
    return o;
}

}  // namespace

ApiResponse listReviews(RequestContext& ctx, const ApiRequest& req) {
    const std::string status = req.queryValue("status");
    auto out = newArray();
    CapUses cap_uses;
    for (const auto& r :
         ctx.db.query(std::string(kReviewColumns) +
                          " WHERE (? = '' OR v.status = ?) ORDER BY v.due_date, v.id LIMIT 1000",
                      {status, status})) {
        out->add(reviewJson(ctx, r, cap_uses));
    }
    return {200, out};
}

ApiResponse getReview(RequestContext& ctx, const ApiRequest& req) {
    const auto id = req.pathId("id");
    auto r = ctx.db.queryOne(std::string(kReviewColumns) + " WHERE v.id = ?", {id});
    if (!r) notFound("Review item " + std::to_string(id), "id");
    CapUses cap_uses;
    return {200, reviewJson(ctx, *r, cap_uses)};
}

ApiResponse decideReview(RequestContext& ctx, const ApiRequest& req) {
    const auto id = req.pathId("id");
    const std::string decision = requiredString(req.body, "decision", 10);
    const std::string reason = requiredString(req.body, "reason", 2000);
    if (decision != "accept" && decision != "reject") {
        throw ValidationError("INVALID_DECISION", "Decision must be accept or reject.", "decision");
    }
    db::Transaction tx(ctx.db);
    auto v = ctx.db.queryOne(
        "SELECT v.status, v.claim_line_id, v.declaration_id, l.provider_id, l.amount_cents,"
        " l.credit, l.category, YEAR(l.period_begin), v.escalated_at FROM review_items v"
        " JOIN claim_lines l ON l.id = v.claim_line_id"
        " WHERE v.id = ? FOR UPDATE",
        {id});
    if (!v) notFound("Review item " + std::to_string(id), "id");
    if (v->str(0) != "open") {
        throw ValidationError("REVIEW_DECIDED", "This line has been decided already.", "");
    }
    // The WMO325 went out on the due date with the line as not accepted: that answer stands,
    // whatever the decision. The line is paid only if the provider sends it again.
    const bool answered = !v->isNull(8);
    const bool accept = decision == "accept" && !answered;
    const std::string review_status =
        answered ? "answered_not_accepted" : (accept ? "accepted" : "rejected");
    ctx.db.execute(
        "UPDATE review_items SET status = ?, decided_at = ?, decided_by = ?, reason = ? WHERE id = "
        "?",
        {review_status, timestamp(ctx.clock), ctx.actor.name, reason, id});
    ctx.db.execute("UPDATE claim_lines SET status = ? WHERE id = ?",
                   {std::string(accept ? "accepted" : "rejected"), v->i64(1)});
    if (accept) {
        const std::int64_t amount = v->i64(5) ? -v->i64(4) : v->i64(4);
        ctx.db.execute(
            "UPDATE declarations SET total_awarded_cents = total_awarded_cents + ? WHERE id = ?",
            {amount, v->i64(2)});
        auto received =
            ctx.db.queryOne("SELECT DATE(received_at) FROM declarations WHERE id = ?", {v->i64(2)});
        billing::AwardedClaims awarded;
        awarded.provider_id = v->i64(3);
        awarded.source_type = "review";
        awarded.source_id = v->i64(1);
        awarded.journal_source = "claim-line:" + std::to_string(v->i64(1));
        awarded.booked_on = ctx.today();
        awarded.due = invoicing::dueDate(parseDate(received->str(0)), ctx.config.payment_term_days);
        awarded.cost_year = static_cast<int>(v->i64(7));
        awarded.by_category = {{v->str(6), Money::fromCents(amount)}};
        invoicing::ClaimPayables(ctx).announce(awarded);
    }
    // The last decision answers the declaration, unless its answer already went out on the due
    // date (escalated reviews).
    if (!ctx.db.queryOne("SELECT id FROM review_items WHERE declaration_id = ? AND status = 'open'",
                         {v->i64(2)}) &&
        ctx.db.execute("UPDATE declarations SET status = 'answered', answered_at = ?"
                       " WHERE id = ? AND status = 'awaiting_review'",
                       {timestamp(ctx.clock), v->i64(2)}) == 1) {
        completeReviewedDeclaration(ctx, v->i64(2));
    }
    appendAudit(ctx, {"review." + decision, "claim_line", std::to_string(v->i64(1)), "ok",
                      "{\"status\":\"review\"}",
                      "{\"status\":\"" + review_status +
                          "\",\"reason\":" + toJson(Poco::Dynamic::Var(reason)) + "}"});
    tx.commit();
    auto out = newObject();
    out->set("status", review_status);
    if (answered) {
        out->set("message",
                 "The WMO325 had already answered this line as not accepted; it is not paid "
                 "unless the provider sends it again.");
    }
    return {200, out};
}

int answerOverdueDeclarations(RequestContext& ctx) {
    int answered = 0;
    const std::string now = timestamp(ctx.clock);
    db::Transaction tx(ctx.db);
    for (const auto& d : ctx.db.query(
             "SELECT id FROM declarations WHERE status = 'awaiting_review' AND answer_due <= ?"
             " ORDER BY id FOR UPDATE",
             {formatDate(ctx.today())})) {
        const auto id = d.i64(0);
        ctx.db.execute(
            "UPDATE review_items SET escalated_at = ? WHERE declaration_id = ?"
            " AND status = 'open'",
            {now, id});
        ctx.db.execute("UPDATE declarations SET status = 'answered', answered_at = ? WHERE id = ?",
                       {now, id});
        completeReviewedDeclaration(ctx, id);
        appendAudit(ctx, {"declaration.answer_due", "declaration", std::to_string(id), "escalated",
                          std::nullopt, std::nullopt});
        ++answered;
    }
    tx.commit();
    return answered;
}

ApiResponse answerOverdueApi(RequestContext& ctx, const ApiRequest&) {
    auto out = newObject();
    out->set("answered", answerOverdueDeclarations(ctx));
    return {200, out};
}

}  // namespace zc::app
