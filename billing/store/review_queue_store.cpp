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
    return db::consistentRead(db, [&] {
        app::ListPage<ReviewRow> page;
        page.total = f.list.search.empty()
                         ? db::countRows(db, " FROM review_items v" + own_where, own_params)
                         : db::countRows(db, from_where, params);
        if (f.list.search.empty() && ownSort(f.list)) {
            // The page's items first, from review_items' indexes alone (a deep page skips ids,
            // not joined rows); then their lines, providers and declarations.
            auto id_params = own_params;
            const auto limit = db::limitOffset(f.list, id_params);
            db::Params ids;
            for (const auto& r : db.query(
                     "SELECT v.id FROM review_items v" + own_where + order + limit, id_params)) {
                ids.emplace_back(r.i64(0));
            }
            if (ids.empty()) return page;
            std::string marks(ids.size() * 2 - 1, ',');
            for (std::size_t i = 0; i < marks.size(); i += 2) marks[i] = '?';
            for (const auto& r :
                 db.query(kReviewColumns + kReviewFrom + " WHERE v.id IN (" + marks + ")" + order,
                          ids)) {
                page.items.push_back(reviewFrom(r));
            }
            return page;
        }
        auto page_params = params;
        const auto limit = db::limitOffset(f.list, page_params);
        for (const auto& r : db.query(kReviewColumns + from_where + order + limit, page_params)) {
            page.items.push_back(reviewFrom(r));
        }
        return page;
    });
}

std::optional<ReviewRow> findReview(db::Connection& db, std::int64_t id) {
    auto r = db.queryOne(std::string(kReviewColumns) + kReviewFrom + " WHERE v.id = ?", {id});
    if (!r) return std::nullopt;
    return reviewFrom(*r);
}

}  // namespace zc::billing
