// A list's search and sort as SQL (issue 15): the user's text is only ever a bound parameter,
// LIKE's wildcards in it are escaped, and only whitelisted sort names reach the ORDER BY.
#include "interfaces/mysql/list_sql.hpp"

#include <gtest/gtest.h>

#include <string>

#include "contracting/kernel/errors.hpp"

namespace zc::db {
namespace {

const SortSpec kSpec{
    {{"reference", "l.reference"}, {"amount_cents", "l.amount_cents"}, {"id", "l.id"}},
    "l.id",
    "",
    false};

TEST(ListSql, LikePatternEscapesWildcardsAndTheEscapeCharacter) {
    EXPECT_EQ(likePattern("abc"), "%abc%");
    EXPECT_EQ(likePattern("50%"), "%50!%%");
    EXPECT_EQ(likePattern("a_b"), "%a!_b%");
    EXPECT_EQ(likePattern("wow!"), "%wow!!%");
    EXPECT_EQ(likePattern("C:\\x"), "%C:\\x%");  // ESCAPE '!': a backslash is itself
}

TEST(ListSql, SearchBindsThePatternOncePerColumnAndNeverInlinesIt) {
    Params params{std::int64_t{7}};
    const auto sql = searchFilter("x' OR 1=1 --", {"l.reference", "p.name"}, params);
    EXPECT_EQ(sql,
              " AND (LOWER(l.reference) LIKE LOWER(?) ESCAPE '!' OR LOWER(p.name) LIKE LOWER(?) "
              "ESCAPE '!')");
    ASSERT_EQ(params.size(), 3u);
    EXPECT_EQ(std::get<std::string>(params[1]), "%x' OR 1=1 --%");
    EXPECT_EQ(std::get<std::string>(params[2]), "%x' OR 1=1 --%");
    Params none;
    EXPECT_EQ(searchFilter("", {"l.reference"}, none), "");
    EXPECT_TRUE(none.empty());
}

TEST(ListSql, OrderByUsesTheWhitelistAndBreaksTiesByTheId) {
    app::ListQuery q;
    EXPECT_EQ(orderBy(q, kSpec), " ORDER BY l.id ASC");
    q.sort = "amount_cents";
    EXPECT_EQ(orderBy(q, kSpec), " ORDER BY l.amount_cents ASC, l.id ASC");
    q.descending = true;
    EXPECT_EQ(orderBy(q, kSpec), " ORDER BY l.amount_cents DESC, l.id DESC");
    q.sort = "id";
    EXPECT_EQ(orderBy(q, kSpec), " ORDER BY l.id DESC");
    const SortSpec newest{{{"received_at", "d.id"}}, "d.id", "received_at", true};
    EXPECT_EQ(orderBy(app::ListQuery{}, newest), " ORDER BY d.id DESC");
}

TEST(ListSql, AnUnknownSortIsInvalidQueryOnTheSortField) {
    app::ListQuery q;
    q.sort = "bsn_enc";
    try {
        orderBy(q, kSpec);
        FAIL() << "no error";
    } catch (const ValidationError& e) {
        EXPECT_EQ(e.code(), "INVALID_QUERY");
        EXPECT_EQ(e.field(), "sort");
        EXPECT_NE(std::string(e.what()).find("reference, amount_cents, id"), std::string::npos);
    }
}

TEST(ListSql, LimitAndOffsetAreBound) {
    app::ListQuery q;
    q.limit = 50;
    q.offset = 100;
    Params params;
    EXPECT_EQ(limitOffset(q, params), " LIMIT ? OFFSET ?");
    ASSERT_EQ(params.size(), 2u);
    EXPECT_EQ(std::get<std::int64_t>(params[0]), 50);
    EXPECT_EQ(std::get<std::int64_t>(params[1]), 100);
}

// A filter not given is not in the statement at all (MariaDB does not fold a prepared
// "? = '' OR column = ?" away); a given one is bound, never inlined.
TEST(ListSql, AnEqualsFilterIsOnlyThereWhenGiven) {
    Params params;
    EXPECT_EQ(equalsFilter("d.status", std::string(), params), "");
    EXPECT_EQ(equalsFilter("d.provider_id", std::int64_t{0}, params), "");
    EXPECT_TRUE(params.empty());
    EXPECT_EQ(equalsFilter("d.status", std::string("open' OR 1=1"), params), " AND d.status = ?");
    EXPECT_EQ(equalsFilter("d.provider_id", std::int64_t{7}, params), " AND d.provider_id = ?");
    ASSERT_EQ(params.size(), 2u);
    EXPECT_EQ(std::get<std::string>(params[0]), "open' OR 1=1");
    EXPECT_EQ(std::get<std::int64_t>(params[1]), 7);
}

}  // namespace
}  // namespace zc::db
