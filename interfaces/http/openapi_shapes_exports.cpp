// Shapes of the CSV exports for Dutch Excel (exports_api.hpp; openapi_shapes.hpp): each answers
// a text/csv file (UTF-8 with BOM, `;`-separated, Dutch headers) with the list's filters, or
// with ?format=xlsx the same rows as an .xlsx workbook.
#include "openapi_shapes.hpp"
#include "xlsx_workbook.hpp"

namespace zc::http::openapi {
namespace {

const Answer kCsv{200, "", "text/csv"};
// ?format=xlsx: the same rows as an .xlsx workbook.
const Answer kXlsx{200, "", kXlsxMediaType};

const std::vector<OperationShape> kExportShapes = {
    {"GET /exports/reviews.csv",
     "The review queue as CSV for Excel",
     "status~:str, format~:(csv|xlsx)",
     "",
     {kCsv, kXlsx}},
    {"GET /exports/declarations.csv",
     "Declarations as CSV for Excel (a provider: its own)",
     "number~:str, agb~:str, format~:(csv|xlsx)",
     "",
     {kCsv, kXlsx}},
    {"GET /exports/declarations/{id}/lines.csv",
     "A declaration's claim lines as CSV for Excel",
     "format~:(csv|xlsx)",
     "",
     {kCsv, kXlsx}},
    {"GET /exports/payment-runs.csv",
     "Payment runs as CSV for Excel",
     "municipality~:str, format~:(csv|xlsx)",
     "",
     {kCsv, kXlsx}},
    {"GET /exports/payment-runs/{id}/items.csv",
     "A run's payables with their transfers as CSV for Excel",
     "format~:(csv|xlsx)",
     "",
     {kCsv, kXlsx}},
    {"GET /exports/work-list.csv",
     "The reconciliation work list as CSV for Excel",
     "format~:(csv|xlsx)",
     "",
     {kCsv, kXlsx}},
    {"GET /exports/audit.csv",
     "The audit trail as CSV for Excel",
     "actor~:str, object_type~:str, object_id~:str, action~:str, from~:date, to~:date, "
     "format~:(csv|xlsx)",
     "",
     {kCsv, kXlsx}},
    {"GET /exports/budgets.csv",
     "The budget overview (every budget of a year with its exhaustion) as CSV for Excel",
     "year~:int, municipality~:str, month~:int, threshold~:str, district~:int, team~:int, "
     "format~:(csv|xlsx)",
     "",
     {kCsv, kXlsx}},
};

}  // namespace

std::vector<OperationShape> exportShapes() { return kExportShapes; }

}  // namespace zc::http::openapi
