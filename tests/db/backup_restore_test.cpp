// Back up and restore (issue 15, Operations): scripts/backup.sh dumps a database filled through
// the real command line (the demo region, then a day's advances), scripts/restore.sh loads it
// into a fresh database, and the restore is checked as an operator would: `verify-audit` (the
// hash chain and the checkpoint file that travelled with the backup) and `check-ledger` exit 0,
// and every table has the same rows and CHECKSUM TABLE as the original.
#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/Process.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <iterator>
#include <optional>
#include <regex>
#include <set>
#include <vector>

#include "contracting/kernel/civil_date.hpp"
#include "db/demo_database.hpp"
#include "interfaces/security/audit_checkpoint.hpp"

namespace zc {
namespace {

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

// Where runCli has the service keep a database's audit checkpoints.
std::string checkpointFile(const std::string& db_name) {
    return (std::filesystem::path(std::getenv("ZC_TESTENV")) / ("checkpoints-" + db_name + ".log"))
        .string();
}

// scripts/NAME args... with the configuration of the application user for database `db_name`
// (ZC_* variables over the project's configuration file, as the service reads them).
dbtest::CommandResult script(const std::string& name, const std::vector<std::string>& args,
                             const std::string& db_name) {
    const auto& env = dbtest::dbEnv();
    Poco::Process::Env e{
        {"ZC_CONFIG", (dbtest::sourceRoot() / "config/zorgcontract.properties").string()},
        {"ZC_DB_HOST", env.at("ZC_DB_HOST")},
        {"ZC_DB_PORT", env.at("ZC_DB_PORT")},
        {"ZC_DB_SOCKET", ""},
        {"ZC_DB_USER", env.at("ZC_DB_USER")},
        {"ZC_DB_PASSWORD", env.at("ZC_DB_PASSWORD")},
        {"ZC_DB_NAME", db_name},
        {"ZC_AUDIT_CHECKPOINT_FILE", checkpointFile(db_name)}};
    Poco::Process::Args argv{(dbtest::sourceRoot() / "scripts" / name).string()};
    argv.insert(argv.end(), args.begin(), args.end());
    Poco::Pipe out;
    auto handle = Poco::Process::launch("/bin/bash", argv, dbtest::sourceRoot().string(), nullptr,
                                        &out, &out, e);
    Poco::PipeInputStream in(out);
    dbtest::CommandResult r;
    r.output.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    r.exit_code = handle.wait();
    return r;
}

std::vector<std::string> tables(db::Connection& db, const std::string& schema) {
    std::vector<std::string> out;
    for (const auto& row : db.query("SELECT table_name FROM information_schema.tables WHERE "
                                    "table_schema = ? AND table_type = 'BASE TABLE' ORDER BY 1",
                                    {schema})) {
        out.push_back(row.str(0));
    }
    return out;
}

std::string checksum(db::Connection& db, const std::string& table) {
    dbtest::countRows(db, table);  // refuses a name that is not a plain identifier
    return db.queryOne("CHECKSUM TABLE `" + table + "`")->str(1);
}

// Every row of `table` as text, in the order of all its columns.
std::vector<std::vector<std::optional<std::string>>> rows(db::Connection& db,
                                                          const std::string& schema,
                                                          const std::string& table) {
    dbtest::countRows(db, table);  // refuses a name that is not a plain identifier
    const auto columns =
        db.queryOne(
              "SELECT COUNT(*) FROM information_schema.columns WHERE table_schema = ?"
              " AND table_name = ?",
              {schema, table})
            ->i64(0);
    std::string order;
    for (std::int64_t i = 1; i <= columns; ++i) order += (i > 1 ? "," : "") + std::to_string(i);
    std::vector<std::vector<std::optional<std::string>>> out;
    for (const auto& row : db.query("SELECT * FROM `" + table + "` ORDER BY " + order)) {
        std::vector<std::optional<std::string>> values;
        for (std::size_t i = 0; i < row.size(); ++i) values.push_back(row.opt(i));
        out.push_back(std::move(values));
    }
    return out;
}

// The tables with generated (PERSISTENT) columns: MariaDB's CHECKSUM TABLE of such a table
// differs after a reload although every value is equal (seen for `budgets`), so theirs is
// compared value by value only.
std::set<std::string> withGeneratedColumns(db::Connection& db, const std::string& schema) {
    std::set<std::string> out;
    for (const auto& row : db.query("SELECT DISTINCT table_name FROM information_schema.columns"
                                    " WHERE table_schema = ? AND is_generated = 'ALWAYS'",
                                    {schema})) {
        out.insert(row.str(0));
    }
    return out;
}

std::int64_t number(const std::string& output, const std::string& pattern) {
    std::smatch m;
    if (!std::regex_search(output, m, std::regex(pattern))) return -1;
    return std::stoll(m[1].str());
}

TEST(BackupRestore, ARestoredBackupVerifiesAndEqualsTheOriginalTableByTable) {
    dbtest::DemoDatabase source;
    ASSERT_EQ(source.cli({"post-advances"}).exit_code, 0);
    SystemClock clock;
    ASSERT_TRUE(security::appendCheckpoint(source.db(), dbtest::auditKey(),
                                           checkpointFile(source.name()), clock))
        << "a checkpoint of the chain's head, as the service writes them";
    dbtest::TempDir dir;
    const auto folder = dir.path() / "backup";

    const auto backup = script("backup.sh", {folder.string()}, source.name());
    ASSERT_EQ(backup.exit_code, 0) << backup.output;
    EXPECT_TRUE(contains(backup.output, "the key files are not in it")) << backup.output;
    for (const char* file : {"database.sql.gz", "audit-checkpoints.log", "MANIFEST"}) {
        EXPECT_TRUE(std::filesystem::exists(folder / file)) << file;
    }
    EXPECT_EQ(std::filesystem::status(folder).permissions() & std::filesystem::perms::others_all,
              std::filesystem::perms::none)
        << "the backup holds personal data";

    dbtest::ScratchDatabase target;
    const auto restore = script("restore.sh", {folder.string()}, target.name());
    ASSERT_EQ(restore.exit_code, 0) << restore.output;

    const auto verified = dbtest::runCli({"verify-audit"}, target.name());
    EXPECT_EQ(verified.exit_code, 0) << verified.output;
    EXPECT_GE(number(verified.output, "([0-9]+) checkpoints matched"), 1) << verified.output;
    const auto original = dbtest::runCli({"verify-audit"}, source.name());
    EXPECT_EQ(number(verified.output, "([0-9]+) rows verified"),
              number(original.output, "([0-9]+) rows verified"))
        << original.output;
    const auto ledger = dbtest::runCli({"check-ledger"}, target.name());
    EXPECT_EQ(ledger.exit_code, 0) << ledger.output;
    EXPECT_TRUE(contains(ledger.output, "ledger consistent")) << ledger.output;

    auto restored = target.connect();
    const auto names = tables(source.db(), source.name());
    ASSERT_GT(names.size(), 30u);
    EXPECT_EQ(tables(*restored, target.name()), names);
    const auto generated = withGeneratedColumns(source.db(), source.name());
    for (const auto& t : names) {
        EXPECT_EQ(dbtest::countRows(*restored, t), dbtest::countRows(source.db(), t)) << t;
        EXPECT_TRUE(rows(*restored, target.name(), t) == rows(source.db(), source.name(), t))
            << t << ": every value equal";
        if (!generated.contains(t)) {
            EXPECT_EQ(checksum(*restored, t), checksum(source.db(), t)) << t;
        }
    }
    EXPECT_GT(dbtest::countRows(*restored, "payables"), 0) << "the day's advances came along";
}

TEST(BackupRestore, RestoreRefusesADamagedBackupAndANonEmptyDatabase) {
    dbtest::DemoDatabase source;
    dbtest::TempDir dir;
    const auto folder = dir.path() / "backup";
    ASSERT_EQ(script("backup.sh", {folder.string()}, source.name()).exit_code, 0);
    // Into the database it came from: not empty, so nothing is loaded.
    const auto users = dbtest::countRows(source.db(), "users");
    const auto into_full = script("restore.sh", {folder.string()}, source.name());
    EXPECT_NE(into_full.exit_code, 0);
    EXPECT_TRUE(contains(into_full.output, "restore only into an empty database"))
        << into_full.output;
    EXPECT_EQ(dbtest::countRows(source.db(), "users"), users);
    // A dump changed after the backup: its sum no longer matches.
    { std::ofstream(folder / "database.sql.gz", std::ios::app) << "x"; }
    dbtest::ScratchDatabase target;
    const auto damaged = script("restore.sh", {folder.string()}, target.name());
    EXPECT_NE(damaged.exit_code, 0);
    EXPECT_TRUE(contains(damaged.output, "does not match its sum")) << damaged.output;
    auto empty = target.connect();
    EXPECT_TRUE(tables(*empty, target.name()).empty());
    // An existing folder is never overwritten.
    const auto again = script("backup.sh", {folder.string()}, source.name());
    EXPECT_NE(again.exit_code, 0);
    EXPECT_TRUE(contains(again.output, "exists already")) << again.output;
}

}  // namespace
}  // namespace zc
