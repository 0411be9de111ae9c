#include "statement_json.hpp"

#include "contracting/kernel/civil_date.hpp"
#include "json_text.hpp"

namespace zc::http {
namespace {

void appendLine(const invoicing::StatementLineRow& l, std::string& out) {
    JsonObjectWriter o(out);
    o.integer("amount_cents", l.amount_cents)
        .text("date", l.date)
        .text("declaration", l.declaration)
        .text("disputed_reason", l.disputed_reason)
        .text("due_date", l.due_date)
        .text("end_to_end_id", l.end_to_end_id)
        .text("municipality_code", l.municipality_code)
        .text("note", l.note)
        .text("paid_on", l.paid_on)
        .integer("payable_id", l.payable_id)
        .integer("source_id", l.source_id)
        .text("status", l.status)
        .text("type", l.type)
        .close();
}

void appendPayment(const invoicing::StatementPaymentRow& p, std::string& out) {
    JsonObjectWriter o(out);
    o.integer("amount_cents", p.amount_cents)
        .text("booked_on", p.booked_on)
        .text("end_to_end_id", p.end_to_end_id)
        .integer("instruction_id", p.instruction_id)
        .text("return_reason", p.return_reason)
        .integer("run_id", p.run_id)
        .text("status", p.status)
        .close();
}

}  // namespace

void appendStatementJson(const invoicing::ProviderStatement& s, std::string& out) {
    JsonObjectWriter o(out);
    o.integer("claimed_cents", s.claimed)
        .text("from", formatDate(s.from))
        .integer("in_transit_cents", s.in_transit);
    appendJsonArray(s.lines, appendLine, o.nested("lines"));
    o.integer("lines_total", s.lines_total)
        .integer("offsets_cents", s.offsets)
        .integer("open_balance_cents", s.open)
        .integer("paid_cents", s.paid);
    appendJsonArray(s.payments, appendPayment, o.nested("payments"));
    o.integer("payments_total", s.payments_total)
        .integer("provider_id", s.provider_id)
        .integer("returned_cents", s.returned)
        .text("to", formatDate(s.to))
        .close();
}

}  // namespace zc::http
