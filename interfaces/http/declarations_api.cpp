#include "declarations_api.hpp"

#include "billing/app/declaration_submission.hpp"
#include "billing/app/declarations.hpp"
#include "contracting/kernel/errors.hpp"
#include "declaration_json.hpp"
#include "error_mapping.hpp"
#include "interfaces/observability/request_metrics.hpp"
#include "invoicing/app/claim_payables.hpp"
#include "json_input.hpp"
#include "json_output.hpp"
#include "json_text.hpp"

namespace zc::http {
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

billing::DeclarationInput declarationFrom(const ApiRequest& req) {
    billing::DeclarationInput d;
    d.number = requiredString(req.body, "number", 12);
    d.period = Period{requiredDate(req.body, "period_start"), requiredDate(req.body, "period_end")};
    d.total_submitted = requiredCents(req.body, "total_submitted_cents");
    d.municipality_code = optionalString(req.body, "municipality_code");
    auto lines = requiredArray(req.body, "lines", kMaxJsonLines);
    for (std::size_t i = 0; i < lines->size(); ++i) {
        d.lines.push_back(lineFrom(objectAt(lines, i, "lines")));
    }
    return d;
}

billing::CsvDeclarationInput csvDeclarationFrom(const ApiRequest& req) {
    billing::CsvDeclarationInput d;
    d.number = req.queryValue("number");
    if (d.number.empty() || d.number.size() > 12) {
        throw ValidationError("MISSING_FIELD",
                              "Query parameter 'number' (1-12 characters) is required.", "number");
    }
    d.period = Period{parseDate(req.queryValue("period_start"), "period_start"),
                      parseDate(req.queryValue("period_end"), "period_end")};
    if (const auto m = req.queryValue("municipality"); !m.empty()) d.municipality_code = m;
    d.rows = billing::parseCsvRows(req.rawText());
    return d;
}

// The JSON form of the WMO325.
Poco::JSON::Object::Ptr resultJson(const billing::DeclarationResult& r, const std::string& number,
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
    o->set("municipality_code", r.municipality_code);
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

Poco::JSON::Object::Ptr listedJson(const billing::DeclarationListRow& d) {
    auto o = newObject();
    o->set("declaration_id", d.id);
    o->set("number", d.number);
    o->set("provider_agb", d.provider_agb);
    o->set("provider_name", d.provider_name);
    o->set("source", d.source);
    o->set("period_start", d.period_start);
    o->set("period_end", d.period_end);
    o->set("received_at", isoTimestamp(d.received_at));
    o->set("submitted_cents", d.submitted_cents);
    setOptionalInt(o, "awarded_cents", d.awarded_cents);
    o->set("status", d.status);
    setOptional(o, "header_code", d.header_code);
    o->set("answer_due", d.answer_due);
    o->set("municipality_code", d.municipality_code);
    return o;
}

}  // namespace

ApiResponse listDeclarations(RequestContext& ctx, const ApiRequest& req) {
    billing::DeclarationQuery q;
    q.number = req.queryValue("number");
    q.agb = req.queryValue("agb");
    q.status = req.queryValue("status");
    q.list = listQueryFrom(req.query);
    const auto page = billing::listDeclarations(ctx, q);
    auto out = newArray();
    for (const auto& d : page.items) out->add(listedJson(d));
    return pagedAnswer(out, page.total);
}

ApiResponse getDeclaration(RequestContext& ctx, const ApiRequest& req) {
    const auto lines_param = req.queryValue("lines");
    if (!lines_param.empty() && lines_param != "true" && lines_param != "false") {
        throw ValidationError("INVALID_QUERY", "Query parameter 'lines' is true or false.",
                              "lines");
    }
    // ?lines=false: the head only (an empty `lines`); the lines are paged by /lines.
    const auto d = billing::getDeclaration(ctx, req.pathId("id"), lines_param != "false");
    std::string text;
    JsonObjectWriter o(text);
    o.text("answer_due", d.head.answer_due)
        .optionalInteger("awarded_cents", d.head.awarded_cents)
        .integer("declaration_id", d.id)
        .optionalText("header_code", d.head.header_code);
    appendClaimLinesJson(d.lines, o.nested("lines"));
    o.text("municipality_code", d.head.municipality_code)
        .text("number", d.head.number)
        .text("source", d.head.source)
        .text("status", d.head.status)
        .integer("submitted_cents", d.head.submitted_cents)
        .close();
    return jsonTextAnswer(200, std::move(text));
}

namespace {

billing::LineStatusFilter lineStatusFrom(const std::string& value) {
    using F = billing::LineStatusFilter;
    if (value.empty()) return F::All;
    if (value == "accepted") return F::Accepted;
    if (value == "rejected") return F::Rejected;
    if (value == "review") return F::Review;
    if (value == "not_accepted") return F::NotAccepted;
    throw ValidationError("INVALID_QUERY",
                          "Query parameter 'status' is accepted, rejected, review or not_accepted.",
                          "status");
}

}  // namespace

ApiResponse listDeclarationLines(RequestContext& ctx, const ApiRequest& req) {
    const auto status = lineStatusFrom(req.queryValue("status"));
    const auto q = listQueryFrom(req.query);
    const auto page = billing::getDeclarationLines(ctx, req.pathId("id"), status, q);
    std::string text;
    appendClaimLinesJson(page.items, text);
    auto answer = jsonTextAnswer(200, std::move(text));
    answer.total_count = page.total;
    return answer;
}

ApiResponse submitDeclaration(RequestContext& ctx, const ApiRequest& req) {
    auto d = declarationFrom(req);
    const std::string number = d.number;
    const auto lines = d.lines.size();
    invoicing::ClaimPayables payables(ctx);
    const auto r = billing::submitDeclaration(ctx, payables, std::move(d), false);
    obs::countDeclaration(lines);  // GET /metrics
    return {r.status == billing::DeclarationStatus::Rejected ? 422 : 201,
            resultJson(r, number, false)};
}

ApiResponse dryRunDeclaration(RequestContext& ctx, const ApiRequest& req) {
    auto d = declarationFrom(req);
    const std::string number = d.number;
    invoicing::ClaimPayables payables(ctx);
    const auto r = billing::submitDeclaration(ctx, payables, std::move(d), true);
    return {200, resultJson(r, number, true)};
}

namespace {

// A CSV refused as a whole: INVALID_CSV with every problem (row, column, code, message), so
// that the provider can correct them all at once.
ApiResponse csvRefusal(const billing::CsvRowsError& e) {
    auto body = errorBody({400, std::string(e.code()), e.what(), std::string(e.field())});
    Poco::JSON::Array::Ptr list = new Poco::JSON::Array;
    for (const auto& p : e.problems()) {
        auto o = newObject();
        o->set("row", p.row);
        o->set("column", p.column);
        o->set("code", p.code);
        o->set("message", p.message);
        list->add(o);
    }
    body->set("problems", list);
    return {400, body};
}

}  // namespace

ApiResponse submitCsvDeclaration(RequestContext& ctx, const ApiRequest& req) {
    const bool dry_run = req.queryValue("dry_run") == "true";
    billing::CsvDeclarationInput d;
    try {
        d = csvDeclarationFrom(req);
    } catch (const billing::CsvRowsError& e) {
        return csvRefusal(e);
    }
    invoicing::ClaimPayables payables(ctx);
    const auto r = billing::submitCsvDeclaration(ctx, payables, d, dry_run);
    if (!dry_run) obs::countDeclaration(d.rows.size());  // GET /metrics
    return {dry_run ? 200 : (r.status == billing::DeclarationStatus::Rejected ? 422 : 201),
            resultJson(r, d.number, dry_run)};
}

}  // namespace zc::http
