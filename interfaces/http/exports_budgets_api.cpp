// The export of the controllers' budget overview (GET /budgets/overview): one row per budget
// with its exhaustion figures on the report date, in euros for Dutch Excel.
#include "contracting/kernel/civil_date.hpp"
#include "contracting/kernel/codes.hpp"
#include "export_download.hpp"
#include "exports_api.hpp"
#include "invoicing/app/budgets.hpp"
#include "json_output.hpp"

namespace zc::http {
namespace {

using invoicing::BudgetRow;

// Budgets read per round of the export.
constexpr std::int64_t kExportPage = 200;

const std::vector<std::string> kBudgetColumns = {"Budget-id",
                                                 "Jaar",
                                                 "Gemeente",
                                                 "Wijk",
                                                 "Sociaal wijkteam",
                                                 "Productcategorie",
                                                 "Financiering",
                                                 "Naam",
                                                 "Budget (€)",
                                                 "Betaald (€)",
                                                 "Geaccepteerd, nog niet betaald (€)",
                                                 "Verplicht (€)",
                                                 "Uitputting (€)",
                                                 "Resterend (€)",
                                                 "Uitputting (%)",
                                                 "Gerealiseerd in de maand (€)",
                                                 "Gerealiseerd tot peildatum (€)",
                                                 "Prognose jaareinde (€)",
                                                 "Afwijking (%)",
                                                 "Signaal",
                                                 "Peildatum"};

// The financing kind in the words of the budget screens (financiering).
std::string financingText(const std::string& kind) {
    if (kind == "ZIN") return "zorg in natura";
    if (kind == "budget") return "budgetfinanciering";
    if (kind == "PGB") return "pgb";
    return kind;
}

void addBudget(ExcelCsv& csv, const invoicing::BudgetWithFigures& row, Date report_date) {
    const auto& b = row.budget;
    const auto& f = row.figures;
    const auto& r = f.report;
    Money to_date;
    for (const auto& m : f.monthly_realised) to_date += m;
    // The month of the report date, when it lies in the budget's year.
    const bool in_year = static_cast<int>(report_date.year()) == b.year;
    const Money in_month =
        in_year ? f.monthly_realised.at(static_cast<unsigned>(report_date.month()) - 1) : Money();
    csv.number(b.id).number(b.year).text(b.municipality).text(b.district_name).text(b.team_name);
    csv.text(b.category).text(financingText(b.financing)).text(b.name);
    csv.euros(f.amount.cents()).euros(f.paid.cents()).euros(f.accepted_unpaid.cents());
    csv.euros(f.committed.cents()).euros(r.exhaustion.cents()).euros(r.remaining.cents());
    csv.percent(r.exhaustion_bp).euros(in_month.cents()).euros(to_date.cents());
    csv.euros(r.forecast.cents()).percent(r.deviation_bp).yesNo(r.signal);
    csv.date(formatDate(report_date));
    csv.endRow();
}

}  // namespace

ApiResponse exportBudgets(RequestContext& ctx, const ApiRequest& req) {
    const std::map<std::string, std::string> filters = {
        {"year", req.queryValue("year")},         {"municipality", req.queryValue("municipality")},
        {"month", req.queryValue("month")},       {"threshold", req.queryValue("threshold")},
        {"district", req.queryValue("district")}, {"team", req.queryValue("team")}};
    invoicing::OverviewSelection selection;
    selection.district = queryIdParam(req.query, "district");
    selection.team = queryIdParam(req.query, "team");
    selection.municipality = filters.at("municipality");
    if (!selection.municipality.empty()) {
        MunicipalityCode::parse(selection.municipality, "municipality");
    }
    selection.year = invoicing::budgetYearOrCurrent(ctx, filters.at("year"));
    const Date report_date =
        invoicing::overviewReportDate(ctx, filters.at("month"), selection.year);
    const auto threshold = invoicing::signalThreshold(ctx, filters.at("threshold"));
    // Every budget of the selection, a page at a time (the page's budgets share their reads).
    selection.limit = kExportPage;
    auto page = invoicing::budgetOverview(ctx, selection, report_date, threshold);
    requireExportSize(page.total);
    ExcelCsv csv(kBudgetColumns, exportFormat(req));
    while (true) {
        for (const auto& row : page.items) addBudget(csv, row, report_date);
        selection.offset += kExportPage;
        if (page.items.size() < static_cast<std::size_t>(kExportPage) ||
            selection.offset >= page.total) {
            break;
        }
        page = invoicing::budgetOverview(ctx, selection, report_date, threshold);
    }
    auditExport(ctx, "budgets", filters, csv.rows());
    return exportDownload(csv,
                          "budgetoverzicht-" + std::to_string(selection.year) +
                              (selection.municipality.empty() ? "" : "-" + selection.municipality));
}

}  // namespace zc::http
