#include "review_queue_store.hpp"

#include "billing/store/review_store.hpp"
#include "interfaces/mysql/connection.hpp"

namespace zc::billing {
namespace {

constexpr const char* kReviewColumns =
    "SELECT v.id, v.declaration_id, v.code, v.message, v.status, v.due_date, p.agb,"
    " l.reference, l.allocation_number, l.product_code, l.period_begin, l.period_end,"
    " l.volume, l.unit, l.amount_cents, v.decided_by, v.reason, v.escalated_at,"
    " v.claim_line_id, p.name, d.declaratie_nummer, l.municipality_code FROM review_items v"
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

std::vector<ReviewRow> findReviews(db::Connection& db, const std::string& status,
                                   const db::MunicipalityScope& scope) {
    std::vector<ReviewRow> out;
    db::Params params{status, status};
    const std::string in_scope = db::municipalityFilter(scope, "l.municipality_code", params);
    for (const auto& r : db.query(std::string(kReviewColumns) + " WHERE (? = '' OR v.status = ?)" +
                                      in_scope + " ORDER BY v.due_date, v.id LIMIT 1000",
                                  params)) {
        out.push_back(reviewFrom(r));
    }
    return out;
}

std::optional<ReviewRow> findReview(db::Connection& db, std::int64_t id) {
    auto r = db.queryOne(std::string(kReviewColumns) + " WHERE v.id = ?", {id});
    if (!r) return std::nullopt;
    return reviewFrom(*r);
}

}  // namespace zc::billing
