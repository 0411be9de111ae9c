#pragma once
// Working days (werkdagen) for the iWmo deadlines (3, 5 and 10 working days): Monday to Friday,
// except the general holidays (algemeen erkende feestdagen) that the Algemene termijnenwet,
// art. 3, treats like a Sunday. Good Friday (Goede Vrijdag) is not one of them.
#include "civil_date.hpp"

namespace zc {

// Easter Sunday (eerste Paasdag) of a Gregorian year, by the anonymous Gregorian algorithm
// (Meeus/Jones/Butcher).
Date easterSunday(int year);

// True on the general holidays (algemeen erkende feestdagen) of the Algemene termijnenwet,
// art. 3, as the law reads today (Koningsdag since 2014):
//   Nieuwjaarsdag (1 January), tweede Paasdag (Easter Monday), Koningsdag (27 April, or 26 April
//   when the 27th is a Sunday), Bevrijdingsdag (5 May, every year), Hemelvaartsdag (Ascension
//   Day, Easter + 39 days), tweede Pinksterdag (Whit Monday, Easter + 50 days), eerste en tweede
//   Kerstdag (25 and 26 December).
// A holiday can fall on a weekend; it is a holiday all the same.
bool isGeneralHoliday(Date d);

// Monday to Friday and not a general holiday.
bool isWorkingDay(Date d);

// A bank business day (bankwerkdag): a day on which TARGET2, and so SEPA credit transfers and
// the banks' account statements, run: Monday to Friday except New Year's Day, Good Friday,
// Easter Monday, Labour Day (1 May), 25 and 26 December. Dutch holidays such as Koningsdag or
// Hemelvaartsdag are bank business days.
bool isBankBusinessDay(Date d);
// The date `n` working days after `d` (n >= 0): the n-th working day after `d`. From a day that
// is not a working day (weekend, holiday) counting starts on the next working day; n == 0 gives
// `d` itself.
Date addWorkingDays(Date d, int n);

}  // namespace zc
