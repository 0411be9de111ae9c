#include "bank_statements_api.hpp"

#include "contracting/kernel/errors.hpp"
#include "interfaces/iso20022/bank_schemas.hpp"
#include "interfaces/iso20022/camt053.hpp"
#include "interfaces/security/crypto.hpp"
#include "invoicing/app/bank_statements.hpp"
#include "json_input.hpp"
#include "json_output.hpp"

namespace zc::http {
namespace {

// The statement as the use case takes it; the reader's balance check travels with it.
invoicing::BankStatementInput statementInput(const iso20022::Statement& s) {
    invoicing::BankStatementInput in;
    in.message_id = s.message_id;
    in.statement_id = s.statement_id;
    in.account_iban = s.account_iban;
    in.from = s.from;
    in.to = s.to;
    in.opening = s.opening_balance;
    in.closing = s.closing_balance;
    for (const auto& e : s.entries) {
        in.entries.push_back({e.entry_ref, e.amount, e.credit, e.status, e.booking_date,
                              e.end_to_end_id, e.counterparty_iban, e.counterparty_name,
                              e.return_reason, e.remittance});
    }
    try {
        iso20022::checkBalances(s);
    } catch (const ValidationError& problem) {
        in.balance_problem = problem;
    }
    return in;
}

Poco::JSON::Object::Ptr entryJson(const invoicing::ImportedEntry& e) {
    auto o = newObject();
    o->set("id", e.id);
    o->set("amount_cents", e.amount.cents());
    o->set("credit", e.credit);
    o->set("end_to_end_id", e.end_to_end_id);
    o->set("match_status", e.match_status);
    if (!e.reason.empty()) o->set("reason", e.reason);
    if (!e.detail.empty()) o->set("detail", e.detail);
    return o;
}

}  // namespace

ApiResponse importBankStatement(RequestContext& ctx, const ApiRequest& req) {
    const std::string text = req.rawText();
    const auto read = iso20022::readCamt053(iso20022::bankSchemas(), text);
    if (!read.ok()) {
        const auto& p = read.problems.front();
        throw ValidationError(
            p.code,
            "The statement is refused: " + p.message + " (line " + std::to_string(p.line) + ").",
            "");
    }
    const std::string sha = security::sha256Hex(text);
    std::vector<invoicing::BankStatementInput> file;
    for (const auto& s : read.statements) file.push_back(statementInput(s));
    auto statements = newArray();
    for (const auto& s : invoicing::importBankStatements(ctx, file, sha)) {
        auto o = newObject();
        o->set("statement_id", s.statement_id);
        o->set("account_iban", s.account_iban);
        auto entries = newArray();
        for (const auto& e : s.entries) entries->add(entryJson(e));
        o->set("entries", entries);
        auto chain = newObject();
        chain->set("status", s.chain_status);
        if (!s.chain_detail.empty()) chain->set("detail", s.chain_detail);
        o->set("chain", chain);
        statements->add(o);
    }
    auto out = newObject();
    out->set("statements", statements);
    return {201, out};
}

ApiResponse reconciliationWorkList(RequestContext& ctx, const ApiRequest& req) {
    invoicing::WorkListFilter filter;
    filter.kind = req.queryValue("kind");
    filter.match_status = req.queryValue("match_status");
    filter.list = listQueryFrom(req.query);
    const auto page = invoicing::reconciliationWorkList(ctx, filter);
    auto out = newArray();
    for (const auto& r : page.items) {
        auto o = newObject();
        o->set("id", r.id);
        o->set("account_iban", r.account_iban);
        o->set("statement_id", r.statement_id);
        o->set("amount_cents", r.amount_cents);
        o->set("credit", r.credit);
        setOptional(o, "booking_date", r.booking_date);
        setOptional(o, "end_to_end_id", r.end_to_end_id);
        setOptional(o, "counterparty_iban", r.counterparty_iban);
        setOptional(o, "counterparty_name", r.counterparty_name);
        setOptional(o, "return_reason", r.return_reason);
        o->set("match_status", r.match_status);
        setOptional(o, "reason", r.reason);
        o->set("kind", r.kind);
        setOptional(o, "detail", r.detail);
        out->add(o);
    }
    return pagedAnswer(out, page.total);
}

ApiResponse resolveBankEntry(RequestContext& ctx, const ApiRequest& req) {
    invoicing::EntryResolution r;
    r.entry_id = req.pathId("id");
    r.reason = requiredString(req.body, "reason", 400);
    r.instruction_id = optionalInt(req.body, "instruction_id");
    const auto status = invoicing::resolveBankEntry(ctx, r);
    auto out = newObject();
    out->set("id", r.entry_id);
    out->set("match_status", status);
    out->set("resolution", r.reason);
    return {200, out};
}

ApiResponse resolveStatementChain(RequestContext& ctx, const ApiRequest& req) {
    invoicing::ChainResolution r;
    r.statement_id = req.pathId("id");
    r.reason = requiredString(req.body, "reason", 400);
    const auto status = invoicing::resolveStatementChain(ctx, r);
    auto out = newObject();
    out->set("id", r.statement_id);
    out->set("chain_status", status);
    out->set("resolution", r.reason);
    return {200, out};
}

}  // namespace zc::http
