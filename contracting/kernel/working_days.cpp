#include "working_days.hpp"

#include "errors.hpp"

namespace zc {

bool isWorkingDay(Date d) {
    const std::chrono::weekday wd{std::chrono::sys_days(d)};
    return wd != std::chrono::Saturday && wd != std::chrono::Sunday;
}

Date addWorkingDays(Date d, int n) {
    ZC_ASSERT(n >= 0);
    Date current = d;
    while (n > 0) {
        current = addDays(current, 1);
        if (isWorkingDay(current)) --n;
    }
    return current;
}

}  // namespace zc
