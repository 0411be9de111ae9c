#include "payments_api.hpp"

#include <map>

#include "contracting/kernel/codes.hpp"
#include "contracting/kernel/errors.hpp"
#include "invoicing/app/payments.hpp"
#include "json_input.hpp"
#include "json_output.hpp"
#include "pain001_file.hpp"

namespace zc::http {
namespace {

Poco::JSON::Object::Ptr runJson(const invoicing::RunRow& r) {
    auto o = newObject();
    o->set("id", r.id);
    o->set("municipality_code", r.municipality_code);
    o->set("due_until", r.due_until);
    o->set("execution_date", r.execution_date);
    o->set("status", r.status);
    o->set("prepared_by", r.prepared_by);
    o->set("prepared_at", isoTimestamp(r.prepared_at));
    setOptional(o, "approved_by", r.approved_by);
    if (r.approved_at) o->set("approved_at", isoTimestamp(*r.approved_at));
    o->set("message_id", r.message_id);
    o->set("control_sum_cents", r.control_sum_cents);
    o->set("transactions", r.transactions);
    setOptional(o, "pain001_sha256", r.pain001_sha256);
    auto codes = newArray();
    for (const auto& code : r.municipality_codes) codes->add(code);
    o->set("municipality_codes", codes);
    // What the bank made of it (derived from its transfers; none before approval).
    const auto run_status = invoicing::parsePaymentRunStatus(r.status);
    const auto bank =
        run_status ? invoicing::runBankStatus(*run_status, r.transfer_counts) : std::nullopt;
    setOptional(
        o, "bank_status",
        bank ? std::optional(std::string(invoicing::runBankStatusName(*bank))) : std::nullopt);
    o->set("transfers_booked", r.transfer_counts.booked);
    o->set("transfers_returned", r.transfer_counts.returned);
    return o;
}

Poco::JSON::Object::Ptr transferJson(const invoicing::RunTransferRow& t) {
    auto x = newObject();
    x->set("id", t.id);
    x->set("provider_id", t.provider_id);
    x->set("end_to_end_id", t.end_to_end_id);
    x->set("amount_cents", t.amount_cents);
    x->set("creditor_name", t.creditor_name);
    x->set("creditor_iban", t.creditor_iban);
    x->set("remittance", t.remittance);
    x->set("status", t.status);
    setOptional(x, "return_reason", t.return_reason);
    x->set("municipality_code", t.municipality_code);
    setOptionalInt(x, "debtor_account_id", t.debtor_account_id);
    x->set("debtor_iban", t.debtor_iban);
    return x;
}

Poco::JSON::Object::Ptr itemJson(const invoicing::RunItemRow& i) {
    auto x = newObject();
    x->set("payable_id", i.payable_id);
    x->set("provider_id", i.provider_id);
    setOptionalInt(x, "instruction_id", i.instruction_id);
    x->set("amount_cents", i.amount_cents);
    x->set("outcome", i.outcome);
    setOptional(x, "reason", i.reason);
    return x;
}

Poco::JSON::Object::Ptr runDetailJson(const invoicing::RunDetail& d) {
    auto o = runJson(d.run);
    auto transfers = newArray();
    for (const auto& t : d.transfers) transfers->add(transferJson(t));
    o->set("transfers", transfers);
    auto items = newArray();
    for (const auto& i : d.items) items->add(itemJson(i));
    o->set("items", items);
    auto accounts = newArray();
    for (const auto& a : d.accounts) {
        auto x = newObject();
        x->set("municipality_code", a.municipality_code);
        setOptionalInt(x, "debtor_account_id", a.debtor_account_id);
        x->set("iban", a.iban);
        x->set("name", a.name);
        accounts->add(x);
    }
    o->set("accounts", accounts);
    o->set("stale", d.stale_reason.has_value());
    setOptional(o, "stale_reason", d.stale_reason);
    return o;
}

}  // namespace

ApiResponse setDebtorAccount(RequestContext& ctx, const ApiRequest& req) {
    invoicing::DebtorAccountChange c;
    c.municipality_code = req.pathParam("code");
    c.iban = Iban::parse(requiredString(req.body, "iban", 34), "iban").str();
    c.bic = optionalString(req.body, "bic", 11);
    c.name = requiredString(req.body, "name", 70);
    invoicing::setDebtorAccount(ctx, c);
    auto out = newObject();
    out->set("municipality_code", c.municipality_code);
    out->set("iban", c.iban);
    setOptional(out, "bic", c.bic);
    out->set("name", c.name);
    return {200, out};
}

namespace {

Poco::JSON::Object::Ptr debtorAccountJson(const invoicing::DebtorAccountRow& a) {
    auto o = newObject();
    o->set("id", a.id);
    o->set("municipality_code", a.municipality_code);
    o->set("iban", a.iban);
    setOptional(o, "bic", a.bic);
    o->set("name", a.name);
    setOptional(o, "label", a.label);
    o->set("is_default", a.is_default);
    o->set("active", a.active);
    return o;
}

}  // namespace

ApiResponse addDebtorAccount(RequestContext& ctx, const ApiRequest& req) {
    invoicing::NewDebtorAccount n;
    n.account.municipality_code = req.pathParam("code");
    n.account.iban = Iban::parse(requiredString(req.body, "iban", 34), "iban").str();
    n.account.bic = optionalString(req.body, "bic", 11);
    n.account.name = requiredString(req.body, "name", 70);
    n.label = optionalString(req.body, "label", 70);
    n.is_default = optionalBool(req.body, "is_default", false);
    return {201, debtorAccountJson(invoicing::addDebtorAccount(ctx, n))};
}

ApiResponse listDebtorAccounts(RequestContext& ctx, const ApiRequest& req) {
    const auto page = pageFrom(req.query);
    const auto list =
        invoicing::listDebtorAccounts(ctx, req.pathParam("code"), page.limit, page.offset);
    auto out = newArray();
    for (const auto& a : list.items) out->add(debtorAccountJson(a));
    return pagedAnswer(out, list.total);
}

ApiResponse providerBalances(RequestContext& ctx, const ApiRequest& req) {
    const auto page = pageFrom(req.query);
    const auto list = invoicing::providerBalances(ctx, page.limit, page.offset);
    auto out = newArray();
    for (const auto& r : list.items) {
        auto o = newObject();
        o->set("provider_id", r.provider_id);
        o->set("agb", r.agb);
        o->set("name", r.name);
        setOptional(o, "blocked_reason", r.blocked_reason);
        setOptional(o, "blocked_at", r.blocked_at);
        o->set("open_cents", r.open_cents);
        o->set("disputed_cents", r.disputed_cents);
        o->set("in_run_cents", r.in_run_cents);
        o->set("paid_cents", r.paid_cents);
        out->add(o);
    }
    return pagedAnswer(out, list.total);
}

namespace {

// "accounts": {"0166": <debtor account id>, ...}: the account to pay a municipality's
// transfers from instead of its default (optional).
std::map<std::string, std::int64_t> chosenAccounts(const Poco::JSON::Object::Ptr& body) {
    std::map<std::string, std::int64_t> out;
    if (!body->has("accounts") || body->isNull("accounts")) return out;
    const auto accounts = body->getObject("accounts");
    if (!accounts) {
        throw ValidationError("INVALID_FIELD",
                              "The field 'accounts' must be an object of municipality code to"
                              " debtor account id.",
                              "accounts");
    }
    for (const auto& name : accounts->getNames()) {
        const auto code = MunicipalityCode::parse(name, "accounts").str();
        out[code] = requiredInt(accounts, name);
    }
    return out;
}

}  // namespace

ApiResponse preparePaymentRun(RequestContext& ctx, const ApiRequest& req) {
    // "municipality_codes": [...], or the one "municipality_code" (the older form).
    std::vector<std::string> codes;
    if (req.body->has("municipality_codes")) {
        for (const auto& code : stringArray(req.body, "municipality_codes", 50)) {
            codes.push_back(MunicipalityCode::parse(code, "municipality_codes").str());
        }
    } else {
        codes.push_back(requiredString(req.body, "municipality_code", 4));
    }
    invoicing::RunRequest request{codes,
                                  requiredDate(req.body, "due_until"),
                                  optionalDate(req.body, "execution_date"),
                                  std::nullopt,
                                  ctx.actor.name,
                                  ctx.today()};
    if (req.body->has("provider_ids")) request.provider_ids = intArray(req.body, "provider_ids");
    request.accounts = chosenAccounts(req.body);
    return {201, runDetailJson(invoicing::prepareRun(ctx, request))};
}

ApiResponse listPaymentRuns(RequestContext& ctx, const ApiRequest& req) {
    invoicing::RunFilter filter;
    filter.municipality = req.queryValue("municipality");
    if (!filter.municipality.empty()) MunicipalityCode::parse(filter.municipality, "municipality");
    filter.status = req.queryValue("status");
    filter.list = listQueryFrom(req.query);
    const auto page = invoicing::listRuns(ctx, filter);
    auto out = newArray();
    for (const auto& r : page.items) out->add(runJson(r));
    return pagedAnswer(out, page.total);
}

ApiResponse getPaymentRun(RequestContext& ctx, const ApiRequest& req) {
    return {200, runDetailJson(invoicing::runDetail(ctx, req.pathId("id")))};
}

ApiResponse approvePaymentRun(RequestContext& ctx, const ApiRequest& req) {
    const auto id = req.pathId("id");
    Pain001File pain001;
    return {200, runDetailJson(invoicing::approveRun(ctx, id, pain001))};
}

ApiResponse cancelPaymentRun(RequestContext& ctx, const ApiRequest& req) {
    const auto id = req.pathId("id");
    const auto reason = requiredString(req.body, "reason", 400);
    return {200, runDetailJson(invoicing::cancelRun(ctx, id, reason))};
}

ApiResponse downloadPain001(RequestContext& ctx, const ApiRequest& req) {
    ApiResponse res;
    res.content_type = "application/xml; charset=utf-8";
    res.raw = invoicing::runPain001File(ctx, req.pathId("id"));
    return res;
}

}  // namespace zc::http
