#include "provider_statement_store.hpp"

#include "interfaces/mysql/connection.hpp"
#include "interfaces/mysql/list_sql.hpp"

namespace zc::invoicing {
namespace {

constexpr const char* kStatementLines =
    "SELECT p.id, DATE(p.created_at), p.source_type, p.source_id,"
    " COALESCE(d.declaratie_nummer, d2.declaratie_nummer, ''), p.amount_cents, p.status,"
    " p.due_date, COALESCE(i.end_to_end_id, ''), COALESCE(DATE(p.paid_at), ''),"
    " p.municipality_code, COALESCE(p.offset_run_id, 0), COALESCE(o.offset_run_id, 0),"
    " COALESCE(c.id, 0),"
    " COALESCE(c.amount_cents, 0), COALESCE(p.disputed_reason, '') FROM payables p"
    " LEFT JOIN payables o ON o.id = p.split_from_id"
    " LEFT JOIN payables c ON c.split_from_id = p.id"
    " LEFT JOIN declarations d ON p.source_type = 'declaration' AND d.id = p.source_id"
    " LEFT JOIN claim_lines l ON p.source_type = 'review' AND l.id = p.source_id"
    " LEFT JOIN declarations d2 ON d2.id = l.declaration_id"
    " LEFT JOIN payment_instructions i ON i.id = p.instruction_id"
    " WHERE p.provider_id = ? AND p.created_at >= ? AND p.created_at < ?";

constexpr const char* kLineTotals =
    "SELECT COUNT(*), COALESCE(SUM(CASE WHEN p.amount_cents >= 0 THEN p.amount_cents END), 0),"
    " COALESCE(SUM(CASE WHEN p.amount_cents < 0 THEN p.amount_cents END), 0),"
    " COALESCE(SUM(CASE WHEN p.status = 'open' THEN p.amount_cents END), 0),"
    " COALESCE(SUM(CASE WHEN p.status = 'in_run' THEN p.amount_cents END), 0) FROM payables p"
    " WHERE p.provider_id = ? AND p.created_at >= ? AND p.created_at < ?";

constexpr const char* kPaymentsFromWhere =
    " FROM payment_instructions i JOIN payment_runs r ON r.id = i.run_id"
    " WHERE i.provider_id = ? AND i.status <> 'prepared' AND r.approved_at >= ?"
    " AND r.approved_at < ?";

// " LIMIT ? OFFSET ?" for a page, "" for every row.
std::string pageOf(const std::optional<app::ListQuery>& page, db::Params& params) {
    return page ? db::limitOffset(*page, params) : "";
}

}  // namespace

bool providerRecorded(db::Connection& db, std::int64_t provider_id) {
    return db.queryOne("SELECT id FROM providers WHERE id = ?", {provider_id}).has_value();
}

std::vector<StatementLineRow> statementLines(db::Connection& db, std::int64_t provider_id,
                                             Date from, Date to, const db::MunicipalityScope& scope,
                                             const std::optional<app::ListQuery>& page) {
    std::vector<StatementLineRow> out;
    db::Params params{provider_id, formatDate(from), formatDate(to)};
    const std::string in_scope = db::municipalityFilter(scope, "p.municipality_code", params);
    const std::string sql = kStatementLines + in_scope + " ORDER BY p.id" + pageOf(page, params);
    for (const auto& r : db.query(sql, params)) {
        out.push_back({r.i64(0), r.str(1), r.str(2), r.str(4), r.i64(5), r.str(6), r.str(7),
                       r.str(8), r.str(9), r.str(10), r.i64(3), r.str(15), r.i64(11), r.i64(12),
                       r.i64(13), r.i64(14)});
    }
    return out;
}

StatementLineTotals statementLineTotals(db::Connection& db, std::int64_t provider_id, Date from,
                                        Date to, const db::MunicipalityScope& scope) {
    db::Params params{provider_id, formatDate(from), formatDate(to)};
    const std::string in_scope = db::municipalityFilter(scope, "p.municipality_code", params);
    const auto r = db.queryOne(kLineTotals + in_scope, params);
    return {r->i64(0), r->i64(1), r->i64(2), r->i64(3), r->i64(4)};
}

std::vector<StatementPaymentRow> statementPayments(db::Connection& db, std::int64_t provider_id,
                                                   Date from, Date to,
                                                   const db::MunicipalityScope& scope,
                                                   const std::optional<app::ListQuery>& page) {
    std::vector<StatementPaymentRow> out;
    db::Params params{provider_id, formatDate(from), formatDate(to)};
    const std::string in_scope = db::municipalityFilter(scope, "r.municipality_code", params);
    const std::string sql =
        "SELECT i.id, i.run_id, i.end_to_end_id, i.amount_cents, i.status,"
        " COALESCE(i.return_reason, ''), COALESCE(DATE(i.booked_at), '')" +
        (kPaymentsFromWhere + in_scope) + " ORDER BY i.id" + pageOf(page, params);
    for (const auto& r : db.query(sql, params)) {
        out.push_back({r.i64(0), r.i64(1), r.str(2), r.i64(3), r.str(4), r.str(5), r.str(6)});
    }
    return out;
}

StatementPaymentTotals statementPaymentTotals(db::Connection& db, std::int64_t provider_id,
                                              Date from, Date to,
                                              const db::MunicipalityScope& scope) {
    db::Params params{provider_id, formatDate(from), formatDate(to)};
    const std::string in_scope = db::municipalityFilter(scope, "r.municipality_code", params);
    const auto r = db.queryOne(
        "SELECT COUNT(*), COALESCE(SUM(CASE WHEN i.status = 'booked' THEN i.amount_cents END), 0),"
        " COALESCE(SUM(CASE WHEN i.status = 'returned' THEN i.amount_cents END), 0)" +
            (kPaymentsFromWhere + in_scope),
        params);
    return {r->i64(0), r->i64(1), r->i64(2)};
}

std::optional<TracedClaimLine> tracedClaimLine(db::Connection& db, std::int64_t line_id) {
    auto l = db.queryOne(
        "SELECT l.provider_id, l.reference, l.status, COALESCE(l.code, ''), l.amount_cents,"
        " l.credit, d.id, d.declaratie_nummer, d.received_at, d.status, d.answered_at,"
        " l.municipality_code"
        " FROM claim_lines l JOIN declarations d ON d.id = l.declaration_id WHERE l.id = ?",
        {line_id});
    if (!l) return std::nullopt;
    return TracedClaimLine{l->i64(0), l->str(1), l->str(2), l->str(3), l->i64(4),  l->i64(5) != 0,
                           l->i64(6), l->str(7), l->str(8), l->str(9), l->opt(10), l->str(11)};
}

std::optional<TracedPayable> payableOfLine(db::Connection& db, std::int64_t line_id,
                                           std::int64_t declaration_id) {
    auto p = db.queryOne(
        "SELECT p.id, p.amount_cents, p.status, p.due_date, i.id, i.run_id, i.end_to_end_id,"
        " i.status, i.return_reason FROM payables p"
        " LEFT JOIN payment_instructions i ON i.id = p.instruction_id"
        " WHERE (p.source_type = 'review' AND p.source_id = ?) OR (p.source_type = 'declaration'"
        " AND p.source_id = ? AND NOT EXISTS (SELECT 1 FROM payables r WHERE r.source_type ="
        " 'review' AND r.source_id = ?)) ORDER BY p.source_type = 'review' DESC LIMIT 1",
        {line_id, declaration_id, line_id});
    if (!p) return std::nullopt;
    TracedPayable t{p->i64(0), p->i64(1), p->str(2), p->str(3),   p->optI64(4),
                    0,         "",        "",        std::nullopt};
    if (t.instruction_id) {
        t.run_id = p->i64(5);
        t.end_to_end_id = p->str(6);
        t.instruction_status = p->str(7);
        t.return_reason = p->opt(8);
    }
    return t;
}

std::optional<TracedBankEntry> bookedEntryOf(db::Connection& db, std::int64_t instruction_id) {
    auto e = db.queryOne(
        "SELECT e.id, s.statement_id, e.booking_date, e.amount_cents, e.match_status"
        " FROM bank_entries e JOIN bank_statements s ON s.id = e.statement_id"
        " WHERE e.instruction_id = ? AND e.match_status = 'booked' ORDER BY e.id LIMIT 1",
        {instruction_id});
    if (!e) return std::nullopt;
    return TracedBankEntry{e->i64(0), e->str(1), e->opt(2), e->i64(3)};
}

}  // namespace zc::invoicing
