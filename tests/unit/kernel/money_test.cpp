#include "contracting/kernel/money.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <initializer_list>
#include <limits>
#include <stdexcept>
#include <string>

#include "contracting/kernel/errors.hpp"

namespace zc {
namespace {

constexpr std::int64_t kMaxCents = std::numeric_limits<std::int64_t>::max();
constexpr std::int64_t kMinCents = std::numeric_limits<std::int64_t>::min();

TEST(Money, ParsesWholeEurosAndOneOrTwoDecimals) {
    EXPECT_EQ(Money::parse("12").cents(), 1200);
    EXPECT_EQ(Money::parse("12.3").cents(), 1230);
    EXPECT_EQ(Money::parse("12.34").cents(), 1234);
    EXPECT_EQ(Money::parse("0").cents(), 0);
    EXPECT_EQ(Money::parse("0.01").cents(), 1);
    EXPECT_EQ(Money::parse("007.50").cents(), 750);
    EXPECT_EQ(Money::parse("0000000000000000000000012.34").cents(), 1234);
}

TEST(Money, ParsesNegativeAmounts) {
    EXPECT_EQ(Money::parse("-0.05").cents(), -5);
    EXPECT_EQ(Money::parse("-12.3").cents(), -1230);
    EXPECT_EQ(Money::parse("-0").cents(), 0);
}

TEST(Money, ParsesLargestAmountThatFits) {
    EXPECT_EQ(Money::parse("92233720368547758.07").cents(), kMaxCents);
    EXPECT_EQ(Money::parse("-92233720368547758.07").cents(), -kMaxCents);
}

TEST(Money, RefusesMalformedAmountsWithInvalidAmountOnTheGivenField) {
    for (const char* bad : {"", "+", "-", "+1", "1.", ".5", "-.5", "1,00", "1.234", "1.2.3", " 1",
                            "1 ", "1e3", "abc", "--1", "1-", "0x10", "€1"}) {
        SCOPED_TRACE(bad);
        try {
            Money::parse(bad, "budget");
            FAIL() << "accepted " << bad;
        } catch (const ValidationError& e) {
            EXPECT_EQ(e.code(), "INVALID_AMOUNT");
            EXPECT_EQ(e.field(), "budget");
            EXPECT_EQ(e.kind(), ErrorKind::Invalid);
            EXPECT_EQ(std::string(e.what()).back(), '.');
        }
    }
}

TEST(Money, UsesAmountAsDefaultField) {
    try {
        Money::parse("x");
        FAIL();
    } catch (const ValidationError& e) {
        EXPECT_EQ(e.field(), "amount");
    }
}

TEST(Money, RefusesAmountsThatDoNotFitInCents) {
    EXPECT_THROW(Money::parse("92233720368547758.08"), ValidationError);
    EXPECT_THROW(Money::parse("100000000000000000"), ValidationError);
    EXPECT_THROW(Money::parse("99999999999999999999999999"), ValidationError);
    EXPECT_THROW(Money::parse("-92233720368547758.08"), ValidationError);
}

TEST(Money, FormatsWithTwoDecimalsAndSign) {
    EXPECT_EQ(Money::fromCents(-5).toString(), "-0.05");
    EXPECT_EQ(Money::fromCents(123456).toString(), "1234.56");
    EXPECT_EQ(Money::fromCents(0).toString(), "0.00");
    EXPECT_EQ(Money().toString(), "0.00");
    EXPECT_EQ(Money::fromCents(7).toString(), "0.07");
    EXPECT_EQ(Money::fromCents(-100).toString(), "-1.00");
    EXPECT_EQ(Money::fromCents(kMaxCents).toString(), "92233720368547758.07");
    EXPECT_EQ(Money::fromCents(kMinCents).toString(), "-92233720368547758.08");
}

TEST(Money, FormatThenParseGivesTheSameAmount) {
    for (std::int64_t cents : std::initializer_list<std::int64_t>{0, 1, -1, 99, -99, 100, 123456789,
                                                                  -987654321, kMaxCents}) {
        EXPECT_EQ(Money::parse(Money::fromCents(cents).toString()).cents(), cents);
    }
}

TEST(Money, AddsAndSubtractsExactly) {
    Money a = Money::fromCents(1050);
    Money b = Money::fromCents(-75);
    EXPECT_EQ((a + b).cents(), 975);
    EXPECT_EQ((a - b).cents(), 1125);
    EXPECT_EQ((-a).cents(), -1050);
    Money c = a;
    c += b;
    EXPECT_EQ(c.cents(), 975);
    c -= a;
    EXPECT_EQ(c.cents(), -75);
}

TEST(Money, ThrowsOverflowErrorInsteadOfWrapping) {
    Money max = Money::fromCents(kMaxCents);
    Money min = Money::fromCents(kMinCents);
    Money one = Money::fromCents(1);
    EXPECT_THROW(max + one, std::overflow_error);
    EXPECT_THROW(min - one, std::overflow_error);
    EXPECT_THROW(-min, std::overflow_error);
    EXPECT_THROW(max.times(2), std::overflow_error);
    EXPECT_THROW(min.times(-1), std::overflow_error);
    Money m = max;
    EXPECT_THROW(m += one, std::overflow_error);
    EXPECT_EQ(m, max);  // unchanged after a failed update
    Money n = min;
    EXPECT_THROW(n -= one, std::overflow_error);
    EXPECT_EQ(n, min);
}

TEST(Money, MultipliesByWholeQuantity) {
    EXPECT_EQ(Money::fromCents(6543).times(3).cents(), 19629);
    EXPECT_EQ(Money::fromCents(6543).times(0).cents(), 0);
    EXPECT_EQ(Money::fromCents(6543).times(-2).cents(), -13086);
}

TEST(Money, ComparesByCents) {
    EXPECT_LT(Money::fromCents(-1), Money());
    EXPECT_GT(Money::fromCents(100), Money::fromCents(99));
    EXPECT_EQ(Money::parse("1.5"), Money::fromCents(150));
}

}  // namespace
}  // namespace zc
