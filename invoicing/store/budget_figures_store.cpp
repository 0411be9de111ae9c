#include "budget_figures_store.hpp"

#include <cstddef>

namespace zc::invoicing {
namespace {

// A line's service month (the first day of the month its period begins) and signed amount.
const std::string kServiceMonth =
    "cl.period_begin - INTERVAL (DAYOFMONTH(cl.period_begin) - 1) DAY";
const std::string kSignedAmount = "IF(cl.credit = 1, -cl.amount_cents, cl.amount_cents)";
// The lines that count: those whose allocation's client is known.
const std::string kLinesFrom =
    " FROM claim_lines cl JOIN declarations dc ON dc.id = cl.declaration_id"
    " JOIN allocations a ON a.number = cl.allocation_number AND a.is_current = 1"
    " JOIN clients c ON c.id = a.client_id";
// The same lines of one declaration, in a forced order: its lines from their index, each line's
// current allocation by its number. With statistics taken while the tables were small (InnoDB
// recounts them in the background, some time after a large load or not before a restart) the
// optimiser joined allocations by scanning all of them for every block of lines: 61 s instead of
// 0.35 s for 100,000 lines against 8,334 allocations, inside the intake's transaction.
const std::string kDeclarationLinesFrom =
    " FROM claim_lines cl FORCE INDEX (ix_claim_declaration)"
    " STRAIGHT_JOIN declarations dc ON dc.id = cl.declaration_id"
    " STRAIGHT_JOIN allocations a FORCE INDEX (uq_allocation_version)"
    " ON a.number = cl.allocation_number AND a.is_current = 1"
    " STRAIGHT_JOIN clients c ON c.id = a.client_id";
const std::string kCounted = " WHERE cl.municipality_code IS NOT NULL AND ";
// The district and team the client has (0: none), or given as parameters.
const std::string kClientPlace =
    "COALESCE(c.district_id, 0) AS district_id, COALESCE(c.team_id, 0) AS team_id";
const std::string kGivenPlace = "? AS district_id, ? AS team_id";
constexpr std::size_t kKeyDigits = 12;

const std::string kClaimUpsert =
    "INSERT INTO budget_claim_figures (municipality_code, category, status, service_month,"
    " received_on, district_id, team_id, amount_cents, line_count) ";
const std::string kClaimAdd =
    " ON DUPLICATE KEY UPDATE amount_cents = amount_cents + VALUES(amount_cents),"
    " line_count = line_count + VALUES(line_count)";
const std::string kPaidUpsert =
    "INSERT INTO budget_paid_figures (municipality_code, category, service_month, paid_on,"
    " district_id, team_id, amount_cents) ";
const std::string kPaidAdd =
    " ON DUPLICATE KEY UPDATE amount_cents = amount_cents + VALUES(amount_cents)";

// The claim figures of the lines `filter` selects (`from` joins them), in key order. `status` is
// the status expression, `place` the district and team, `sign` multiplies amount and count.
std::string claimFiguresSql(const std::string& status, const std::string& place,
                            const std::string& sign, const std::string& filter,
                            const std::string& from = kLinesFrom) {
    return "SELECT cl.municipality_code, cl.category, " + status + ", " + kServiceMonth +
           ", DATE(dc.received_at), " + place + ", " + sign + " * SUM(" + kSignedAmount + "), " +
           sign + " * COUNT(*)" + from + kCounted + filter +
           " GROUP BY 1, 2, 3, 4, 5, 6, 7 ORDER BY 1, 2, 3, 4, 5, 6, 7";
}

// The paid accepted lines: those of a review payable, and those of a declaration payable that
// have no review payable of their own; grouped by the figures' key, in key order. `paid_on` is
// the payment's date expression, `filter` selects the payables p (and clients). Its parameters
// come twice, once for each half.
std::string paidFiguresSql(const std::string& paid_on, const std::string& place,
                           const std::string& sign, const std::string& filter) {
    const auto half = [&](const std::string& payable) {
        return "SELECT cl.municipality_code AS municipality_code, cl.category AS category, " +
               kServiceMonth + " AS service_month, GREATEST(DATE(" + paid_on +
               "), DATE(dc.received_at)) AS paid_on, " + place + ", " + kSignedAmount +
               " AS amount" + kLinesFrom + " JOIN payables p ON " + payable + kCounted +
               "cl.status = 'accepted' AND " + filter;
    };
    return "SELECT municipality_code, category, service_month, paid_on, district_id, team_id, " +
           sign + " * SUM(amount) FROM (" +
           half("p.source_type = 'review' AND p.source_id = cl.id") + " UNION ALL " +
           half("p.source_type = 'declaration' AND p.source_id = cl.declaration_id") +
           " AND NOT EXISTS (SELECT 1 FROM payables r WHERE r.source_type = 'review'"
           " AND r.source_id = cl.id)) paid GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6";
}

db::Params twice(const db::Params& half) {
    db::Params out = half;
    out.insert(out.end(), half.begin(), half.end());
    return out;
}

// The payables each PaidChange concerns (their status before the change) and the payment date.
struct PaidSelection {
    std::string filter;
    std::string paid_on;
    std::string sign;
};

PaidSelection selectionOf(PaidChange change) {
    switch (change) {
        case PaidChange::Booked:
            return {"p.instruction_id = ? AND p.status = 'in_run'", "?", "1"};
        case PaidChange::Returned:
            return {"p.instruction_id = ? AND p.status = 'paid'", "p.paid_at", "-1"};
        case PaidChange::Offset:
            return {
                "p.status = 'open' AND p.id IN (SELECT i.payable_id FROM payment_run_items i"
                " WHERE i.run_id = ? AND i.instruction_id IS NULL"
                " AND i.outcome IN ('paid','offset'))",
                "?", "1"};
    }
    return {};
}

// The row's key as text that sorts as the SQL key order does: the district and team (the last
// two key columns, numbers) zero-padded.
std::string keyOf(const db::Row& r, std::size_t columns) {
    std::string key;
    for (std::size_t i = 0; i < columns; ++i) {
        std::string v = r.str(i);
        if (i + 2 >= columns && v.size() < kKeyDigits) v.insert(0, kKeyDigits - v.size(), '0');
        key += (i == 0 ? "" : " ") + v;
    }
    return key;
}

// Walks the kept and recomputed rows (both in key order, the key in the first `columns`
// columns, then the amount and, when `counted`, the number of lines) and lists what differs.
void compareRows(const std::vector<db::Row>& kept, const std::vector<db::Row>& recomputed,
                 std::size_t columns, bool counted, const std::string& table,
                 std::vector<FigureDifference>& out) {
    std::size_t k = 0, r = 0;
    while (k < kept.size() || r < recomputed.size()) {
        const std::string kept_key = k < kept.size() ? keyOf(kept[k], columns) : "";
        const std::string new_key = r < recomputed.size() ? keyOf(recomputed[r], columns) : "";
        const bool take_kept = r == recomputed.size() || (k < kept.size() && kept_key <= new_key);
        const bool take_new = k == kept.size() || (r < recomputed.size() && new_key <= kept_key);
        FigureDifference d{table, take_kept ? kept_key : new_key, 0, 0, 0, 0};
        if (take_kept) {
            d.kept_cents = kept[k].i64(columns);
            if (counted) d.kept_lines = kept[k].i64(columns + 1);
            ++k;
        }
        if (take_new) {
            d.recomputed_cents = recomputed[r].i64(columns);
            if (counted) d.recomputed_lines = recomputed[r].i64(columns + 1);
            ++r;
        }
        if (d.kept_cents != d.recomputed_cents || d.kept_lines != d.recomputed_lines) {
            out.push_back(d);
        }
    }
}

}  // namespace

void addDeclarationFigures(db::Connection& db, std::int64_t declaration_id) {
    db.execute(kClaimUpsert +
                   claimFiguresSql("cl.status", kClientPlace, "1", "cl.declaration_id = ?",
                                   kDeclarationLinesFrom) +
                   kClaimAdd,
               {declaration_id});
}

void moveLineFigures(db::Connection& db, std::int64_t claim_line_id, const std::string& from,
                     const std::string& to) {
    const std::string sql =
        kClaimUpsert + claimFiguresSql("?", kClientPlace, "?", "cl.id = ?") + kClaimAdd;
    db.execute(sql, {from, std::int64_t{-1}, std::int64_t{-1}, claim_line_id});
    db.execute(sql, {to, std::int64_t{1}, std::int64_t{1}, claim_line_id});
}

void changePaidFigures(db::Connection& db, PaidChange change, std::int64_t id,
                       const std::string& paid_at) {
    const auto s = selectionOf(change);
    db::Params half;
    if (s.paid_on == "?") half.emplace_back(paid_at);
    half.emplace_back(id);
    db.execute(kPaidUpsert + paidFiguresSql(s.paid_on, kClientPlace, s.sign, s.filter) + kPaidAdd,
               twice(half));
}

void moveClientFigures(db::Connection& db, std::int64_t client_id, ClientPlace from,
                       ClientPlace to) {
    const std::string claims = kClaimUpsert +
                               claimFiguresSql("cl.status", kGivenPlace, "?", "a.client_id = ?") +
                               kClaimAdd;
    const std::string paid =
        kPaidUpsert +
        paidFiguresSql("p.paid_at", kGivenPlace, "?", "p.status = 'paid' AND a.client_id = ?") +
        kPaidAdd;
    for (const auto& [place, sign] : {std::pair{from, -1}, std::pair{to, 1}}) {
        const std::int64_t signed_one = sign;
        db.execute(claims, {place.district, place.team, signed_one, signed_one, client_id});
        db.execute(paid, {signed_one, place.district, place.team, client_id, place.district,
                          place.team, client_id});
    }
}

std::vector<std::string> figureMunicipalities(db::Connection& db) {
    std::vector<std::string> out;
    for (const auto& r : db.query("SELECT code FROM municipalities ORDER BY code")) {
        out.push_back(r.str(0));
    }
    return out;
}

std::vector<FigureDifference> compareFigures(db::Connection& db, const std::string& municipality) {
    std::vector<FigureDifference> out;
    compareRows(
        db.query("SELECT municipality_code, category, status, service_month, received_on,"
                 " district_id, team_id, amount_cents, line_count FROM budget_claim_figures"
                 " WHERE municipality_code = ? AND (amount_cents <> 0 OR line_count <> 0)"
                 " ORDER BY 1, 2, 3, 4, 5, 6, 7",
                 {municipality}),
        db.query(claimFiguresSql("cl.status", kClientPlace, "1", "cl.municipality_code = ?"),
                 {municipality}),
        7, true, "budget_claim_figures", out);
    const auto recomputed_paid =
        db.query(paidFiguresSql("p.paid_at", kClientPlace, "1",
                                "p.status = 'paid' AND cl.municipality_code = ?"),
                 twice({municipality}));
    std::vector<db::Row> nonzero_paid;
    for (const auto& r : recomputed_paid) {
        if (r.i64(6) != 0) nonzero_paid.push_back(r);
    }
    compareRows(
        db.query("SELECT municipality_code, category, service_month, paid_on, district_id,"
                 " team_id, amount_cents FROM budget_paid_figures WHERE municipality_code = ?"
                 " AND amount_cents <> 0 ORDER BY 1, 2, 3, 4, 5, 6",
                 {municipality}),
        nonzero_paid, 6, false, "budget_paid_figures", out);
    return out;
}

void rebuildFigures(db::Connection& db) {
    db.execute("DELETE FROM budget_claim_figures");
    db.execute("DELETE FROM budget_paid_figures");
    db.execute(kClaimUpsert + claimFiguresSql("cl.status", kClientPlace, "1", "TRUE"));
    db.execute(kPaidUpsert + paidFiguresSql("p.paid_at", kClientPlace, "1", "p.status = 'paid'"));
}

}  // namespace zc::invoicing
