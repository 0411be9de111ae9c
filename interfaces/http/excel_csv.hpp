#pragma once
// CSV for Dutch Excel: the one writer of every export (issue 15). A file opens with a double
// click in Excel set to Dutch: UTF-8 with a byte order mark (else Excel reads it as ANSI), `;`
// between fields (the Dutch list separator), CRLF after each row, RFC 4180 quoting, amounts in
// euros with a decimal comma and no thousands separator ("1234,56", "-12,50"), dates as
// dd-mm-jjjj and moments on Amsterdam wall-clock time. A text cell that a spreadsheet would take
// for a formula gets a leading apostrophe; numbers and amounts are written as numbers.
// Not thread-safe; one writer builds one file in memory (the caller bounds the rows).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace zc::http {

// What an export is written as: the CSV above, or (?format=xlsx) the one worksheet of an .xlsx
// workbook with typed cells (xlsx_workbook.hpp), where the same calls write a number, an
// amount in euros, a date or a moment as such, and text is never read as a formula.
enum class ExportFormat { Csv, Xlsx };

class ExcelCsv {
  public:
    // Starts the file: the byte order mark and the header row (Dutch column names); for Xlsx
    // the header row in bold.
    explicit ExcelCsv(const std::vector<std::string>& headers,
                      ExportFormat format = ExportFormat::Csv);

    // Text, neutralised and quoted where needed; an absent value is an empty cell.
    ExcelCsv& text(const std::string& s);
    ExcelCsv& text(const char* s) { return text(std::string(s)); }
    ExcelCsv& text(const std::optional<std::string>& s);
    // A whole number as is ("-3", "1250"); an absent value is an empty cell.
    ExcelCsv& number(std::int64_t n);
    ExcelCsv& number(const std::optional<std::int64_t>& n);
    // Euro-cents as euros with a decimal comma: 123456 -> "1234,56", -1250 -> "-12,50".
    ExcelCsv& euros(std::int64_t cents);
    ExcelCsv& euros(const std::optional<std::int64_t>& cents);
    // Basis points as a percentage with a decimal comma: 7605 -> "76,05", -2395 -> "-23,95";
    // an absent value is an empty cell.
    ExcelCsv& percent(const std::optional<std::int64_t>& basis_points);
    // A date "YYYY-MM-DD" (anything after the day is ignored) as "dd-mm-jjjj".
    ExcelCsv& date(const std::string& iso);
    ExcelCsv& date(const std::optional<std::string>& iso);
    ExcelCsv& date(const char* iso) { return date(std::string(iso)); }
    // A UTC moment "YYYY-MM-DD HH:MM[:SS]" (or with a T, fractions and Z) as Amsterdam time.
    ExcelCsv& moment(const std::string& utc);
    // "ja" or "nee".
    ExcelCsv& yesNo(bool b);
    // An empty cell.
    ExcelCsv& blank();
    // Ends the row (CRLF). Every row has the header's number of cells (asserted in debug).
    void endRow();

    std::int64_t rows() const { return rows_; }  // data rows written
    ExportFormat format() const { return format_; }
    // The CSV file, or for Xlsx the worksheet's rows (xlsxWorkbook makes the file of them).
    const std::string& str() const { return out_; }

  private:
    void cell(const std::string& raw);
    bool xlsx() const { return format_ == ExportFormat::Xlsx; }
    ExportFormat format_;
    std::string out_;
    std::size_t columns_ = 0;
    std::size_t in_row_ = 0;
    std::int64_t rows_ = 0;
};

// The pieces, on their own (tested by themselves).
// A text cell: a leading =, +, -, @, tab or CR gets an apostrophe; quoted (quotes doubled) when
// it holds ; , " CR or LF.
std::string excelText(const std::string& s);
// "1234,56", "-12,50", "0,05".
std::string excelEuros(std::int64_t cents);
// "2026-03-01" -> "01-03-2026"; text that is not such a date is returned as a text cell.
std::string excelDate(const std::string& iso);
// "2026-11-23 10:15:00" (UTC) -> "23-11-2026 11:15:00" (CET), "2026-06-23T10:15:00Z" ->
// "23-06-2026 12:15:00" (CEST, from the last Sunday of March 01:00 UTC to the last Sunday of
// October 01:00 UTC). "" stays ""; text that is not such a moment is returned as a text cell.
std::string amsterdamTime(const std::string& utc);

}  // namespace zc::http
