#include "provider_statements.hpp"

#include "contracting/kernel/errors.hpp"
#include "contracting/kernel/staff_scope.hpp"
#include "interfaces/mysql/connection.hpp"

namespace zc::invoicing {
namespace {

[[noreturn]] void notFound(const std::string& what) {
    throw ValidationError("NOT_FOUND", what + " does not exist.", "id");
}

// A provider sees its own statement only; staff any provider's.
void requireOwnProvider(app::RequestContext& ctx, std::int64_t id) {
    if (ctx.actor.role == app::Role::Provider && ctx.actor.provider_id != id) {
        notFound("Provider " + std::to_string(id));
    }
}

// "1.234,56": an amount as the Dutch statement shows it (positive).
std::string dutchAmount(std::int64_t cents) {
    std::string whole = std::to_string(cents / 100);
    for (auto i = static_cast<std::ptrdiff_t>(whole.size()) - 3; i > 0; i -= 3) {
        whole.insert(static_cast<std::size_t>(i), ".");
    }
    const std::int64_t rest = cents % 100;
    return whole + "," + (rest < 10 ? "0" : "") + std::to_string(rest);
}

// What the provider reads about an offset (verrekening) on the line, see StatementLineRow.
std::string offsetNote(const StatementLineRow& l) {
    const auto in_run = [](std::int64_t run) {
        return "Verrekend in betaalrun " + std::to_string(run);
    };
    if (l.type == "remainder" && l.split_run_id != 0) {
        std::string note = in_run(l.split_run_id) + "; resterend te vorderen \u20ac " +
                           dutchAmount(-l.amount_cents);
        if (l.offset_run_id != 0) note += "; " + in_run(l.offset_run_id);
        return note;
    }
    if (l.offset_run_id == 0) return "";
    if (l.remainder_id != 0) {
        return in_run(l.offset_run_id) + " (deels); resterend te vorderen \u20ac " +
               dutchAmount(-l.remainder_cents) + " (post " + std::to_string(l.remainder_id) + ")";
    }
    return in_run(l.offset_run_id);
}

// The period asked for: `from` .. `to` (to exclusive), this calendar year by default.
void readPeriod(app::RequestContext& ctx, const std::string& from_text, const std::string& to_text,
                ProviderStatement& s) {
    const int year = static_cast<int>(ctx.today().year());
    s.from = from_text.empty()
                 ? Date{std::chrono::year{year}, std::chrono::January, std::chrono::day{1}}
                 : parseDate(from_text, "from");
    s.to = to_text.empty() ? addMonths(s.from, 12) : parseDate(to_text, "to");
    if (!(s.from < s.to)) {
        throw ValidationError("INVALID_PERIOD", "'from' must lie before 'to'.", "to");
    }
}

}  // namespace

ProviderStatement providerStatement(app::RequestContext& ctx, std::int64_t provider_id,
                                    const std::string& from_text, const std::string& to_text,
                                    const std::optional<app::ListQuery>& page) {
    requireOwnProvider(ctx, provider_id);
    ProviderStatement s;
    s.provider_id = provider_id;
    readPeriod(ctx, from_text, to_text, s);
    // A staff user sees the lines and payments of the municipalities they work for.
    const auto scope = app::ownMunicipalities(ctx.actor);
    // The counts, totals and page, each read as committed when it is read (db::countRows).
    const auto lines = statementLineTotals(ctx.db, provider_id, s.from, s.to, scope);
    s.lines_total = lines.count;
    s.claimed = lines.claimed;
    s.offsets = lines.offsets;
    s.open = lines.open;
    s.in_transit = lines.in_transit;
    const auto payments = statementPaymentTotals(ctx.db, provider_id, s.from, s.to, scope);
    s.payments_total = payments.count;
    s.paid = payments.paid;
    s.returned = payments.returned;
    // Only a statement without a line or payment may be of a provider that does not exist: the
    // provider is looked up then, not on every statement (issue 17: one statement fewer).
    if (s.lines_total == 0 && s.payments_total == 0 && !providerRecorded(ctx.db, provider_id)) {
        notFound("Provider " + std::to_string(provider_id));
    }
    s.lines = statementLines(ctx.db, provider_id, s.from, s.to, scope, page);
    s.payments = statementPayments(ctx.db, provider_id, s.from, s.to, scope, page);
    for (auto& l : s.lines) l.note = offsetNote(l);
    return s;
}

ClaimLineTrace traceClaimLine(app::RequestContext& ctx, std::int64_t line_id) {
    const auto l = tracedClaimLine(ctx.db, line_id);
    if (!l || (ctx.actor.role == app::Role::Provider && ctx.actor.provider_id != l->provider_id)) {
        notFound("Claim line " + std::to_string(line_id));
    }
    app::requireWorksFor(ctx.actor, l->municipality_code, "claim_line", std::to_string(line_id),
                         "Claim line " + std::to_string(line_id));
    ClaimLineTrace t{line_id, *l, std::nullopt, std::nullopt};
    // An accepted line is paid with its declaration's payable, a reviewed one with its own.
    const auto p = payableOfLine(ctx.db, line_id, l->declaration_id);
    if (l->status == "accepted" && p) {
        t.payable = p;
        if (p->instruction_id) t.bank_entry = bookedEntryOf(ctx.db, *p->instruction_id);
    }
    return t;
}

}  // namespace zc::invoicing
