#include "provider_statement_api.hpp"

#include "excel_csv.hpp"
#include "export_download.hpp"
#include "invoicing/app/provider_statements.hpp"
#include "json_output.hpp"
#include "statement_json.hpp"

namespace zc::http {
namespace {

// The statement's lines for Dutch Excel (excel_csv.hpp), as CSV or .xlsx: euros, dd-mm-jjjj
// dates and Dutch headers.
ApiResponse statementFile(const invoicing::ProviderStatement& s, ExportFormat format) {
    ExcelCsv csv({"Betaalpost", "Datum", "Soort", "Declaratie", "Bedrag (€)", "Status",
                  "Vervaldatum", "End-to-end-id", "Betaald op", "Gemeente", "Notitie"},
                 format);
    for (const auto& l : s.lines) {
        csv.number(l.payable_id).date(l.date).text(l.type).text(l.declaration);
        csv.euros(l.amount_cents).text(l.status).date(l.due_date).text(l.end_to_end_id);
        csv.date(l.paid_on).text(l.municipality_code).text(l.note);
        csv.endRow();
    }
    return exportDownload(csv, "rekeningoverzicht-" + std::to_string(s.provider_id) + "-" +
                                   formatDate(s.from) + "-" + formatDate(s.to));
}

void addPayment(Poco::JSON::Object::Ptr out, const invoicing::ClaimLineTrace& t) {
    const auto& p = *t.payable;
    auto payable = newObject();
    payable->set("id", p.id);
    payable->set("amount_cents", p.amount_cents);
    payable->set("status", p.status);
    payable->set("due_date", p.due_date);
    out->set("payable", payable);
    if (!p.instruction_id) return;
    auto pay = newObject();
    pay->set("instruction_id", *p.instruction_id);
    pay->set("run_id", p.run_id);
    pay->set("end_to_end_id", p.end_to_end_id);
    pay->set("status", p.instruction_status);
    setOptional(pay, "return_reason", p.return_reason);
    out->set("payment", pay);
    if (t.bank_entry) {
        auto bank = newObject();
        bank->set("entry_id", t.bank_entry->id);
        bank->set("statement_id", t.bank_entry->statement_id);
        setOptional(bank, "booking_date", t.bank_entry->booking_date);
        bank->set("amount_cents", t.bank_entry->amount_cents);
        out->set("bank_entry", bank);
    }
}

}  // namespace

// The statement in JSON pages its lines and payments (limit, offset: the same page of each);
// the CSV and the workbook hold all of them.
ApiResponse providerStatement(RequestContext& ctx, const ApiRequest& req) {
    const std::int64_t id = req.pathId("id");
    const std::string from = req.queryValue("from"), to = req.queryValue("to");
    const std::string format = req.queryValue("format");
    if (format == "csv" || format == "xlsx") {
        return statementFile(invoicing::providerStatement(ctx, id, from, to),
                             format == "csv" ? ExportFormat::Csv : ExportFormat::Xlsx);
    }
    const auto page = pageFrom(req.query);
    const auto s = invoicing::providerStatement(
        ctx, id, from, to, app::ListQuery{page.limit, page.offset, "", "", false});
    std::string text;
    appendStatementJson(s, text);
    return jsonTextAnswer(200, std::move(text));
}

ApiResponse traceClaimLine(RequestContext& ctx, const ApiRequest& req) {
    const auto t = invoicing::traceClaimLine(ctx, req.pathId("id"));
    const auto& l = t.line;
    auto out = newObject();
    out->set("claim_line_id", t.line_id);
    out->set("reference", l.reference);
    out->set("status", l.status);
    out->set("code", l.code);
    out->set("amount_cents", l.amount_cents);
    out->set("credit", l.credit);
    out->set("municipality_code", l.municipality_code);
    auto d = newObject();
    d->set("id", l.declaration_id);
    d->set("number", l.declaration_number);
    d->set("received_at", isoTimestamp(l.received_at));
    d->set("status", l.declaration_status);
    if (l.answered_at) d->set("answered_at", isoTimestamp(*l.answered_at));
    out->set("declaration", d);
    if (t.payable) addPayment(out, t);
    return {200, out};
}

}  // namespace zc::http
