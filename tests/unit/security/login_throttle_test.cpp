// The log-in throttle's waits (interfaces/security/login_throttle.hpp): free failures, then
// doubling waits up to the configured maximum, and one key per user name however it is typed.
#include "interfaces/security/login_throttle.hpp"

#include <gtest/gtest.h>

namespace zc::security {
namespace {

TEST(LoginThrottle, NoWaitBelowTheFreeFailures) {
    for (int failures = 0; failures < 5; ++failures) {
        EXPECT_EQ(loginDelaySeconds(failures, 5, 900), 0) << failures;
    }
}

TEST(LoginThrottle, WaitsDoubleAfterTheFreeFailuresUpToTheMaximum) {
    EXPECT_EQ(loginDelaySeconds(5, 5, 900), 1);
    EXPECT_EQ(loginDelaySeconds(6, 5, 900), 2);
    EXPECT_EQ(loginDelaySeconds(7, 5, 900), 4);
    EXPECT_EQ(loginDelaySeconds(14, 5, 900), 512);
    EXPECT_EQ(loginDelaySeconds(15, 5, 900), 900);
    EXPECT_EQ(loginDelaySeconds(1000000, 5, 900), 900);
}

TEST(LoginThrottle, OneKeyPerUserNameWhateverItsCaseOrTrailingBlanks) {
    EXPECT_EQ(throttleKey("admin"), throttleKey("ADMIN"));
    EXPECT_EQ(throttleKey("admin"), throttleKey("Admin  "));
    EXPECT_NE(throttleKey("admin"), throttleKey("admin2"));
    EXPECT_EQ(throttleKey("admin").size(), 64u);
}

}  // namespace
}  // namespace zc::security
