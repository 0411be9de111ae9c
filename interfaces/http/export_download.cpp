#include "export_download.hpp"

#include "contracting/kernel/errors.hpp"
#include "interfaces/security/audit_trail.hpp"
#include "xlsx_workbook.hpp"

namespace zc::http {

void requireExportSize(std::int64_t rows) {
    if (rows <= kMaxExportRows) return;
    throw ValidationError("EXPORT_TOO_LARGE",
                          "An export holds at most 250,000 rows; narrow the filters (for the "
                          "audit trail: a shorter period).",
                          "");
}

void auditExport(RequestContext& ctx, const std::string& name,
                 const std::map<std::string, std::string>& filters, std::int64_t rows) {
    security::AuditRecord applied;
    for (const auto& [key, value] : filters) {
        if (!value.empty()) applied.set(key, value);
    }
    security::appendAuditStandalone(
        ctx, {"export.csv", "export", name, "ok", std::nullopt,
              security::AuditRecord().set("filters", std::move(applied)).set("rows", rows).json()});
}

ExportFormat exportFormat(const ApiRequest& req) {
    const std::string format = req.queryValue("format");
    if (format.empty() || format == "csv") return ExportFormat::Csv;
    if (format == "xlsx") return ExportFormat::Xlsx;
    throw ValidationError("INVALID_QUERY", "Query parameter 'format' must be csv or xlsx.",
                          "format");
}

ApiResponse exportDownload(const ExcelCsv& table, const std::string& basename) {
    ApiResponse res;
    if (table.format() == ExportFormat::Xlsx) {
        res.content_type = kXlsxMediaType;
        res.raw = xlsxWorkbook("Export", table.str());
        res.attachment = basename + ".xlsx";
    } else {
        res.content_type = "text/csv; charset=utf-8";
        res.raw = table.str();
        res.attachment = basename + ".csv";
    }
    return res;
}

}  // namespace zc::http
