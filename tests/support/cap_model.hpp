#pragma once
// An independent model of the iWmo cap windows for the property tests (issue 11): worked out
// day by day, and a greedy spread of accepted lines over the windows — not the Hall check of
// billing/domain/cap_use.cpp, so that the tests do not repeat the code they test.
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "contracting/kernel/cap.hpp"
#include "contracting/kernel/civil_date.hpp"

namespace zc::capmodel {

inline Date firstOf(Date d) { return Date{d.year(), d.month(), std::chrono::day{1}}; }

// The window of a day: its first day (the key) and its limit in the counting unit (minutes for
// an hours cap); nullopt for a cap over the whole validity.
inline std::optional<std::pair<Date, std::int64_t>> windowOf(const Cap& cap,
                                                             const std::string& category,
                                                             Date day) {
    using zc::Frequency;
    const std::int64_t unit = cap.unit == Unit::Hours ? 60 : 1;
    const Date month = firstOf(day);
    switch (cap.frequency) {
        case Frequency::PerWeek: {
            if (category == "01") return std::pair{month, 6 * cap.volume * unit};
            // The Monday of the day's week, within the month.
            const std::chrono::weekday wd{std::chrono::sys_days(day)};
            const Date monday = addDays(day, -static_cast<int>((wd.c_encoding() + 6) % 7));
            return std::pair{std::max(monday, month), cap.volume * unit};
        }
        case Frequency::PerMonth:
            return std::pair{month, cap.volume * unit};
        case Frequency::PerDay:
            return std::pair{day, cap.volume * unit};
        case Frequency::TotalInValidity:
            return std::nullopt;
    }
    return std::nullopt;
}

struct Line {
    Period period;         // half-open, with an end
    std::int64_t counted;  // volume in the counting unit
    std::string name;      // for messages
};

// The first problem with an allocation's accepted, uncredited debit lines, or "" when none:
// a day in two lines, a day outside the allocation, or a line that does not fit the windows
// (spread greedily, earliest window first, lines in date order — optimal for disjoint lines).
inline std::string firstProblem(const Cap& cap, const std::string& category,
                                const Period& allocation, std::vector<Line> lines) {
    std::sort(lines.begin(), lines.end(),
              [](const Line& a, const Line& b) { return a.period.begin < b.period.begin; });
    std::map<Date, int> days;
    std::map<Date, std::int64_t> room;
    for (const Line& l : lines) {
        std::int64_t left = l.counted;
        for (Date d = l.period.begin; d < *l.period.end; d = addDays(d, 1)) {
            if (++days[d] > 1) return "day " + formatDate(d) + " paid twice (" + l.name + ")";
            if (!allocation.contains(d)) return "day outside the allocation (" + l.name + ")";
            const auto window = windowOf(cap, category, d);
            if (!window) continue;
            auto it = room.try_emplace(window->first, window->second).first;
            const std::int64_t take = std::min(left, it->second);
            it->second -= take;
            left -= take;
        }
        if (cap.frequency != Frequency::TotalInValidity && left > 0) {
            return "line " + l.name + " does not fit the cap windows";
        }
        if (cap.unit == Unit::Days24h && l.counted > daysBetween(l.period.begin, *l.period.end)) {
            return "more 24-hour days than calendar days (" + l.name + ")";
        }
    }
    return "";
}

}  // namespace zc::capmodel
