// A list's query (issue 15): the sort parameter's form and the search text's limits.
#include "contracting/kernel/list_query.hpp"

#include <gtest/gtest.h>

#include <string>

namespace zc::app {
namespace {

TEST(ListQuery, SortIsAColumnNameWithAnOptionalMinusForDescending) {
    ListQuery q;
    ASSERT_TRUE(parseSort("amount_cents", q));
    EXPECT_EQ(q.sort, "amount_cents");
    EXPECT_FALSE(q.descending);
    ASSERT_TRUE(parseSort("-due_date", q));
    EXPECT_EQ(q.sort, "due_date");
    EXPECT_TRUE(q.descending);
}

TEST(ListQuery, SortRefusesAnythingButLowerCaseNames) {
    for (const char* bad : {"", "-", "--id", "Amount", "id;DROP TABLE x", "a b", "a,b", "ü",
                            "1 DESC", "id)", "+id"}) {
        ListQuery q;
        EXPECT_FALSE(parseSort(bad, q)) << bad;
        EXPECT_EQ(q.sort, "") << bad;
    }
    ListQuery q;
    EXPECT_FALSE(parseSort(std::string(41, 'a'), q));
    EXPECT_TRUE(parseSort(std::string(40, 'a'), q));
}

TEST(ListQuery, SearchTakesAtMost100CharactersOfFreeText) {
    EXPECT_FALSE(searchProblem(""));
    EXPECT_FALSE(searchProblem("Vechtstroom 50%_\\"));
    EXPECT_FALSE(searchProblem(std::string(100, 'x')));
    EXPECT_TRUE(searchProblem(std::string(101, 'x')));
    // Characters, not bytes: 100 times "é" (200 bytes) is allowed.
    std::string accents;
    for (int i = 0; i < 100; ++i) accents += "\xC3\xA9";
    EXPECT_FALSE(searchProblem(accents));
    EXPECT_TRUE(searchProblem(accents + "e"));
    EXPECT_TRUE(searchProblem(std::string("a\x01") + "b"));
    EXPECT_TRUE(searchProblem("\xFF\xFE"));  // not UTF-8
}

}  // namespace
}  // namespace zc::app
