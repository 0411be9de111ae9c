#pragma once
// What an allocation's accepted claims use of its cap, counted per cap window (issue 11,
// TR321/TR322/TR389, iwmo-3.2.md §11). Pure: no clock, no I/O.
//
// The windows of a cap inside one calendar month (ProductPeriode) of an allocation:
//   week  → each ISO week's part inside the month and the allocation (a week broken by a month
//           boundary is a window in each month, as IV076 counts broken weeks per ProductPeriode),
//           limit the weekly volume; category 01 (household help) → one window, the month, with
//           six weekly volumes (TR321, IV077);
//   month → one window, the month inside the allocation, limit the monthly volume (IV078);
//   day   → each day, limit the daily volume;
//   total → no window: only the cumulative check over the allocation applies (TR322).
// A line's volume cannot be split among the windows it touches, so the check is Hall's
// condition on windows in a row: for every run of consecutive windows, the lines lying wholly
// inside the run use at most the run's summed limit. That holds exactly when the accepted
// volume can be spread so that no window exceeds its limit — whatever the order, splitting,
// crediting and re-sending of the lines.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "contracting/kernel/cap.hpp"
#include "contracting/kernel/civil_date.hpp"

namespace zc::billing {

// One window of a cap and its limit in the cap's counting unit (minutes for an hours cap).
struct CapWindow {
    Period period;  // half-open, with an end
    std::int64_t limit = 0;
};

// The cap windows in the calendar month of `day`, inside `allocation`, in date order; empty for
// a cap over the whole validity (or when the month lies outside the allocation).
// Throws std::overflow_error only for absurd caps.
std::vector<CapWindow> capWindowsInMonth(const Cap& cap, const std::string& category, Date day,
                                         const Period& allocation);

// A run of windows whose limit the line would break.
struct CapBreach {
    Period window;            // from the first window's begin to the last one's end
    std::int64_t before = 0;  // accepted there before the line (lines lying wholly inside)
    std::int64_t used = 0;    // before + the line
    std::int64_t limit = 0;   // the run's summed limit
};

// The accepted, uncredited debits of one allocation (gebruik), in the cap's counting unit.
class AllocationUse {
  public:
    AllocationUse(Cap cap, std::string category, Period allocation);

    // An accepted debit line; period must have an end.
    void add(const Period& period, std::int64_t volume);
    // An accepted debit line whose volume is in `unit`: counted in the cap's counting unit; left
    // out when `unit` is neither the cap's unit nor its counting unit (it cannot be compared).
    void addInUnit(const Period& period, std::int64_t volume, Unit unit);
    // Its credit: forgets one accepted line with this period and volume (false if none).
    bool remove(const Period& period, std::int64_t volume);

    // An accepted uncredited debit shares a day with `period` (TR389, 9389).
    bool overlapsAccepted(const Period& period) const;
    // The run of windows, among those the line touches, that adding the line would break most
    // (largest used/limit); nullopt when every run stays within its limit. Precondition: the
    // period lies in one calendar month and has an end.
    std::optional<CapBreach> windowBreach(const Period& period, std::int64_t volume) const;
    // All accepted volume over the allocation (TR322).
    std::int64_t total() const { return total_; }
    // Accepted volume of lines beginning in the calendar month of `day`.
    std::int64_t usedInMonth(Date day) const;

  private:
    struct Line {
        Period period;
        std::int64_t volume;
    };
    Cap cap_;
    std::string category_;
    Period allocation_;
    std::map<int, std::vector<Line>> by_month_;  // key: year × 12 + month
    std::int64_t total_ = 0;
};

// The key of `day`'s calendar month (year × 12 + month − 1).
int monthKey(Date day);

}  // namespace zc::billing
