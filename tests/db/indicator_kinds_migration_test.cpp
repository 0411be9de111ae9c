// Migration 0023 (issue 13): existing performance agreements get a kind and an aggregation.
// Agreements stay count/sum (today's result), except those in whole percents: they become
// percentages in hundredths, averaged, with their target and reports converted once.
#include <gtest/gtest.h>

#include "db/db_test_env.hpp"
#include "interfaces/mysql/migrations.hpp"

namespace zc {
namespace {

TEST(IndicatorKindsMigration, WholePercentsBecomePercentagesOnce) {
    dbtest::ScratchDatabase scratch;
    auto conn = scratch.connect();
    dbtest::migrateBefore(*conn, "0023");
    ASSERT_LT(db::schemaVersion(*conn), 23);
    for (const char* sql :
         {"INSERT INTO municipalities (code, name) VALUES ('0193','Zwolle')",
          "INSERT INTO providers (id, agb, kvk, name, iban) VALUES"
          " (1,'12345670','12345678','Zorg','NL91ABNA0417164300')",
          "INSERT INTO contracts (id, kind, provider_id, municipality_code, status, term_start,"
          " term_end) VALUES (1,'budget',1,'0193','active','2025-01-01','2026-01-01')",
          "INSERT INTO performance_agreements (id, contract_id, indicator, target, unit) VALUES"
          " (1,1,'ZRM verbeterd',60,'percent'), (2,1,'Dagdelen',1000,'day_parts'),"
          " (3,1,'Bezetting',60,'%')",
          "INSERT INTO realisation_reports (contract_id, year, quarter, agreement_id, realised,"
          " reported_by, reported_at) VALUES (1,2025,1,1,55,'p',NOW(6)),"
          " (1,2025,2,1,65,'p',NOW(6)), (1,2025,1,2,200,'p',NOW(6)),"
          " (1,2025,1,3,150,'p',NOW(6))"}) {
        conn->execute(sql);
    }

    const auto agreements = [&] {
        return conn->query(
            "SELECT id, kind, aggregation, target FROM performance_agreements ORDER BY id");
    };
    const auto reported = [&](int agreement) {
        std::vector<std::int64_t> out;
        for (const auto& r : conn->query("SELECT realised FROM realisation_reports WHERE"
                                         " agreement_id = ? ORDER BY quarter",
                                         {std::int64_t{agreement}})) {
            out.push_back(r.i64(0));
        }
        return out;
    };
    for (int run = 0; run < 2; ++run) {  // the second run changes nothing
        if (run == 0) {
            db::migrate(*conn, dbtest::migrationsDir());
        } else {
            for (const auto& statement : db::splitSqlStatements(
                     dbtest::readFile(dbtest::migrationsDir() / "0023_indicator_kinds.sql"))) {
                conn->execute(statement);
            }
        }
        const auto a = agreements();
        ASSERT_EQ(a.size(), 3u);
        EXPECT_EQ(a[0].str(1), "percentage");
        EXPECT_EQ(a[0].str(2), "mean");
        EXPECT_EQ(a[0].i64(3), 6000);
        EXPECT_EQ(reported(1), (std::vector<std::int64_t>{5500, 6500}));
        EXPECT_EQ(a[1].str(1), "count");
        EXPECT_EQ(a[1].str(2), "sum");
        EXPECT_EQ(a[1].i64(3), 1000);
        EXPECT_EQ(reported(2), (std::vector<std::int64_t>{200}));
        // Reported above 100 %: not a whole percent after all; left as it was.
        EXPECT_EQ(a[2].str(1), "count");
        EXPECT_EQ(a[2].i64(3), 60);
        EXPECT_EQ(reported(3), (std::vector<std::int64_t>{150}));
    }
    EXPECT_ANY_THROW(
        conn->execute("UPDATE performance_agreements SET aggregation = 'sum' WHERE id = 1"))
        << "a percentage is never summed";
}

}  // namespace
}  // namespace zc
