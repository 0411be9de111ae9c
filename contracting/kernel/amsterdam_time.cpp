#include "contracting/kernel/amsterdam_time.hpp"

namespace zc {
namespace {

// The last Sunday of `month` in `year`, 01:00 UTC: when summer time starts (March) and ends
// (October).
std::chrono::sys_seconds lastSundayOneUtc(std::chrono::year year, std::chrono::month month) {
    using namespace std::chrono;
    const sys_days sunday{year / month / Sunday[last]};
    return sys_seconds{sunday} + hours{1};
}

}  // namespace

bool isAmsterdamSummerTime(std::chrono::sys_seconds at) {
    using namespace std::chrono;
    const year y = year_month_day{floor<days>(at)}.year();
    return at >= lastSundayOneUtc(y, March) && at < lastSundayOneUtc(y, October);
}

std::chrono::sys_seconds toAmsterdam(std::chrono::sys_seconds at) {
    return at + std::chrono::hours{isAmsterdamSummerTime(at) ? 2 : 1};
}

std::chrono::sys_seconds amsterdamDayStart(Date day) {
    using namespace std::chrono;
    // Local midnight is never inside a switch (both happen at 01:00 UTC), so the offset an hour
    // before UTC midnight is the day's.
    const sys_seconds utc_midnight{sys_days{day}};
    const sys_seconds winter = utc_midnight - hours{1};
    return isAmsterdamSummerTime(winter) ? utc_midnight - hours{2} : winter;
}

}  // namespace zc
