#include "budget_amounts.hpp"

#include "contracting/app/tariff_queries.hpp"
#include "contracting/kernel/errors.hpp"
#include "contracting/kernel/staff_scope.hpp"
#include "interfaces/security/audit_trail.hpp"

namespace zc::invoicing {
namespace {

bool blank(const std::string& s) { return s.find_first_not_of(" \t\r\n") == std::string::npos; }

BudgetRow scopedBudget(app::RequestContext& ctx, MariaDbBudgets& store, std::int64_t id,
                       bool lock) {
    const auto b = store.findBudget(id, lock);
    if (!b) {
        throw ValidationError("NOT_FOUND", "Budget " + std::to_string(id) + " does not exist.",
                              "id");
    }
    app::requireWorksFor(ctx.actor, b->municipality, "budget", std::to_string(id),
                         "Budget " + std::to_string(id));
    return *b;
}

BudgetFigures figuresToday(app::RequestContext& ctx, MariaDbBudgets& store, const BudgetRow& b) {
    const TariffLookup tariffs = [&ctx](std::int64_t contract_id, const std::string& product) {
        return contracting::contractTariffSchedule(ctx.db, contract_id, product);
    };
    return figuresOf(store, tariffs, b, ctx.today(),
                     Percentage::parse(ctx.config.budget_signal_threshold_percent));
}

std::string amountRecord(Money amount, const std::string& reason) {
    security::AuditRecord r;
    r.set("amount_cents", amount.cents());
    if (!reason.empty()) r.set("reason", reason);
    return r.json();
}

}  // namespace

BudgetAmountResult setBudgetAmount(app::RequestContext& ctx, const BudgetAmountChange& c) {
    if (c.amount < Money()) {
        throw ValidationError("INVALID_AMOUNT", "A budget's amount is 0 or more.", "amount_cents");
    }
    db::Transaction tx(ctx.db);
    MariaDbBudgets store(ctx);
    const BudgetRow before = scopedBudget(ctx, store, c.budget_id, true);
    if (blank(c.reason) && before.amount != Money()) {
        throw ValidationError("REASON_REQUIRED", "Give the reason for correcting the amount.",
                              "reason");
    }
    const BudgetFigures figures = figuresToday(ctx, store, before);
    const Money realised = figures.paid + figures.accepted_unpaid;
    if (c.amount < realised) {
        throw ValidationError("BUDGET_BELOW_REALISED",
                              "Budget " + std::to_string(c.budget_id) + " has realised " +
                                  realised.toString() + " this year (paid and accepted); its " +
                                  "amount cannot be lower.",
                              "amount_cents");
    }
    BudgetAmountChangeRow change{0,
                                 c.budget_id,
                                 before.amount,
                                 c.amount,
                                 c.reason,
                                 ctx.actor.name,
                                 app::timestamp(ctx.clock)};
    change.id = recordBudgetAmount(ctx.db, change);
    security::appendAudit(ctx, {"budget.amount", "budget", std::to_string(c.budget_id), "ok",
                                amountRecord(before.amount, ""), amountRecord(c.amount, c.reason)});
    const BudgetRow after = *store.findBudget(c.budget_id, false);
    tx.commit();
    const Money exhaustion = figures.report.exhaustion;
    return {after, change, realised, exhaustion, c.amount < exhaustion};
}

app::ListPage<BudgetAmountChangeRow> listBudgetAmountChanges(app::RequestContext& ctx,
                                                             std::int64_t budget_id,
                                                             std::int64_t limit,
                                                             std::int64_t offset) {
    MariaDbBudgets store(ctx);
    scopedBudget(ctx, store, budget_id, false);
    return budgetAmountChanges(ctx.db, budget_id, limit, offset);
}

}  // namespace zc::invoicing
