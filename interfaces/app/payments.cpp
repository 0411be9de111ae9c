// Payment runs: composition (zc::invoicing::composePaymentRun), four-eyes approval, the ledger
// postings of sent payments and the pain.001 export (zc::iso20022::writePain001).
#include "payments.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <algorithm>
#include <map>

#include "audit.hpp"
#include "contracting/kernel/errors.hpp"
#include "interfaces/iso20022/pain001.hpp"
#include "interfaces/security/crypto.hpp"
#include "interfaces/xml/stream_reader.hpp"
#include "invoicing/domain/payment_run.hpp"
#include "invoicing/store/ledger_store.hpp"
#include "json_input.hpp"
#include "json_output.hpp"
#include "statements.hpp"

namespace zc::app {
namespace {

std::string requiredReason(const ApiRequest& req) {
    const auto reason = requiredString(req.body, "reason", 400);
    if (reason.size() < 3) {
        throw ValidationError("REASON_REQUIRED", "Give a reason (at least 3 characters).",
                              "reason");
    }
    return reason;
}

std::string optionalText(const db::Row& r, std::size_t i) { return r.opt(i).value_or(""); }

// ---- reading a run ---------------------------------------------------------------------------

constexpr const char* kRunColumns =
    "SELECT id, municipality_code, due_until, execution_date, status, prepared_by, prepared_at,"
    " approved_by, approved_at, message_id, control_sum_cents, transactions, pain001_sha256"
    " FROM payment_runs";

Poco::JSON::Object::Ptr runJson(const db::Row& r) {
    auto o = newObject();
    o->set("id", r.i64(0));
    o->set("municipality_code", r.str(1));
    o->set("due_until", r.str(2));
    o->set("execution_date", r.str(3));
    o->set("status", r.str(4));
    o->set("prepared_by", r.str(5));
    o->set("prepared_at", isoTimestamp(r.str(6)));
    setOptional(o, "approved_by", r.opt(7));
    if (!r.isNull(8)) o->set("approved_at", isoTimestamp(r.str(8)));
    o->set("message_id", r.str(9));
    o->set("control_sum_cents", r.i64(10));
    o->set("transactions", r.i64(11));
    setOptional(o, "pain001_sha256", r.opt(12));
    return o;
}

Poco::JSON::Object::Ptr runDetailJson(RequestContext& ctx, std::int64_t id) {
    auto r = ctx.db.queryOne(std::string(kRunColumns) + " WHERE id = ?", {id});
    if (!r) notFound("Payment run " + std::to_string(id), "id");
    auto o = runJson(*r);
    auto transfers = newArray();
    for (const auto& t : ctx.db.query(
             "SELECT id, provider_id, end_to_end_id, amount_cents, creditor_name, creditor_iban,"
             " remittance, status, return_reason FROM payment_instructions WHERE run_id = ?"
             " ORDER BY provider_id",
             {id})) {
        auto x = newObject();
        x->set("id", t.i64(0));
        x->set("provider_id", t.i64(1));
        x->set("end_to_end_id", t.str(2));
        x->set("amount_cents", t.i64(3));
        x->set("creditor_name", t.str(4));
        x->set("creditor_iban", t.str(5));
        x->set("remittance", t.str(6));
        x->set("status", t.str(7));
        setOptional(x, "return_reason", t.opt(8));
        transfers->add(x);
    }
    o->set("transfers", transfers);
    auto items = newArray();
    for (const auto& i : ctx.db.query(
             "SELECT i.payable_id, p.provider_id, i.instruction_id, i.amount_cents, i.outcome,"
             " i.reason FROM payment_run_items i JOIN payables p ON p.id = i.payable_id"
             " WHERE i.run_id = ? ORDER BY i.id",
             {id})) {
        auto x = newObject();
        x->set("payable_id", i.i64(0));
        x->set("provider_id", i.i64(1));
        setOptionalInt(x, "instruction_id", i.optI64(2));
        x->set("amount_cents", i.i64(3));
        x->set("outcome", i.str(4));
        setOptional(x, "reason", i.opt(5));
        items->add(x);
    }
    o->set("items", items);
    return o;
}

// ---- preparing a run -------------------------------------------------------------------------

struct Debtor {
    std::string name;
    Iban iban;
    std::string bic;
};

Debtor debtorOf(RequestContext& ctx, const std::string& municipality) {
    auto m = ctx.db.queryOne(
        "SELECT name, debtor_iban, debtor_bic, debtor_name FROM municipalities WHERE code = ?",
        {municipality});
    if (!m) notFound("Municipality " + municipality, "municipality_code");
    if (m->isNull(1)) {
        throw ValidationError(
            "NO_DEBTOR_ACCOUNT",
            "Municipality " + municipality + " has no debtor account; set it first (finance).",
            "municipality_code");
    }
    return {m->opt(3).value_or(m->str(0)), Iban::parse(m->str(1)), optionalText(*m, 2)};
}

// The open payables due by `due_until` of the municipality's providers, as the composer wants
// them: positive ones to pay, negative ones (claw-backs, net credits) as receivables.
invoicing::PaymentRunInput runInput(RequestContext& ctx, std::int64_t run_id,
                                    const std::string& municipality, Date due_until,
                                    std::optional<std::vector<std::int64_t>> provider_ids) {
    invoicing::PaymentRunInput in;
    in.run_id = run_id;
    in.selection.due_on_or_before = due_until;
    in.selection.provider_ids = std::move(provider_ids);
    const db::Params params{formatDate(due_until), municipality};
    for (const auto& r : ctx.db.query(
             "SELECT p.id, p.provider_id, p.amount_cents, p.due_date, p.source_type, p.source_id,"
             " p.disputed_reason IS NOT NULL, COALESCE(d.declaratie_nummer, d2.declaratie_nummer)"
             " FROM payables p"
             " LEFT JOIN declarations d ON p.source_type = 'declaration' AND d.id = p.source_id"
             " LEFT JOIN claim_lines l ON p.source_type = 'review' AND l.id = p.source_id"
             " LEFT JOIN declarations d2 ON d2.id = l.declaration_id"
             " WHERE p.status = 'open' AND p.due_date <= ? AND p.provider_id IN"
             " (SELECT provider_id FROM contracts WHERE municipality_code = ?) ORDER BY p.id",
             params)) {
        const Money amount = Money::fromCents(r.i64(2));
        if (amount < Money()) {
            if (r.i64(6) == 0) in.receivables.push_back({r.i64(0), r.i64(1), -amount});
            continue;
        }
        const std::string source = r.str(4) + ":" + r.str(5);
        const std::string reference =
            r.isNull(7) ? (r.str(4) == "advance" ? "Adv" : r.str(4)) : r.str(7);
        in.payables.push_back(
            {r.i64(0), r.i64(1), amount, parseDate(r.str(3)), source, reference, r.i64(6) != 0});
    }
    for (const auto& r : ctx.db.query(
             "SELECT id, name, iban, blocked_reason FROM providers WHERE id IN"
             " (SELECT provider_id FROM contracts WHERE municipality_code = ?) ORDER BY id",
             {municipality})) {
        in.providers.push_back({r.i64(0), r.str(1), Iban::parse(r.str(2)),
                                MunicipalityCode::parse(municipality), !r.isNull(3),
                                optionalText(r, 3)});
    }
    return in;
}

void storeItem(RequestContext& ctx, std::int64_t run_id, std::int64_t payable_id,
               std::optional<std::int64_t> instruction_id, Money amount, const std::string& outcome,
               const std::string& reason) {
    ctx.db.execute(
        "INSERT INTO payment_run_items (run_id, payable_id, instruction_id, amount_cents, outcome,"
        " reason) VALUES (?,?,?,?,?,?)",
        {run_id, payable_id, instruction_id ? db::Param(*instruction_id) : db::Param(nullptr),
         amount.cents(), outcome, reason.empty() ? db::Param(nullptr) : db::Param(reason)});
}

// Stores the composed run: one instruction per transfer, and per payable what happened to it.
// Offsets are taken only with a transfer (then every receivable of that provider is used up);
// a provider whose claw-backs exceed what it is owed is left out whole, and all stays open.
void storeRun(RequestContext& ctx, const invoicing::PaymentRun& run, const Debtor& debtor,
              Date execution_date, const invoicing::PaymentRunInput& in) {
    std::map<std::int64_t, Money> amounts;
    for (const auto& p : in.payables) amounts.emplace(p.id, p.amount);
    for (const auto& t : run.transfers) {
        ctx.db.execute(
            "INSERT INTO payment_instructions (run_id, provider_id, end_to_end_id, amount_cents,"
            " creditor_name, creditor_iban, debtor_iban, remittance, execution_date, status)"
            " VALUES (?,?,?,?,?,?,?,?,?,'prepared')",
            {run.run_id, t.provider_id, t.end_to_end_id, t.amount.cents(),
             t.creditor_name.substr(0, 70), t.creditor_iban, debtor.iban.str(), t.remittance,
             formatDate(execution_date)});
        const auto instruction = ctx.db.lastInsertId();
        for (const auto payable_id : t.payable_ids) {
            storeItem(ctx, run.run_id, payable_id, instruction, amounts.at(payable_id), "paid", "");
        }
        for (const auto& u : run.offsets) {
            if (u.provider_id != t.provider_id) continue;
            ZC_ASSERT(u.remaining == Money() && "with a transfer every claw-back is used up");
            storeItem(ctx, run.run_id, u.receivable_id, instruction, -u.used, "offset",
                      "verrekend");
        }
    }
    for (const auto& l : run.left_out) {
        storeItem(ctx, run.run_id, l.payable_id, std::nullopt, l.amount, "left_out",
                  invoicing::leftOutReasonName(l.reason) + ": " + l.detail);
    }
}

// ---- approving a run -------------------------------------------------------------------------

void requireUnchanged(RequestContext& ctx, std::int64_t run_id) {
    auto stale = ctx.db.queryOne(
        "SELECT i.payable_id FROM payment_run_items i JOIN payables p ON p.id = i.payable_id"
        " WHERE i.run_id = ? AND i.outcome IN ('paid','offset') AND (p.status <> 'open'"
        " OR p.amount_cents <> i.amount_cents OR p.disputed_reason IS NOT NULL) LIMIT 1",
        {run_id});
    auto blocked = ctx.db.queryOne(
        "SELECT v.id FROM payment_instructions i JOIN providers v ON v.id = i.provider_id"
        " WHERE i.run_id = ? AND v.blocked_reason IS NOT NULL LIMIT 1",
        {run_id});
    if (stale || blocked) {
        throw ValidationError(
            "RUN_STALE",
            stale ? "Payable " + stale->str(0) +
                        " changed since the run was prepared (paid elsewhere, disputed or changed);"
                        " prepare a new run."
                  : "Provider " + blocked->str(0) +
                        " was blocked since the run was prepared;"
                        " prepare a new run.",
            "id");
    }
}

std::string creationDateTime(const Clock& clock) {
    const std::string ts = timestamp(clock);  // "YYYY-MM-DD HH:MM:SS.ffffff"
    return ts.substr(0, 10) + "T" + ts.substr(11, 8);
}

// Marks the instructions sent and their payables in_run, posts each payment to the ledger and
// returns the pain.001 initiation of the run.
iso20022::PaymentInitiation sendRun(RequestContext& ctx, std::int64_t run_id, const db::Row& run) {
    const Debtor debtor = debtorOf(ctx, run.str(1));
    iso20022::PaymentBlock block{run.str(9) + "-1",     debtor.name, debtor.iban, debtor.bic,
                                 parseDate(run.str(3)), false,       {}};
    for (const auto& t : ctx.db.query(
             "SELECT id, provider_id, end_to_end_id, amount_cents, creditor_name, creditor_iban,"
             " remittance FROM payment_instructions WHERE run_id = ? ORDER BY provider_id",
             {run_id})) {
        const Money amount = Money::fromCents(t.i64(3));
        ctx.db.execute("UPDATE payment_instructions SET status = 'sent' WHERE id = ?", {t.i64(0)});
        ctx.db.execute(
            "UPDATE payables SET status = 'in_run', instruction_id = ? WHERE id IN"
            " (SELECT payable_id FROM payment_run_items WHERE instruction_id = ?)",
            {t.i64(0), t.i64(0)});
        postJournal(ctx, invoicing::postPaymentSent(t.i64(1), debtor.iban, amount,
                                                    "instruction:" + t.str(0), ctx.today()));
        block.transfers.push_back(
            {t.str(2), amount, t.str(4), Iban::parse(t.str(5)), "", t.str(6)});
    }
    iso20022::PaymentInitiation init;
    init.message_id = run.str(9);
    init.creation_date_time = creationDateTime(ctx.clock);
    init.initiating_party = debtor.name;
    init.blocks.push_back(std::move(block));
    return init;
}

}  // namespace

ApiResponse setDebtorAccount(RequestContext& ctx, const ApiRequest& req) {
    const auto code = req.pathParam("code");
    const auto iban = Iban::parse(requiredString(req.body, "iban", 34), "iban");
    const auto bic = optionalString(req.body, "bic", 11);
    const auto name = requiredString(req.body, "name", 70);
    db::Transaction tx(ctx.db);
    if (ctx.db.execute("UPDATE municipalities SET debtor_iban = ?, debtor_bic = ?, debtor_name = ?"
                       " WHERE code = ?",
                       {iban.str(), bic ? db::Param(*bic) : db::Param(nullptr), name, code}) == 0 &&
        !ctx.db.queryOne("SELECT code FROM municipalities WHERE code = ?", {code})) {
        notFound("Municipality " + code, "code");
    }
    auto out = newObject();
    out->set("municipality_code", code);
    out->set("iban", iban.str());
    setOptional(out, "bic", bic);
    out->set("name", name);
    appendAudit(ctx, {"municipality.debtor_account", "municipality", code, "ok", std::nullopt,
                      toJson(Poco::Dynamic::Var(out))});
    tx.commit();
    return {200, out};
}

namespace {

ApiResponse setBlock(RequestContext& ctx, const ApiRequest& req, bool block) {
    const auto id = req.pathId("id");
    const auto reason = requiredReason(req);
    db::Transaction tx(ctx.db);
    auto p = ctx.db.queryOne("SELECT blocked_reason FROM providers WHERE id = ? FOR UPDATE", {id});
    if (!p) notFound("Provider " + std::to_string(id), "id");
    if (block) {
        ctx.db.execute(
            "UPDATE providers SET blocked_reason = ?, blocked_at = ?, blocked_by = ? WHERE id = ?",
            {reason, timestamp(ctx.clock), ctx.actor.name, id});
    } else {
        ctx.db.execute(
            "UPDATE providers SET blocked_reason = NULL, blocked_at = NULL, blocked_by = NULL"
            " WHERE id = ?",
            {id});
    }
    auto out = newObject();
    out->set("provider_id", id);
    out->set("blocked", block);
    out->set("reason", reason);
    appendAudit(ctx, {block ? "provider.block" : "provider.unblock", "provider", std::to_string(id),
                      "ok", p->isNull(0) ? std::nullopt : std::optional<std::string>(p->str(0)),
                      toJson(Poco::Dynamic::Var(out))});
    tx.commit();
    return {200, out};
}

ApiResponse setDispute(RequestContext& ctx, const ApiRequest& req, bool dispute) {
    const auto id = req.pathId("id");
    const auto reason = requiredReason(req);
    db::Transaction tx(ctx.db);
    auto p = ctx.db.queryOne("SELECT status FROM payables WHERE id = ? FOR UPDATE", {id});
    if (!p) notFound("Payable " + std::to_string(id), "id");
    if (p->str(0) != "open") {
        throw ValidationError("PAYABLE_NOT_OPEN",
                              "Payable " + std::to_string(id) + " is " + p->str(0) +
                                  "; only open payables can be disputed.",
                              "id");
    }
    ctx.db.execute("UPDATE payables SET disputed_reason = ? WHERE id = ?",
                   {dispute ? db::Param(reason) : db::Param(nullptr), id});
    auto out = newObject();
    out->set("payable_id", id);
    out->set("disputed", dispute);
    out->set("reason", reason);
    appendAudit(ctx, {dispute ? "payable.dispute" : "payable.undispute", "payable",
                      std::to_string(id), "ok", std::nullopt, toJson(Poco::Dynamic::Var(out))});
    tx.commit();
    return {200, out};
}

}  // namespace

ApiResponse blockProvider(RequestContext& ctx, const ApiRequest& req) {
    return setBlock(ctx, req, true);
}
ApiResponse unblockProvider(RequestContext& ctx, const ApiRequest& req) {
    return setBlock(ctx, req, false);
}
ApiResponse disputePayable(RequestContext& ctx, const ApiRequest& req) {
    return setDispute(ctx, req, true);
}
ApiResponse undisputePayable(RequestContext& ctx, const ApiRequest& req) {
    return setDispute(ctx, req, false);
}

ApiResponse providerBalances(RequestContext& ctx, const ApiRequest& req) {
    const auto page = pageFrom(req.query);
    auto out = newArray();
    for (const auto& r :
         ctx.db.query("SELECT v.id, v.agb, v.name, v.blocked_reason, v.blocked_at,"
                      " COALESCE(SUM(CASE WHEN p.status = 'open' AND p.disputed_reason IS NULL"
                      "   THEN p.amount_cents END), 0),"
                      " COALESCE(SUM(CASE WHEN p.status = 'open' AND p.disputed_reason IS NOT NULL"
                      "   THEN p.amount_cents END), 0),"
                      " COALESCE(SUM(CASE WHEN p.status = 'in_run' THEN p.amount_cents END), 0),"
                      " COALESCE(SUM(CASE WHEN p.status = 'paid' THEN p.amount_cents END), 0)"
                      " FROM providers v LEFT JOIN payables p ON p.provider_id = v.id"
                      " GROUP BY v.id, v.agb, v.name, v.blocked_reason, v.blocked_at"
                      " ORDER BY v.name, v.id LIMIT ? OFFSET ?",
                      {page.limit, page.offset})) {
        auto o = newObject();
        o->set("provider_id", r.i64(0));
        o->set("agb", r.str(1));
        o->set("name", r.str(2));
        setOptional(o, "blocked_reason", r.opt(3));
        setOptional(o, "blocked_at", r.opt(4));
        o->set("open_cents", r.i64(5));
        o->set("disputed_cents", r.i64(6));
        o->set("in_run_cents", r.i64(7));
        o->set("paid_cents", r.i64(8));
        out->add(o);
    }
    return {200, out};
}

ApiResponse preparePaymentRun(RequestContext& ctx, const ApiRequest& req) {
    const auto municipality = requiredString(req.body, "municipality_code", 4);
    const Date due_until = requiredDate(req.body, "due_until");
    const Date execution = optionalDate(req.body, "execution_date").value_or(ctx.today());
    if (execution < ctx.today()) {
        throw ValidationError("EXECUTION_DATE_PAST", "The execution date cannot lie in the past.",
                              "execution_date");
    }
    std::optional<std::vector<std::int64_t>> providers;
    if (req.body->has("provider_ids")) providers = intArray(req.body, "provider_ids");
    db::Transaction tx(ctx.db);
    const Debtor debtor = debtorOf(ctx, municipality);
    ctx.db.execute(
        "INSERT INTO payment_runs (municipality_code, due_until, execution_date, status,"
        " prepared_by, prepared_at, message_id, control_sum_cents, transactions)"
        " VALUES (?,?,?,'prepared',?,?,'',0,0)",
        {municipality, formatDate(due_until), formatDate(execution), ctx.actor.name,
         timestamp(ctx.clock)});
    const auto run_id = ctx.db.lastInsertId();
    const auto in = runInput(ctx, run_id, municipality, due_until, std::move(providers));
    const auto run = invoicing::composePaymentRun(in);
    storeRun(ctx, run, debtor, execution, in);
    ctx.db.execute(
        "UPDATE payment_runs SET message_id = ?, control_sum_cents = ?, transactions = ?"
        " WHERE id = ?",
        {"ZC-RUN-" + std::to_string(run_id), run.control_sum.cents(),
         static_cast<std::int64_t>(run.count), run_id});
    auto out = runDetailJson(ctx, run_id);
    appendAudit(ctx,
                {"payment_run.prepare", "payment_run", std::to_string(run_id), "ok", std::nullopt,
                 toJson(Poco::Dynamic::Var(runJson(
                     *ctx.db.queryOne(std::string(kRunColumns) + " WHERE id = ?", {run_id}))))});
    tx.commit();
    return {201, out};
}

ApiResponse listPaymentRuns(RequestContext& ctx, const ApiRequest& req) {
    const auto page = pageFrom(req.query);
    auto out = newArray();
    for (const auto& r :
         ctx.db.query(std::string(kRunColumns) + " ORDER BY id DESC LIMIT ? OFFSET ?",
                      {page.limit, page.offset})) {
        out->add(runJson(r));
    }
    return {200, out};
}

ApiResponse getPaymentRun(RequestContext& ctx, const ApiRequest& req) {
    return {200, runDetailJson(ctx, req.pathId("id"))};
}

ApiResponse approvePaymentRun(RequestContext& ctx, const ApiRequest& req) {
    const auto id = req.pathId("id");
    db::Transaction tx(ctx.db);
    auto run = ctx.db.queryOne(std::string(kRunColumns) + " WHERE id = ? FOR UPDATE", {id});
    if (!run) notFound("Payment run " + std::to_string(id), "id");
    if (run->str(4) != "prepared") {
        throw ValidationError("RUN_NOT_PREPARED",
                              "Payment run " + std::to_string(id) + " is " + run->str(4) + ".",
                              "id");
    }
    if (run->str(5) == ctx.actor.name) {
        throw ValidationError("FOUR_EYES",
                              "A payment run is approved by a finance user other than the one "
                              "who prepared it.",
                              "approved_by");
    }
    requireUnchanged(ctx, id);
    const auto init = sendRun(ctx, id, *run);
    const std::string xml = iso20022::writePain001(init);
    // The file must satisfy our XSD, written from the ISO 20022 message definition.
    xml::CallbackSink ignore([](const xml::Element&, const std::vector<std::string>&) {});
    xml::Limits limits;
    limits.max_bytes = std::max<std::size_t>(limits.max_bytes, xml.size());
    limits.max_elements = std::max<std::size_t>(limits.max_elements, xml.size() / 8);
    const auto check = xml::streamValidate(bankSchemas(), xml, limits, {}, ignore);
    if (!check.problems.empty()) {
        throw std::runtime_error("the pain.001 of run " + std::to_string(id) +
                                 " does not satisfy the XSD: " + check.problems.front().message);
    }
    ctx.db.execute(
        "UPDATE payment_runs SET status = 'approved', approved_by = ?, approved_at = ?,"
        " pain001 = ?, pain001_sha256 = ? WHERE id = ?",
        {ctx.actor.name, timestamp(ctx.clock), db::LongText{&xml}, security::sha256Hex(xml), id});
    auto out = runDetailJson(ctx, id);
    appendAudit(ctx, {"payment_run.approve", "payment_run", std::to_string(id), "ok", std::nullopt,
                      std::nullopt});
    tx.commit();
    return {200, out};
}

ApiResponse downloadPain001(RequestContext& ctx, const ApiRequest& req) {
    const auto id = req.pathId("id");
    auto r = ctx.db.queryOne("SELECT status, pain001 FROM payment_runs WHERE id = ?", {id});
    if (!r) notFound("Payment run " + std::to_string(id), "id");
    if (r->isNull(1)) {
        throw ValidationError("RUN_NOT_APPROVED",
                              "The pain.001 exists once the run is approved by a second user.",
                              "id");
    }
    ApiResponse res;
    res.content_type = "application/xml; charset=utf-8";
    res.raw = r->str(1);
    return res;
}

}  // namespace zc::app
