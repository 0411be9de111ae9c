// The memo of figure parts (invoicing/store/figure_parts_memo.hpp): found only with the version
// it was kept with, replaced by a newer keep, and bounded.
#include "invoicing/store/figure_parts_memo.hpp"

#include <gtest/gtest.h>

namespace zc::invoicing {
namespace {

FigureParts paidOf(std::int64_t cents) {
    FigureParts p;
    p.paid[{1, 2}] = Money::fromCents(cents);
    return p;
}

TEST(FigurePartsMemo, AnswersOnlyTheVersionItKept) {
    FigurePartsMemo memo(8);
    EXPECT_EQ(memo.find("0193 02", "7"), nullptr);
    memo.keep("0193 02", "7", paidOf(100));
    ASSERT_NE(memo.find("0193 02", "7"), nullptr);
    EXPECT_EQ(memo.find("0193 02", "7")->paid.at({1, 2}), Money::fromCents(100));
    EXPECT_EQ(memo.find("0193 02", "8"), nullptr);
    EXPECT_EQ(memo.find("0193 03", "7"), nullptr);
    memo.keep("0193 02", "8", paidOf(250));
    EXPECT_EQ(memo.find("0193 02", "7"), nullptr);
    EXPECT_EQ(memo.find("0193 02", "8")->paid.at({1, 2}), Money::fromCents(250));
}

TEST(FigurePartsMemo, StaysWithinItsCapacity) {
    FigurePartsMemo memo(3);
    for (int i = 0; i < 10; ++i) {
        memo.keep("key " + std::to_string(i), "1", paidOf(i));
        EXPECT_LE(memo.size(), 3u);
        EXPECT_NE(memo.find("key " + std::to_string(i), "1"), nullptr) << "the newest is kept";
    }
    FigurePartsMemo full(3);
    for (int i = 0; i < 3; ++i) full.keep("key " + std::to_string(i), "1", paidOf(i));
    full.keep("key 1", "2", paidOf(5));  // replacing an entry of a full memo keeps the others
    EXPECT_EQ(full.size(), 3u);
    EXPECT_NE(full.find("key 0", "1"), nullptr);
    EXPECT_NE(full.find("key 2", "1"), nullptr);
}

}  // namespace
}  // namespace zc::invoicing
