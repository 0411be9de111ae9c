// Migration 0024 (debtor accounts per municipality, issue 13 S5) brings an existing database
// along: a municipality whose one account was set before (municipalities.debtor_iban) gets it as
// its default debtor account, one without gets none; every existing instruction records the
// municipality and account it was paid from, and every run its account. Running the migration
// again changes nothing.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "db_test_env.hpp"
#include "interfaces/mysql/migrations.hpp"

namespace zc {
namespace {

constexpr const char* kZwolleIban = "NL98BNGH0285001234";
constexpr const char* kKampenIban = "NL13BNGH0285170032";

const char* const kRowsBefore0024[] = {
    "INSERT INTO municipalities (code, name, central_code, debtor_iban, debtor_bic,"
    " debtor_name) VALUES ('0193','Zwolle',NULL,'NL98BNGH0285001234','BNGHNL2G',"
    " 'Gemeente Zwolle betalingen'), ('0166','Kampen','0193','NL13BNGH0285170032',NULL,NULL),"
    " ('0148','Dalfsen','0193',NULL,NULL,NULL)",
    "INSERT INTO providers (id, agb, kvk, name, iban) VALUES"
    " (1,'12345670','12345678','Zorg','NL91ABNA0417164300')",
    "INSERT INTO payment_runs (id, municipality_code, due_until, execution_date, status,"
    " prepared_by, prepared_at, message_id, control_sum_cents, transactions) VALUES"
    " (1,'0166','2025-03-31','2025-04-01','approved','fin',NOW(6),'ZC-RUN-1',4000,1),"
    " (2,'0193','2025-03-31','2025-04-01','approved','fin',NOW(6),'ZC-RUN-2',900,1),"
    " (3,'0148','2025-03-31','2025-04-01','cancelled','fin',NOW(6),'ZC-RUN-3',0,0)",
    "INSERT INTO payment_instructions (id, run_id, provider_id, end_to_end_id, amount_cents,"
    " creditor_name, creditor_iban, debtor_iban, remittance, execution_date, status) VALUES"
    " (1,1,1,'ZC-1-1',4000,'Zorg','NL91ABNA0417164300','NL13BNGH0285170032','x','2025-04-01',"
    " 'booked'),"
    " (2,2,1,'ZC-2-1',900,'Zorg','NL91ABNA0417164300','NL98BNGH0285001234','x','2025-04-01',"
    " 'sent')",
};

struct Account {
    std::int64_t id = 0;
    std::string municipality, iban, bic, name;
    bool is_default = false, active = false;
};

std::vector<Account> accounts(db::Connection& db) {
    std::vector<Account> out;
    for (const auto& r : db.query("SELECT id, municipality_code, iban, COALESCE(bic, ''), name,"
                                  " is_default, active FROM debtor_accounts ORDER BY id")) {
        out.push_back(
            {r.i64(0), r.str(1), r.str(2), r.str(3), r.str(4), r.i64(5) == 1, r.i64(6) == 1});
    }
    return out;
}

std::vector<std::string> instructionAccounts(db::Connection& db) {
    std::vector<std::string> out;
    for (const auto& r :
         db.query("SELECT i.id, i.municipality_code, d.iban FROM payment_instructions i"
                  " LEFT JOIN debtor_accounts d ON d.id = i.debtor_account_id ORDER BY i.id")) {
        out.push_back(r.str(0) + " " + r.str(1) + " " + r.opt(2).value_or("-"));
    }
    return out;
}

std::vector<std::string> runAccounts(db::Connection& db) {
    std::vector<std::string> out;
    for (const auto& r :
         db.query("SELECT a.run_id, a.municipality_code, d.iban FROM payment_run_accounts a"
                  " LEFT JOIN debtor_accounts d ON d.id = a.debtor_account_id ORDER BY a.run_id")) {
        out.push_back(r.str(0) + " " + r.str(1) + " " + r.opt(2).value_or("-"));
    }
    return out;
}

TEST(DebtorAccountsMigration, TheAccountSetBeforeBecomesTheDefaultAndEveryPaymentKeepsItsAccount) {
    dbtest::ScratchDatabase scratch;
    auto conn = scratch.connect();
    dbtest::migrateBefore(*conn, "0024");
    ASSERT_LT(db::schemaVersion(*conn), 24);
    for (const char* sql : kRowsBefore0024) conn->execute(sql);

    // Up to 0024; its re-run below reads municipalities.debtor_*, which 0029 drops afterwards.
    dbtest::migrateBefore(*conn, "0025");

    const auto after = accounts(*conn);
    ASSERT_EQ(after.size(), 2u) << "Dalfsen had no account, so it gets none";
    const auto& zwolle = after[0].municipality == "0193" ? after[0] : after[1];
    const auto& kampen = after[0].municipality == "0166" ? after[0] : after[1];
    EXPECT_EQ(zwolle.iban, kZwolleIban);
    EXPECT_EQ(zwolle.bic, "BNGHNL2G");
    EXPECT_EQ(zwolle.name, "Gemeente Zwolle betalingen");
    EXPECT_EQ(kampen.municipality, "0166");
    EXPECT_EQ(kampen.iban, kKampenIban);
    EXPECT_EQ(kampen.name, "Kampen") << "without a debtor name, the municipality's name";
    for (const auto& a : after) {
        EXPECT_TRUE(a.is_default) << a.municipality;
        EXPECT_TRUE(a.active) << a.municipality;
    }
    const std::vector<std::string> instructions{std::string("1 0166 ") + kKampenIban,
                                                std::string("2 0193 ") + kZwolleIban};
    EXPECT_EQ(instructionAccounts(*conn), instructions);
    const std::vector<std::string> runs{std::string("1 0166 ") + kKampenIban,
                                        std::string("2 0193 ") + kZwolleIban, "3 0148 -"};
    EXPECT_EQ(runAccounts(*conn), runs);

    // The migration can run again: nothing fails or changes.
    for (const auto& statement : db::splitSqlStatements(
             dbtest::readFile(dbtest::migrationsDir() / "0024_debtor_accounts.sql"))) {
        conn->execute(statement);
    }
    EXPECT_EQ(accounts(*conn).size(), 2u);
    EXPECT_EQ(instructionAccounts(*conn), instructions);
    EXPECT_EQ(runAccounts(*conn), runs);

    // The later migrations keep every account (0029 drops the old columns on the municipality).
    db::migrate(*conn, dbtest::migrationsDir());
    EXPECT_EQ(accounts(*conn).size(), 2u);
    EXPECT_EQ(instructionAccounts(*conn), instructions);
    EXPECT_EQ(runAccounts(*conn), runs);
    EXPECT_FALSE(
        conn->queryOne("SELECT 1 FROM information_schema.columns WHERE table_schema ="
                       " DATABASE() AND table_name = 'municipalities' AND column_name ="
                       " 'debtor_iban'"))
        << "municipalities.debtor_iban is dropped";
}

}  // namespace
}  // namespace zc
