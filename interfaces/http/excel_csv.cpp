#include "excel_csv.hpp"

#include <chrono>

#include "contracting/kernel/amsterdam_time.hpp"
#include "contracting/kernel/errors.hpp"
#include "xlsx_workbook.hpp"

namespace zc::http {
namespace {

constexpr char kBom[] = "\xEF\xBB\xBF";
constexpr char kSeparator = ';';
constexpr char kRowEnd[] = "\r\n";

bool digits(const std::string& s, std::size_t at, std::size_t n) {
    if (s.size() < at + n) return false;
    for (std::size_t i = at; i < at + n; ++i) {
        if (s[i] < '0' || s[i] > '9') return false;
    }
    return true;
}

// "YYYY-MM-DD" at the start of `s`.
bool startsWithDate(const std::string& s) {
    return digits(s, 0, 4) && s.size() >= 10 && s[4] == '-' && digits(s, 5, 2) && s[7] == '-' &&
           digits(s, 8, 2);
}

int numberAt(const std::string& s, std::size_t at, std::size_t n) {
    return std::stoi(s.substr(at, n));
}

std::string twoDigits(unsigned n) {
    return {static_cast<char>('0' + n / 10 % 10), static_cast<char>('0' + n % 10)};
}

}  // namespace

std::string excelText(const std::string& s) {
    std::string value = s;
    if (!value.empty() && std::string("=+-@\t\r").find(value.front()) != std::string::npos) {
        value.insert(value.begin(), '\'');
    }
    if (value.find_first_of(";,\"\r\n") == std::string::npos) return value;
    std::string out = "\"";
    for (char c : value) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

std::string excelEuros(std::int64_t cents) {
    // The magnitude as unsigned, so that the smallest int64 does not overflow.
    const bool negative = cents < 0;
    const std::uint64_t magnitude = negative ? std::uint64_t{0} - static_cast<std::uint64_t>(cents)
                                             : static_cast<std::uint64_t>(cents);
    const std::uint64_t rest = magnitude % 100;
    return (negative ? "-" : "") + std::to_string(magnitude / 100) + "," + (rest < 10 ? "0" : "") +
           std::to_string(rest);
}

std::string excelDate(const std::string& iso) {
    if (iso.empty()) return "";
    if (!startsWithDate(iso)) return excelText(iso);
    return iso.substr(8, 2) + "-" + iso.substr(5, 2) + "-" + iso.substr(0, 4);
}

std::optional<std::chrono::sys_seconds> amsterdamMoment(const std::string& utc) {
    if (!startsWithDate(utc) || utc.size() < 16 || !digits(utc, 11, 2) || utc[13] != ':' ||
        !digits(utc, 14, 2)) {
        return std::nullopt;
    }
    using namespace std::chrono;
    const year_month_day civil{year{numberAt(utc, 0, 4)},
                               month{static_cast<unsigned>(numberAt(utc, 5, 2))},
                               day{static_cast<unsigned>(numberAt(utc, 8, 2))}};
    if (!civil.ok()) return std::nullopt;
    const int second =
        utc.size() >= 19 && utc[16] == ':' && digits(utc, 17, 2) ? numberAt(utc, 17, 2) : 0;
    return toAmsterdam(sys_days{civil} + hours{numberAt(utc, 11, 2)} +
                       minutes{numberAt(utc, 14, 2)} + seconds{second});
}

std::string amsterdamTime(const std::string& utc) {
    if (utc.empty()) return "";
    const auto local = amsterdamMoment(utc);
    if (!local) return excelText(utc);
    using namespace std::chrono;
    const auto local_day = floor<days>(*local);
    const year_month_day ymd{local_day};
    const hh_mm_ss clock{*local - local_day};
    return twoDigits(static_cast<unsigned>(ymd.day())) + "-" +
           twoDigits(static_cast<unsigned>(ymd.month())) + "-" +
           std::to_string(static_cast<int>(ymd.year())) + " " +
           twoDigits(static_cast<unsigned>(clock.hours().count())) + ":" +
           twoDigits(static_cast<unsigned>(clock.minutes().count())) + ":" +
           twoDigits(static_cast<unsigned>(clock.seconds().count()));
}

ExcelCsv::ExcelCsv(const std::vector<std::string>& headers, ExportFormat format)
    : format_(format), out_(format == ExportFormat::Csv ? kBom : "") {
    columns_ = headers.size();
    for (const auto& h : headers) cell(xlsx() ? xlsxText(h, true) : excelText(h));
    out_ += xlsx() ? kXlsxRowEnd : kRowEnd;
    in_row_ = 0;
}

void ExcelCsv::cell(const std::string& raw) {
    if (xlsx()) {
        if (in_row_ == 0) out_ += kXlsxRowStart;
    } else if (in_row_ > 0) {
        out_ += kSeparator;
    }
    out_ += raw;
    ++in_row_;
}

ExcelCsv& ExcelCsv::text(const std::string& s) {
    cell(xlsx() ? xlsxText(s) : excelText(s));
    return *this;
}

ExcelCsv& ExcelCsv::text(const std::optional<std::string>& s) { return s ? text(*s) : blank(); }

ExcelCsv& ExcelCsv::number(std::int64_t n) {
    cell(xlsx() ? xlsxNumber(n) : std::to_string(n));
    return *this;
}

ExcelCsv& ExcelCsv::number(const std::optional<std::int64_t>& n) {
    return n ? number(*n) : blank();
}

ExcelCsv& ExcelCsv::euros(std::int64_t cents) {
    cell(xlsx() ? xlsxEuros(cents) : excelEuros(cents));
    return *this;
}

ExcelCsv& ExcelCsv::euros(const std::optional<std::int64_t>& cents) {
    return cents ? euros(*cents) : blank();
}

ExcelCsv& ExcelCsv::percent(const std::optional<std::int64_t>& basis_points) {
    // A basis point is a hundredth of a percent, as a cent is of a euro: the same notation.
    if (!basis_points) return blank();
    cell(xlsx() ? xlsxHundredths(*basis_points) : excelEuros(*basis_points));
    return *this;
}

ExcelCsv& ExcelCsv::date(const std::string& iso) {
    if (!xlsx()) {
        cell(excelDate(iso));
    } else if (iso.empty()) {
        blank();
    } else if (!startsWithDate(iso)) {
        cell(xlsxText(iso));
    } else {
        cell(xlsxDate(parseDate(iso.substr(0, 10))));
    }
    return *this;
}

ExcelCsv& ExcelCsv::date(const std::optional<std::string>& iso) {
    return iso ? date(*iso) : blank();
}

ExcelCsv& ExcelCsv::moment(const std::string& utc) {
    if (!xlsx()) {
        cell(amsterdamTime(utc));
    } else if (const auto local = amsterdamMoment(utc)) {
        cell(xlsxMoment(*local));
    } else {
        cell(utc.empty() ? xlsxEmpty() : xlsxText(utc));
    }
    return *this;
}

ExcelCsv& ExcelCsv::yesNo(bool b) { return text(b ? "ja" : "nee"); }

ExcelCsv& ExcelCsv::blank() {
    cell(xlsx() ? xlsxEmpty() : "");
    return *this;
}

void ExcelCsv::endRow() {
    ZC_ASSERT(in_row_ == columns_);
    out_ += xlsx() ? kXlsxRowEnd : kRowEnd;
    in_row_ = 0;
    ++rows_;
}

}  // namespace zc::http
