#include "list_sql.hpp"

#include "contracting/kernel/errors.hpp"

namespace zc::db {

std::string likePattern(std::string_view q) {
    std::string out = "%";
    for (const char c : q) {
        if (c == '%' || c == '_' || c == '!') out += '!';
        out += c;
    }
    return out + "%";
}

std::string searchFilter(std::string_view q, const std::vector<std::string_view>& columns,
                         Params& params) {
    if (q.empty() || columns.empty()) return "";
    const std::string pattern = likePattern(q);
    std::string sql = " AND (";
    for (std::size_t i = 0; i < columns.size(); ++i) {
        if (i) sql += " OR ";
        sql += "LOWER(";
        sql += columns[i];
        sql += ") LIKE LOWER(?) ESCAPE '!'";
        params.emplace_back(pattern);
    }
    return sql + ")";
}

namespace {

[[noreturn]] void unknownSort(const std::string& name, const SortSpec& spec) {
    std::string allowed;
    for (const auto& c : spec.columns) {
        if (!allowed.empty()) allowed += ", ";
        allowed += c.name;
    }
    throw ValidationError("INVALID_QUERY",
                          "This list cannot be sorted by '" + name + "'; it sorts by " + allowed +
                              " (with '-' before the name for descending).",
                          "sort");
}

}  // namespace

std::string orderBy(const app::ListQuery& q, const SortSpec& spec) {
    const std::string_view name = q.sort.empty() ? spec.default_name : std::string_view(q.sort);
    const bool descending = q.sort.empty() ? spec.default_descending : q.descending;
    const char* direction = descending ? " DESC" : " ASC";
    std::string sql = " ORDER BY ";
    if (!name.empty()) {
        const SortColumn* column = nullptr;
        for (const auto& c : spec.columns) {
            if (c.name == name) column = &c;
        }
        if (!column) unknownSort(q.sort, spec);
        if (column->sql != spec.id_sql) {
            sql += column->sql;
            sql += direction;
            sql += ", ";
        }
    }
    sql += spec.id_sql;
    return sql + direction;
}

std::string limitOffset(const app::ListQuery& q, Params& params) {
    params.emplace_back(q.limit);
    params.emplace_back(q.offset);
    return " LIMIT ? OFFSET ?";
}

std::int64_t countRows(Connection& db, const std::string& from_where, const Params& params) {
    const auto r = db.queryOne("SELECT COUNT(*) " + from_where, params);
    return r ? r->i64(0) : 0;
}

namespace {

// Runs the statement `sql(count_column, limit)` writes, whose filter takes `params` twice (in the
// count's subquery, then in the page's FROM) and the page's LIMIT after them. The count is the
// rows' last column; an empty page (an offset past the end, or no rows) is counted alone.
template <typename Sql>
CountedPage countedStatement(Connection& db, const std::string& count_from_where,
                             const Params& params, const app::ListQuery& q, const Sql& sql) {
    Params page_params = params;
    page_params.insert(page_params.end(), params.begin(), params.end());
    const std::string limit = limitOffset(q, page_params);
    CountedPage page;
    page.rows = db.query(sql(", (SELECT COUNT(*) " + count_from_where + ") ", limit), page_params);
    page.total = page.rows.empty() ? countRows(db, count_from_where, params)
                                   : page.rows.front().i64(page.rows.front().size() - 1);
    return page;
}

}  // namespace

CountedPage countedPage(Connection& db, const std::string& columns,
                        const std::string& count_from_where, const std::string& from_where,
                        const Params& params, const std::string& order, const app::ListQuery& q) {
    return countedStatement(db, count_from_where, params, q,
                            [&](const std::string& count, const std::string& limit) {
                                return columns + count + from_where + order + limit;
                            });
}

CountedPage countedPageByIds(Connection& db, const std::string& columns,
                             const std::string& count_from_where, const IdPage& ids,
                             const Params& params, const std::string& order,
                             const app::ListQuery& q) {
    return countedStatement(db, count_from_where, params, q,
                            [&](const std::string& count, const std::string& limit) {
                                return columns + count + ids.from + " JOIN (SELECT " +
                                       ids.id_column + " AS page_id " + ids.id_from_where + order +
                                       limit + ") page ON page.page_id = " + ids.id_column + order;
                            });
}

std::string equalsFilter(std::string_view column, const std::string& value, Params& params) {
    if (value.empty()) return "";
    params.emplace_back(value);
    return " AND " + std::string(column) + " = ?";
}

std::string equalsFilter(std::string_view column, std::int64_t value, Params& params) {
    if (value == 0) return "";
    params.emplace_back(value);
    return " AND " + std::string(column) + " = ?";
}

}  // namespace zc::db
