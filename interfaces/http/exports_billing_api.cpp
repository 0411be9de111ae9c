// The exports of billing's lists: the review queue, declarations and one declaration's lines.
#include "billing/app/declarations.hpp"
#include "billing/app/review_queue.hpp"
#include "export_download.hpp"
#include "exports_api.hpp"

namespace zc::http {
namespace {

const std::vector<std::string> kReviewColumns = {
    "Id",           "Declaratie", "Aanbieder (AGB)", "Aanbieder",     "Prestatie",
    "Toewijzing",   "Product",    "Begin periode",   "Eind periode",  "Volume",
    "Eenheid",      "Bedrag (€)", "Retourcode",      "Melding",       "Status",
    "Uiterlijk op", "Te laat",    "Geëscaleerd",     "Besloten door", "Reden"};

void addReview(ExcelCsv& csv, const billing::ReviewView& v) {
    const auto& r = v.review;
    csv.number(r.id).text(r.declaration_number).text(r.provider_agb).text(r.provider_name);
    csv.text(r.reference).number(r.allocation_number).text(r.product_code);
    csv.date(r.period_start).date(r.period_end).number(r.volume).text(r.unit);
    csv.euros(r.amount_cents).text(r.code).text(r.message);
    csv.text(std::string(billing::reviewStatusName(r.status))).date(r.due_date);
    csv.yesNo(v.overdue).yesNo(r.escalated).text(r.decided_by).text(r.reason);
    csv.endRow();
}

const std::vector<std::string> kDeclarationColumns = {"Id",
                                                      "Nummer",
                                                      "Aanbieder (AGB)",
                                                      "Aanbieder",
                                                      "Bron",
                                                      "Begin periode",
                                                      "Eind periode",
                                                      "Ontvangen op",
                                                      "Ingediend (€)",
                                                      "Toegekend (€)",
                                                      "Status",
                                                      "Retourcode",
                                                      "Antwoord uiterlijk",
                                                      "Gemeente"};

void addDeclaration(ExcelCsv& csv, const billing::DeclarationListRow& d) {
    csv.number(d.id).text(d.number).text(d.provider_agb).text(d.provider_name).text(d.source);
    csv.date(d.period_start).date(d.period_end).moment(d.received_at);
    csv.euros(d.submitted_cents).euros(d.awarded_cents).text(d.status).text(d.header_code);
    csv.date(d.answer_due).text(d.municipality_code);
    csv.endRow();
}

const std::vector<std::string> kLineColumns = {
    "Id",           "Prestatie",   "Creditering",  "Toewijzing", "Product", "Begin periode",
    "Eind periode", "Volume",      "Eenheid",      "Bedrag (€)", "Status",  "Retourcode",
    "Retourcodes",  "Beoordeling", "Gecrediteerd", "Gemeente"};

void addLine(ExcelCsv& csv, const billing::ClaimLineRow& l) {
    csv.number(l.id).text(l.reference).yesNo(l.credit).number(l.allocation_number);
    csv.text(l.product_code).date(l.period_start).date(l.period_end).number(l.volume);
    csv.text(l.unit).euros(l.amount_cents).text(l.status).text(l.code).text(l.codes);
    csv.text(l.review).yesNo(l.credited).text(l.municipality_code);
    csv.endRow();
}

}  // namespace

ApiResponse exportReviews(RequestContext& ctx, const ApiRequest& req) {
    // "decided": every item no longer open, as the queue's screen shows it.
    const std::string status = req.queryValue("status");
    billing::ReviewFilter filter;
    filter.status = status;
    ExcelCsv csv(kReviewColumns, exportFormat(req));
    forEachChunk<billing::ReviewView>(
        [&](const app::ListQuery& page) {
            filter.list = page;
            return billing::listReviews(ctx, filter);
        },
        [&](const billing::ReviewView& v) { addReview(csv, v); });
    auditExport(ctx, "reviews", {{"status", status}}, csv.rows());
    return exportDownload(csv, "beoordelingen");
}

ApiResponse exportDeclarations(RequestContext& ctx, const ApiRequest& req) {
    billing::DeclarationQuery q;
    q.number = req.queryValue("number");
    q.agb = req.queryValue("agb");
    ExcelCsv csv(kDeclarationColumns, exportFormat(req));
    forEachChunk<billing::DeclarationListRow>(
        [&](const app::ListQuery& page) {
            q.list = page;
            return billing::listDeclarations(ctx, q);
        },
        [&](const billing::DeclarationListRow& d) { addDeclaration(csv, d); });
    auditExport(ctx, "declarations", {{"number", q.number}, {"agb", q.agb}}, csv.rows());
    return exportDownload(csv, "declaraties");
}

ApiResponse exportDeclarationLines(RequestContext& ctx, const ApiRequest& req) {
    const auto id = req.pathId("id");
    const auto d = billing::getDeclaration(ctx, id);
    requireExportSize(static_cast<std::int64_t>(d.lines.size()));
    ExcelCsv csv(kLineColumns, exportFormat(req));
    for (const auto& l : d.lines) addLine(csv, l);
    auditExport(ctx, "declaration/" + std::to_string(id) + "/lines", {}, csv.rows());
    return exportDownload(csv, "declaratie-" + std::to_string(id) + "-regels");
}

}  // namespace zc::http
