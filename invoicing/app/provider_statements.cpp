#include "provider_statements.hpp"

#include "contracting/kernel/errors.hpp"
#include "contracting/kernel/staff_scope.hpp"

namespace zc::invoicing {
namespace {

[[noreturn]] void notFound(const std::string& what) {
    throw ValidationError("NOT_FOUND", what + " does not exist.", "id");
}

// The provider the caller may see: its own for a provider, any for staff.
void requireVisibleProvider(app::RequestContext& ctx, std::int64_t id) {
    if (ctx.actor.role == app::Role::Provider && ctx.actor.provider_id != id) {
        notFound("Provider " + std::to_string(id));
    }
    if (!providerRecorded(ctx.db, id)) notFound("Provider " + std::to_string(id));
}

}  // namespace

ProviderStatement providerStatement(app::RequestContext& ctx, std::int64_t provider_id,
                                    const std::string& from_text, const std::string& to_text) {
    requireVisibleProvider(ctx, provider_id);
    ProviderStatement s;
    s.provider_id = provider_id;
    const int year = static_cast<int>(ctx.today().year());
    s.from = from_text.empty()
                 ? Date{std::chrono::year{year}, std::chrono::January, std::chrono::day{1}}
                 : parseDate(from_text, "from");
    s.to = to_text.empty() ? addMonths(s.from, 12) : parseDate(to_text, "to");
    if (!(s.from < s.to)) {
        throw ValidationError("INVALID_PERIOD", "'from' must lie before 'to'.", "to");
    }
    // A staff user sees the lines and payments of the municipalities they work for.
    const auto scope = app::ownMunicipalities(ctx.actor);
    s.lines = statementLines(ctx.db, provider_id, s.from, s.to, scope);
    for (const auto& l : s.lines) {
        (l.amount_cents >= 0 ? s.claimed : s.offsets) += l.amount_cents;
        if (l.status == "open") s.open += l.amount_cents;
        if (l.status == "in_run") s.in_transit += l.amount_cents;
    }
    s.payments = statementPayments(ctx.db, provider_id, s.from, s.to, scope);
    for (const auto& p : s.payments) {
        if (p.status == "booked") s.paid += p.amount_cents;
        if (p.status == "returned") s.returned += p.amount_cents;
    }
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
