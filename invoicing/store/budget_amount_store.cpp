#include "budget_amount_store.hpp"

#include "interfaces/mysql/list_sql.hpp"

namespace zc::invoicing {

std::int64_t recordBudgetAmount(db::Connection& db, const BudgetAmountChangeRow& c) {
    db.execute("UPDATE budgets SET amount_cents = ? WHERE id = ?", {c.after.cents(), c.budget_id});
    db.execute(
        "INSERT INTO budget_amount_changes (budget_id, before_cents, after_cents, reason,"
        " changed_by, changed_at) VALUES (?,?,?,?,?,?)",
        {c.budget_id, c.before.cents(), c.after.cents(), c.reason.substr(0, 400), c.changed_by,
         c.changed_at});
    return db.lastInsertId();
}

app::ListPage<BudgetAmountChangeRow> budgetAmountChanges(db::Connection& db, std::int64_t budget_id,
                                                         std::int64_t limit, std::int64_t offset) {
    app::ListPage<BudgetAmountChangeRow> page;
    page.total = db::countRows(db, "FROM budget_amount_changes WHERE budget_id = ?", {budget_id});
    for (const auto& r :
         db.query("SELECT id, budget_id, before_cents, after_cents, reason, changed_by, changed_at"
                  " FROM budget_amount_changes WHERE budget_id = ? ORDER BY id DESC LIMIT ? OFFSET "
                  "?",
                  {budget_id, limit, offset})) {
        page.items.push_back({r.i64(0), r.i64(1), Money::fromCents(r.i64(2)),
                              Money::fromCents(r.i64(3)), r.str(4), r.str(5), r.str(6)});
    }
    return page;
}

}  // namespace zc::invoicing
