#include "contracting/kernel/rounding.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <stdexcept>

#include "contracting/kernel/errors.hpp"

namespace zc {
namespace {

TEST(DivideRoundHalfUp, RoundsExactHalvesAwayFromZero) {
    EXPECT_EQ(divideRoundHalfUp(5, 10), 1);    // 0.5 -> 1
    EXPECT_EQ(divideRoundHalfUp(-5, 10), -1);  // -0.5 -> -1
    EXPECT_EQ(divideRoundHalfUp(15, 10), 2);
    EXPECT_EQ(divideRoundHalfUp(-15, 10), -2);
    EXPECT_EQ(divideRoundHalfUp(1, 2), 1);
    EXPECT_EQ(divideRoundHalfUp(-1, 2), -1);
}

TEST(DivideRoundHalfUp, RoundsBelowHalfTowardZeroAndAboveHalfAway) {
    EXPECT_EQ(divideRoundHalfUp(14, 10), 1);
    EXPECT_EQ(divideRoundHalfUp(16, 10), 2);
    EXPECT_EQ(divideRoundHalfUp(-14, 10), -1);
    EXPECT_EQ(divideRoundHalfUp(-16, 10), -2);
    EXPECT_EQ(divideRoundHalfUp(1, 3), 0);
    EXPECT_EQ(divideRoundHalfUp(2, 3), 1);
    EXPECT_EQ(divideRoundHalfUp(-2, 3), -1);
}

TEST(DivideRoundHalfUp, KeepsExactQuotients) {
    EXPECT_EQ(divideRoundHalfUp(0, 7), 0);
    EXPECT_EQ(divideRoundHalfUp(21, 7), 3);
    EXPECT_EQ(divideRoundHalfUp(-21, 7), -3);
    EXPECT_EQ(divideRoundHalfUp(123, 1), 123);
}

TEST(DivideRoundHalfUp, UsesTheFull128BitNumerator) {
    constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
    __int128 just_below_half = static_cast<__int128>(kMax) * 100 + 49;
    EXPECT_EQ(divideRoundHalfUp(just_below_half, 100), kMax);
    EXPECT_EQ(divideRoundHalfUp(-just_below_half, 100), -kMax);
}

TEST(DivideRoundHalfUp, ThrowsOverflowErrorWhenRoundedQuotientDoesNotFit) {
    constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
    // kMax + 0.5 rounds up to kMax + 1, one past the largest int64.
    EXPECT_THROW(divideRoundHalfUp(static_cast<__int128>(kMax) * 100 + 50, 100),
                 std::overflow_error);
    EXPECT_THROW(divideRoundHalfUp(static_cast<__int128>(kMax) * 4, 2), std::overflow_error);
}

TEST(Percentage, ParsesUpToSixDecimalsAsMillionths) {
    EXPECT_EQ(Percentage::parse("3").millionths(), 3'000'000);
    EXPECT_EQ(Percentage::parse("2.85").millionths(), 2'850'000);
    EXPECT_EQ(Percentage::parse("-1.5").millionths(), -1'500'000);
    EXPECT_EQ(Percentage::parse("0.000001").millionths(), 1);
    EXPECT_EQ(Percentage::parse("1000").millionths(), 1'000'000'000);
    EXPECT_EQ(Percentage::parse("-100").millionths(), -100'000'000);
    EXPECT_EQ(Percentage::parse("0003.10").millionths(), 3'100'000);
}

TEST(Percentage, RefusesMalformedOrOutOfRangeValues) {
    for (const char* bad :
         {"", "-", "+3", "3.", ".5", "2,85", "1.0000001", "1000.000001", "-100.000001", "1001",
          "-101", "99999999999999999999", "3%", " 3", "1e2"}) {
        SCOPED_TRACE(bad);
        try {
            Percentage::parse(bad, "indexation");
            FAIL() << "accepted " << bad;
        } catch (const ValidationError& e) {
            EXPECT_EQ(e.code(), "INVALID_PERCENTAGE");
            EXPECT_EQ(e.field(), "indexation");
        }
    }
}

TEST(Percentage, FormatsWithoutTrailingZeros) {
    EXPECT_EQ(Percentage::fromMillionths(2'850'000).toString(), "2.85");
    EXPECT_EQ(Percentage::fromMillionths(3'000'000).toString(), "3");
    EXPECT_EQ(Percentage::fromMillionths(-1'500'000).toString(), "-1.5");
    EXPECT_EQ(Percentage::fromMillionths(-500'000).toString(), "-0.5");
    EXPECT_EQ(Percentage::fromMillionths(1).toString(), "0.000001");
    EXPECT_EQ(Percentage::fromMillionths(0).toString(), "0");
}

TEST(ApplyIndexation, MultipliesByOnePlusPercentage) {
    EXPECT_EQ(applyIndexation(Money::fromCents(10000), Percentage::parse("3")).cents(), 10300);
    EXPECT_EQ(applyIndexation(Money::fromCents(6543), Percentage::parse("0")).cents(), 6543);
    EXPECT_EQ(applyIndexation(Money::fromCents(10000), Percentage::parse("-100")).cents(), 0);
    EXPECT_EQ(applyIndexation(Money::fromCents(10000), Percentage::parse("1000")).cents(), 110000);
}

TEST(ApplyIndexation, RoundsExactHalfCentUp) {
    // 0.50 * 1.01 = 0.505 -> 0.51
    EXPECT_EQ(applyIndexation(Money::fromCents(50), Percentage::parse("1")).cents(), 51);
    // 1.50 * 0.99 = 1.485 -> 1.49
    EXPECT_EQ(applyIndexation(Money::fromCents(150), Percentage::parse("-1")).cents(), 149);
    // 65.43 * 1.0285 = 67.294755 -> 67.29
    EXPECT_EQ(applyIndexation(Money::fromCents(6543), Percentage::parse("2.85")).cents(), 6729);
    // 0.01 * 1.5 = 0.015 -> 0.02
    EXPECT_EQ(applyIndexation(Money::fromCents(1), Percentage::parse("50")).cents(), 2);
    // 0.01 * 1.499999 = 0.01499999 -> 0.01
    EXPECT_EQ(applyIndexation(Money::fromCents(1), Percentage::parse("49.9999")).cents(), 1);
}

TEST(ApplyIndexation, RoundsNegativeHalfCentAwayFromZero) {
    // -0.50 * 1.01 = -0.505 -> -0.51
    EXPECT_EQ(applyIndexation(Money::fromCents(-50), Percentage::parse("1")).cents(), -51);
    // -0.01 * 1.5 = -0.015 -> -0.02
    EXPECT_EQ(applyIndexation(Money::fromCents(-1), Percentage::parse("50")).cents(), -2);
}

TEST(ApplyIndexation, ThrowsOverflowErrorWhenResultDoesNotFit) {
    Money max = Money::fromCents(std::numeric_limits<std::int64_t>::max());
    EXPECT_THROW(applyIndexation(max, Percentage::parse("1")), std::overflow_error);
    EXPECT_EQ(applyIndexation(max, Percentage::parse("0")), max);
}

}  // namespace
}  // namespace zc
