#include "civil_date.hpp"

#include "ascii.hpp"
#include "errors.hpp"

namespace zc {
namespace {

constexpr int kMinYear = 1900;
constexpr int kMaxYear = 2999;
constexpr std::size_t kDateLength = 10;  // "YYYY-MM-DD"

using ascii::isDigit;

int digitsValue(std::string_view s) {
    int v = 0;
    for (char c : s) v = v * 10 + (c - '0');
    return v;
}

void appendPadded(std::string& out, int value, std::size_t width) {
    std::string digits = std::to_string(value);
    if (digits.size() < width) out.append(width - digits.size(), '0');
    out += digits;
}

}  // namespace

std::optional<Date> tryParseDate(std::string_view text) {
    if (text.size() != kDateLength || text[4] != '-' || text[7] != '-') return std::nullopt;
    for (std::size_t i = 0; i < kDateLength; ++i) {
        if (i != 4 && i != 7 && !isDigit(text[i])) return std::nullopt;
    }
    int y = digitsValue(text.substr(0, 4));
    unsigned m = static_cast<unsigned>(digitsValue(text.substr(5, 2)));
    unsigned d = static_cast<unsigned>(digitsValue(text.substr(8, 2)));
    if (y < kMinYear || y > kMaxYear) return std::nullopt;
    Date date{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
    if (!date.ok()) return std::nullopt;
    return date;
}

Date parseDate(std::string_view text, std::string_view field) {
    if (auto d = tryParseDate(text)) return *d;
    throw ValidationError("INVALID_DATE",
                          "Date must be a real calendar date written as YYYY-MM-DD between the "
                          "years 1900 and 2999, for example 2025-01-31.",
                          std::string(field));
}

std::string formatDate(Date d) {
    ZC_ASSERT(d.ok());
    std::string out;
    out.reserve(kDateLength);
    appendPadded(out, static_cast<int>(d.year()), 4);
    out += '-';
    appendPadded(out, static_cast<int>(static_cast<unsigned>(d.month())), 2);
    out += '-';
    appendPadded(out, static_cast<int>(static_cast<unsigned>(d.day())), 2);
    return out;
}

Date addDays(Date d, int days) {
    ZC_ASSERT(d.ok());
    return Date{std::chrono::sys_days{d} + std::chrono::days{days}};
}

Date addMonths(Date d, int months) {
    ZC_ASSERT(d.ok());
    std::chrono::year_month ym =
        std::chrono::year_month{d.year(), d.month()} + std::chrono::months{months};
    std::chrono::day last =
        std::chrono::year_month_day_last{ym.year(), std::chrono::month_day_last{ym.month()}}.day();
    return Date{ym.year(), ym.month(), d.day() < last ? d.day() : last};
}

int daysBetween(Date from, Date to) {
    ZC_ASSERT(from.ok() && to.ok());
    return static_cast<int>((std::chrono::sys_days{to} - std::chrono::sys_days{from}).count());
}

bool Period::contains(Date d) const { return begin <= d && (!end || d < *end); }

bool Period::overlaps(const Period& other) const {
    bool other_starts_before_this_ends = !end || other.begin < *end;
    bool this_starts_before_other_ends = !other.end || begin < *other.end;
    return other_starts_before_this_ends && this_starts_before_other_ends;
}

Date Clock::today() const { return Date{std::chrono::floor<std::chrono::days>(now())}; }

std::chrono::system_clock::time_point SystemClock::now() const {
    return std::chrono::system_clock::now();
}

}  // namespace zc
