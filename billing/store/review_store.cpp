#include "review_store.hpp"

#include <stdexcept>

#include "interfaces/mysql/connection.hpp"

namespace zc::billing {

ReviewStatus reviewStatusOf(const std::string& text) {
    const auto status = parseReviewStatus(text);
    if (!status) throw std::logic_error("review_items.status '" + text + "' is not a status");
    return *status;
}

std::optional<ReviewItem> MariaDbReviews::lockReview(std::int64_t review_id) {
    auto v = db_.queryOne(
        "SELECT v.status, v.claim_line_id, v.declaration_id, l.provider_id, l.amount_cents,"
        " l.credit, l.category, YEAR(l.period_begin), v.escalated_at, l.municipality_code"
        " FROM review_items v"
        " JOIN claim_lines l ON l.id = v.claim_line_id"
        " WHERE v.id = ? FOR UPDATE",
        {review_id});
    if (!v) return std::nullopt;
    ReviewItem r;
    r.status = reviewStatusOf(v->str(0));
    r.claim_line_id = v->i64(1);
    r.declaration_id = v->i64(2);
    r.provider_id = v->i64(3);
    r.amount_cents = v->i64(4);
    r.credit = v->i64(5) != 0;
    r.category = v->str(6);
    r.cost_year = static_cast<int>(v->i64(7));
    r.escalated = !v->isNull(8);
    r.municipality_code = v->str(9);
    return r;
}

void MariaDbReviews::recordDecision(std::int64_t review_id, ReviewStatus status,
                                    const std::string& now, const std::string& decided_by,
                                    const std::string& reason) {
    db_.execute(
        "UPDATE review_items SET status = ?, decided_at = ?, decided_by = ?, reason = ? WHERE id = "
        "?",
        {std::string(reviewStatusName(status)), now, decided_by, reason, review_id});
}

void MariaDbReviews::setLineStatus(std::int64_t claim_line_id, LineStatus status) {
    db_.execute("UPDATE claim_lines SET status = ? WHERE id = ?",
                {std::string(lineStatusName(status)), claim_line_id});
}

void MariaDbReviews::addAwarded(std::int64_t declaration_id, std::int64_t cents) {
    db_.execute(
        "UPDATE declarations SET total_awarded_cents = total_awarded_cents + ? WHERE id = ?",
        {cents, declaration_id});
}

Date MariaDbReviews::receivedOn(std::int64_t declaration_id) {
    auto received =
        db_.queryOne("SELECT DATE(received_at) FROM declarations WHERE id = ?", {declaration_id});
    return parseDate(received->str(0));
}

bool MariaDbReviews::hasOpenReview(std::int64_t declaration_id) {
    return db_
        .queryOne("SELECT id FROM review_items WHERE declaration_id = ? AND status = 'open'",
                  {declaration_id})
        .has_value();
}

bool MariaDbReviews::answerIfAwaitingReview(std::int64_t declaration_id, const std::string& now) {
    return db_.execute(
               "UPDATE declarations SET status = 'answered', answered_at = ?"
               " WHERE id = ? AND status = 'awaiting_review'",
               {now, declaration_id}) == 1;
}

std::vector<std::int64_t> MariaDbReviews::lockOverdueDeclarations(
    Date today, const db::MunicipalityScope& scope) {
    db::Params params{formatDate(today)};
    const std::string sql =
        "SELECT id FROM declarations WHERE status = 'awaiting_review' AND answer_due <= ?" +
        db::municipalityFilter(scope, "municipality_code", params) + " ORDER BY id FOR UPDATE";
    std::vector<std::int64_t> out;
    for (const auto& d : db_.query(sql, params)) {
        out.push_back(d.i64(0));
    }
    return out;
}

void MariaDbReviews::escalateAndAnswer(std::int64_t declaration_id, const std::string& now) {
    db_.execute(
        "UPDATE review_items SET escalated_at = ? WHERE declaration_id = ?"
        " AND status = 'open'",
        {now, declaration_id});
    db_.execute("UPDATE declarations SET status = 'answered', answered_at = ? WHERE id = ?",
                {now, declaration_id});
}

}  // namespace zc::billing
