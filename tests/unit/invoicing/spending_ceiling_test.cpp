#include "invoicing/domain/spending_ceiling.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <vector>

namespace zc::invoicing {
namespace {

Money m(const char* text) { return Money::parse(text); }

TEST(SpendingCeiling, WorkedExample) {
    // Ceiling 250,000.00 for 2025; accepted 60,000.00 and paid 120,000.00 → used 180,000.00,
    // 180,000 / 250,000 = 72 % = 7,200 bp ≥ 70 % → Warning; 70,000.00 left.
    SpendingCeilingUse use = spendingCeilingUse(m("250000.00"), m("60000.00"), m("120000.00"));
    EXPECT_EQ(use.used, m("180000.00"));
    EXPECT_EQ(use.remaining, m("70000.00"));
    EXPECT_EQ(use.used_bp, 7'200);
    EXPECT_EQ(use.status, CeilingStatus::Warning);
}

TEST(SpendingCeiling, Table) {
    struct Row {
        const char* accepted;
        const char* paid;
        std::optional<std::int64_t> used_bp;
        CeilingStatus status;
    };
    // Ceiling 100,000.00, default threshold 70 %.
    const std::vector<Row> rows = {
        {"0", "0", 0, CeilingStatus::Within},
        // 69,999.99 is 6,999.999 bp, shown rounded as 7,000, but below 70 % exactly: Within.
        {"30000.00", "39999.99", 7'000, CeilingStatus::Within},
        {"30000.00", "40000.00", 7'000, CeilingStatus::Warning},
        {"0", "100000.00", 10'000, CeilingStatus::Warning},
        // 100,000.01 is 10,000.001 bp, shown as 10,000, but above the ceiling: Exceeded.
        {"0.01", "100000.00", 10'000, CeilingStatus::Exceeded},
        {"50000.00", "75000.00", 12'500, CeilingStatus::Exceeded},
        // A credit in the accepted amounts lowers the use.
        {"-10000.00", "79999.99", 7'000, CeilingStatus::Within},
    };
    for (const Row& row : rows) {
        SCOPED_TRACE(std::string(row.accepted) + " + " + row.paid);
        SpendingCeilingUse use = spendingCeilingUse(m("100000.00"), m(row.accepted), m(row.paid));
        EXPECT_EQ(use.used, m(row.accepted) + m(row.paid));
        EXPECT_EQ(use.remaining, m("100000.00") - use.used);
        EXPECT_EQ(use.used_bp, row.used_bp);
        EXPECT_EQ(use.status, row.status);
    }
}

TEST(SpendingCeiling, ConfigurableWarningThreshold) {
    const SpendingCeilingPolicy at80{Percentage::parse("80")};
    EXPECT_EQ(spendingCeilingUse(m("100000.00"), Money(), m("75000.00"), at80).status,
              CeilingStatus::Within);
    EXPECT_EQ(spendingCeilingUse(m("100000.00"), Money(), m("80000.00"), at80).status,
              CeilingStatus::Warning);
    // 72.5 %: 72,499.99 Within, 72,500.00 Warning.
    const SpendingCeilingPolicy at72_5{Percentage::parse("72.5")};
    EXPECT_EQ(spendingCeilingUse(m("100000.00"), Money(), m("72499.99"), at72_5).status,
              CeilingStatus::Within);
    EXPECT_EQ(spendingCeilingUse(m("100000.00"), Money(), m("72500.00"), at72_5).status,
              CeilingStatus::Warning);
}

TEST(SpendingCeiling, ZeroCeiling) {
    SpendingCeilingUse none = spendingCeilingUse(Money(), Money(), Money());
    EXPECT_FALSE(none.used_bp.has_value());
    EXPECT_EQ(none.status, CeilingStatus::Warning);
    SpendingCeilingUse some = spendingCeilingUse(Money(), m("0.01"), Money());
    EXPECT_FALSE(some.used_bp.has_value());
    EXPECT_EQ(some.remaining, m("-0.01"));
    EXPECT_EQ(some.status, CeilingStatus::Exceeded);
}

}  // namespace
}  // namespace zc::invoicing
