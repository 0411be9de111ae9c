// Issue 13 (S12), migration 0026_client_team against a database of before it: existing clients
// get no team (NULL = unknown) and stay readable; running the migration's statements again
// changes nothing; a team that does not exist cannot be recorded (foreign key).
#include <gtest/gtest.h>

#include <string>

#include "db_test_env.hpp"
#include "interfaces/mysql/connection.hpp"
#include "interfaces/mysql/migrations.hpp"

namespace zc {
namespace {

TEST(ClientTeamMigration, ExistingClientsHaveNoTeamAndTheMigrationRunsAgain) {
    dbtest::ScratchDatabase scratch;
    auto conn = scratch.connect();
    dbtest::migrateBefore(*conn, "0026");
    ASSERT_LT(db::schemaVersion(*conn), 26);
    conn->execute("INSERT INTO municipalities (code, name) VALUES ('0193', 'Zwolle')");
    conn->execute(
        "INSERT INTO clients (bsn_hash, bsn_enc, surname, prefix, given_names, initials,"
        " birth_date, gender, street, house_number, postcode, city, municipality_code,"
        " created_at) VALUES (REPEAT('b', 64), 'x', 'Oud', '', '', '', '1950-01-01', '1', '',"
        " '1', '8011AB', '', '0193', NOW(6))");

    db::migrate(*conn, dbtest::migrationsDir());
    EXPECT_GE(db::schemaVersion(*conn), 26);
    const auto team = conn->queryOne("SELECT team_id FROM clients WHERE surname = 'Oud'");
    ASSERT_TRUE(team);
    EXPECT_TRUE(team->isNull(0));

    // The statements again: nothing fails, nothing changes.
    const std::string sql = dbtest::readFile(dbtest::migrationsDir() / "0026_client_team.sql");
    for (const auto& statement : db::splitSqlStatements(sql)) {
        EXPECT_NO_THROW(conn->execute(statement)) << statement;
    }
    EXPECT_TRUE(conn->queryOne("SELECT team_id FROM clients WHERE surname = 'Oud'")->isNull(0));
    EXPECT_ANY_THROW(conn->execute("UPDATE clients SET team_id = 999 WHERE surname = 'Oud'"));
}

}  // namespace
}  // namespace zc
