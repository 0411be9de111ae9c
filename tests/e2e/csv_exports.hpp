#pragma once
// The CSV exports (GET /api/v1/exports/...) as the e2e tests read them: the file checked for
// what Dutch Excel needs (BOM, `;`, CRLF, RFC 4180 quotes) and parsed, the Dutch notation
// written independently of the server's writer, and a review line to export.
#include <cstdint>
#include <string>
#include <vector>

#include "support/https_client.hpp"

namespace zc::e2e {

struct CsvFile {
    std::vector<std::string> header;
    std::vector<std::vector<std::string>> rows;

    // The cell of `row` in the column named `column` (ADD_FAILURE and "" when there is none).
    std::string cell(const std::vector<std::string>& row, const std::string& column) const;
    // The first row whose `column` equals `value`, nullptr when none.
    const std::vector<std::string>* rowWith(const std::string& column,
                                            const std::string& value) const;
};

// Expects 200, text/csv; charset=utf-8, an attachment named `filename`, the byte order mark,
// CRLF line ends and every row with the header's number of cells; returns the parsed file.
CsvFile expectCsv(const test::Response& r, const std::string& filename);

// The newest "export.csv" row of the audit trail for `object_id` (read as aud.smit), nullptr
// when there is none.
Poco::JSON::Object::Ptr newestExportAudit(const std::string& object_id);

// 123456 -> "1234,56", -1250 -> "-12,50".
std::string dutchEuros(std::int64_t cents);
// "2026-03-01" -> "01-03-2026".
std::string dutchDate(const std::string& iso);

// A line of last month a little over its allocation's weekly cap, declared by a provider with
// an IB contract: it waits in the review queue (9321).
struct ReviewLine {
    std::int64_t provider_id = 0;
    std::string agb;
    std::string number;     // the declaration's
    std::string reference;  // the line's
    std::int64_t declaration_id = 0;
    std::int64_t amount_cents = 0;
    std::int64_t volume = 0;  // hours
};
ReviewLine declareForReview();
// The same, `extra_hours` over the cap; the declaration's answer has `status` (e.g. "answered"
// when the line is too far over to be reviewed and is rejected).
ReviewLine declareOverWeeklyCap(std::int64_t extra_hours, const std::string& status);

}  // namespace zc::e2e
