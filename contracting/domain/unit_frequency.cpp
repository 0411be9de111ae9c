#include "unit_frequency.hpp"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <string>

#include "../kernel/errors.hpp"

namespace zc::contracting {
namespace {

// CS338/CS343 hold for allocations with an Einddatum after 2020-12-31 (or none): an exclusive
// end from 2021-01-02 on.
const Date kFirstEndUnderRule{std::chrono::year{2021}, std::chrono::January, std::chrono::day{2}};

constexpr std::int64_t kDaysPerWeek = 7;
constexpr std::int64_t kLongestMonth = 31;

bool notPerDay(Unit u) {
    return u == Unit::Days24h || u == Unit::DayParts || u == Unit::Euros || u == Unit::Pieces;
}

std::int64_t daysInMonth(std::chrono::year_month ym) {
    return static_cast<unsigned>((ym / std::chrono::last).day());
}

// The most days any calendar month touched by the validity has (31 when open-ended or long).
std::int64_t longestMonthTouched(const Period& validity) {
    if (!validity.end) return kLongestMonth;
    const Date last = addDays(*validity.end, -1);
    std::chrono::year_month ym = validity.begin.year() / validity.begin.month();
    const std::chrono::year_month stop = last.year() / last.month();
    std::int64_t most = 0;
    for (; ym <= stop && most < kLongestMonth; ym += std::chrono::months{1}) {
        most = std::max(most, daysInMonth(ym));
    }
    return most;
}

}  // namespace

void checkFrequencyAllowed(const Cap& cap, const std::optional<Date>& end) {
    if (end && *end < kFirstEndUnderRule) return;
    if (notPerDay(cap.unit) && cap.frequency == Frequency::PerDay) {
        throw ValidationError("UNIT_FREQUENCY_NOT_ALLOWED",
                              "A volume in " + unitName(cap.unit) + " (Eenheid " +
                                  iwmoUnitCode(cap.unit) +
                                  ") is per week, per month or in total, never per day "
                                  "(CS338/CS343).",
                              "frequency");
    }
}

void checkCalendarDays(const Cap& cap, const Period& validity) {
    if (cap.unit != Unit::Days24h) return;
    std::int64_t most = 0;
    std::string window;
    switch (cap.frequency) {
        case Frequency::PerDay:
            most = 1;
            window = "a day";
            break;
        case Frequency::PerWeek:
            most = kDaysPerWeek;
            window = "a week";
            break;
        case Frequency::PerMonth:
            most = longestMonthTouched(validity);
            window = "a month of this period";
            break;
        case Frequency::TotalInValidity:
            if (!validity.end) return;
            most = daysBetween(validity.begin, *validity.end);
            window =
                "the period " + formatDate(validity.begin) + " up to " + formatDate(*validity.end);
            break;
    }
    if (cap.volume > most) {
        throw ValidationError("VOLUME_EXCEEDS_CALENDAR_DAYS",
                              std::to_string(cap.volume) + " etmalen (24-hour days) " +
                                  (cap.frequency == Frequency::TotalInValidity
                                       ? std::string("in total")
                                       : "per " + frequencyName(cap.frequency)) +
                                  " exceed the " + std::to_string(most) + " calendar days in " +
                                  window + ".",
                              "volume");
    }
}

void checkUnitAndFrequency(const Cap& cap, const Period& validity) {
    checkFrequencyAllowed(cap, validity.end);
    checkCalendarDays(cap, validity);
}

}  // namespace zc::contracting
