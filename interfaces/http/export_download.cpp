#include "export_download.hpp"

#include "contracting/kernel/errors.hpp"
#include "interfaces/security/audit_trail.hpp"

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

ApiResponse csvDownload(const ExcelCsv& csv, const std::string& filename) {
    ApiResponse res;
    res.content_type = "text/csv; charset=utf-8";
    res.raw = csv.str();
    res.attachment = filename;
    return res;
}

}  // namespace zc::http
