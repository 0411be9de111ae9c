// The exports of invoicing's lists and of the audit trail: payment runs, one run's items with
// their transfers, the reconciliation work list and the audit trail.
#include <map>

#include "audit_api.hpp"
#include "contracting/kernel/codes.hpp"
#include "export_download.hpp"
#include "exports_api.hpp"
#include "interfaces/security/audit_trail.hpp"
#include "invoicing/app/bank_statements.hpp"
#include "invoicing/app/payments.hpp"

namespace zc::http {
namespace {

std::string joined(const std::vector<std::string>& parts) {
    std::string out;
    for (const auto& p : parts) out += (out.empty() ? "" : " ") + p;
    return out;
}

const std::vector<std::string> kRunColumns = {
    "Id",         "Gemeente",           "Gemeenten",    "Verschuldigd tot", "Uitvoeringsdatum",
    "Status",     "Opgesteld door",     "Opgesteld op", "Goedgekeurd door", "Goedgekeurd op",
    "Bericht-id", "Controletotaal (€)", "Overboekingen"};

void addRun(ExcelCsv& csv, const invoicing::RunRow& r) {
    csv.number(r.id).text(r.municipality_code).text(joined(r.municipality_codes));
    csv.date(r.due_until).date(r.execution_date).text(r.status).text(r.prepared_by);
    csv.moment(r.prepared_at).text(r.approved_by).moment(r.approved_at.value_or(""));
    csv.text(r.message_id).euros(r.control_sum_cents).number(r.transactions);
    csv.endRow();
}

const std::vector<std::string> kItemColumns = {
    "Betaalpost",         "Aanbieder-id",  "Bedrag (€)",  "Uitkomst",         "Reden",
    "Overboeking",        "End-to-end-id", "Begunstigde", "IBAN begunstigde", "Omschrijving",
    "Status overboeking", "Retourreden",   "Gemeente",    "IBAN betaler"};

void addItem(ExcelCsv& csv, const invoicing::RunItemRow& i, const invoicing::RunTransferRow* t) {
    csv.number(i.payable_id).number(i.provider_id).euros(i.amount_cents).text(i.outcome);
    csv.text(i.reason).number(i.instruction_id);
    if (t) {
        csv.text(t->end_to_end_id).text(t->creditor_name).text(t->creditor_iban);
        csv.text(t->remittance).text(t->status).text(t->return_reason);
        csv.text(t->municipality_code).text(t->debtor_iban);
    } else {
        for (int k = 0; k < 8; ++k) csv.text("");
    }
    csv.endRow();
}

const std::vector<std::string> kWorkListColumns = {
    "Id",          "Soort",  "Rekening (IBAN)", "Afschrift",     "Boekdatum",
    "Bedrag (€)",  "Bij/af", "End-to-end-id",   "Tegenrekening", "Tegenpartij",
    "Retourreden", "Status", "Reden",           "Toelichting"};

void addWorkItem(ExcelCsv& csv, const invoicing::WorkListRow& r) {
    csv.number(r.id).text(r.kind).text(r.account_iban).text(r.statement_id);
    csv.date(r.booking_date).euros(r.amount_cents).text(r.credit ? "bij" : "af");
    csv.text(r.end_to_end_id).text(r.counterparty_iban).text(r.counterparty_name);
    csv.text(r.return_reason).text(r.match_status).text(r.reason).text(r.detail);
    csv.endRow();
}

const std::vector<std::string> kAuditColumns = {
    "Volgnummer", "Tijdstip",  "Gebruiker", "Gebruiker-id", "Rol", "Actie", "Objectsoort",
    "Object-id",  "Resultaat", "Herkomst",  "Voor",         "Na",  "Hash"};

void addAuditRow(ExcelCsv& csv, const security::AuditRow& r) {
    csv.number(r.seq).moment(r.at).text(r.actor).number(r.actor_id).text(r.actor_role);
    csv.text(r.action).text(r.object_type).text(r.object_id).text(r.result).text(r.origin);
    csv.text(r.before).text(r.after).text(r.hash);
    csv.endRow();
}

}  // namespace

ApiResponse exportPaymentRuns(RequestContext& ctx, const ApiRequest& req) {
    const std::string municipality = req.queryValue("municipality");
    if (!municipality.empty()) MunicipalityCode::parse(municipality, "municipality");
    ExcelCsv csv(kRunColumns, exportFormat(req));
    forEachChunk<invoicing::RunRow>(
        [&](const app::ListQuery& page) {
            invoicing::RunFilter filter;
            filter.municipality = municipality;
            filter.list = page;
            return invoicing::listRuns(ctx, filter);
        },
        [&](const invoicing::RunRow& r) { addRun(csv, r); });
    auditExport(ctx, "payment_runs", {{"municipality", municipality}}, csv.rows());
    return exportDownload(csv, "betaalruns");
}

ApiResponse exportRunItems(RequestContext& ctx, const ApiRequest& req) {
    const auto id = req.pathId("id");
    const auto run = invoicing::runDetail(ctx, id);
    requireExportSize(static_cast<std::int64_t>(run.items.size()));
    std::map<std::int64_t, const invoicing::RunTransferRow*> transfers;
    for (const auto& t : run.transfers) transfers[t.id] = &t;
    ExcelCsv csv(kItemColumns, exportFormat(req));
    for (const auto& i : run.items) {
        const auto t = i.instruction_id ? transfers.find(*i.instruction_id) : transfers.end();
        addItem(csv, i, t == transfers.end() ? nullptr : t->second);
    }
    auditExport(ctx, "payment_run/" + std::to_string(id) + "/items", {}, csv.rows());
    return exportDownload(csv, "betaalrun-" + std::to_string(id) + "-posten");
}

ApiResponse exportWorkList(RequestContext& ctx, const ApiRequest& req) {
    ExcelCsv csv(kWorkListColumns, exportFormat(req));
    forEachChunk<invoicing::WorkListRow>(
        [&](const app::ListQuery& page) {
            invoicing::WorkListFilter filter;
            filter.list = page;
            return invoicing::reconciliationWorkList(ctx, filter);
        },
        [&](const invoicing::WorkListRow& r) { addWorkItem(csv, r); });
    auditExport(ctx, "work_list", {}, csv.rows());
    return exportDownload(csv, "werklijst");
}

ApiResponse exportAudit(RequestContext& ctx, const ApiRequest& req) {
    const std::map<std::string, std::string> filters = {
        {"actor", req.queryValue("actor")},         {"object_type", req.queryValue("object_type")},
        {"object_id", req.queryValue("object_id")}, {"action", req.queryValue("action")},
        {"from", req.queryValue("from")},           {"to", req.queryValue("to")}};
    security::AuditFilter filter{.actor = filters.at("actor"),
                                 .object_type = filters.at("object_type"),
                                 .object_id = filters.at("object_id"),
                                 .action = filters.at("action"),
                                 .from = auditDayBound(filters.at("from"), "from", 0),
                                 .to = auditDayBound(filters.at("to"), "to", 1),
                                 .list = {}};
    ExcelCsv csv(kAuditColumns, exportFormat(req));
    forEachChunk<security::AuditRow>(
        [&](const app::ListQuery& page) {
            filter.list = page;
            return security::auditPage(ctx.db, filter);
        },
        [&](const security::AuditRow& r) { addAuditRow(csv, r); });
    auditExport(ctx, "audit", filters, csv.rows());
    return exportDownload(csv, "audittrail");
}

}  // namespace zc::http
