#pragma once
// What every CSV export shares (exports_api.hpp): its row limit, paging through a list use case
// in chunks, the audit row of the export and the download answer.
#include <algorithm>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "api_request.hpp"
#include "contracting/kernel/list_query.hpp"
#include "excel_csv.hpp"

namespace zc::http {

// An export holds at most this many rows; beyond it the export is refused with
// EXPORT_TOO_LARGE (narrow the filters) rather than cut off silently. It bounds the memory
// of one export to about 50 MB of CSV.
inline constexpr std::int64_t kMaxExportRows = 250'000;
// Rows asked of a paged list use case at a time.
inline constexpr std::int64_t kExportChunk = 1'000;

// Throws EXPORT_TOO_LARGE when `rows` is above kMaxExportRows.
void requireExportSize(std::int64_t rows);

// Calls fetch(query) with the page after page of a paged list use case until a page comes
// back short, adding each page's rows through `add`; EXPORT_TOO_LARGE as soon as the list's
// total is above kMaxExportRows (before anything is added).
template <typename Row, typename Fetch, typename Add>
void forEachChunk(Fetch fetch, Add add) {
    app::ListQuery query;
    query.limit = kExportChunk;
    for (query.offset = 0;; query.offset += kExportChunk) {
        const app::ListPage<Row> page = fetch(query);
        requireExportSize(
            std::max(page.total, query.offset + static_cast<std::int64_t>(page.items.size())));
        for (const auto& row : page.items) add(row);
        if (static_cast<std::int64_t>(page.items.size()) < kExportChunk) return;
    }
}

// Records the export in the audit trail ("export.csv", object "export" `name`, after: the
// filters that applied and the number of rows), in its own transaction, before the file is
// sent: whoever downloads personal data or the trail itself is on record.
void auditExport(RequestContext& ctx, const std::string& name,
                 const std::map<std::string, std::string>& filters, std::int64_t rows);

// The format the request asks for: ?format=csv (the default) or ?format=xlsx; anything else is
// INVALID_QUERY.
ExportFormat exportFormat(const ApiRequest& req);

// The finished file as a download, an attachment named `basename` plus ".csv" (text/csv;
// charset=utf-8) or ".xlsx" (the workbook of the rows, kXlsxMediaType).
ApiResponse exportDownload(const ExcelCsv& table, const std::string& basename);

}  // namespace zc::http
