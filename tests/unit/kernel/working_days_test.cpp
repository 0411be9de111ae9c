#include "contracting/kernel/working_days.hpp"

#include <gtest/gtest.h>

namespace zc {
namespace {

TEST(WorkingDays, SkipsTheWeekend) {
    // Thursday 2025-01-09 + 3 working days = Tuesday 2025-01-14.
    EXPECT_EQ(formatDate(addWorkingDays(parseDate("2025-01-09"), 3)), "2025-01-14");
    // Friday + 1 = Monday.
    EXPECT_EQ(formatDate(addWorkingDays(parseDate("2025-01-10"), 1)), "2025-01-13");
    // From a Saturday, 5 working days = the next Friday.
    EXPECT_EQ(formatDate(addWorkingDays(parseDate("2025-01-11"), 5)), "2025-01-17");
    EXPECT_EQ(formatDate(addWorkingDays(parseDate("2025-01-11"), 0)), "2025-01-11");
}

TEST(WorkingDays, KnowsWeekendDays) {
    EXPECT_FALSE(isWorkingDay(parseDate("2025-01-11")));
    EXPECT_FALSE(isWorkingDay(parseDate("2025-01-12")));
    EXPECT_TRUE(isWorkingDay(parseDate("2025-01-13")));
}

}  // namespace
}  // namespace zc
