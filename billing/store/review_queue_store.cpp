#include "review_queue_store.hpp"

#include "billing/store/review_store.hpp"
#include "interfaces/mysql/connection.hpp"
#include "interfaces/mysql/list_sql.hpp"

namespace zc::billing {
namespace {

constexpr const char* kReviewColumns =
    "SELECT v.id, v.declaration_id, v.code, v.message, v.status, v.due_date, p.agb,"
    " l.reference, l.allocation_number, l.product_code, l.period_begin, l.period_end,"
    " l.volume, l.unit, l.amount_cents, v.decided_by, v.reason, v.escalated_at,"
    " v.claim_line_id, p.name, d.declaratie_nummer, l.municipality_code ";
const std::string kReviewFrom =
    "FROM review_items v"
    " JOIN claim_lines l ON l.id = v.claim_line_id JOIN providers p ON p.id = l.provider_id"
    " JOIN declarations d ON d.id = v.declaration_id";

ReviewRow reviewFrom(const db::Row& r) {
    ReviewRow v;
    v.id = r.i64(0);
    v.declaration_id = r.i64(1);
    v.code = r.str(2);
    v.message = r.str(3);
    v.status = reviewStatusOf(r.str(4));
    v.due_date = r.str(5);
    v.provider_agb = r.str(6);
    v.reference = r.str(7);
    v.allocation_number = r.i64(8);
    v.product_code = r.str(9);
    v.period_start = r.str(10);
    v.period_end = r.str(11);
    v.volume = r.i64(12);
    v.unit = r.str(13);
    v.amount_cents = r.i64(14);
    v.decided_by = r.opt(15);
    v.reason = r.opt(16);
    v.escalated = !r.isNull(17);
    v.claim_line_id = r.i64(18);
    v.provider_name = r.str(19);
    v.declaration_number = r.str(20);
    v.municipality_code = r.str(21);
    return v;
}

}  // namespace

namespace {

const db::SortSpec kReviewSort{{{"due_date", "v.due_date"},
                                {"provider_name", "p.name"},
                                {"declaration_number", "d.declaratie_nummer"},
                                {"reference", "l.reference"},
                                {"amount_cents", "l.amount_cents"},
                                {"status", "v.status"}},
                               "v.id",
                               "due_date",
                               false};

// Whether the list's order is of the review item's own columns (due date, status).
bool ownSort(const app::ListQuery& q) {
    return q.sort.empty() || q.sort == "due_date" || q.sort == "status";
}

// The kept counts (review_day_counts, migration 0049) serve a list without a provider filter or
// a search: they are per municipality, due date and status only.
bool countedByDay(const ReviewFilter& f) { return f.list.search.empty() && f.provider_id == 0; }

// The list in due-date order (the default, or ?sort=due_date / -due_date).
bool dueDateOrder(const app::ListQuery& q) { return q.sort.empty() || q.sort == "due_date"; }

// The status and municipality filters on review_day_counts c.
std::string dayCountsWhere(const ReviewFilter& f, db::Params& params) {
    const bool decided = f.status == "decided";
    std::string where = " WHERE 1 = 1";
    where += db::equalsFilter("c.status", decided ? "" : f.status, params);
    if (decided) where += " AND c.status <> 'open'";
    return where + db::municipalityFilter(f.scope, "c.municipality_code", params);
}

std::int64_t keptTotal(db::Connection& db, const ReviewFilter& f) {
    db::Params params;
    const auto where = dayCountsWhere(f, params);
    return db.queryOne("SELECT COALESCE(SUM(c.items), 0) FROM review_day_counts c" + where, params)
        ->i64(0);
}

// The kept counts per due date of the list's statuses and municipalities, in the list's
// due-date order: their sum is the list's total; walked, they find where a deep page begins.
using DayCounts = std::vector<std::pair<std::string, std::int64_t>>;

DayCounts dayCounts(db::Connection& db, const ReviewFilter& f, bool descending) {
    db::Params params;
    const auto where = dayCountsWhere(f, params);
    DayCounts days;
    for (const auto& r :
         db.query("SELECT c.due_date, SUM(c.items) FROM review_day_counts c" + where +
                      " GROUP BY c.due_date ORDER BY c.due_date" + (descending ? " DESC" : ""),
                  params)) {
        days.emplace_back(r.str(0), r.i64(1));
    }
    return days;
}

std::int64_t totalOf(const DayCounts& days) {
    std::int64_t total = 0;
    for (const auto& day : days) total += day.second;
    return total;
}

// Where a page in due-date order begins: its first item's due date, and how many items of that
// date (in the list's order) come before it. Nothing when the offset is past the last item.
struct DayStart {
    std::string due_date;
    std::int64_t skip = 0;
};

std::optional<DayStart> dayStart(const DayCounts& days, std::int64_t offset) {
    std::int64_t before = 0;
    for (const auto& [due_date, items] : days) {
        if (before + items > offset) return DayStart{due_date, offset - before};
        before += items;
    }
    return std::nullopt;
}

// Whether the list's due-date order runs from the latest date.
bool dueDescending(const app::ListQuery& q) {
    return q.sort.empty() ? kReviewSort.default_descending : q.descending;
}

// The page's items, from review_items' indexes alone (a deep page skips ids, not joined rows;
// in due-date order it starts at its first item's date, found in the kept counts); then their
// lines, providers and declarations.
std::vector<ReviewRow> pageByOwnColumns(db::Connection& db, const ReviewFilter& f,
                                        std::string where, db::Params params,
                                        const std::string& order, const DayCounts* days) {
    app::ListQuery list = f.list;
    if (days) {
        const auto start = dayStart(*days, list.offset);
        if (!start) return {};
        where += dueDescending(list) ? " AND v.due_date <= ?" : " AND v.due_date >= ?";
        params.emplace_back(start->due_date);
        list.offset = start->skip;
    }
    const auto limit = db::limitOffset(list, params);
    db::Params ids;
    for (const auto& r :
         db.query("SELECT v.id FROM review_items v" + where + order + limit, params)) {
        ids.emplace_back(r.i64(0));
    }
    std::vector<ReviewRow> items;
    if (ids.empty()) return items;
    std::string marks(ids.size() * 2 - 1, ',');
    for (std::size_t i = 0; i < marks.size(); i += 2) marks[i] = '?';
    for (const auto& r :
         db.query(kReviewColumns + kReviewFrom + " WHERE v.id IN (" + marks + ")" + order, ids)) {
        items.push_back(reviewFrom(r));
    }
    return items;
}

}  // namespace

app::ListPage<ReviewRow> findReviews(db::Connection& db, const ReviewFilter& f) {
    // "decided": every status but open; otherwise one status, or all for "".
    const bool decided = f.status == "decided";
    const std::string status = decided ? "" : f.status;
    // The filters on the item's own columns (migration 0044: its line's municipality and
    // provider), so that the count without a search reads review_items' indexes alone. Only the
    // filters given are in the statement: a prepared "? = 0 OR v.provider_id = ?" is not
    // folded away, and would read every row for its provider.
    db::Params params;
    std::string where = " WHERE 1 = 1";
    where += db::equalsFilter("v.status", status, params);
    where += db::equalsFilter("v.provider_id", f.provider_id, params);
    if (decided) where += " AND v.status <> 'open'";
    where += db::municipalityFilter(f.scope, "v.municipality_code", params);
    const auto own_params = params;
    const std::string own_where = where;
    where += db::searchFilter(f.list.search,
                              {"l.reference", "CAST(l.allocation_number AS CHAR)", "v.code",
                               "p.name", "p.agb", "d.declaratie_nummer"},
                              params);
    const std::string from_where = kReviewFrom + where;
    const std::string order = db::orderBy(f.list, kReviewSort);
    app::ListPage<ReviewRow> page;
    // A deep page in due-date order reads the day counts once, for its total and its start.
    std::optional<DayCounts> days;
    if (countedByDay(f) && dueDateOrder(f.list) && f.list.offset > 0) {
        days = dayCounts(db, f, dueDescending(f.list));
    }
    page.total = days              ? totalOf(*days)
                 : countedByDay(f) ? keptTotal(db, f)
                 : f.list.search.empty()
                     ? db::countRows(db, " FROM review_items v" + own_where, own_params)
                     : db::countRows(db, from_where, params);
    if (f.list.search.empty() && ownSort(f.list)) {
        page.items = pageByOwnColumns(db, f, own_where, own_params, order, days ? &*days : nullptr);
        return page;
    }
    auto page_params = params;
    const auto limit = db::limitOffset(f.list, page_params);
    for (const auto& r : db.query(kReviewColumns + from_where + order + limit, page_params)) {
        page.items.push_back(reviewFrom(r));
    }
    return page;
}

std::optional<ReviewRow> findReview(db::Connection& db, std::int64_t id) {
    auto r = db.queryOne(std::string(kReviewColumns) + kReviewFrom + " WHERE v.id = ?", {id});
    if (!r) return std::nullopt;
    return reviewFrom(*r);
}

}  // namespace zc::billing
