// Payment runs over HTTP: the requests and answers of preparing (invoicing/app
// payment_run_preparation) and approving (payment_run_approval, with the pain.001 writer), reading
// runs, integrity blocks, disputes and balances.
#include "payments.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <algorithm>
#include <map>

#include "context.hpp"
#include "contracting/kernel/errors.hpp"
#include "interfaces/iso20022/bank_schemas.hpp"
#include "interfaces/iso20022/pain001.hpp"
#include "interfaces/security/crypto.hpp"
#include "interfaces/xml/stream_reader.hpp"
#include "invoicing/app/payment_run_approval.hpp"
#include "invoicing/app/payment_run_preparation.hpp"
#include "invoicing/domain/payment_run.hpp"
#include "invoicing/store/ledger_store.hpp"

namespace zc::app {
namespace {

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

// ---- approving a run -------------------------------------------------------------------------

std::string creationDateTime(const Clock& clock) {
    const std::string ts = timestamp(clock);  // "YYYY-MM-DD HH:MM:SS.ffffff"
    return ts.substr(0, 10) + "T" + ts.substr(11, 8);
}

// The approval's PaymentFileWriter: the order as a pain.001.001.03, which must satisfy our XSD
// (written from the ISO 20022 message definition) before it is stored.
class Pain001File final : public invoicing::PaymentFileWriter {
  public:
    invoicing::PaymentFile write(const invoicing::PaymentOrder& order) override {
        const auto& debtor = order.debtor;
        iso20022::PaymentBlock block{order.message_id + "-1", debtor.name, debtor.iban, debtor.bic,
                                     order.execution_date,    false,       {}};
        for (const auto& t : order.transfers) {
            block.transfers.push_back(
                {t.end_to_end_id, t.amount, t.creditor_name, t.creditor_iban, "", t.remittance});
        }
        iso20022::PaymentInitiation init;
        init.message_id = order.message_id;
        init.creation_date_time = order.created_at;
        init.initiating_party = debtor.name;
        init.blocks.push_back(std::move(block));
        std::string xml = iso20022::writePain001(init);
        requireValid(xml, order.message_id);
        const std::string sha = security::sha256Hex(xml);
        return {std::move(xml), sha};
    }

  private:
    static void requireValid(const std::string& xml, const std::string& message_id) {
        xml::CallbackSink ignore([](const xml::Element&, const std::vector<std::string>&) {});
        xml::Limits limits;
        limits.max_bytes = std::max<std::size_t>(limits.max_bytes, xml.size());
        limits.max_elements = std::max<std::size_t>(limits.max_elements, xml.size() / 8);
        const auto check = xml::streamValidate(iso20022::bankSchemas(), xml, limits, {}, ignore);
        if (!check.problems.empty()) {
            throw std::runtime_error("the pain.001 " + message_id + " does not satisfy the XSD: " +
                                     check.problems.front().message);
        }
    }
};

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
    invoicing::RunRequest request{requiredString(req.body, "municipality_code", 4),
                                  requiredDate(req.body, "due_until"),
                                  optionalDate(req.body, "execution_date"),
                                  std::nullopt,
                                  ctx.actor.name,
                                  ctx.today()};
    if (req.body->has("provider_ids")) request.provider_ids = intArray(req.body, "provider_ids");
    db::Transaction tx(ctx.db);
    invoicing::MariaDbPaymentRuns runs(ctx);
    const auto run_id = invoicing::preparePaymentRun(runs, request);
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
    invoicing::MariaDbPaymentRuns runs(ctx);
    Pain001File pain001;
    invoicing::approvePaymentRun(runs, pain001,
                                 {id, ctx.actor.name, ctx.today(), creationDateTime(ctx.clock)});
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
