#pragma once
// The windows of a volume cap for one declared period (ProductPeriode), per iwmo-3.2.md §11
// (IV076/IV077/IV078, TR321/TR322). Pure integer arithmetic; no clock.
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

#include "contracting/kernel/cap.hpp"
#include "contracting/kernel/civil_date.hpp"
#include "contracting/kernel/unit.hpp"

namespace zc::billing {

// "No per-period limit": what maxVolumeInPeriod returns for a cap over the whole validity.
inline constexpr std::int64_t kNoPeriodLimit = std::numeric_limits<std::int64_t>::max();
// ProductCategorie 01, household help (hulp bij het huishouden): a weekly cap always allows
// six weeks per ProductPeriode, whatever the month (§11).
inline constexpr std::string_view kCategoryHouseholdHelp = "01";
inline constexpr std::int64_t kHouseholdHelpWeeksPerPeriod = 6;
inline constexpr std::int64_t kMinutesPerHour = 60;

// Number of ISO weeks (Monday..Sunday) the non-empty period touches, broken weeks included.
// Precondition: period.end is set and after period.begin.
int isoWeeksTouched(const Period& period);

// The most the cap allows inside `period` (in the cap's unit), counting only the days of the
// period that lie inside `allocation`:
//   week  → ISO weeks touched × weekly volume; category 01 always 6 × weekly volume;
//   month → the monthly volume, also for a broken first or last month (IV078);
//   day   → days × daily volume;
//   total → kNoPeriodLimit (only the cumulative check applies).
// Preconditions: period.end is set, and period overlaps allocation (an allocation without an
// end is open-ended). Throws std::overflow_error only for absurd caps.
std::int64_t maxVolumeInPeriod(const Cap& cap, const std::string& category, const Period& period,
                               const Period& allocation);

// The most the cap allows over the whole allocation (in the cap's unit), or nullopt when there
// is no finite limit (a day, week or month cap on an allocation without an end).
std::optional<std::int64_t> maxVolumeOverAllocation(const Cap& cap, const Period& allocation);

// Unit in which the cap arithmetic counts: an hours cap is counted in minutes (hours may be
// claimed in minutes, TR341), every other cap in its own unit.
Unit capCountingUnit(Unit cap_unit);
// `volume` of `line_unit` expressed in capCountingUnit(cap_unit): hours → minutes multiplies
// by 60, the same unit is unchanged. Precondition: the pair passed the unit check (equal units,
// or minutes on an hours cap).
std::int64_t toCapCountingUnit(std::int64_t volume, Unit line_unit, Unit cap_unit);

}  // namespace zc::billing
