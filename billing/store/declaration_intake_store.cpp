#include "declaration_intake_store.hpp"

#include "interfaces/mysql/connection.hpp"

namespace zc::billing {

void savepoint(db::Connection& db, const std::string& name) { db.execute("SAVEPOINT " + name); }

void rollbackToSavepoint(db::Connection& db, const std::string& name) {
    db.execute("ROLLBACK TO SAVEPOINT " + name);
}

void lockProvider(db::Connection& db, std::int64_t provider_id) {
    db.queryOne("SELECT id FROM providers WHERE id = ? FOR UPDATE", {provider_id});
}

std::optional<std::string> latestWmo323Period(db::Connection& db, std::int64_t provider_id) {
    const auto r = db.queryOne(
        "SELECT MAX(period_begin) FROM declarations WHERE provider_id = ? AND source = 'wmo323'"
        " AND status <> 'rejected'",
        {provider_id});
    if (!r || r->isNull(0)) return std::nullopt;
    return r->str(0);
}

void storeMessageHead(db::Connection& db, std::int64_t declaration_id, const std::string& head) {
    db.execute("UPDATE declarations SET message_head = ? WHERE id = ?", {head, declaration_id});
}

std::optional<Wmo323DeclarationRow> wmo323Declaration(db::Connection& db,
                                                      std::int64_t declaration_id) {
    const auto d = db.queryOne(
        "SELECT d.message_head, d.inbox_message_id, d.provider_id FROM declarations d"
        " WHERE d.id = ? AND d.source = 'wmo323'",
        {declaration_id});
    if (!d) return std::nullopt;
    return Wmo323DeclarationRow{d->opt(0), d->optI64(1), d->i64(2)};
}

DeclarationOutcomeRow declarationOutcome(db::Connection& db, std::int64_t declaration_id) {
    const auto d = db.queryOne(
        "SELECT total_submitted_cents, header_code, status FROM declarations WHERE id = ?",
        {declaration_id});
    return {d->i64(0), d->opt(1), d->str(2)};
}

std::vector<NotAcceptedRow> notAcceptedLines(db::Connection& db, std::int64_t declaration_id,
                                             std::int64_t after, std::int64_t limit) {
    const auto rows = db.query(
        "SELECT bsn_enc, reference, previous_reference, credit, allocation_number,"
        " category, product_code, period_begin, period_end, volume, unit, tariff_cents,"
        " amount_cents, COALESCE(codes, code), id FROM claim_lines WHERE declaration_id = "
        "? AND id > ?"
        " AND status IN ('rejected', 'review') AND bsn_enc IS NOT NULL ORDER BY id"
        " LIMIT " +
            std::to_string(limit),
        {declaration_id, after});
    std::vector<NotAcceptedRow> out;
    out.reserve(rows.size());
    for (const auto& r : rows) {
        out.push_back({r.i64(14), r.str(0), r.str(1), r.opt(2), r.i64(3) != 0, r.str(4), r.str(5),
                       r.str(6), r.str(7), r.str(8), r.i64(9), r.str(10), r.optI64(11), r.i64(12),
                       r.str(13)});
    }
    return out;
}

}  // namespace zc::billing
