// OP087: which allocations a WMO301 carries (contracting/domain/wmo301_content.hpp).
#include "contracting/domain/wmo301_content.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace zc::contracting {
namespace {

Date d(const char* text) { return parseDate(text); }

struct Row {
    const char* name;
    AllocationForMessage allocation;
    const char* expected;
};

TEST(Wmo301Content, TableOfAllocations) {
    const Date message = d("2025-06-10");
    const std::vector<Row> rows = {
        {"open-ended, sent before", {d("2025-01-01"), std::nullopt, std::nullopt, true}, "valid"},
        {"ends after the message date", {d("2025-01-01"), d("2025-12-01"), "05", true}, "valid"},
        {"last day is the message date", {d("2025-01-01"), d("2025-06-11"), "05", true}, "valid"},
        {"starts in the future", {d("2025-07-01"), d("2025-12-01"), std::nullopt, true}, "valid"},
        {"ended the day before, sent before",
         {d("2025-01-01"), d("2025-06-10"), "05", true},
         "left_out"},
        {"ended long ago, sent before",
         {d("2024-01-01"), d("2024-06-01"), std::nullopt, true},
         "left_out"},
        {"ended since the last message",
         {d("2025-01-01"), d("2025-06-01"), "05", false},
         "changed"},
        {"removed (13), not yet sent", {d("2025-07-01"), d("2025-07-01"), "13", false}, "changed"},
        {"removed (13) in the future, sent before",
         {d("2025-07-01"), d("2025-07-01"), "13", true},
         "left_out"},
        {"withdrawn with 01, sent before",
         {d("2025-08-01"), d("2025-08-01"), "01", true},
         "left_out"},
        {"end equals start without 13 is not withdrawn",
         {d("2025-08-01"), d("2025-08-01"), "05", true},
         "valid"},
    };
    for (const auto& r : rows) {
        EXPECT_EQ(inclusionName(wmo301Inclusion(r.allocation, message)), r.expected) << r.name;
        EXPECT_EQ(belongsInWmo301(r.allocation, message), std::string(r.expected) != "left_out")
            << r.name;
    }
}

TEST(Wmo301Content, WithdrawnNeedsEndOnStartAnd13Or01) {
    EXPECT_TRUE(isWithdrawn({d("2025-01-01"), d("2025-01-01"), "13", false}));
    EXPECT_TRUE(isWithdrawn({d("2025-01-01"), d("2025-01-01"), "01", false}));
    EXPECT_FALSE(isWithdrawn({d("2025-01-01"), d("2025-01-02"), "13", false}));
    EXPECT_FALSE(isWithdrawn({d("2025-01-01"), std::nullopt, "13", false}));
    EXPECT_FALSE(isWithdrawn({d("2025-01-01"), d("2025-01-01"), std::nullopt, false}));
}

}  // namespace
}  // namespace zc::contracting
