#include "bank_statement_lists_api.hpp"

#include "invoicing/app/bank_statement_lists.hpp"
#include "json_output.hpp"

namespace zc::http {

ApiResponse listBankStatements(RequestContext& ctx, const ApiRequest& req) {
    const auto page = pageFrom(req.query);
    const auto list = invoicing::listBankStatements(ctx, page.limit, page.offset);
    auto out = newArray();
    for (const auto& s : list.items) {
        auto o = newObject();
        o->set("id", s.id);
        o->set("account_iban", s.account_iban);
        o->set("statement_id", s.statement_id);
        o->set("from_date", s.from_date);
        o->set("to_date", s.to_date);
        o->set("opening_cents", s.opening_cents);
        o->set("closing_cents", s.closing_cents);
        o->set("imported_at", isoTimestamp(s.imported_at));
        o->set("imported_by", s.imported_by);
        o->set("entries", s.entries);
        o->set("booked", s.booked);
        o->set("returned", s.returned);
        o->set("unmatched", s.unmatched);
        o->set("resolved", s.resolved);
        o->set("chain_status", s.chain_status);
        setOptional(o, "chain_detail", s.chain_detail);
        o->set("chain_resolved", s.chain_resolved_at.has_value());
        out->add(o);
    }
    return pagedAnswer(out, list.total);
}

ApiResponse listResolvedWorkItems(RequestContext& ctx, const ApiRequest& req) {
    const auto page = pageFrom(req.query);
    const auto list = invoicing::listResolvedWorkItems(ctx, page.limit, page.offset);
    auto out = newArray();
    for (const auto& r : list.items) {
        auto o = newObject();
        o->set("kind", r.kind);
        o->set("id", r.id);
        o->set("account_iban", r.account_iban);
        o->set("statement_id", r.statement_id);
        o->set("amount_cents", r.amount_cents);
        o->set("credit", r.credit);
        setOptional(o, "booking_date", r.booking_date);
        setOptional(o, "end_to_end_id", r.end_to_end_id);
        setOptional(o, "counterparty_name", r.counterparty_name);
        o->set("outcome", r.outcome);
        setOptional(o, "reason", r.reason);
        setOptionalInt(o, "instruction_id", r.instruction_id);
        o->set("resolution", r.resolution);
        o->set("resolved_by", r.resolved_by);
        o->set("resolved_at", isoTimestamp(r.resolved_at));
        out->add(o);
    }
    return pagedAnswer(out, list.total);
}

}  // namespace zc::http
