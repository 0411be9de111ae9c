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

// A Kampen client with household help (paid by Kampen, 0166) and Beschermd Wonen (placed with
// Zwolle, 0193) at one provider: two WMO301s, each from its municipality with only what it pays.
TEST(Wmo301Content, OneWmo301PerPayingMunicipality) {
    const Date message = d("2025-06-10");
    const std::vector<PaidAllocationForMessage> allocations = {
        {"0166", {d("2025-01-01"), std::nullopt, std::nullopt, true}},      // HH
        {"0193", {d("2025-02-01"), d("2025-12-01"), std::nullopt, false}},  // BW
        {"0166", {d("2025-03-01"), d("2025-04-01"), "05", false}},          // HH, ended since
    };
    const auto selections = wmo301Selections(allocations, message);
    ASSERT_EQ(selections.size(), 2u);
    EXPECT_EQ(selections[0].municipality, "0166");
    EXPECT_EQ(selections[0].carried, (std::vector<std::size_t>{0, 2}));
    EXPECT_EQ(selections[1].municipality, "0193");
    EXPECT_EQ(selections[1].carried, (std::vector<std::size_t>{1}));
}

// "Changed since the previous WMO301" is judged per municipality: an ended Kampen allocation
// that Kampen's WMO301 carried already leaves Kampen nothing to send, while Zwolle still sends.
TEST(Wmo301Content, AMunicipalityWithNothingToCarrySendsNoWmo301) {
    const Date message = d("2025-06-10");
    const std::vector<PaidAllocationForMessage> allocations = {
        {"0166", {d("2025-01-01"), d("2025-05-01"), "05", true}},
        {"0193", {d("2025-02-01"), std::nullopt, std::nullopt, true}},
    };
    const auto selections = wmo301Selections(allocations, message);
    ASSERT_EQ(selections.size(), 1u);
    EXPECT_EQ(selections[0].municipality, "0193");
    EXPECT_EQ(selections[0].carried, (std::vector<std::size_t>{1}));
    EXPECT_TRUE(wmo301Selections({}, message).empty());
}

}  // namespace
}  // namespace zc::contracting
