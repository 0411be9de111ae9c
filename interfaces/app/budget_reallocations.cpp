// Reallocations between budgets: a budget holder proposes, finance decides (four eyes). Both
// steps check the source's remaining budget (amount − exhaustion today) with
// invoicing/domain/reallocation; an approval moves the amount in the same transaction as its
// audit row.
#include <limits>

#include "budgets.hpp"
#include "budgets_internal.hpp"
#include "context.hpp"
#include "contracting/kernel/errors.hpp"
#include "invoicing/domain/reallocation.hpp"
#include "invoicing/store/ledger_store.hpp"

namespace zc::app {
namespace {

constexpr const char* kReallocationSelect =
    "SELECT r.id, r.from_budget_id, r.to_budget_id, r.amount_cents, r.reason, r.status,"
    " r.requested_by, r.requested_at, r.decided_by, r.decided_at, r.decision_reason"
    " FROM budget_reallocations r";

Poco::JSON::Object::Ptr reallocationJson(const db::Row& r) {
    auto o = newObject();
    o->set("id", r.i64(0));
    o->set("from_budget_id", r.i64(1));
    o->set("to_budget_id", r.i64(2));
    o->set("amount_cents", r.i64(3));
    o->set("reason", r.str(4));
    o->set("status", r.str(5));
    o->set("requested_by", r.i64(6));
    o->set("requested_at", isoTimestamp(r.str(7)));
    setOptionalInt(o, "decided_by", r.optI64(8));
    setOptional(o, "decided_at",
                r.isNull(9) ? std::nullopt : std::optional(isoTimestamp(r.str(9))));
    setOptional(o, "decision_reason", r.opt(10));
    return o;
}

Poco::JSON::Object::Ptr loadReallocationJson(db::Connection& db, std::int64_t id) {
    return reallocationJson(
        *db.queryOne(std::string(kReallocationSelect) + " WHERE r.id = ?", {id}));
}

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

// Locks both budgets (in id order, so that concurrent decisions cannot deadlock) and checks
// that they exist and belong to the same year.
BudgetRow lockBudgets(RequestContext& ctx, std::int64_t from_id, std::int64_t to_id) {
    std::optional<BudgetRow> from, to;
    if (from_id < to_id) {
        from = loadBudget(ctx.db, from_id, true);
        to = loadBudget(ctx.db, to_id, true);
    } else {
        to = loadBudget(ctx.db, to_id, true);
        from = loadBudget(ctx.db, from_id, true);
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

// What the source budget has left today: amount − exhaustion.
Money remainingToday(RequestContext& ctx, const BudgetRow& from) {
    return figuresOf(ctx, from, ctx.today(),
                     Percentage::parse(ctx.config.budget_signal_threshold_percent))
        .report.remaining;
}

std::string amountsJson(db::Connection& db, std::int64_t from_id, std::int64_t to_id) {
    auto o = newObject();
    o->set("from_amount_cents", loadBudget(db, from_id, false)->amount.cents());
    o->set("to_amount_cents", loadBudget(db, to_id, false)->amount.cents());
    return toJson(o);
}

}  // namespace

ApiResponse requestReallocation(RequestContext& ctx, const ApiRequest& req) {
    invoicing::ReallocationRequest request;
    request.from_budget_id = requiredInt(req.body, "from_budget_id");
    request.to_budget_id = requiredInt(req.body, "to_budget_id");
    request.amount = requiredCents(req.body, "amount_cents");
    request.requested_by = ctx.actor.user_id;
    const auto reason = requiredString(req.body, "reason", 2000);
    if (reason.find_first_not_of(" \t\r\n") == std::string::npos) {
        throw ValidationError("REASON_REQUIRED", "Give the reason for the reallocation.", "reason");
    }
    // Amount and budgets first, before anything is read.
    withApiFields([&] {
        invoicing::checkReallocation(request,
                                     Money::fromCents(std::numeric_limits<std::int64_t>::max()));
    });
    db::Transaction tx(ctx.db);
    const auto from = lockBudgets(ctx, request.from_budget_id, request.to_budget_id);
    const Money remaining = remainingToday(ctx, from);
    withApiFields([&] { invoicing::checkReallocation(request, remaining); });
    ctx.db.execute(
        "INSERT INTO budget_reallocations (from_budget_id, to_budget_id, amount_cents, reason,"
        " status, requested_by, requested_at) VALUES (?,?,?,?,'requested',?,?)",
        {request.from_budget_id, request.to_budget_id, request.amount.cents(), reason,
         request.requested_by, timestamp(ctx.clock)});
    const auto id = ctx.db.lastInsertId();
    auto out = loadReallocationJson(ctx.db, id);
    out->set("from_remaining_cents", remaining.cents());
    appendAudit(ctx, {"budget_reallocation.request", "budget_reallocation", std::to_string(id),
                      "ok", std::nullopt, toJson(out)});
    tx.commit();
    return {201, out};
}

ApiResponse decideReallocation(RequestContext& ctx, const ApiRequest& req) {
    const auto id = req.pathId("id");
    const auto decision = requiredString(req.body, "decision", 10);
    if (decision != "approve" && decision != "reject") {
        throw ValidationError("INVALID_DECISION", "Decision must be approve or reject.",
                              "decision");
    }
    const auto reason = optionalString(req.body, "reason", 2000).value_or("");
    if (decision == "reject" && reason.find_first_not_of(" \t\r\n") == std::string::npos) {
        throw ValidationError("REASON_REQUIRED", "Give the reason for the rejection.", "reason");
    }
    db::Transaction tx(ctx.db);
    auto r = ctx.db.queryOne(std::string(kReallocationSelect) + " WHERE r.id = ? FOR UPDATE", {id});
    if (!r) notFound("Reallocation " + std::to_string(id), "id");
    if (r->str(5) != "requested") {
        throw ValidationError("REALLOCATION_DECIDED",
                              "This reallocation was " + r->str(5) + " already.", "id");
    }
    invoicing::ReallocationRequest request{r->i64(1), r->i64(2), Money::fromCents(r->i64(3)),
                                           r->i64(6)};
    const auto from = lockBudgets(ctx, request.from_budget_id, request.to_budget_id);
    const std::string before = amountsJson(ctx.db, request.from_budget_id, request.to_budget_id);
    if (decision == "approve") {
        const Money remaining = remainingToday(ctx, from);
        withApiFields(
            [&] { invoicing::checkReallocationApproval(request, ctx.actor.user_id, remaining); });
        ctx.db.execute("UPDATE budgets SET amount_cents = amount_cents - ? WHERE id = ?",
                       {request.amount.cents(), request.from_budget_id});
        ctx.db.execute("UPDATE budgets SET amount_cents = amount_cents + ? WHERE id = ?",
                       {request.amount.cents(), request.to_budget_id});
        postJournal(ctx, invoicing::postAllowanceReallocation(
                             request.from_budget_id, request.to_budget_id, request.amount,
                             "reallocation:" + std::to_string(id), ctx.today()));
    } else if (ctx.actor.user_id == request.requested_by) {
        throw ValidationError("FOUR_EYES", "Someone other than the requester decides.",
                              "approved_by");
    }
    ctx.db.execute(
        "UPDATE budget_reallocations SET status = ?, decided_by = ?, decided_at = ?,"
        " decision_reason = ? WHERE id = ?",
        {std::string(decision == "approve" ? "approved" : "rejected"), ctx.actor.user_id,
         timestamp(ctx.clock), reason, id});
    auto out = loadReallocationJson(ctx.db, id);
    appendAudit(ctx,
                {"budget_reallocation." + decision, "budget_reallocation", std::to_string(id), "ok",
                 before, amountsJson(ctx.db, request.from_budget_id, request.to_budget_id)});
    tx.commit();
    return {200, out};
}

ApiResponse listReallocations(RequestContext& ctx, const ApiRequest& req) {
    const auto page = pageFrom(req.query);
    const auto status = req.queryValue("status");
    if (!status.empty() && status != "requested" && status != "approved" && status != "rejected") {
        throw ValidationError("INVALID_QUERY",
                              "Query parameter 'status' must be requested, approved or rejected.",
                              "status");
    }
    auto out = newArray();
    for (const auto& r :
         ctx.db.query(std::string(kReallocationSelect) + " WHERE (? = '' OR r.status = ?)"
                                                         " ORDER BY r.id DESC LIMIT ? OFFSET ?",
                      {status, status, page.limit, page.offset})) {
        out->add(reallocationJson(r));
    }
    return {200, out};
}

}  // namespace zc::app
