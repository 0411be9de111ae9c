#pragma once
// A list's search, sort and count as SQL (issue 15), for the stores of every context. Each list
// names its searchable columns and its sortable columns as fixed SQL fragments; the user's text
// is only ever a bound parameter, and a sort name outside the whitelist is refused.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "connection.hpp"
#include "contracting/kernel/list_query.hpp"

namespace zc::db {

// One sortable column: its name in `?sort=` and the SQL expression it orders by.
struct SortColumn {
    std::string_view name;
    std::string_view sql;
};

// How a list sorts: its whitelist, the order when none is asked ("" = the id), and the id
// column that breaks ties so that paging is stable.
struct SortSpec {
    std::vector<SortColumn> columns;
    std::string_view id_sql;
    std::string_view default_name;  // a name of `columns`, or "" for the id
    bool default_descending = false;
};

// The LIKE pattern of a search: '%' + text + '%', with '%', '_' and the escape character '!'
// escaped by '!' (so that a backslash, too, is matched as itself).
std::string likePattern(std::string_view q);

// " AND (LOWER(c1) LIKE LOWER(?) ESCAPE '!' OR ...)" with the pattern appended to `params` once
// per column, or "" when `q` is empty. Columns are fixed SQL (e.g. "CAST(a.number AS CHAR)").
std::string searchFilter(std::string_view q, const std::vector<std::string_view>& columns,
                         Params& params);

// " AND <column> = ?" with `value` appended to `params`, or "" when the filter is not given (an
// empty text; 0 for an id or a year). Only the filters given go into the statement: MariaDB does
// not fold a prepared "? = '' OR column = ?" away, and such a condition can make a count read
// every row instead of an index.
std::string equalsFilter(std::string_view column, const std::string& value, Params& params);
std::string equalsFilter(std::string_view column, std::int64_t value, Params& params);

// " ORDER BY <column> [DESC], <id> [DESC]"; INVALID_QUERY (field "sort") when the query's sort
// is not in the whitelist.
std::string orderBy(const app::ListQuery& q, const SortSpec& spec);

// " LIMIT ? OFFSET ?" with both appended to `params`.
std::string limitOffset(const app::ListQuery& q, Params& params);

// SELECT COUNT(*) <from_where>: the list's total with the same FROM and WHERE as its page.
// A list reads its count and its page as statements of their own (in the caller's transaction
// when there is one). The pool's connections read at READ COMMITTED, where each statement sees
// what was committed when it began, in a transaction or not: a transaction around the two would
// not make them one snapshot, only cost two round trips (issue 17). The total may therefore
// differ from the page by what was committed between the two statements.
std::int64_t countRows(Connection& db, const std::string& from_where, const Params& params);

// A page and its list's total in one round trip: the total rides along as the page's last
// column, an uncorrelated subquery (`SELECT COUNT(*) <count_from_where>`) that MariaDB evaluates
// once per statement. Only when the page is empty (an offset at or past the end) is the total
// counted by a statement of its own. `columns` is "SELECT a, b", `from_where` the page's FROM and
// WHERE (its joins may differ from the count's), `params` the WHERE's, bound for both.
struct CountedPage {
    std::vector<Row> rows;  // the page's columns, then the total as the last one
    std::int64_t total = 0;
};
CountedPage countedPage(Connection& db, const std::string& columns,
                        const std::string& count_from_where, const std::string& from_where,
                        const Params& params, const std::string& order, const app::ListQuery& q);

// As countedPage, with the page's rows found first by their ids alone (a deferred join): the ids
// come from `id_from_where` with the order, limit and offset (an index alone when it covers the
// filter and the order), and only those rows are read through `from` ("FROM a JOIN b ...", no
// WHERE). A page at offset 1,450 then reads 50 rows, not 1,500 with their joins (issue 17).
// `id_column` is the id in both ("d.id").
struct IdPage {
    std::string id_column;
    std::string id_from_where;
    std::string from;
};
CountedPage countedPageByIds(Connection& db, const std::string& columns,
                             const std::string& count_from_where, const IdPage& ids,
                             const Params& params, const std::string& order,
                             const app::ListQuery& q);

}  // namespace zc::db
