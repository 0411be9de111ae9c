#pragma once
// The rows of a CSV declaration upload, as providers write them: by hand or from Excel, also
// Dutch Excel (`;` between fields, `dd-mm-jjjj` dates, `12,0` for twelve, a byte-order mark).
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "contracting/kernel/civil_date.hpp"
#include "contracting/kernel/errors.hpp"

namespace zc::billing {

// One row "reference,allocation_number,bsn,period_start,period_end,volume".
struct CsvRow {
    std::size_t row = 0;  // 1-based line of the upload
    std::string reference;
    std::int64_t allocation_number = 0;
    std::string bsn;
    Date begin;
    Date end;
    std::int64_t volume = 0;
};

// One thing wrong in the upload: its line (0: the whole file), its column (empty: the whole
// row) and a reason code of the registry (CSV_COLUMNS, CSV_REFERENCE, CSV_WHOLE_NUMBER,
// CSV_DATE, CSV_TOO_MANY_ROWS, CSV_NO_ROWS) with an English message naming the value.
struct CsvProblem {
    std::size_t row = 0;
    std::string column;
    std::string code;
    std::string message;
};

// INVALID_CSV (field "csv") with every problem found, each row checked (at most
// kMaxCsvProblems listed; the message says how many there were).
class CsvRowsError : public ValidationError {
  public:
    CsvRowsError(std::vector<CsvProblem> problems, std::size_t total);
    const std::vector<CsvProblem>& problems() const { return problems_; }

  private:
    std::vector<CsvProblem> problems_;
};

inline constexpr std::size_t kMaxCsvRows = 10000;
inline constexpr std::size_t kMaxCsvProblems = 100;

// The rows of an upload. Fields are separated by `,` or `;` (the one the first line uses
// most), may be quoted ("..." with "" for a quote) and are trimmed; an optional header line
// (first field "reference" or "referentie") and blank lines are skipped; dates are YYYY-MM-DD or
// D-M-YYYY; numbers are whole, also written with a zero fraction (12,0). CsvRowsError when
// anything is wrong: no row is taken then.
std::vector<CsvRow> parseCsvRows(const std::string& text);

}  // namespace zc::billing
