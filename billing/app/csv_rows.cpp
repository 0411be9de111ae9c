// The rows of a CSV declaration upload (parseCsvRows, declaration_submission.hpp): kept apart
// from the use case so that the reader builds without the database (fuzz/csv_declaration).
#include <sstream>

#include "billing/app/declaration_submission.hpp"
#include "contracting/kernel/errors.hpp"

namespace zc::billing {
namespace {

constexpr std::size_t kMaxCsvRows = 10000;

std::vector<std::string> splitCsv(const std::string& line) {
    std::vector<std::string> out(1);
    for (char c : line) {
        if (c == ',') {
            out.emplace_back();
        } else if (c != '\r' && c != '"') {
            out.back() += c;
        }
    }
    return out;
}

[[noreturn]] void csvError(std::size_t row, const std::string& what) {
    throw ValidationError("INVALID_CSV", "Row " + std::to_string(row) + ": " + what, "csv");
}

std::int64_t csvNumber(std::size_t row, const std::string& text, const char* what) {
    if (text.empty() || text.size() > 12 ||
        text.find_first_not_of("0123456789") != std::string::npos) {
        csvError(row, std::string(what) + " must be a whole number.");
    }
    return std::stoll(text);
}

CsvRow csvRow(std::size_t row, const std::vector<std::string>& f) {
    CsvRow r;
    r.row = row;
    r.reference = f[0];
    if (r.reference.empty() || r.reference.size() > 20) {
        csvError(row, "reference is 1-20 characters.");
    }
    r.allocation_number = csvNumber(row, f[1], "allocation_number");
    r.bsn = f[2];
    const auto begin = tryParseDate(f[3]);
    const auto end = tryParseDate(f[4]);
    if (!begin || !end) csvError(row, "period_start and period_end are dates YYYY-MM-DD.");
    r.begin = *begin;
    r.end = *end;
    r.volume = csvNumber(row, f[5], "volume");
    return r;
}

}  // namespace

std::vector<CsvRow> parseCsvRows(const std::string& text) {
    std::vector<CsvRow> rows;
    std::istringstream in(text);
    std::string line;
    std::size_t row = 0;
    while (std::getline(in, line)) {
        ++row;
        if (line.find_first_not_of(" \r") == std::string::npos) continue;
        const auto fields = splitCsv(line);
        if (row == 1 && fields[0] == "reference") continue;
        if (fields.size() != 6) csvError(row, "expected 6 columns.");
        if (rows.size() >= kMaxCsvRows) csvError(row, "at most 10,000 rows per upload.");
        rows.push_back(csvRow(row, fields));
    }
    if (rows.empty()) throw ValidationError("INVALID_CSV", "The upload has no rows.", "csv");
    return rows;
}

}  // namespace zc::billing
