#pragma once
// Working days (werkdagen) for the iWmo deadlines: Monday to Friday. Dutch public holidays are
// not yet subtracted, so deadlines are at most a few days generous around holidays.
#include "civil_date.hpp"

namespace zc {

bool isWorkingDay(Date d);
// The date `n` working days after `d` (n >= 0); from a weekend day counting starts on Monday.
Date addWorkingDays(Date d, int n);

}  // namespace zc
