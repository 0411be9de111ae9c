// The ledger per municipality (config/migrations/0025_ledger_municipality.sql): every journal
// is in the books of one municipality, back-filled from what caused it, and check-ledger checks
// each municipality's books on their own. Rows made before 0025: Kampen's declaration, advance,
// payment run and bank statement, Zwolle's reviewed claim line and budget reallocation.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "db_test_env.hpp"
#include "interfaces/mysql/migrations.hpp"
#include "invoicing/domain/ledger_check.hpp"
#include "invoicing/store/ledger_store.hpp"

namespace zc {
namespace {

const char* const kRowsBefore0025[] = {
    "INSERT INTO municipalities (code, name, central_code, debtor_iban) VALUES"
    " ('0193','Zwolle',NULL,NULL), ('0166','Kampen','0193','NL39RABO0300065264')",
    "INSERT INTO providers (id, agb, kvk, name, iban) VALUES"
    " (1,'12345670','12345678','Zorg','NL91ABNA0417164300')",
    "INSERT INTO contracts (id, kind, provider_id, municipality_code, status, term_start,"
    " term_end) VALUES (1,'framework',1,'0193','active','2025-01-01','2028-01-01'),"
    " (2,'framework',1,'0166','active','2025-01-01','2028-01-01')",
    "INSERT INTO declarations (id, provider_id, source, declaratie_nummer, period_begin,"
    " period_end, received_at, total_submitted_cents, status, answer_due, municipality_code)"
    " VALUES (1,1,'json','D1','2025-02-01','2025-03-01',NOW(6),3000,'answered','2025-03-15',"
    " '0166'), (2,1,'json','D2','2025-02-01','2025-03-01',NOW(6),9000,'answered','2025-03-15',"
    " '0193')",
    "INSERT INTO claim_lines (id, declaration_id, provider_id, reference, credit,"
    " allocation_number, bsn_hash, category, product_code, period_begin, period_end, volume,"
    " unit, tariff_cents, amount_cents, status, code, municipality_code) VALUES"
    " (1,1,1,'R1',0,1,REPEAT('a',64),'01','01A01','2025-02-01','2025-03-01',1,'hours',3000,"
    "  3000,'accepted','0200','0166'),"
    " (2,2,1,'R2',0,2,REPEAT('a',64),'01','01A01','2025-02-01','2025-03-01',1,'hours',9000,"
    "  9000,'accepted','0200','0193')",
    "INSERT INTO advances (id, contract_id, year, month, due_date, amount_cents) VALUES"
    " (1, 2, 2025, 1, '2025-01-15', 1000)",
    "INSERT INTO budgets (id, year, municipality_code, product_category, financing_kind,"
    " amount_cents, name, created_at, created_by) VALUES"
    " (1,2025,'0166','01','ZIN',0,'Kampen HH',NOW(6),'t'),"
    " (2,2025,'0193','01','ZIN',0,'Zwolle HH',NOW(6),'t'),"
    " (3,2025,'0193','01','budget',0,'Zwolle HH budget',NOW(6),'t')",
    "INSERT INTO budget_reallocations (id, from_budget_id, to_budget_id, amount_cents, reason,"
    " status, requested_by, requested_at) VALUES (1,2,3,500,'x','approved',1,NOW(6))",
    // Kampen's run paid Kampen's declaration and advance (4,000 cents) from Kampen's account,
    // and Kampen's statement booked it.
    "INSERT INTO payment_runs (id, municipality_code, due_until, execution_date, status,"
    " prepared_by, prepared_at, message_id, control_sum_cents, transactions) VALUES"
    " (1,'0166','2025-03-31','2025-04-01','approved','fin',NOW(6),'ZC-RUN-1',4000,1)",
    "INSERT INTO payment_instructions (id, run_id, provider_id, end_to_end_id, amount_cents,"
    " creditor_name, creditor_iban, debtor_iban, remittance, execution_date, status) VALUES"
    " (1,1,1,'ZC-1-1',4000,'Zorg','NL91ABNA0417164300','NL39RABO0300065264','x','2025-04-01',"
    " 'booked')",
    "INSERT INTO payables (id, provider_id, source_type, source_id, amount_cents, due_date,"
    " created_at, municipality_code, status, instruction_id) VALUES"
    " (1,1,'declaration',1,3000,'2025-03-15',NOW(6),'0166','paid',1),"
    " (2,1,'review',2,9000,'2025-03-15',NOW(6),'0193','open',NULL),"
    " (3,1,'advance',1,1000,'2025-01-15',NOW(6),'0166','paid',1)",
    "INSERT INTO payment_run_items (run_id, payable_id, instruction_id, amount_cents, outcome)"
    " VALUES (1,1,1,3000,'paid'), (1,3,1,1000,'paid')",
    "INSERT INTO bank_statements (id, account_iban, statement_id, from_date, to_date,"
    " message_id, opening_cents, closing_cents, file_sha256, imported_at, imported_by) VALUES"
    " (1,'NL39RABO0300065264','S1','2025-04-01','2025-04-01','M1',10000,6000,REPEAT('b',64),"
    " NOW(6),'fin')",
    "INSERT INTO bank_entries (id, statement_id, seq, amount_cents, credit, match_status,"
    " instruction_id) VALUES (1,1,1,4000,0,'booked',1)",
    "INSERT INTO ledger_journals (id, kind, source, entry_date, created_at, created_by) VALUES"
    " (1,'accepted_claim','declaration:1','2025-03-01',NOW(6),'t'),"
    " (2,'accepted_claim','claim-line:2','2025-03-01',NOW(6),'t'),"
    " (3,'advance','advance:1','2025-01-15',NOW(6),'t'),"
    " (4,'payment_sent','instruction:1','2025-04-01',NOW(6),'t'),"
    " (5,'payment_booked','bank-entry:1','2025-04-01',NOW(6),'t'),"
    " (6,'budget_reallocation','reallocation:1','2025-04-01',NOW(6),'t'),"
    " (7,'manual_resolution','manual:1','2025-04-01',NOW(6),'t')",
    "INSERT INTO ledger_lines (journal_id, account, amount_cents) VALUES"
    " (1,'expense:budget:1',3000), (1,'payable:provider:1',-3000),"
    " (2,'expense:budget:2',9000), (2,'payable:provider:1',-9000),"
    " (3,'advances:contract:2',1000), (3,'payable:provider:1',-1000),"
    " (4,'payable:provider:1',4000), (4,'in-transit:iban:NL39RABO0300065264',-4000),"
    " (5,'in-transit:iban:NL39RABO0300065264',4000), (5,'bank:iban:NL39RABO0300065264',-4000),"
    " (6,'allowance:budget:2',500), (6,'allowance:budget:3',-500),"
    " (7,'expense:budget:2',100), (7,'expense:budget:3',-100)",
};

// Before runs were per municipality, Zwolle's run 2 paid Kampen's 5.00 (claim line 1) and
// Zwolle's 7.00 (declaration 2) in one transfer from Zwolle's account.
const char* const kCrossPaidBefore0025[] = {
    "INSERT INTO payment_runs (id, municipality_code, due_until, execution_date, status,"
    " prepared_by, prepared_at, message_id, control_sum_cents, transactions) VALUES"
    " (2,'0193','2025-03-31','2025-04-02','approved','fin',NOW(6),'ZC-RUN-2',1200,1)",
    "INSERT INTO payment_instructions (id, run_id, provider_id, end_to_end_id, amount_cents,"
    " creditor_name, creditor_iban, debtor_iban, remittance, execution_date, status) VALUES"
    " (2,2,1,'ZC-2-1',1200,'Zorg','NL91ABNA0417164300','NL13BNGH0285170032','x','2025-04-02',"
    " 'sent')",
    "INSERT INTO payables (id, provider_id, source_type, source_id, amount_cents, due_date,"
    " created_at, municipality_code, status, instruction_id) VALUES"
    " (4,1,'review',1,500,'2025-03-15',NOW(6),'0166','in_run',2),"
    " (5,1,'declaration',2,700,'2025-03-15',NOW(6),'0193','in_run',2)",
    "INSERT INTO payment_run_items (run_id, payable_id, instruction_id, amount_cents, outcome)"
    " VALUES (2,4,2,500,'paid'), (2,5,2,700,'paid')",
    "INSERT INTO ledger_journals (id, kind, source, entry_date, created_at, created_by) VALUES"
    " (8,'accepted_claim','claim-line:1','2025-03-01',NOW(6),'t'),"
    " (9,'accepted_claim','declaration:2','2025-03-01',NOW(6),'t'),"
    " (10,'payment_sent','instruction:2','2025-04-02',NOW(6),'t')",
    "INSERT INTO ledger_lines (journal_id, account, amount_cents) VALUES"
    " (8,'expense:budget:1',500), (8,'payable:provider:1',-500),"
    " (9,'expense:budget:2',700), (9,'payable:provider:1',-700),"
    " (10,'payable:provider:1',1200), (10,'in-transit:iban:NL13BNGH0285170032',-1200)",
};

std::vector<std::string> journalMunicipalities(db::Connection& conn) {
    std::vector<std::string> out;
    for (const auto& r : conn.query("SELECT municipality_code FROM ledger_journals ORDER BY id")) {
        out.push_back(r.str(0));
    }
    return out;
}

TEST(LedgerMunicipalityMigration, EveryJournalGetsTheMunicipalityOfWhatCausedIt) {
    dbtest::ScratchDatabase scratch;
    auto conn = scratch.connect();
    dbtest::migrateBefore(*conn, "0025");
    ASSERT_LT(db::schemaVersion(*conn), 25);
    conn->execute(
        "INSERT INTO users (id, username, display_name, role, password_hash) VALUES"
        " (1, 'bh', 'Budget holder', 'finance', 'x')");
    for (const char* sql : kRowsBefore0025) conn->execute(sql);
    for (const char* sql : kCrossPaidBefore0025) conn->execute(sql);

    // Up to 0025 (later migrations, e.g. 0029 dropping municipalities.debtor_iban, which 0025
    // reads, come after its re-run below).
    dbtest::migrateBefore(*conn, "0026");

    // declaration (Kampen's), claim line (Zwolle's), advance (Kampen's contract), transfer
    // (Kampen's run), bank entry (Kampen's transfer), reallocation (Zwolle's budgets), a
    // journal of unknown source (the central municipality); then Kampen's claim line, Zwolle's
    // declaration, Zwolle's transfer; and the pair that moves Kampen's 5.00 between the books.
    const std::vector<std::string> expected{"0166", "0193", "0166", "0166", "0166", "0193",
                                            "0193", "0166", "0193", "0193", "0193", "0166"};
    EXPECT_EQ(journalMunicipalities(*conn), expected);
    std::vector<std::string> moved;
    for (const auto& r : conn->query(
             "SELECT j.municipality_code, j.source, l.account, l.amount_cents FROM ledger_lines l"
             " JOIN ledger_journals j ON j.id = l.journal_id WHERE j.kind = 'intermunicipal'"
             " ORDER BY l.id")) {
        moved.push_back(r.str(0) + " " + r.str(1) + " " + r.str(2) + " " +
                        std::to_string(r.i64(3)));
    }
    EXPECT_EQ(moved, (std::vector<std::string>{
                         "0193 migration:0025:instruction:2:paid-for:0166"
                         " intermunicipal:municipality:0166 500",
                         "0193 migration:0025:instruction:2:paid-for:0166 payable:provider:1 -500",
                         "0166 migration:0025:instruction:2:paid-by:0193 payable:provider:1 500",
                         "0166 migration:0025:instruction:2:paid-by:0193"
                         " intermunicipal:municipality:0193 -500"}));
    EXPECT_EQ(journalMunicipalities(*conn), expected);
    EXPECT_THROW(conn->execute("UPDATE ledger_journals SET municipality_code = NULL WHERE id = 1"),
                 db::DbError);

    // Each municipality's books are consistent on their own.
    const auto facts = invoicing::loadLedgerFacts(*conn);
    std::vector<std::string> checked;
    for (const auto& r : invoicing::checkLedgerPerMunicipality(facts)) {
        checked.push_back(r.municipality + (r.violation ? " " + r.violation->subject : " ok"));
    }
    EXPECT_EQ(checked, (std::vector<std::string>{"0166 ok", "0193 ok"}));

    // Zwolle's books no longer hide a Kampen mistake: a Kampen payable reopened behind the
    // ledger's back is named with Kampen.
    conn->execute("UPDATE payables SET status = 'open' WHERE id = 3");
    const auto violation = invoicing::checkLedger(invoicing::loadLedgerFacts(*conn));
    ASSERT_TRUE(violation.has_value());
    EXPECT_EQ(violation->subject, "0166/payable:provider:1");
    conn->execute("UPDATE payables SET status = 'paid' WHERE id = 3");

    // The migration can run again: nothing fails or changes.
    for (const auto& statement : db::splitSqlStatements(
             dbtest::readFile(dbtest::migrationsDir() / "0025_ledger_municipality.sql"))) {
        conn->execute(statement);
    }
    EXPECT_EQ(journalMunicipalities(*conn), expected);
    db::migrate(*conn, dbtest::migrationsDir());
    EXPECT_EQ(journalMunicipalities(*conn), expected);
    EXPECT_EQ(dbtest::countRows(*conn, "ledger_lines"), 24);
}

// The CLI prints one result per municipality, a municipality without entries too.
TEST(LedgerMunicipalityCli, CheckLedgerPrintsEachMunicipality) {
    dbtest::ScratchDatabase scratch;
    auto conn = scratch.connect();
    db::migrate(*conn, dbtest::migrationsDir());
    conn->execute(
        "INSERT INTO users (id, username, display_name, role, password_hash) VALUES"
        " (1, 'bh', 'Budget holder', 'finance', 'x')");
    for (const char* sql : kRowsBefore0025) {
        const std::string s = sql;
        if (s.find("INSERT INTO municipalities") == 0) {  // the account is in debtor_accounts now
            conn->execute(
                "INSERT INTO municipalities (code, name, central_code) VALUES"
                " ('0193','Zwolle',NULL), ('0166','Kampen','0193')");
            conn->execute(
                "INSERT INTO debtor_accounts (municipality_code, iban, name, is_default, active)"
                " VALUES ('0166','NL39RABO0300065264','Gemeente Kampen',1,1)");
        } else if (s.find("INSERT INTO ledger_journals") == 0) {  // now with their municipality
            conn->execute(
                "INSERT INTO ledger_journals (id, kind, source, entry_date, created_at,"
                " created_by, municipality_code) VALUES"
                " (1,'accepted_claim','declaration:1','2025-03-01',NOW(6),'t','0166'),"
                " (2,'accepted_claim','claim-line:2','2025-03-01',NOW(6),'t','0193'),"
                " (3,'advance','advance:1','2025-01-15',NOW(6),'t','0166'),"
                " (4,'payment_sent','instruction:1','2025-04-01',NOW(6),'t','0166'),"
                " (5,'payment_booked','bank-entry:1','2025-04-01',NOW(6),'t','0166'),"
                " (6,'budget_reallocation','reallocation:1','2025-04-01',NOW(6),'t','0193'),"
                " (7,'manual_resolution','manual:1','2025-04-01',NOW(6),'t','0193')");
        } else {
            conn->execute(s);
        }
    }
    conn->execute(
        "INSERT INTO municipalities (code, name, central_code) VALUES"
        " ('0148','Dalfsen','0193')");
    auto clean = dbtest::runCli({"check-ledger"}, scratch.name());
    EXPECT_EQ(clean.exit_code, 0) << clean.output;
    for (const char* line : {"municipality 0148: ok", "municipality 0166: ok",
                             "municipality 0193: ok", "ledger consistent"}) {
        EXPECT_NE(clean.output.find(line), std::string::npos) << line << "\n" << clean.output;
    }

    // Zwolle's payment of Kampen's transfer in Zwolle's books: both books are wrong.
    conn->execute("UPDATE ledger_journals SET municipality_code = '0193' WHERE id = 4");
    auto broken = dbtest::runCli({"check-ledger"}, scratch.name());
    EXPECT_EQ(broken.exit_code, 1) << broken.output;
    EXPECT_NE(broken.output.find("municipality 0148: ok"), std::string::npos) << broken.output;
    EXPECT_NE(broken.output.find("municipality 0166: ledger violation PAYABLE_MISMATCH"
                                 " (0166/payable:provider:1)"),
              std::string::npos)
        << broken.output;
    EXPECT_NE(broken.output.find("(0193/payable:provider:1)"), std::string::npos) << broken.output;
}

}  // namespace
}  // namespace zc
