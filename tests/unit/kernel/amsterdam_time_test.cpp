// Amsterdam wall-clock time by the EU rule (amsterdam_time.hpp).
#include "contracting/kernel/amsterdam_time.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <string>

namespace zc {
namespace {

using namespace std::chrono;

sys_seconds utc(const char* day, int hour, int minute = 0) {
    return sys_seconds{sys_days{parseDate(day)}} + hours{hour} + minutes{minute};
}

TEST(AmsterdamTime, ADayBeginsAnHourBeforeUtcInWinterAndTwoInSummer) {
    EXPECT_EQ(amsterdamDayStart(parseDate("2026-01-15")), utc("2026-01-14", 23));
    EXPECT_EQ(amsterdamDayStart(parseDate("2026-07-01")), utc("2026-06-30", 22));
    EXPECT_EQ(amsterdamDayStart(parseDate("2027-01-01")), utc("2026-12-31", 23));
}

TEST(AmsterdamTime, TheSwitchDaysBeginOnTheOldClockAndTheDaysAfterOnTheNew) {
    // 2026: summer time from Sunday 29 March to Sunday 25 October, at 01:00 UTC.
    EXPECT_EQ(amsterdamDayStart(parseDate("2026-03-29")), utc("2026-03-28", 23));
    EXPECT_EQ(amsterdamDayStart(parseDate("2026-03-30")), utc("2026-03-29", 22));
    EXPECT_EQ(amsterdamDayStart(parseDate("2026-10-25")), utc("2026-10-24", 22));
    EXPECT_EQ(amsterdamDayStart(parseDate("2026-10-26")), utc("2026-10-25", 23));
}

TEST(AmsterdamTime, TheClockJumpsAtOneUtc) {
    EXPECT_EQ(toAmsterdam(utc("2026-03-29", 0, 59)), utc("2026-03-29", 1, 59));
    EXPECT_EQ(toAmsterdam(utc("2026-03-29", 1)), utc("2026-03-29", 3));
    EXPECT_EQ(toAmsterdam(utc("2026-10-25", 0, 59)), utc("2026-10-25", 2, 59));
    EXPECT_EQ(toAmsterdam(utc("2026-10-25", 1)), utc("2026-10-25", 2));
}

}  // namespace
}  // namespace zc
