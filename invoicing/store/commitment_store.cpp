#include "commitment_store.hpp"

#include <algorithm>
#include <tuple>

namespace zc::invoicing {
namespace {

constexpr std::int64_t kMarker = -1;  // district and team of the row that says "computed"
constexpr std::size_t kRowsPerStatement = 500;

const std::string kKeyWhere =
    " WHERE municipality_code = ? AND category = ? AND budget_year = ? AND report_date = ?";

const std::string kLineChanges =
    "INSERT INTO commitment_line_changes (municipality_code, category, received_on, generation) ";
const std::string kRaised = " ON DUPLICATE KEY UPDATE generation = generation + 1";

db::Params keyParams(const CommitmentKey& key) {
    return {key.municipality, key.category, std::int64_t{key.year}, formatDate(key.report_date)};
}

// Inserts (or replaces) `rows[begin, end)` in one statement.
void upsertRows(db::Connection& db, const CommitmentKey& key, const KeptCommitments& kept,
                const std::vector<CommitmentPart>& rows, std::size_t begin, std::size_t end,
                const std::string& computed_at) {
    std::string sql =
        "INSERT INTO budget_commitments (municipality_code, category, budget_year, report_date,"
        " district_id, team_id, basis_version, lines_version, committed_cents,"
        " allocations_counted, allocations_without_tariff, computed_at) VALUES ";
    db::Params params;
    for (std::size_t i = begin; i < end; ++i) {
        sql += i == begin ? "(?,?,?,?,?,?,?,?,?,?,?,?)" : ",(?,?,?,?,?,?,?,?,?,?,?,?)";
        for (auto& p : keyParams(key)) params.push_back(std::move(p));
        const auto& r = rows[i];
        params.insert(params.end(),
                      {r.district, r.team, kept.basis_version, kept.lines_version,
                       r.committed.cents(), r.counted, r.without_tariff, computed_at});
    }
    sql +=
        " ON DUPLICATE KEY UPDATE basis_version = VALUES(basis_version),"
        " lines_version = VALUES(lines_version), committed_cents = VALUES(committed_cents),"
        " allocations_counted = VALUES(allocations_counted),"
        " allocations_without_tariff = VALUES(allocations_without_tariff),"
        " computed_at = VALUES(computed_at)";
    db.execute(sql, params);
}

}  // namespace

std::int64_t commitmentLinesVersion(db::Connection& db, const std::string& municipality,
                                    const std::string& category, Date report_date) {
    return db
        .queryOne(
            "SELECT COALESCE(SUM(generation), 0) FROM commitment_line_changes"
            " WHERE municipality_code = ? AND category = ? AND received_on <= ?",
            {municipality, category, formatDate(report_date)})
        ->i64(0);
}

std::optional<std::vector<CommitmentPart>> keptParts(db::Connection& db, const CommitmentKey& key,
                                                     const KeptCommitments& versions) {
    bool computed = false;
    std::vector<CommitmentPart> parts;
    for (const auto& r :
         db.query("SELECT district_id, team_id, committed_cents, allocations_counted,"
                  " allocations_without_tariff FROM budget_commitments" +
                      kKeyWhere + " AND basis_version = ? AND lines_version = ?",
                  [&] {
                      auto p = keyParams(key);
                      p.insert(p.end(), {versions.basis_version, versions.lines_version});
                      return p;
                  }())) {
        if (r.i64(0) == kMarker) {
            computed = true;
            continue;
        }
        parts.push_back({r.i64(0), r.i64(1), Money::fromCents(r.i64(2)), r.i64(3), r.i64(4)});
    }
    if (!computed) return std::nullopt;
    return parts;
}

void keepParts(db::Connection& db, const CommitmentKey& key, const KeptCommitments& kept,
               const std::string& computed_at) {
    // The marker first and every row in key order, so that two computations that keep the same
    // key at once lock its rows in the same order.
    std::vector<CommitmentPart> rows{{kMarker, kMarker, Money(), 0, 0}};
    if (kept.parts) rows.insert(rows.end(), kept.parts->begin(), kept.parts->end());
    std::sort(rows.begin(), rows.end(), [](const CommitmentPart& a, const CommitmentPart& b) {
        return std::tie(a.district, a.team) < std::tie(b.district, b.team);
    });
    for (std::size_t begin = 0; begin < rows.size(); begin += kRowsPerStatement) {
        upsertRows(db, key, kept, rows, begin, std::min(rows.size(), begin + kRowsPerStatement),
                   computed_at);
    }
}

std::vector<KeptMarker> keptMarkers(db::Connection& db) {
    std::vector<KeptMarker> out;
    for (const auto& r :
         db.query("SELECT municipality_code, category, budget_year, report_date, basis_version,"
                  " lines_version, computed_at FROM budget_commitments"
                  " WHERE district_id = ? AND team_id = ?"
                  " ORDER BY municipality_code, category, budget_year, report_date",
                  {kMarker, kMarker})) {
        KeptMarker m;
        m.key = {r.str(0), r.str(1), static_cast<int>(r.i64(2)), parseDate(r.str(3))};
        m.versions.basis_version = r.i64(4);
        m.versions.lines_version = r.i64(5);
        m.computed_at = r.str(6);
        out.push_back(std::move(m));
    }
    return out;
}

void discardKeptCommitments(db::Connection& db) { db.execute("DELETE FROM budget_commitments"); }

void discardKeptCommitment(db::Connection& db, const CommitmentKey& key) {
    db.execute("DELETE FROM budget_commitments" + kKeyWhere, keyParams(key));
}

void noteDeclarationLines(db::Connection& db, std::int64_t declaration_id) {
    db.execute(kLineChanges +
                   "SELECT DISTINCT cl.municipality_code, cl.category, cl.received_on, 1"
                   " FROM claim_lines cl WHERE cl.declaration_id = ? AND cl.status = 'accepted'"
                   " AND cl.municipality_code IS NOT NULL AND cl.received_on IS NOT NULL" +
                   kRaised,
               {declaration_id});
}

void noteLineStatusChanged(db::Connection& db, std::int64_t claim_line_id) {
    db.execute(kLineChanges +
                   "SELECT cl.municipality_code, cl.category, cl.received_on, 1 FROM claim_lines cl"
                   " WHERE cl.id = ? AND cl.municipality_code IS NOT NULL"
                   " AND cl.received_on IS NOT NULL" +
                   kRaised,
               {claim_line_id});
}

}  // namespace zc::invoicing
