#include "payments.hpp"

#include "contracting/kernel/errors.hpp"
#include "contracting/kernel/staff_scope.hpp"
#include "interfaces/mysql/connection.hpp"
#include "interfaces/security/audit_trail.hpp"
#include "invoicing/store/payment_run_store.hpp"

namespace zc::invoicing {
namespace {

[[noreturn]] void runNotFound(std::int64_t id) {
    throw ValidationError("NOT_FOUND", "Payment run " + std::to_string(id) + " does not exist.",
                          "id");
}

// The run, refused with OUT_OF_SCOPE when it pays from a municipality outside the user's scope.
RunRow runInScope(const app::RequestContext& ctx, std::int64_t id) {
    auto run = findRun(ctx.db, id);
    if (!run) runNotFound(id);
    // A run may pay for several municipalities: the user must work for every one of them.
    for (const auto& code : runMunicipalities(ctx.db, id)) {
        app::requireWorksFor(ctx.actor, code, "payment_run", std::to_string(id),
                             "Payment run " + std::to_string(id));
    }
    return *run;
}

RunDetail detailOf(db::Connection& db, std::int64_t id) {
    auto run = findRun(db, id);
    if (!run) runNotFound(id);
    return {*run, runTransfers(db, id), runItems(db, id), runAccountRows(db, id), std::nullopt};
}

// The audit row's after of a prepared run: the run as the API shows it (without its
// transfers and items).
std::string runRecord(const RunRow& r) {
    security::AuditRecord a;
    a.set("id", r.id)
        .set("municipality_code", r.municipality_code)
        .set("due_until", r.due_until)
        .set("execution_date", r.execution_date)
        .set("status", r.status)
        .set("prepared_by", r.prepared_by)
        .set("prepared_at", app::isoTimestamp(r.prepared_at))
        .set("approved_by", r.approved_by);
    if (r.approved_at) a.set("approved_at", app::isoTimestamp(*r.approved_at));
    a.set("message_id", r.message_id)
        .set("control_sum_cents", r.control_sum_cents)
        .set("transactions", r.transactions)
        .set("pain001_sha256", r.pain001_sha256);
    return a.json();
}

// The pain.001's creation time: "YYYY-MM-DDTHH:MM:SS".
std::string creationDateTime(const Clock& clock) {
    const std::string ts = app::timestamp(clock);  // "YYYY-MM-DD HH:MM:SS.ffffff"
    return ts.substr(0, 10) + "T" + ts.substr(11, 8);
}

}  // namespace

void setDebtorAccount(app::RequestContext& ctx, const DebtorAccountChange& c) {
    addDebtorAccount(ctx, {c, std::nullopt, true});
}

DebtorAccountRow addDebtorAccount(app::RequestContext& ctx, const NewDebtorAccount& n) {
    const DebtorAccountChange& c = n.account;
    db::Transaction tx(ctx.db);
    app::requireWorksFor(ctx.actor, c.municipality_code, "municipality", c.municipality_code,
                         "Municipality " + c.municipality_code);
    if (!municipalityRecorded(ctx.db, c.municipality_code)) {
        throw ValidationError("NOT_FOUND",
                              "Municipality " + c.municipality_code + " does not exist.", "code");
    }
    const auto holder = debtorAccountHolder(ctx.db, c.iban);
    if (holder && *holder != c.municipality_code) {
        throw ValidationError("DEBTOR_ACCOUNT_TAKEN",
                              c.iban + " is a debtor account of municipality " + *holder +
                                  "; an account pays for one municipality only.",
                              "iban");
    }
    const bool first = debtorAccounts(ctx.db, c.municipality_code).empty();
    const bool make_default = n.is_default || first;
    const std::int64_t id = saveDebtorAccount(
        ctx.db, {0, c.municipality_code, c.iban, c.bic, c.name, n.label, make_default, true},
        make_default);
    security::appendAudit(ctx, {"municipality.debtor_account", "municipality", c.municipality_code,
                                "ok", std::nullopt,
                                security::AuditRecord()
                                    .set("municipality_code", c.municipality_code)
                                    .set("id", id)
                                    .set("iban", c.iban)
                                    .set("bic", c.bic)
                                    .set("name", c.name)
                                    .set("label", n.label)
                                    .set("is_default", make_default)
                                    .json()});
    DebtorAccountRow saved;
    for (auto& a : debtorAccounts(ctx.db, c.municipality_code)) {
        if (a.id == id) saved = a;
    }
    tx.commit();
    return saved;
}

app::ListPage<DebtorAccountRow> listDebtorAccounts(app::RequestContext& ctx,
                                                   const std::string& code, std::int64_t limit,
                                                   std::int64_t offset) {
    if (!municipalityRecorded(ctx.db, code)) {
        throw ValidationError("NOT_FOUND", "Municipality " + code + " does not exist.", "code");
    }
    app::requireWorksFor(ctx.actor, code, "municipality", code, "Municipality " + code);
    return debtorAccountPage(ctx.db, code, limit, offset);
}

app::ListPage<ProviderBalanceRow> providerBalances(app::RequestContext& ctx, std::int64_t limit,
                                                   std::int64_t offset) {
    return invoicing::providerBalances(ctx.db, limit, offset, app::ownMunicipalities(ctx.actor));
}

RunDetail prepareRun(app::RequestContext& ctx, const RunRequest& request) {
    db::Transaction tx(ctx.db);
    // A staff user pays only from the municipalities they work for.
    for (const auto& code : request.municipality_codes) {
        app::requireWorksFor(ctx.actor, code, "municipality", code, "Municipality " + code);
    }
    MariaDbPaymentRuns runs(ctx);
    const auto run_id = preparePaymentRun(runs, request);
    auto detail = detailOf(ctx.db, run_id);
    security::appendAudit(ctx, {"payment_run.prepare", "payment_run", std::to_string(run_id), "ok",
                                std::nullopt, runRecord(*findRun(ctx.db, run_id))});
    tx.commit();
    return detail;
}

RunDetail approveRun(app::RequestContext& ctx, std::int64_t run_id, PaymentFileWriter& writer) {
    db::Transaction tx(ctx.db);
    runInScope(ctx, run_id);
    MariaDbPaymentRuns runs(ctx);
    approvePaymentRun(runs, writer,
                      {run_id, ctx.actor.name, ctx.today(), creationDateTime(ctx.clock)});
    auto detail = detailOf(ctx.db, run_id);
    security::appendAudit(ctx, {"payment_run.approve", "payment_run", std::to_string(run_id), "ok",
                                std::nullopt, std::nullopt});
    tx.commit();
    return detail;
}

app::ListPage<RunRow> listRuns(app::RequestContext& ctx, RunFilter filter) {
    // A staff user sees the runs of the municipalities they work for.
    filter.scope = app::ownMunicipalities(ctx.actor);
    return invoicing::listRuns(ctx.db, filter);
}

RunDetail cancelRun(app::RequestContext& ctx, std::int64_t run_id, const std::string& reason) {
    db::Transaction tx(ctx.db);
    runInScope(ctx, run_id);
    MariaDbPaymentRuns runs(ctx);
    cancelPaymentRun(runs, {run_id, ctx.actor.name, reason});
    auto detail = detailOf(ctx.db, run_id);
    security::appendAudit(
        ctx, {"payment_run.cancel", "payment_run", std::to_string(run_id), "ok", std::nullopt,
              security::AuditRecord().set("id", run_id).set("reason", reason).json()});
    tx.commit();
    return detail;
}

RunDetail runDetail(app::RequestContext& ctx, std::int64_t run_id) {
    runInScope(ctx, run_id);
    auto detail = detailOf(ctx.db, run_id);
    MariaDbPaymentRuns runs(ctx);
    const auto status = parsePaymentRunStatus(detail.run.status);
    if (status) detail.stale_reason = staleReasonOf(runs, run_id, *status);
    return detail;
}

std::string runPain001File(app::RequestContext& ctx, std::int64_t run_id) {
    runInScope(ctx, run_id);
    const auto file = runPain001(ctx.db, run_id);
    if (!file) runNotFound(run_id);
    if (!*file) {
        throw ValidationError("RUN_NOT_APPROVED",
                              "The pain.001 exists once the run is approved by a second user.",
                              "id");
    }
    if ((*file)->empty()) {
        throw ValidationError("NOT_FOUND",
                              "Payment run " + std::to_string(run_id) +
                                  " transferred nothing (all was settled by offset): it has no"
                                  " pain.001 file.",
                              "id");
    }
    return **file;
}

}  // namespace zc::invoicing
