#pragma once
// What every CSV export shares (exports_api.hpp): its row limit, paging through a list use case
// in chunks, the audit row of the export and the download answer.
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "api_request.hpp"
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

// Calls fetch(limit, offset) for chunk after chunk until one returns fewer than kExportChunk
// rows, adding each chunk's rows through `add`; EXPORT_TOO_LARGE past kMaxExportRows.
template <typename Row, typename Fetch, typename Add>
void forEachChunk(Fetch fetch, Add add) {
    for (std::int64_t offset = 0;; offset += kExportChunk) {
        const std::vector<Row> chunk = fetch(kExportChunk, offset);
        requireExportSize(offset + static_cast<std::int64_t>(chunk.size()));
        for (const auto& row : chunk) add(row);
        if (static_cast<std::int64_t>(chunk.size()) < kExportChunk) return;
    }
}

// Records the export in the audit trail ("export.csv", object "export" `name`, after: the
// filters that applied and the number of rows), in its own transaction, before the file is
// sent: whoever downloads personal data or the trail itself is on record.
void auditExport(RequestContext& ctx, const std::string& name,
                 const std::map<std::string, std::string>& filters, std::int64_t rows);

// The finished file as a download: text/csv; charset=utf-8, sent as an attachment named
// `filename`.
ApiResponse csvDownload(const ExcelCsv& csv, const std::string& filename);

}  // namespace zc::http
