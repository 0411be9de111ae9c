#include "payment_run_store.hpp"

#include <algorithm>
#include <map>

#include "contracting/kernel/errors.hpp"
#include "interfaces/mysql/connection.hpp"
#include "budget_figures_store.hpp"
#include "ledger_store.hpp"
#include "provider_account_store.hpp"

namespace zc::invoicing {
namespace {

void storeItem(db::Connection& db, std::int64_t run_id, std::int64_t payable_id,
               std::optional<std::int64_t> instruction_id, Money amount, const std::string& outcome,
               const std::string& reason) {
    db.execute(
        "INSERT INTO payment_run_items (run_id, payable_id, instruction_id, amount_cents, outcome,"
        " reason) VALUES (?,?,?,?,?,?)",
        {run_id, payable_id, instruction_id ? db::Param(*instruction_id) : db::Param(nullptr),
         amount.cents(), outcome, reason.empty() ? db::Param(nullptr) : db::Param(reason)});
}

// The first transfer of the run whose creditor account is no longer the one approved and valid
// on its execution date (an account change approved since the run was prepared), as the
// reason the run is stale; nothing when every transfer pays the valid account.
std::optional<std::string> changedAccount(db::Connection& db, std::int64_t run_id) {
    auto changed = db.queryOne(
        "SELECT v.id, i.execution_date FROM payment_instructions i JOIN providers v ON"
        " v.id = i.provider_id WHERE i.run_id = ? AND i.creditor_iban <> " +
            accountIbanOn("i.execution_date") + " ORDER BY v.id LIMIT 1",
        {run_id});
    if (!changed) return std::nullopt;
    return "The bank account of provider " + changed->str(0) + " valid on " + changed->str(1) +
           " changed since the run was prepared; prepare a new run.";
}

}  // namespace

using app::timestamp;

std::int64_t MariaDbPaymentRuns::insertRun(const NewRun& run) {
    ctx_.db.execute(
        "INSERT INTO payment_runs (municipality_code, due_until, execution_date, status,"
        " prepared_by, prepared_at, message_id, control_sum_cents, transactions)"
        " VALUES (?,?,?,?,?,?,'',0,0)",
        {run.municipality_code, formatDate(run.due_until), formatDate(run.execution_date),
         std::string(paymentRunStatusName(PaymentRunStatus::Prepared)), run.prepared_by,
         timestamp(ctx_.clock)});
    const std::int64_t run_id = ctx_.db.lastInsertId();
    for (const DebtorAccount& a : run.accounts) {
        ctx_.db.execute(
            "INSERT INTO payment_run_accounts (run_id, municipality_code, debtor_account_id)"
            " VALUES (?,?,?)",
            {run_id, a.municipality_code, a.id});
    }
    return run_id;
}

// The open payables due by `due_until` that the municipality owes (payables.municipality_code:
// nothing of another municipality, so no claw-back of one offsets a payable of another), as the
// composer wants them: positive ones to pay, negative ones (claw-backs, net credits) as
// receivables.
PaymentRunInput MariaDbPaymentRuns::runInput(
    std::int64_t run_id, const std::string& municipality, Date due_until,
    std::optional<std::vector<std::int64_t>> provider_ids) {
    PaymentRunInput in;
    in.run_id = run_id;
    in.selection.due_on_or_before = due_until;
    in.selection.provider_ids = std::move(provider_ids);
    const db::Params params{formatDate(due_until), municipality};
    for (const auto& r : ctx_.db.query(
             "SELECT p.id, p.provider_id, p.amount_cents, p.due_date, p.source_type, p.source_id,"
             " p.disputed_reason IS NOT NULL, COALESCE(d.declaratie_nummer, d2.declaratie_nummer)"
             " FROM payables p"
             " LEFT JOIN declarations d ON p.source_type = 'declaration' AND d.id = p.source_id"
             " LEFT JOIN claim_lines l ON p.source_type = 'review' AND l.id = p.source_id"
             " LEFT JOIN declarations d2 ON d2.id = l.declaration_id"
             " WHERE p.status = 'open' AND p.due_date <= ? AND p.municipality_code = ?"
             " ORDER BY p.id",
             params)) {
        const Money amount = Money::fromCents(r.i64(2));
        if (amount < Money()) {
            if (r.i64(6) == 0)
                in.receivables.push_back({r.i64(0), r.i64(1), -amount, municipality});
            continue;
        }
        const std::string source = r.str(4) + ":" + r.str(5);
        const std::string reference =
            r.isNull(7) ? (r.str(4) == "advance" ? "Adv" : r.str(4)) : r.str(7);
        in.payables.push_back({r.i64(0), r.i64(1), amount, parseDate(r.str(3)), source, reference,
                               r.i64(6) != 0, municipality});
    }
    // Each provider is paid the account approved and valid on the run's execution date
    // (provider_bank_accounts, migration 0039), in the name of that account's holder.
    const std::string execution =
        ctx_.db.queryOne("SELECT execution_date FROM payment_runs WHERE id = ?", {run_id})->str(0);
    for (const auto& r : ctx_.db.query(
             "SELECT v.id, " + accountHolderOn("?") + ", " + accountIbanOn("?") +
                 ", v.blocked_reason FROM providers v WHERE v.id IN (SELECT provider_id FROM"
                 " payables WHERE municipality_code = ? AND status = 'open') ORDER BY v.id",
             {execution, execution, municipality})) {
        in.providers.push_back({r.i64(0), r.str(1), Iban::parse(r.str(2)),
                                MunicipalityCode::parse(municipality), !r.isNull(3),
                                r.opt(3).value_or("")});
    }
    return in;
}

// Stores the composed run: one instruction per transfer, and per payable what happened to it.
// Offsets of a provider's municipality are stored under its transfer; when there is none (the
// claw-backs cover all it is owed, FullyOffset) its payables ('paid') and the claw-backs used
// ('offset', the used part) are stored without an instruction and settled at approval
// (settleOffsets), where a claw-back used in part is split.
void MariaDbPaymentRuns::storeRun(const PaymentRun& run, const std::vector<DebtorAccount>& accounts,
                                  Date execution_date, const PaymentRunInput& in) {
    std::map<std::int64_t, Money> amounts;
    for (const auto& p : in.payables) amounts.emplace(p.id, p.amount);
    std::map<std::pair<std::int64_t, std::string>, std::int64_t> instructions;
    for (const auto& t : run.transfers) {
        const auto debtor = std::find_if(accounts.begin(), accounts.end(), [&](const auto& a) {
            return a.municipality_code == t.municipality;
        });
        // Nothing of municipality A is paid from an account of B.
        ZC_ASSERT(debtor != accounts.end() && "every transfer is paid from its municipality's");
        ctx_.db.execute(
            "INSERT INTO payment_instructions (run_id, provider_id, end_to_end_id, amount_cents,"
            " creditor_name, creditor_iban, debtor_iban, remittance, execution_date, status,"
            " municipality_code, debtor_account_id) VALUES (?,?,?,?,?,?,?,?,?,'prepared',?,?)",
            {run.run_id, t.provider_id, t.end_to_end_id, t.amount.cents(),
             t.creditor_name.substr(0, 70), t.creditor_iban, debtor->iban.str(), t.remittance,
             formatDate(execution_date), t.municipality, debtor->id});
        const auto instruction = ctx_.db.lastInsertId();
        instructions[{t.provider_id, t.municipality}] = instruction;
        for (const auto payable_id : t.payable_ids) {
            storeItem(ctx_.db, run.run_id, payable_id, instruction, amounts.at(payable_id), "paid",
                      "");
        }
    }
    for (const auto& u : run.offsets) {
        const auto t = instructions.find({u.provider_id, u.municipality});
        storeItem(
            ctx_.db, run.run_id, u.receivable_id,
            t == instructions.end() ? std::nullopt : std::optional(t->second), -u.used, "offset",
            u.remaining > Money() ? "verrekend; resterend " + u.remaining.toString() : "verrekend");
    }
    for (const auto& l : run.left_out) {
        if (l.reason == LeftOutReason::FullyOffset) {  // settled by the offsets, no transfer
            storeItem(ctx_.db, run.run_id, l.payable_id, std::nullopt, l.amount, "paid",
                      leftOutReasonName(l.reason) + ": " + l.detail);
            continue;
        }
        storeItem(ctx_.db, run.run_id, l.payable_id, std::nullopt, l.amount, "left_out",
                  leftOutReasonName(l.reason) + ": " + l.detail);
    }
    ctx_.db.execute(
        "UPDATE payment_runs SET message_id = ?, control_sum_cents = ?, transactions = ?"
        " WHERE id = ?",
        {"ZC-RUN-" + std::to_string(run.run_id), run.control_sum.cents(),
         static_cast<std::int64_t>(run.count), run.run_id});
}

std::optional<RunForApproval> MariaDbPaymentRuns::lockRun(std::int64_t run_id) {
    auto r = ctx_.db.queryOne(
        "SELECT id, status, prepared_by, municipality_code, execution_date, message_id"
        " FROM payment_runs WHERE id = ? FOR UPDATE",
        {run_id});
    if (!r) return std::nullopt;
    const auto status = parsePaymentRunStatus(r->str(1));
    ZC_ASSERT(status.has_value() && "ck_run_status admits only the known statuses");
    return RunForApproval{r->i64(0), *status, r->str(2), r->str(3), parseDate(r->str(4)),
                          r->str(5)};
}

std::optional<std::string> MariaDbPaymentRuns::staleReason(std::int64_t run_id) {
    auto stale = ctx_.db.queryOne(
        "SELECT i.payable_id FROM payment_run_items i JOIN payables p ON p.id = i.payable_id"
        " WHERE i.run_id = ? AND i.outcome IN ('paid','offset') AND (p.status <> 'open'"
        " OR p.disputed_reason IS NOT NULL OR (i.outcome = 'paid' AND p.amount_cents <>"
        " i.amount_cents) OR (i.outcome = 'offset' AND p.amount_cents > i.amount_cents)) LIMIT 1",
        {run_id});
    if (stale) {
        return "Payable " + stale->str(0) +
               " changed since the run was prepared (paid elsewhere, disputed or changed);"
               " prepare a new run.";
    }
    auto blocked = ctx_.db.queryOne(
        "SELECT v.id FROM payment_instructions i JOIN providers v ON v.id = i.provider_id"
        " WHERE i.run_id = ? AND v.blocked_reason IS NOT NULL LIMIT 1",
        {run_id});
    if (blocked) {
        return "Provider " + blocked->str(0) +
               " was blocked since the run was prepared; prepare a new run.";
    }
    return changedAccount(ctx_.db, run_id);
}

DebtorAccount MariaDbPaymentRuns::debtorAccount(const std::string& municipality_code,
                                                std::optional<std::int64_t> chosen) {
    if (!ctx_.db.queryOne("SELECT code FROM municipalities WHERE code = ?", {municipality_code})) {
        throw ValidationError("NOT_FOUND", "Municipality " + municipality_code + " does not exist.",
                              "municipality_code");
    }
    auto d = ctx_.db.queryOne(
        "SELECT id, name, iban, bic FROM debtor_accounts WHERE municipality_code = ? AND active = 1"
        " AND (id = ? OR (? IS NULL AND is_default = 1))",
        {municipality_code, chosen ? db::Param(*chosen) : db::Param(nullptr),
         chosen ? db::Param(*chosen) : db::Param(nullptr)});
    if (!d && chosen) {
        throw ValidationError("INVALID_FIELD",
                              "Account " + std::to_string(*chosen) +
                                  " is no active debtor account of " + municipality_code + ".",
                              "accounts." + municipality_code);
    }
    if (!d) {
        throw ValidationError(
            "NO_DEBTOR_ACCOUNT",
            "Municipality " + municipality_code + " has no debtor account; set it first (finance).",
            "municipality_code");
    }
    return {d->str(1), Iban::parse(d->str(2)), d->opt(3).value_or(""), d->i64(0),
            municipality_code};
}

std::vector<DebtorAccount> MariaDbPaymentRuns::runAccounts(std::int64_t run_id) {
    std::vector<DebtorAccount> out;
    for (const auto& d : ctx_.db.query(
             "SELECT d.id, d.name, d.iban, d.bic, a.municipality_code FROM payment_run_accounts a"
             " JOIN debtor_accounts d ON d.id = a.debtor_account_id WHERE a.run_id = ?"
             " ORDER BY a.municipality_code",
             {run_id})) {
        out.push_back({d.str(1), Iban::parse(d.str(2)), d.opt(3).value_or(""), d.i64(0), d.str(4)});
    }
    return out;
}

std::vector<RunTransfer> MariaDbPaymentRuns::transfers(std::int64_t run_id) {
    std::vector<RunTransfer> out;
    for (const auto& t : ctx_.db.query(
             "SELECT id, provider_id, end_to_end_id, amount_cents, creditor_name, creditor_iban,"
             " remittance, COALESCE(municipality_code, ''), COALESCE(debtor_account_id, 0)"
             " FROM payment_instructions WHERE run_id = ? ORDER BY provider_id, municipality_code",
             {run_id})) {
        out.push_back({t.i64(0), t.i64(1), t.str(2), Money::fromCents(t.i64(3)), t.str(4),
                       Iban::parse(t.str(5)), t.str(6), t.str(7), t.i64(8)});
    }
    return out;
}

void MariaDbPaymentRuns::markSent(const RunTransfer& transfer, const JournalEntry& payment) {
    ctx_.db.execute("UPDATE payment_instructions SET status = 'sent' WHERE id = ?",
                    {transfer.instruction_id});
    ctx_.db.execute(
        "UPDATE payables SET status = 'in_run', instruction_id = ? WHERE id IN"
        " (SELECT payable_id FROM payment_run_items WHERE instruction_id = ?)",
        {transfer.instruction_id, transfer.instruction_id});
    postJournal(ctx_, payment);
}

// Per claw-back the run used ('offset' item, −used): when it was owed more than was used, the
// rest is split off into a new open payable 'remainder' (same municipality, provider and due
// date; split_from_id and source_id = the original), and the original keeps −used. The payable
// account's total is unchanged, so no journal. Then what was settled without a transfer is paid
// now, and every claw-back used records the run (offset_run_id).
void MariaDbPaymentRuns::settleOffsets(std::int64_t run_id) {
    const std::string now = timestamp(ctx_.clock);
    for (const auto& r : ctx_.db.query(
             "SELECT p.id, p.amount_cents - i.amount_cents FROM payment_run_items i"
             " JOIN payables p ON p.id = i.payable_id WHERE i.run_id = ? AND i.outcome = 'offset'"
             " AND p.amount_cents < i.amount_cents ORDER BY p.id FOR UPDATE",
             {run_id})) {
        ctx_.db.execute(
            "INSERT INTO payables (municipality_code, provider_id, source_type, source_id,"
            " amount_cents, due_date, created_at, split_from_id) SELECT municipality_code,"
            " provider_id, 'remainder', id, ?, due_date, ?, id FROM payables WHERE id = ?",
            {r.i64(1), now, r.i64(0)});
        ctx_.db.execute(
            "UPDATE payables p JOIN payment_run_items i ON i.payable_id = p.id AND i.run_id = ?"
            " AND i.outcome = 'offset' SET p.amount_cents = i.amount_cents WHERE p.id = ?",
            {run_id, r.i64(0)});
    }
    changePaidFigures(ctx_.db, PaidChange::Offset, run_id, now);
    ctx_.db.execute(
        "UPDATE payables p JOIN payment_run_items i ON i.payable_id = p.id SET p.status = 'paid',"
        " p.paid_at = ? WHERE i.run_id = ? AND i.instruction_id IS NULL AND i.outcome IN"
        " ('paid','offset') AND p.status = 'open'",
        {now, run_id});
    ctx_.db.execute(
        "UPDATE payables p JOIN payment_run_items i ON i.payable_id = p.id SET p.offset_run_id = ?"
        " WHERE i.run_id = ? AND (i.outcome = 'offset' OR (i.outcome = 'paid' AND"
        " i.instruction_id IS NULL))",
        {run_id, run_id});
}

void MariaDbPaymentRuns::recordApproval(std::int64_t run_id, const std::string& approver,
                                        const PaymentFile& file) {
    ctx_.db.execute(
        "UPDATE payment_runs SET status = ?, approved_by = ?, approved_at = ?, pain001 = ?,"
        " pain001_sha256 = ? WHERE id = ?",
        {std::string(paymentRunStatusName(PaymentRunStatus::Approved)), approver,
         timestamp(ctx_.clock), db::LongText{&file.content}, file.sha256, run_id});
}

void MariaDbPaymentRuns::recordCancellation(std::int64_t run_id, const std::string& by,
                                            const std::string& reason) {
    ctx_.db.execute(
        "UPDATE payment_runs SET status = ?, cancelled_by = ?, cancelled_at = ?,"
        " cancel_reason = ? WHERE id = ?",
        {std::string(paymentRunStatusName(PaymentRunStatus::Cancelled)), by, timestamp(ctx_.clock),
         reason.substr(0, 400), run_id});
    ctx_.db.execute(
        "UPDATE payment_instructions SET status = 'cancelled' WHERE run_id = ? AND status ="
        " 'prepared'",
        {run_id});
}

}  // namespace zc::invoicing
