#pragma once
// Civil dates (no time zone) and half-open periods [begin, end).
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace zc {

using Date = std::chrono::year_month_day;

// Strict "YYYY-MM-DD" (a real calendar date, years 1900..2999). Throws
// ValidationError{"INVALID_DATE"} naming `field`.
Date parseDate(std::string_view text, std::string_view field = "date");
std::optional<Date> tryParseDate(std::string_view text);
std::string formatDate(Date d);  // "YYYY-MM-DD"
Date addDays(Date d, int days);
Date addMonths(Date d, int months);  // clamps the day to the month's last day
int daysBetween(Date from, Date to);  // to - from

// Half-open [begin, end); an absent end means open-ended.
struct Period {
    Date begin;
    std::optional<Date> end;

    bool contains(Date d) const;
    bool overlaps(const Period& other) const;
    bool isValid() const { return !end || begin < *end; }
};

// Injectable clock for the app layer; domain code gets `today` passed in.
class Clock {
public:
    virtual ~Clock() = default;
    virtual std::chrono::system_clock::time_point now() const = 0;
    Date today() const;  // UTC civil date of now()
};

class SystemClock : public Clock {
public:
    std::chrono::system_clock::time_point now() const override;
};

}  // namespace zc
