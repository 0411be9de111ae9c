#include "claim_line_store.hpp"

#include <algorithm>

#include "contracting/kernel/errors.hpp"

namespace zc::billing {
namespace {

// Accepted, uncredited debit volume per granted product, over all its allocations. The join
// order and indexes are forced: with stale statistics the optimiser scans every claim line.
constexpr const char* kGrantedUsage =
    "SELECT STRAIGHT_JOIN a.granted_product_id, cl.unit, SUM(cl.volume)"
    " FROM allocations a FORCE INDEX (fk_allocation_granted)"
    " JOIN claim_lines cl FORCE INDEX (ix_claim_allocation) ON cl.allocation_number = a.number"
    " WHERE a.is_current = 1 AND cl.status = 'accepted' AND cl.credit = 0 AND cl.credited = 0"
    " AND a.granted_product_id ";

// "IN (?,?,…)" for n values.
std::string inList(std::size_t n) {
    std::string sql = "IN (";
    for (std::size_t i = 0; i < n; ++i) sql += i == 0 ? "?" : ",?";
    return sql + ")";
}

// Values per line in the multi-row INSERT of claim lines.
constexpr std::size_t kClaimLineParams = 28;
constexpr std::size_t kMaxPlaceholders = 65'535;

std::string endText(const Period& p) { return p.end ? formatDate(*p.end) : "9999-12-31"; }

}  // namespace

std::string joinCodes(const std::vector<std::string>& codes) {
    std::string out;
    for (const auto& c : codes) out += (out.empty() ? "" : " ") + c;
    return out;
}

std::vector<std::string> splitCodes(const std::string& text) {
    std::vector<std::string> out;
    std::string code;
    for (char c : text + " ") {
        if (c != ' ') {
            code += c;
        } else if (!code.empty()) {
            out.push_back(std::move(code));
            code.clear();
        }
    }
    return out;
}

std::optional<std::int64_t> lockDeclarationNumber(db::Connection& db, std::int64_t provider_id,
                                                  const std::string& number) {
    const auto r = db.queryOne(
        "SELECT id FROM declarations WHERE provider_id = ? AND declaratie_nummer = ? FOR UPDATE",
        {provider_id, number});
    if (!r) return std::nullopt;
    return r->i64(0);
}

std::int64_t insertDeclaration(db::Connection& db, const NewDeclaration& d) {
    db.execute(
        "INSERT INTO declarations (provider_id, source, inbox_message_id, declaratie_nummer,"
        " period_begin, period_end, received_at, total_submitted_cents, status, answer_due,"
        " municipality_code) VALUES (?,?,?,?,?,?,?,?,'answered',?,?)",
        {d.provider_id, d.source, d.inbox_id ? db::Param(*d.inbox_id) : db::Param(nullptr),
         d.number, d.period_begin, d.period_end, d.received_at, d.total_submitted_cents,
         d.answer_due, d.municipality_code});
    return db.lastInsertId();
}

void closeDeclaration(db::Connection& db, std::int64_t id, std::int64_t awarded_cents,
                      const std::string& status, const std::string& header_code,
                      const std::string& now) {
    db.execute(
        "UPDATE declarations SET total_awarded_cents = ?, status = ?, header_code = ?,"
        " answered_at = IF(? = 'awaiting_review', NULL, ?) WHERE id = ?",
        {awarded_cents, status, header_code, status, now, id});
}

std::vector<GrantedUsageRow> grantedUsage(db::Connection& db,
                                          const std::vector<std::int64_t>& granted_ids) {
    const db::Params params(granted_ids.begin(), granted_ids.end());
    std::vector<GrantedUsageRow> out;
    for (const auto& r :
         db.query(kGrantedUsage + inList(params.size()) + " GROUP BY a.granted_product_id, cl.unit",
                  params)) {
        out.push_back({r.i64(0), parseUnit(r.str(1)), r.i64(2)});
    }
    return out;
}

std::optional<ContractTermRow> contractTerm(db::Connection& db, std::int64_t contract_id) {
    const auto c = db.queryOne(
        "SELECT c.status, c.term_start, c.term_end, (SELECT DATE(MAX(s.changed_at)) FROM"
        " contract_status_changes s WHERE s.contract_id = c.id AND s.to_status = c.status)"
        " FROM contracts c WHERE c.id = ?",
        {contract_id});
    if (!c) return std::nullopt;
    return ContractTermRow{c->str(0), c->str(1), c->str(2), c->opt(3)};
}

std::vector<std::string> usedReferences(db::Connection& db, std::int64_t provider_id,
                                        const std::vector<std::string>& references) {
    // The IN list is padded to a power of two (repeating the last value) so that only a
    // handful of distinct statements is prepared and cached per connection.
    std::size_t padded = 1;
    while (padded < references.size()) padded *= 2;
    const std::string sql =
        "SELECT first_use_reference FROM claim_lines WHERE provider_id = ?"
        " AND first_use_reference " +
        inList(padded);
    db::Params params{provider_id};
    for (std::size_t i = 0; i < padded; ++i) {
        params.emplace_back(references[std::min(i, references.size() - 1)]);
    }
    std::vector<std::string> out;
    for (const auto& r : db.query(sql, params)) out.push_back(r.str(0));
    return out;
}

bool referenceUsed(db::Connection& db, std::int64_t provider_id, const std::string& reference) {
    return db
        .queryOne("SELECT id FROM claim_lines WHERE provider_id = ? AND first_use_reference = ?",
                  {provider_id, reference})
        .has_value();
}

std::optional<DebitRow> lockAcceptedDebit(db::Connection& db, std::int64_t provider_id,
                                          const std::string& reference) {
    const auto r = db.queryOne(
        "SELECT id, allocation_number, product_code, period_begin, period_end, volume,"
        " amount_cents, credited FROM claim_lines WHERE provider_id = ? AND "
        "first_use_reference = ?"
        " AND credit = 0 AND status = 'accepted' FOR UPDATE",
        {provider_id, reference});
    if (!r) return std::nullopt;
    return DebitRow{r->i64(0), r->i64(1), r->str(2), r->str(3),
                    r->str(4), r->i64(5), r->i64(6), r->i64(7) != 0};
}

void markCredited(db::Connection& db, std::int64_t claim_line_id) {
    db.execute("UPDATE claim_lines SET credited = 1 WHERE id = ?", {claim_line_id});
}

void insertReviewItem(db::Connection& db, std::int64_t claim_line_id, std::int64_t declaration_id,
                      const std::string& code, const std::string& message,
                      const std::string& due_date) {
    db.execute(
        "INSERT INTO review_items (claim_line_id, declaration_id, code, message, status,"
        " due_date, municipality_code, provider_id) SELECT ?, ?, ?, ?, 'open', ?,"
        " municipality_code, provider_id FROM claim_lines WHERE id = ?",
        {claim_line_id, declaration_id, code, message, due_date, claim_line_id});
}

ClaimLinesInsert startClaimLinesInsert(std::size_t rows, const std::string& received_on) {
    ClaimLinesInsert insert;
    insert.received_on = received_on;
    insert.sql =
        "INSERT INTO claim_lines (declaration_id, provider_id, reference, previous_reference,"
        " credit, allocation_number, bsn_hash, category, product_code, period_begin, period_end,"
        " volume, unit, tariff_cents, amount_cents, status, code, codes, bsn_enc,"
        " municipality_code, cap_scope, cap_unit, cap_limit, cap_before, cap_claimed,"
        " cap_window_first, cap_window_last, received_on) VALUES ";
    insert.params.reserve(rows * kClaimLineParams);
    return insert;
}

namespace {

// The seven cap columns: NULL unless a cap rule failed.
void addCapFigures(db::Params& params, const std::optional<CapFigures>& cap) {
    if (!cap) {
        params.insert(params.end(), 7, db::Param(nullptr));
        return;
    }
    const auto first = cap->window ? db::Param(formatDate(cap->window->begin)) : db::Param(nullptr);
    const auto last = cap->window && cap->window->end
                          ? db::Param(formatDate(addDays(*cap->window->end, -1)))
                          : db::Param(nullptr);
    params.insert(params.end(), {capScopeName(cap->scope), unitName(cap->cap_unit), cap->limit,
                                 cap->before, cap->claimed, first, last});
}

}  // namespace

void addClaimLine(ClaimLinesInsert& insert, std::int64_t declaration_id, std::int64_t provider_id,
                  const std::string& municipality, const ClaimLine& l, LineStatus status,
                  const std::string& code, const std::vector<std::string>& codes,
                  const std::optional<CapFigures>& cap, const std::string& bsn_hash,
                  std::optional<std::string> bsn_enc) {
    insert.sql += insert.params.empty()
                      ? "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
                      : ",(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
    insert.params.insert(
        insert.params.end(),
        {declaration_id,
         provider_id,
         l.reference,
         l.previous_reference ? db::Param(*l.previous_reference) : db::Param(nullptr),
         std::int64_t{l.credit ? 1 : 0},
         l.allocation_number,
         bsn_hash,
         l.category,
         l.product_code,
         formatDate(l.period.begin),
         endText(l.period),
         l.volume,
         unitName(l.unit),
         l.tariff ? db::Param(l.tariff->cents()) : db::Param(nullptr),
         l.amount.cents(),
         std::string(lineStatusName(status)),
         code,
         joinCodes(codes),
         bsn_enc ? db::Param(std::move(*bsn_enc)) : db::Param(nullptr),
         municipality});
    addCapFigures(insert.params, cap);
    insert.params.emplace_back(insert.received_on);
}

void writeClaimLines(db::Connection& db, const ClaimLinesInsert& insert) {
    // A prepared statement takes at most 65,535 placeholders: 2,000 lines of 28 values fit.
    ZC_ASSERT(insert.params.size() <= kMaxPlaceholders);
    db.execute(insert.sql, insert.params);
}

}  // namespace zc::billing
