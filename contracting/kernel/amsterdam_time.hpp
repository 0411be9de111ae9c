#pragma once
// Europe/Amsterdam wall-clock time, by the EU rule and without a time-zone database: CET
// (UTC+1), and CEST (UTC+2) from the last Sunday of March 01:00 UTC to the last Sunday of
// October 01:00 UTC. Staff read times and pick days in Amsterdam time; the database keeps UTC.
#include <chrono>

#include "contracting/kernel/civil_date.hpp"

namespace zc {

// Whether `at` falls in Amsterdam's summer time.
bool isAmsterdamSummerTime(std::chrono::sys_seconds at);
// `at` on Amsterdam's clock (as a sys_seconds value whose fields read as local time).
std::chrono::sys_seconds toAmsterdam(std::chrono::sys_seconds at);
// The UTC moment at which `day` begins in Amsterdam: its local midnight, 23:00 or 22:00 UTC of
// the day before.
std::chrono::sys_seconds amsterdamDayStart(Date day);

}  // namespace zc
