#pragma once
// Which Eenheid (WJ756) may go with which Frequentie (WMO757), checked when a product is granted
// (access decision) and when it is allocated.
//
// CS338 (WMO301, WMO317) and CS343 (WMO315): when the Eenheid is 14 (etmaal), 16 (dagdeel),
// 83 (euro's) or 84 (stuks) and the Einddatum is after 2020-12-31 or empty, the Frequentie must
// be 2 (per week), 4 (per maand) or 6 (totaal binnen geldigheidsduur) — never 1 (per dag).
// The rule is the same for every product category; minutes and hours may be per day.
//
// A 24-hour day (etmaal, e.g. Beschermd Wonen) cannot be delivered more often than there are
// calendar days: at most 7 per week, at most the days of the longest calendar month the
// validity touches per month, at most the days of the validity in total (when it ends).
#include <optional>

#include "../kernel/cap.hpp"
#include "../kernel/civil_date.hpp"

namespace zc::contracting {

// CS338/CS343: UNIT_FREQUENCY_NOT_ALLOWED (field "frequency"). `end` is exclusive.
void checkFrequencyAllowed(const Cap& cap, const std::optional<Date>& end);
// Etmalen within calendar days: VOLUME_EXCEEDS_CALENDAR_DAYS (field "volume"). Other units
// pass. Precondition: validity.isValid().
void checkCalendarDays(const Cap& cap, const Period& validity);
// Both, in that order.
void checkUnitAndFrequency(const Cap& cap, const Period& validity);

}  // namespace zc::contracting
