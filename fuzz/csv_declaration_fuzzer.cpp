// Fuzzes the CSV declaration reader (billing::parseCsvRows, POST /declarations/csv): any bytes
// give rows or CsvRowsError (INVALID_CSV with its problems); anything else (another exception, a
// sanitizer report) is a finding.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "billing/app/csv_rows.hpp"
#include "contracting/kernel/errors.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    try {
        const auto rows = zc::billing::parseCsvRows(text);
        std::size_t last = 0;
        for (const auto& r : rows) {
            // What the reader promises: rows in order, references of 1-20 characters, whole
            // non-negative numbers.
            if (r.row <= last || r.reference.empty() || r.reference.size() > 20 || r.volume < 0 ||
                r.allocation_number < 0) {
                std::abort();
            }
            last = r.row;
        }
    } catch (const zc::billing::CsvRowsError& e) {
        // Every refusal names at least one problem, each with a reason code, and lists at most
        // kMaxCsvProblems.
        if (e.code() != "INVALID_CSV" || e.problems().empty() ||
            e.problems().size() > zc::billing::kMaxCsvProblems) {
            std::abort();
        }
        for (const auto& p : e.problems()) {
            if (p.code.rfind("CSV_", 0) != 0 || p.message.empty()) std::abort();
        }
    }
    return 0;
}
