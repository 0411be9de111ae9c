// Issue 17: a declaration's budget figures, added in the intake's transaction, read the
// declaration's lines through its index and each line's allocation by its number, whatever
// InnoDB's statistics say. InnoDB recounts a table in the background some time after a large
// change, or not before a restart: statistics taken while claim_lines was empty made the optimiser
// join allocations by scanning all of them for every block of lines (a 100,000-line declaration:
// 61 s instead of 0.35 s). Here claim_lines keeps the statistics of its empty table
// (STATS_AUTO_RECALC off, analysed empty), and MariaDB's own counters tell how the statement read.
#include <gtest/gtest.h>

#include <string>

#include "db/demo_database.hpp"
#include "interfaces/mysql/connection.hpp"
#include "invoicing/store/budget_figures_store.hpp"

namespace zc {
namespace {

constexpr std::int64_t kLines = 3000;

class IntakePlansTest : public ::testing::Test {
  protected:
    void SetUp() override {
        db().execute("ALTER TABLE claim_lines STATS_AUTO_RECALC = 0");
        db().query("ANALYZE TABLE claim_lines");
        declaration("EARLIER", 1000);  // its lines are not this declaration's figures
        declaration_ = declaration("LATER", kLines);
    }

    db::Connection& db() { return demo_.db(); }

    std::int64_t counter(const std::string& name) {
        return db().queryOne("SHOW SESSION STATUS LIKE '" + name + "'")->i64(1);
    }

    // A declaration of `lines` lines over the demo's current allocations, every fifth rejected.
    std::int64_t declaration(const std::string& number, std::int64_t lines) {
        db().execute(
            "INSERT INTO declarations (provider_id, source, declaratie_nummer, period_begin,"
            " period_end, received_at, total_submitted_cents, status, answer_due,"
            " municipality_code) SELECT provider_id, 'json', ?, '2026-01-01', '2026-02-01',"
            " '2026-02-05 09:00:00', 0, 'answered', '2026-02-19', paying_municipality_code"
            " FROM allocations WHERE is_current = 1 ORDER BY number LIMIT 1",
            {number});
        const auto id = db().lastInsertId();
        db().execute(
            "INSERT INTO claim_lines (declaration_id, provider_id, reference, credit,"
            " allocation_number, bsn_hash, category, product_code, period_begin,"
            " period_end, volume, unit, amount_cents, status, code, municipality_code,"
            " received_on) SELECT ?, a.provider_id, CONCAT(?, '-', s.seq, '-', a.number), 0,"
            " a.number, REPEAT('a', 64), p.category,"
            " a.product_code, '2026-01-01', '2026-02-01', 1, 'hours', 100,"
            " IF(s.seq % 5 = 0, 'rejected', 'accepted'), IF(s.seq % 5 = 0, '8001', '0200'),"
            " a.paying_municipality_code, '2026-02-05' FROM seq_1_to_10000 s"
            " JOIN allocations a ON a.is_current = 1 JOIN products p ON p.code = a.product_code"
            " ORDER BY s.seq, a.number LIMIT " +
                std::to_string(lines),
            {id, number});
        return id;
    }

    dbtest::DemoDatabase demo_;
    std::int64_t declaration_ = 0;
};

TEST_F(IntakePlansTest, ADeclarationsBudgetFiguresJoinEachLinesAllocationByItsNumber) {
    const auto full_joins = counter("Select_full_join");
    const auto scans = counter("Select_scan");
    invoicing::addDeclarationFigures(db(), declaration_);
    EXPECT_EQ(counter("Select_full_join"), full_joins) << "a table joined without an index";
    EXPECT_EQ(counter("Select_scan"), scans) << "a table read whole";
    const auto figures =
        db().queryOne("SELECT SUM(line_count), SUM(amount_cents) FROM budget_claim_figures");
    EXPECT_EQ(figures->i64(0), kLines);
    EXPECT_EQ(figures->i64(1), kLines * 100);
}

}  // namespace
}  // namespace zc
