#pragma once
// An .xlsx workbook (Office Open XML, ECMA-376 SpreadsheetML) of one worksheet, for the exports
// that Excel opens as a workbook instead of a CSV: typed cells, so that amounts are numbers with
// two decimals, dates are dates and text is never taken for a formula. The cells are written
// as the rows come (xlsxText, xlsxEuros, ... between xlsxRowStart and xlsxRowEnd); xlsxWorkbook
// wraps the rows into the package. Dutch Excel shows 1234.56 as "1.234,56" and dates as
// dd-mm-jjjj by the formats given here.
#include <chrono>
#include <cstdint>
#include <string>

#include "contracting/kernel/civil_date.hpp"

namespace zc::http {

// The media type of an .xlsx file.
inline constexpr const char* kXlsxMediaType =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

// A text cell (inline string); characters XML 1.0 does not allow are left out. `bold` for the
// header row.
std::string xlsxText(const std::string& s, bool bold = false);
// A whole number.
std::string xlsxNumber(std::int64_t n);
// Euro-cents as a number of euros shown with two decimals (format #,##0.00).
std::string xlsxEuros(std::int64_t cents);
// Hundredths as a number with two decimals (format 0.00): 7605 -> 76.05 (a percentage).
std::string xlsxHundredths(std::int64_t n);
// A date, shown dd-mm-yyyy.
std::string xlsxDate(Date day);
// A wall-clock moment (already in the time zone to show), shown dd-mm-yyyy hh:mm:ss.
std::string xlsxMoment(std::chrono::sys_seconds local);
// An empty cell (keeps the following cells in their columns).
std::string xlsxEmpty();
inline constexpr const char* kXlsxRowStart = "<row>";
inline constexpr const char* kXlsxRowEnd = "</row>";

// The workbook's bytes (a ZIP package) with one worksheet named `sheet` whose rows are
// `rows` (<row> elements as written above).
std::string xlsxWorkbook(const std::string& sheet, const std::string& rows);

}  // namespace zc::http
