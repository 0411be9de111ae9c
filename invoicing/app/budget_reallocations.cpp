#include "budget_reallocations.hpp"

#include <limits>
#include <optional>

#include "contracting/app/tariff_queries.hpp"
#include "contracting/kernel/errors.hpp"
#include "contracting/kernel/staff_scope.hpp"
#include "interfaces/mysql/connection.hpp"
#include "interfaces/security/audit_trail.hpp"
#include "invoicing/domain/ledger.hpp"
#include "invoicing/domain/reallocation.hpp"

namespace zc::invoicing {
namespace {

// The domain names the amount "amount"; the API field is "amount_cents".
template <typename F>
void withApiFields(F&& check) {
    try {
        check();
    } catch (const ValidationError& e) {
        const std::string field = e.field() == "amount" ? "amount_cents" : e.field();
        throw ValidationError(e.code(), e.what(), field);
    }
}

bool blank(const std::string& s) { return s.find_first_not_of(" \t\r\n") == std::string::npos; }

// Locks both budgets (in id order, so that concurrent decisions cannot deadlock) and checks
// that they exist and belong to the same year. Returns the source.
BudgetRow lockBudgets(BudgetStore& store, std::int64_t from_id, std::int64_t to_id) {
    std::optional<BudgetRow> from, to;
    if (from_id < to_id) {
        from = store.findBudget(from_id, true);
        to = store.findBudget(to_id, true);
    } else {
        to = store.findBudget(to_id, true);
        from = store.findBudget(from_id, true);
    }
    if (!from) {
        throw ValidationError("UNKNOWN_BUDGET",
                              "Budget " + std::to_string(from_id) + " is not known.",
                              "from_budget_id");
    }
    if (!to) {
        throw ValidationError("UNKNOWN_BUDGET",
                              "Budget " + std::to_string(to_id) + " is not known.", "to_budget_id");
    }
    if (from->year != to->year) {
        throw ValidationError("BUDGET_YEAR_MISMATCH",
                              "A reallocation moves money between budgets of the same year.",
                              "to_budget_id");
    }
    return *from;
}

// A budget holder moves money only between budgets they hold (NOT_BUDGET_HOLDER), and only
// within one municipality (REALLOCATION_ACROSS_MUNICIPALITIES): every euro stays with the
// municipality that owes it.
void checkHolderAndMunicipality(const BudgetRow& from, const BudgetRow& to, std::int64_t who) {
    for (const auto* b : {&from, &to}) {
        if (b->holder != who) {
            throw ValidationError(
                "NOT_BUDGET_HOLDER",
                "You are not the budget holder of budget " + std::to_string(b->id) + ".",
                b == &from ? "from_budget_id" : "to_budget_id");
        }
    }
    if (from.municipality != to.municipality) {
        throw ValidationError("REALLOCATION_ACROSS_MUNICIPALITIES",
                              "Budget " + std::to_string(from.id) + " is of municipality " +
                                  from.municipality + ", budget " + std::to_string(to.id) + " of " +
                                  to.municipality + ".",
                              "to_budget_id");
    }
}

// What the source budget has left on `today`: amount − exhaustion.
Money remainingOn(BudgetStore& store, const TariffLookup& tariffs, const BudgetRow& from,
                  Date today, Percentage threshold) {
    return figuresOf(store, tariffs, from, today, threshold).report.remaining;
}

Money amountOf(BudgetStore& store, std::int64_t id) { return store.findBudget(id, false)->amount; }

// The audit row's after of a proposal: what the API answers.
std::string proposalRecord(const ProposedReallocation& p) {
    const auto& r = p.row;
    return security::AuditRecord()
        .set("id", r.id)
        .set("from_budget_id", r.from_budget_id)
        .set("to_budget_id", r.to_budget_id)
        .set("amount_cents", r.amount.cents())
        .set("reason", r.reason)
        .set("status", r.status)
        .set("requested_by", r.requested_by)
        .set("requested_at", app::isoTimestamp(r.requested_at))
        .set("decided_by", r.decided_by)
        .set("decided_at",
             r.decided_at ? std::optional(app::isoTimestamp(*r.decided_at)) : std::nullopt)
        .set("decision_reason", r.decision_reason)
        .set("from_remaining_cents", p.from_remaining.cents())
        .json();
}

std::string amountsRecord(Money from, Money to) {
    return security::AuditRecord()
        .set("from_amount_cents", from.cents())
        .set("to_amount_cents", to.cents())
        .json();
}

TariffLookup contractTariffs(app::RequestContext& ctx) {
    return [&ctx](std::int64_t contract_id, const std::string& product) {
        return contracting::contractTariffSchedule(ctx.db, contract_id, product);
    };
}

Percentage configuredThreshold(const app::RequestContext& ctx) {
    return Percentage::parse(ctx.config.budget_signal_threshold_percent);
}

// Refuses (OUT_OF_SCOPE) a reallocation touching a budget of a municipality outside the staff
// user's scope; unknown budgets are left to the rules (UNKNOWN_BUDGET).
void requireBudgetsInScope(const app::Actor& who, BudgetStore& store, std::int64_t from_id,
                           std::int64_t to_id) {
    for (const auto id : {from_id, to_id}) {
        const auto b = store.findBudget(id, false);
        if (b) {
            app::requireWorksFor(who, b->municipality, "budget", std::to_string(id),
                                 "Budget " + std::to_string(id));
        }
    }
}

}  // namespace

ProposedReallocation proposeReallocation(BudgetStore& store, const TariffLookup& tariffs,
                                         const ReallocationProposal& p, Date today,
                                         Percentage threshold) {
    if (blank(p.reason)) {
        throw ValidationError("REASON_REQUIRED", "Give the reason for the reallocation.", "reason");
    }
    const ReallocationRequest request{p.from_budget_id, p.to_budget_id, p.amount, p.requested_by};
    // Amount and budgets first, before anything is read.
    withApiFields([&] {
        checkReallocation(request, Money::fromCents(std::numeric_limits<std::int64_t>::max()));
    });
    const auto from = lockBudgets(store, request.from_budget_id, request.to_budget_id);
    checkHolderAndMunicipality(from, *store.findBudget(request.to_budget_id, false),
                               p.requested_by);
    const Money remaining = remainingOn(store, tariffs, from, today, threshold);
    withApiFields([&] { checkReallocation(request, remaining); });
    const auto id = store.insertReallocation(
        {p.from_budget_id, p.to_budget_id, p.amount, p.reason, p.requested_by, p.requested_at});
    return {*store.findReallocation(id, false), remaining};
}

DecidedReallocation decideReallocationIn(BudgetStore& store, const TariffLookup& tariffs,
                                         const ReallocationDecision& d, Percentage threshold) {
    if (!d.approve && blank(d.reason)) {
        throw ValidationError("REASON_REQUIRED", "Give the reason for the rejection.", "reason");
    }
    const auto r = store.findReallocation(d.id, true);
    if (!r) {
        throw ValidationError("NOT_FOUND",
                              "Reallocation " + std::to_string(d.id) + " does not exist.", "id");
    }
    if (r->status != "requested") {
        throw ValidationError("REALLOCATION_DECIDED",
                              "This reallocation was " + r->status + " already.", "id");
    }
    const ReallocationRequest request{r->from_budget_id, r->to_budget_id, r->amount,
                                      r->requested_by};
    const auto from = lockBudgets(store, request.from_budget_id, request.to_budget_id);
    DecidedReallocation out;
    out.from_before = amountOf(store, request.from_budget_id);
    out.to_before = amountOf(store, request.to_budget_id);
    if (d.approve) {
        const Money remaining = remainingOn(store, tariffs, from, d.today, threshold);
        withApiFields([&] { checkReallocationApproval(request, d.decided_by, remaining); });
        store.moveAmount(request.from_budget_id, request.to_budget_id, request.amount);
        auto journal =
            postAllowanceReallocation(request.from_budget_id, request.to_budget_id, request.amount,
                                      "reallocation:" + std::to_string(d.id), d.today);
        journal.municipality = from.municipality;  // the budgets' municipality
        store.postJournal(journal);
    } else if (d.decided_by == request.requested_by) {
        throw ValidationError("FOUR_EYES", "Someone other than the requester decides.",
                              "approved_by");
    }
    store.recordDecision(d.id, d.approve ? "approved" : "rejected", d.decided_by, d.decided_at,
                         d.reason);
    out.row = *store.findReallocation(d.id, false);
    out.from_after = amountOf(store, request.from_budget_id);
    out.to_after = amountOf(store, request.to_budget_id);
    return out;
}

namespace {

ProposedReallocation requestIn(app::RequestContext& ctx, ReallocationProposal p) {
    p.requested_by = ctx.actor.user_id;
    p.requested_at = app::timestamp(ctx.clock);
    db::Transaction tx(ctx.db);
    MariaDbBudgets store(ctx);
    requireBudgetsInScope(ctx.actor, store, p.from_budget_id, p.to_budget_id);
    const auto proposed =
        proposeReallocation(store, contractTariffs(ctx), p, ctx.today(), configuredThreshold(ctx));
    security::appendAudit(
        ctx, {"budget_reallocation.request", "budget_reallocation", std::to_string(proposed.row.id),
              "ok", std::nullopt, proposalRecord(proposed)});
    tx.commit();
    return proposed;
}

}  // namespace

ProposedReallocation requestReallocation(app::RequestContext& ctx, ReallocationProposal p) {
    try {
        return requestIn(ctx, p);
    } catch (const ValidationError& e) {
        // A refused holder is a security event: recorded after the rollback, in its own
        // transaction, as the scope refusals are.
        if (e.code() == "NOT_BUDGET_HOLDER") {
            security::appendAuditStandalone(
                ctx, {"access.denied", "budget",
                      e.field() == "from_budget_id" ? std::to_string(p.from_budget_id)
                                                    : std::to_string(p.to_budget_id),
                      "denied", std::nullopt,
                      security::AuditRecord()
                          .set("endpoint", "POST /api/v1/budget-reallocations")
                          .set("reason", "not_budget_holder")
                          .json()});
        }
        throw;
    }
}

ReallocationRow decideReallocation(app::RequestContext& ctx, ReallocationDecision d) {
    d.decided_by = ctx.actor.user_id;
    d.decided_at = app::timestamp(ctx.clock);
    d.today = ctx.today();
    db::Transaction tx(ctx.db);
    MariaDbBudgets store(ctx);
    if (const auto r = store.findReallocation(d.id, false)) {
        requireBudgetsInScope(ctx.actor, store, r->from_budget_id, r->to_budget_id);
    }
    const auto decided =
        decideReallocationIn(store, contractTariffs(ctx), d, configuredThreshold(ctx));
    security::appendAudit(ctx,
                          {std::string("budget_reallocation.") + (d.approve ? "approve" : "reject"),
                           "budget_reallocation", std::to_string(d.id), "ok",
                           amountsRecord(decided.from_before, decided.to_before),
                           amountsRecord(decided.from_after, decided.to_after)});
    tx.commit();
    return decided.row;
}

app::ListPage<ReallocationRow> listReallocations(app::RequestContext& ctx,
                                                 const std::string& status, std::int64_t limit,
                                                 std::int64_t offset) {
    return invoicing::listReallocations(ctx.db, status, limit, offset,
                                        app::ownMunicipalities(ctx.actor));
}

}  // namespace zc::invoicing
