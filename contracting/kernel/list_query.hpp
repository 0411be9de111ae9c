#pragma once
// What a caller asks of a list that can grow (issue 15): a page (limit, offset), a free-text
// search and a sort column from the list's own whitelist, and what it gets back: the page and
// the total that matches before paging. The stores turn this into SQL (interfaces/mysql/
// list_sql.hpp); the user's text never reaches SQL except as a bound parameter.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace zc::app {

inline constexpr std::int64_t kDefaultPageSize = 100;
inline constexpr std::int64_t kMaxPageSize = 1000;
inline constexpr std::size_t kMaxSearchChars = 100;  // q, in characters (UTF-8 code points)

struct ListQuery {
    std::int64_t limit = kDefaultPageSize;
    std::int64_t offset = 0;
    std::string search;  // q: "" searches nothing
    std::string sort;    // a column name of the list's whitelist; "" = the list's default order
    bool descending = false;
};

// One page of a list and how many items match the filters and search in all.
template <class Row>
struct ListPage {
    std::vector<Row> items;
    std::int64_t total = 0;
};

// Why `q` is no acceptable search text (too long, control characters, not UTF-8), or nothing.
std::optional<std::string> searchProblem(std::string_view q);

// "column" or "-column" (descending) into `out`; false when it is not of that form (a name of
// a-z, 0-9 and '_', 1..40 characters). The list decides whether the name is one of its own.
bool parseSort(std::string_view text, ListQuery& out);

}  // namespace zc::app
