// The JSON face of declarations (providers with an API key) and the review queue.
#include <Poco/JSON/Array.h>

#include <sstream>

#include "billing/app/review_decisions.hpp"
#include "claims.hpp"
#include "context.hpp"
#include "contracting/app/tariff_queries.hpp"
#include "contracting/kernel/errors.hpp"
#include "invoicing/app/claim_payables.hpp"
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

int answerOverdueDeclarations(RequestContext& ctx) {
    Wmo325Answers answers(ctx);
    return billing::answerOverdueDeclarations(ctx, answers);
}

void Wmo325Answers::declarationAnswered(std::int64_t declaration_id) {
    completeReviewedDeclaration(ctx_, declaration_id);
}

}  // namespace zc::app
