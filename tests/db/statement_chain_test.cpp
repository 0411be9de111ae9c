// Statement chaining (config/migrations/0020_statement_chain.sql): statements imported before
// the migration are checked against their predecessor of the same account, and the broken ones
// land on the reconciliation work list. The migration can run again without changing anything.
#include <gtest/gtest.h>

#include <map>
#include <string>

#include "db/db_test_env.hpp"
#include "interfaces/mysql/migrations.hpp"
#include "invoicing/store/bank_statement_store.hpp"

namespace zc {
namespace {

std::map<std::string, std::string> chainStatuses(db::Connection& db) {
    std::map<std::string, std::string> out;
    for (const auto& r : db.query("SELECT statement_id, chain_status FROM bank_statements")) {
        out[r.str(0)] = r.str(1);
    }
    return out;
}

TEST(StatementChainMigration, StatementsImportedBeforeAreCheckedAndBrokenOnesListed) {
    dbtest::ScratchDatabase scratch;
    auto conn = scratch.connect();
    dbtest::migrateBefore(*conn, "0020");
    // Account A: Monday 2 November 2026 onwards; A3 misses Wednesday 4, A4 opens at another
    // balance, A5 follows A4 over a weekend. Account B has one statement.
    const std::string columns =
        "INSERT INTO bank_statements (account_iban, statement_id, from_date, to_date, message_id,"
        " opening_cents, closing_cents, file_sha256, imported_at, imported_by) VALUES ";
    conn->execute(columns +
                  "('NL91ABNA0417164300','A1','2026-11-02','2026-11-02','m',50000,40000,"
                  " REPEAT('a',64),NOW(6),'t'),"
                  "('NL91ABNA0417164300','A2','2026-11-03','2026-11-03','m',40000,30000,"
                  " REPEAT('a',64),NOW(6),'t'),"
                  "('NL91ABNA0417164300','A5','2026-11-09','2026-11-09','m',25000,25000,"
                  " REPEAT('a',64),NOW(6),'t'),"
                  "('NL91ABNA0417164300','A3','2026-11-05','2026-11-05','m',30000,30000,"
                  " REPEAT('a',64),NOW(6),'t'),"
                  "('NL91ABNA0417164300','A4','2026-11-06','2026-11-06','m',25000,25000,"
                  " REPEAT('a',64),NOW(6),'t'),"
                  "('NL20INGB0001234567','B1','2026-11-03','2026-11-03','m',100,100,"
                  " REPEAT('a',64),NOW(6),'t')");

    db::migrate(*conn, dbtest::migrationsDir());

    const std::map<std::string, std::string> expected = {{"A1", "first"}, {"A2", "ok"},
                                                         {"A3", "gap"},   {"A4", "mismatch"},
                                                         {"A5", "ok"},    {"B1", "first"}};
    EXPECT_EQ(chainStatuses(*conn), expected);
    EXPECT_EQ(conn->queryOne("SELECT p.statement_id FROM bank_statements s JOIN bank_statements p"
                             " ON p.id = s.previous_id WHERE s.statement_id = 'A5'")
                  ->str(0),
              "A4")
        << "the predecessor is by first day, not by import order";
    const auto work = invoicing::reconciliationWorkList(*conn);
    ASSERT_EQ(work.size(), 2u);
    EXPECT_EQ(work[0].kind, "statement_chain");
    EXPECT_EQ(work[0].statement_id, "A3");
    EXPECT_EQ(work[0].match_status, "gap");
    EXPECT_EQ(work[1].statement_id, "A4");
    EXPECT_EQ(work[1].match_status, "mismatch");
    EXPECT_EQ(work[1].amount_cents, -5000) << "opening minus the previous closing";
    ASSERT_TRUE(work[1].detail.has_value());
    EXPECT_NE(work[1].detail->find("A3"), std::string::npos) << *work[1].detail;

    // The migration can run again (MariaDB commits DDL implicitly): nothing fails or changes.
    for (const auto& statement : db::splitSqlStatements(
             dbtest::readFile(dbtest::migrationsDir() / "0020_statement_chain.sql"))) {
        conn->execute(statement);
    }
    EXPECT_EQ(chainStatuses(*conn), expected);
    EXPECT_EQ(invoicing::reconciliationWorkList(*conn).size(), 2u);
}

// Issue 13: a cancelled run's transfers (and a prepared run's) were never sent to the bank, so
// reconciliation never matches a statement entry to them, automatically or by hand.
TEST(StatementChainMigration, TransfersOfACancelledRunAreNeverMatched) {
    dbtest::ScratchDatabase scratch;
    auto conn = scratch.connect();
    db::migrate(*conn, dbtest::migrationsDir());
    const std::string debtor = "NL91ABNA0417164300";
    for (const std::string& sql :
         {std::string("INSERT INTO municipalities (code, name) VALUES ('0193','Zwolle')"),
          std::string("INSERT INTO providers (id, agb, kvk, name, iban) VALUES"
                      " (1,'12345670','12345678','Zorg','NL20INGB0001234567')"),
          std::string("INSERT INTO payment_runs (id, municipality_code, due_until,"
                      " execution_date, status, prepared_by, prepared_at, message_id,"
                      " control_sum_cents, transactions) VALUES"
                      " (1,'0193','2026-11-30','2026-12-01','cancelled','f',NOW(6),'R1',100,1),"
                      " (2,'0193','2026-11-30','2026-12-01','approved','f',NOW(6),'R2',100,1)"),
          "INSERT INTO payment_instructions (id, run_id, provider_id, end_to_end_id,"
          " amount_cents, creditor_name, creditor_iban, debtor_iban, remittance,"
          " execution_date, status) VALUES"
          " (1,1,1,'ZC-1-1',100,'Zorg','NL20INGB0001234567','" +
              debtor +
              "','x','2026-12-01','cancelled'),"
              " (2,2,1,'ZC-2-1',100,'Zorg','NL20INGB0001234567','" +
              debtor + "','x','2026-12-01','sent')"}) {
        conn->execute(sql);
    }
    const auto sent = invoicing::lockSentInstructions(*conn, debtor);
    ASSERT_EQ(sent.size(), 1u);
    EXPECT_EQ(sent[0].end_to_end_id, "ZC-2-1");
    EXPECT_FALSE(invoicing::lockInstruction(*conn, 1).has_value()) << "not matched by hand";
    EXPECT_TRUE(invoicing::lockInstruction(*conn, 2).has_value());
}

}  // namespace
}  // namespace zc
