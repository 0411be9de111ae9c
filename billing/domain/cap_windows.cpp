#include "cap_windows.hpp"

#include <algorithm>
#include <stdexcept>

#include "contracting/kernel/errors.hpp"

namespace zc::billing {
namespace {

std::int64_t checkedMultiply(std::int64_t a, std::int64_t b) {
    std::int64_t out = 0;
    if (__builtin_mul_overflow(a, b, &out)) throw std::overflow_error("cap volume overflow");
    return out;
}

// The part of `period` inside `allocation`. Both ends are set afterwards.
Period clip(const Period& period, const Period& allocation) {
    ZC_ASSERT(period.end.has_value());
    Period out{std::max(period.begin, allocation.begin), period.end};
    if (allocation.end) out.end = std::min(*period.end, *allocation.end);
    ZC_ASSERT(out.isValid());
    return out;
}

}  // namespace

int isoWeeksTouched(const Period& period) {
    // The kernel's count is bounded by the date range (years 1900..2999: < 60'000 weeks).
    return static_cast<int>(zc::isoWeeksTouched(period));
}

std::int64_t maxVolumeInPeriod(const Cap& cap, const std::string& category, const Period& period,
                               const Period& allocation) {
    using zc::Frequency;
    switch (cap.frequency) {
        case Frequency::PerWeek:
            if (category == kCategoryHouseholdHelp) {
                return checkedMultiply(kHouseholdHelpWeeksPerPeriod, cap.volume);
            }
            return checkedMultiply(billing::isoWeeksTouched(clip(period, allocation)), cap.volume);
        case Frequency::PerMonth:
            return cap.volume;
        case Frequency::PerDay: {
            const Period inside = clip(period, allocation);
            return checkedMultiply(daysBetween(inside.begin, *inside.end), cap.volume);
        }
        case Frequency::TotalInValidity:
            return kNoPeriodLimit;
    }
    assertionFailed("unknown frequency", __FILE__, __LINE__);
}

std::optional<std::int64_t> maxVolumeOverAllocation(const Cap& cap, const Period& allocation) {
    if (cap.frequency != Frequency::TotalInValidity && !allocation.end) {
        return std::nullopt;
    }
    return maxVolumeOver(cap, allocation);
}

Unit capCountingUnit(Unit cap_unit) { return cap_unit == Unit::Hours ? Unit::Minutes : cap_unit; }

std::int64_t toCapCountingUnit(std::int64_t volume, Unit line_unit, Unit cap_unit) {
    if (cap_unit == Unit::Hours && line_unit == Unit::Hours) {
        return checkedMultiply(volume, kMinutesPerHour);
    }
    ZC_ASSERT(line_unit == capCountingUnit(cap_unit) || line_unit == cap_unit);
    return volume;
}

}  // namespace zc::billing
