#include "cap_use.hpp"

#include <algorithm>
#include <stdexcept>

#include "billing/domain/cap_windows.hpp"
#include "contracting/kernel/errors.hpp"

namespace zc::billing {
namespace {

using zc::Frequency;

constexpr int kDaysPerWeek = 7;

std::int64_t checkedMultiply(std::int64_t a, std::int64_t b) {
    std::int64_t out = 0;
    if (__builtin_mul_overflow(a, b, &out)) throw std::overflow_error("cap volume overflow");
    return out;
}

Date firstOfMonth(Date d) { return Date{d.year(), d.month(), std::chrono::day{1}}; }

// The month of `day` inside the allocation; nullopt when they do not meet.
std::optional<Period> monthInside(Date day, const Period& allocation) {
    const Date first = firstOfMonth(day);
    Period month{first, addMonths(first, 1)};
    if (!month.overlaps(allocation)) return std::nullopt;
    month.begin = std::max(month.begin, allocation.begin);
    if (allocation.end) month.end = std::min(*month.end, *allocation.end);
    return month;
}

Date nextMonday(Date d) {
    const std::chrono::weekday wd{std::chrono::sys_days(d)};
    const int since_monday = static_cast<int>((wd.c_encoding() + 6) % kDaysPerWeek);
    return addDays(d, kDaysPerWeek - since_monday);
}

// Windows of `step` (a function giving the next boundary) over `span`, each with `limit`.
template <typename Next>
std::vector<CapWindow> split(const Period& span, std::int64_t limit, Next next) {
    std::vector<CapWindow> out;
    for (Date d = span.begin; d < *span.end;) {
        const Date e = std::min(next(d), *span.end);
        out.push_back({Period{d, e}, limit});
        d = e;
    }
    return out;
}

// Index range [first, last] of the windows a period touches; nullopt when it touches none.
std::optional<std::pair<std::size_t, std::size_t>> touched(const std::vector<CapWindow>& windows,
                                                           const Period& p) {
    std::optional<std::pair<std::size_t, std::size_t>> range;
    for (std::size_t i = 0; i < windows.size(); ++i) {
        if (!windows[i].period.overlaps(p)) continue;
        if (!range) range = std::pair{i, i};
        range->second = i;
    }
    return range;
}

// a.used / a.limit > b.used / b.limit, by cross-multiplying (limits are positive).
bool worse(const CapBreach& a, const CapBreach& b) {
    return static_cast<__int128>(a.used) * b.limit > static_cast<__int128>(b.used) * a.limit;
}

}  // namespace

int monthKey(Date day) {
    return static_cast<int>(day.year()) * 12 + static_cast<int>(unsigned(day.month())) - 1;
}

std::vector<CapWindow> capWindowsInMonth(const Cap& cap, const std::string& category, Date day,
                                         const Period& allocation) {
    const auto month = monthInside(day, allocation);
    if (!month) return {};
    const std::int64_t unit_limit =
        checkedMultiply(cap.volume, toCapCountingUnit(1, cap.unit, cap.unit));
    switch (cap.frequency) {
        case Frequency::PerWeek:
            if (category == kCategoryHouseholdHelp) {
                return {{*month, checkedMultiply(kHouseholdHelpWeeksPerPeriod, unit_limit)}};
            }
            return split(*month, unit_limit, nextMonday);
        case Frequency::PerMonth:
            return {{*month, unit_limit}};
        case Frequency::PerDay:
            return split(*month, unit_limit, [](Date d) { return addDays(d, 1); });
        case Frequency::TotalInValidity:
            return {};
    }
    assertionFailed("unknown frequency", __FILE__, __LINE__);
}

AllocationUse::AllocationUse(Cap cap, std::string category, Period allocation)
    : cap_(cap), category_(std::move(category)), allocation_(allocation) {}

void AllocationUse::add(const Period& period, std::int64_t volume) {
    ZC_ASSERT(period.end.has_value());
    by_month_[monthKey(period.begin)].push_back({period, volume});
    total_ += volume;
}

bool AllocationUse::remove(const Period& period, std::int64_t volume) {
    auto it = by_month_.find(monthKey(period.begin));
    if (it == by_month_.end()) return false;
    auto& lines = it->second;
    const auto line = std::find_if(lines.begin(), lines.end(), [&](const Line& l) {
        return l.period.begin == period.begin && l.period.end == period.end && l.volume == volume;
    });
    if (line == lines.end()) return false;
    lines.erase(line);
    total_ -= volume;
    return true;
}

bool AllocationUse::overlapsAccepted(const Period& period) const {
    // Lines lie within one month; a period may start in the month before its end's month only
    // when it is malformed, so both months are looked at.
    const int last = period.end ? monthKey(addDays(*period.end, -1)) : monthKey(period.begin);
    for (int key = monthKey(period.begin); key <= last; ++key) {
        auto it = by_month_.find(key);
        if (it == by_month_.end()) continue;
        for (const auto& l : it->second) {
            if (l.period.overlaps(period)) return true;
        }
    }
    return false;
}

std::optional<CapBreach> AllocationUse::windowBreach(const Period& period,
                                                     std::int64_t volume) const {
    ZC_ASSERT(period.end.has_value());
    const auto windows = capWindowsInMonth(cap_, category_, period.begin, allocation_);
    const auto line = touched(windows, period);
    if (!line) return std::nullopt;
    // The accepted lines of the month with the windows they touch.
    std::vector<std::pair<std::pair<std::size_t, std::size_t>, std::int64_t>> others;
    if (auto it = by_month_.find(monthKey(period.begin)); it != by_month_.end()) {
        for (const auto& l : it->second) {
            if (auto r = touched(windows, l.period)) others.push_back({*r, l.volume});
        }
    }
    std::optional<CapBreach> worst;
    for (std::size_t i = 0; i <= line->first; ++i) {
        for (std::size_t j = line->second; j < windows.size(); ++j) {
            CapBreach b{Period{windows[i].period.begin, windows[j].period.end}, 0, 0, 0};
            for (std::size_t k = i; k <= j; ++k) b.limit += windows[k].limit;
            for (const auto& [range, v] : others) {
                if (range.first >= i && range.second <= j) b.before += v;
            }
            b.used = b.before + volume;
            if (b.used > b.limit && (!worst || worse(b, *worst))) worst = b;
        }
    }
    return worst;
}

std::int64_t AllocationUse::usedInMonth(Date day) const {
    auto it = by_month_.find(monthKey(day));
    if (it == by_month_.end()) return 0;
    std::int64_t sum = 0;
    for (const auto& l : it->second) sum += l.volume;
    return sum;
}

void AllocationUse::addInUnit(const Period& period, std::int64_t volume, Unit unit) {
    if (unit != cap_.unit && unit != capCountingUnit(cap_.unit)) return;
    add(period, toCapCountingUnit(volume, unit, cap_.unit));
}

}  // namespace zc::billing
