// The migration runner (interfaces/mysql/migrations.hpp) and `zorgcontract migrate` against
// scratch databases of the throwaway MariaDB.
#include "interfaces/mysql/migrations.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <regex>
#include <thread>

#include "db/db_test_env.hpp"
#include "interfaces/security/crypto.hpp"

namespace zc {
namespace {

struct MigrationFileName {
    int version;
    std::string name;
};

// The project's migration files in number order, read independently of the runner.
std::vector<MigrationFileName> projectMigrations() {
    static const std::regex kName(R"((\d{4})_[a-z0-9_]+\.sql)");
    std::vector<MigrationFileName> out;
    for (const auto& entry : std::filesystem::directory_iterator(dbtest::migrationsDir())) {
        const std::string name = entry.path().filename().string();
        std::smatch m;
        if (std::regex_match(name, m, kName)) out.push_back({std::stoi(m[1]), name});
    }
    std::sort(out.begin(), out.end(),
              [](const auto& a, const auto& b) { return a.version < b.version; });
    return out;
}

constexpr const char* kBrokenMigration =
    "-- A migration whose second statement is not SQL.\n"
    "CREATE TABLE IF NOT EXISTS broken_probe (id INT NOT NULL PRIMARY KEY) ENGINE=InnoDB;\n"
    "CREATE TABLE broken_table (id INT NOT NULL PRIMARY KEY,, name);\n";

class MigrationsTest : public ::testing::Test {
  protected:
    void SetUp() override { conn_ = scratch_.connect(); }

    std::vector<db::Row> recorded() {
        return conn_->query(
            "SELECT version, name, checksum FROM schema_migrations ORDER BY version");
    }

    dbtest::ScratchDatabase scratch_;
    std::unique_ptr<db::Connection> conn_;
};

TEST_F(MigrationsTest, AppliesAllProjectMigrationsInOrderOnAnEmptyDatabase) {
    const auto files = projectMigrations();
    ASSERT_GE(files.size(), 3u);
    EXPECT_EQ(db::schemaVersion(*conn_), 0);

    const auto result = db::migrate(*conn_, dbtest::migrationsDir());

    std::vector<std::string> expected_names;
    for (const auto& f : files) expected_names.push_back(f.name);
    EXPECT_EQ(result.applied, expected_names);
    EXPECT_EQ(result.schema_version, files.back().version);
    EXPECT_EQ(db::schemaVersion(*conn_), files.back().version);

    const auto rows = recorded();
    ASSERT_EQ(rows.size(), files.size());
    for (std::size_t i = 0; i < files.size(); ++i) {
        EXPECT_EQ(rows[i].i64(0), files[i].version);
        EXPECT_EQ(rows[i].str(1), files[i].name);
        EXPECT_EQ(rows[i].str(2),
                  security::sha256Hex(dbtest::readFile(dbtest::migrationsDir() / files[i].name)))
            << files[i].name;
    }
    // The schema is really there: the audit chain's head row of 0001 and a table of the last one.
    EXPECT_EQ(dbtest::countRows(*conn_, "audit_head"), 1);
    EXPECT_EQ(dbtest::countRows(*conn_, "advances"), 0);
}

TEST_F(MigrationsTest, SecondRunAppliesNothing) {
    const auto first = db::migrate(*conn_, dbtest::migrationsDir());
    const auto before = recorded().size();

    const auto second = db::migrate(*conn_, dbtest::migrationsDir());

    EXPECT_TRUE(second.applied.empty());
    EXPECT_EQ(second.schema_version, first.schema_version);
    EXPECT_EQ(recorded().size(), before);
    // 0001's seed row was not inserted twice.
    EXPECT_EQ(dbtest::countRows(*conn_, "audit_head"), 1);
}

TEST_F(MigrationsTest, TwoProcessesMigratingAtOnceTakeTurns) {
    // Each migrates an empty database of its own, three times over, with a second connection
    // racing it: both finish, every migration is recorded once and applied once.
    for (int round = 0; round < 3; ++round) {
        dbtest::ScratchDatabase scratch;
        auto first = scratch.connect();
        auto second = scratch.connect();
        std::vector<std::string> applied_by_second;
        std::string second_failure;
        std::thread racer([&] {
            try {
                applied_by_second = db::migrate(*second, dbtest::migrationsDir()).applied;
            } catch (const std::exception& e) {
                second_failure = e.what();
            }
        });
        std::vector<std::string> applied_by_first;
        EXPECT_NO_THROW(applied_by_first = db::migrate(*first, dbtest::migrationsDir()).applied);
        racer.join();
        EXPECT_EQ(second_failure, "");
        EXPECT_EQ(applied_by_first.size() + applied_by_second.size(), projectMigrations().size())
            << "each migration applied by exactly one of the two";
        EXPECT_EQ(dbtest::countRows(*first, "schema_migrations"),
                  static_cast<std::int64_t>(projectMigrations().size()));
    }
}

TEST_F(MigrationsTest, BrokenMigrationThrowsNamingFileAndStatementAndIsNotRecorded) {
    dbtest::TempDir dir;
    dbtest::copyMigrations(dir.path());
    dbtest::writeFile(dir.path() / "9999_broken.sql", kBrokenMigration);
    const int good_version = projectMigrations().back().version;

    try {
        db::migrate(*conn_, dir.path());
        FAIL() << "migrate() accepted a broken migration";
    } catch (const db::MigrationError& e) {
        const std::string message = e.what();
        EXPECT_NE(message.find("9999_broken.sql"), std::string::npos) << message;
        EXPECT_NE(message.find("statement 2"), std::string::npos) << message;
    }

    EXPECT_FALSE(conn_->queryOne("SELECT version FROM schema_migrations WHERE version = 9999"));
    EXPECT_EQ(db::schemaVersion(*conn_), good_version);
    EXPECT_EQ(recorded().size(), projectMigrations().size());
}

TEST_F(MigrationsTest, ChangedAppliedMigrationIsRefused) {
    dbtest::TempDir dir;
    dbtest::copyMigrations(dir.path());
    db::migrate(*conn_, dir.path());
    const auto before = recorded();
    const std::string last = projectMigrations().back().name;
    dbtest::writeFile(dir.path() / last,
                      dbtest::readFile(dir.path() / last) + "-- edited after it was applied\n");

    try {
        db::migrate(*conn_, dir.path());
        FAIL() << "migrate() accepted an edited migration";
    } catch (const db::MigrationError& e) {
        const std::string message = e.what();
        EXPECT_NE(message.find("changed"), std::string::npos) << message;
        EXPECT_NE(message.find(last), std::string::npos) << message;
    }

    const auto after = recorded();
    ASSERT_EQ(after.size(), before.size());
    EXPECT_EQ(after.back().str(2), before.back().str(2));  // the recorded checksum stays
}

TEST_F(MigrationsTest, MissingFolderThrowsMigrationError) {
    EXPECT_THROW(db::migrate(*conn_, dbtest::migrationsDir() / "no_such_folder"),
                 db::MigrationError);
}

TEST(SplitSqlStatements, SplitsAtLineEndingSemicolonAndSkipsCommentLines) {
    const std::string text =
        "-- header comment; not a statement\n"
        "CREATE TABLE a (\n"
        "  id INT NOT NULL\n"
        ");\n"
        "\n"
        "   -- indented comment line;\n"
        "INSERT INTO a VALUES (1);   \n"
        "INSERT INTO b VALUES ('x;y');\r\n"
        "SELECT 1\n";

    const auto statements = db::splitSqlStatements(text);

    ASSERT_EQ(statements.size(), 4u);
    EXPECT_EQ(statements[0], "CREATE TABLE a (\n  id INT NOT NULL\n)");
    EXPECT_EQ(statements[1].find("INSERT INTO a VALUES (1)"), 0u);
    EXPECT_EQ(statements[1].find(';'), std::string::npos);
    EXPECT_EQ(statements[2].find("INSERT INTO b VALUES ('x;y')"), 0u);
    EXPECT_EQ(statements[3], "SELECT 1\n");
    for (const auto& s : statements) {
        EXPECT_EQ(s.find("comment"), std::string::npos) << s;
    }
}

TEST(SplitSqlStatements, CommentsOnlyGiveNoStatements) {
    EXPECT_TRUE(db::splitSqlStatements("-- nothing\n\n  -- here either\n").empty());
    EXPECT_TRUE(db::splitSqlStatements("").empty());
}

TEST(MigrateCommand, AppliesMigrationsAndPrintsSchemaVersion) {
    dbtest::ScratchDatabase scratch;
    const auto files = projectMigrations();

    const auto run = dbtest::runCli({"migrate"}, scratch.name());

    EXPECT_EQ(run.exit_code, 0) << run.output;
    EXPECT_NE(run.output.find("schema version " + std::to_string(files.back().version)),
              std::string::npos)
        << run.output;
    EXPECT_NE(run.output.find("applied " + files.front().name), std::string::npos) << run.output;
}

// Issue 17: `migrate` (and so every `serve` start) has MariaDB count every table's rows. Here
// municipalities keeps the statistics of its empty table while 300 rows go in (STATS_AUTO_RECALC
// off, analysed empty), as a table loaded just before a restart would: the optimiser would see
// its primary key with next to no distinct values.
TEST(MigrateCommand, CountsEveryTablesRowsForTheOptimiser) {
    dbtest::ScratchDatabase scratch;
    auto conn = scratch.connect();
    db::migrate(*conn, dbtest::migrationsDir());
    conn->execute("ALTER TABLE municipalities STATS_AUTO_RECALC = 0");
    conn->query("ANALYZE TABLE municipalities");
    ASSERT_EQ(dbtest::countRows(*conn, "municipalities"), 0);
    for (int code = 1000; code < 1300; ++code) {
        conn->execute("INSERT INTO municipalities (code, name) VALUES (?, ?)",
                      {std::to_string(code), "Gemeente " + std::to_string(code)});
    }
    const auto counted = [&] {
        return conn
            ->queryOne(
                "SELECT cardinality FROM information_schema.statistics WHERE table_schema ="
                " DATABASE() AND table_name = 'municipalities' AND index_name = 'PRIMARY'")
            ->i64(0);
    };
    ASSERT_LT(counted(), 30) << "the statistics know the rows without being asked to count";

    const auto run = dbtest::runCli({"migrate"}, scratch.name());

    EXPECT_EQ(run.exit_code, 0) << run.output;
    const auto tables =
        conn->queryOne(
                "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema ="
                " DATABASE() AND table_type = 'BASE TABLE'")
            ->i64(0);
    EXPECT_NE(run.output.find("statistics counted for " + std::to_string(tables) + " tables"),
              std::string::npos)
        << run.output;
    EXPECT_EQ(counted(), 300);
}

TEST(MigrateCommand, BrokenMigrationStopsStartUpNamingTheFile) {
    dbtest::ScratchDatabase scratch;
    dbtest::TempDir dir;
    dbtest::copyMigrations(dir.path());
    dbtest::writeFile(dir.path() / "9999_broken.sql", kBrokenMigration);

    const auto run =
        dbtest::runCli({"migrate"}, scratch.name(), {{"ZC_MIGRATIONS_DIR", dir.path().string()}});

    EXPECT_NE(run.exit_code, 0) << run.output;
    EXPECT_NE(run.output.find("start-up stopped"), std::string::npos) << run.output;
    EXPECT_NE(run.output.find("9999_broken.sql"), std::string::npos) << run.output;
    auto conn = scratch.connect();
    EXPECT_FALSE(conn->queryOne("SELECT version FROM schema_migrations WHERE version = 9999"));
}

}  // namespace
}  // namespace zc
