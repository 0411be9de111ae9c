#include "working_days.hpp"

#include "errors.hpp"

namespace zc {
namespace {

constexpr int kAscensionAfterEaster = 39;   // Hemelvaartsdag: a Thursday, 39 days after Easter
constexpr int kWhitMondayAfterEaster = 50;  // tweede Pinksterdag: 50 days after Easter

Date ymd(int year, unsigned month, unsigned day) {
    return Date{std::chrono::year{year}, std::chrono::month{month}, std::chrono::day{day}};
}

bool isSunday(Date d) {
    return std::chrono::weekday{std::chrono::sys_days(d)} == std::chrono::Sunday;
}

// Koningsdag: 27 April, or Saturday 26 April when the 27th is a Sunday.
Date kingsDay(int year) {
    const Date april27 = ymd(year, 4, 27);
    return isSunday(april27) ? ymd(year, 4, 26) : april27;
}

}  // namespace

Date easterSunday(int year) {
    // Anonymous Gregorian algorithm (Meeus/Jones/Butcher), integer arithmetic only.
    ZC_ASSERT(year >= 1583);
    const int a = year % 19;
    const int b = year / 100;
    const int c = year % 100;
    const int d = b / 4;
    const int e = b % 4;
    const int f = (b + 8) / 25;
    const int g = (b - f + 1) / 3;
    const int h = (19 * a + b - d - g + 15) % 30;
    const int i = c / 4;
    const int k = c % 4;
    const int l = (32 + 2 * e + 2 * i - h - k) % 7;
    const int m = (a + 11 * h + 22 * l) / 451;
    const int month = (h + l - 7 * m + 114) / 31;
    const int day = (h + l - 7 * m + 114) % 31 + 1;
    return ymd(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
}

bool isGeneralHoliday(Date d) {
    ZC_ASSERT(d.ok());
    const unsigned month = static_cast<unsigned>(d.month());
    const unsigned day = static_cast<unsigned>(d.day());
    if (month == 1 && day == 1) return true;                   // Nieuwjaarsdag
    if (month == 5 && day == 5) return true;                   // Bevrijdingsdag
    if (month == 12 && (day == 25 || day == 26)) return true;  // eerste en tweede Kerstdag
    const int year = static_cast<int>(d.year());
    if (month == 4 && d == kingsDay(year)) return true;  // Koningsdag
    // The movable feasts lie between 23 March (Easter Monday) and 14 June (Whit Monday).
    if (month < 3 || month > 6) return false;
    const int afterEaster = daysBetween(easterSunday(year), d);
    return afterEaster == 1                           // tweede Paasdag
           || afterEaster == kAscensionAfterEaster    // Hemelvaartsdag
           || afterEaster == kWhitMondayAfterEaster;  // tweede Pinksterdag
}

bool isBankBusinessDay(Date d) {
    const std::chrono::weekday wd{std::chrono::sys_days(d)};
    if (wd == std::chrono::Saturday || wd == std::chrono::Sunday) return false;
    const unsigned month = static_cast<unsigned>(d.month());
    const unsigned day = static_cast<unsigned>(d.day());
    if ((month == 1 && day == 1) || (month == 5 && day == 1) ||
        (month == 12 && (day == 25 || day == 26))) {
        return false;
    }
    const int afterEaster = daysBetween(easterSunday(static_cast<int>(d.year())), d);
    return afterEaster != -2 && afterEaster != 1;  // Goede Vrijdag, tweede Paasdag
}

bool isWorkingDay(Date d) {
    const std::chrono::weekday wd{std::chrono::sys_days(d)};
    if (wd == std::chrono::Saturday || wd == std::chrono::Sunday) return false;
    return !isGeneralHoliday(d);
}

Date addWorkingDays(Date d, int n) {
    ZC_ASSERT(n >= 0);
    Date current = d;
    while (n > 0) {
        current = addDays(current, 1);
        if (isWorkingDay(current)) --n;
    }
    return current;
}

}  // namespace zc
