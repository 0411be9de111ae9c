#pragma once
// Helpers of the "db" test tier: the throwaway MariaDB started by the ctest fixture
// (tests/fixtures/testenv.sh db-start), scratch databases, temporary folders and running the
// zorgcontract command line.
//
// The fixture's database `zorgcontract` is shared with the e2e tests and the running server, so
// these tests never write to it: every test that needs a schema creates its own scratch
// database through the root socket and drops it again.
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "interfaces/http/api_request.hpp"
#include "interfaces/mysql/connection.hpp"

namespace zc::dbtest {

// The key=value lines of $ZC_TESTENV/db.env. Throws std::runtime_error when ZC_TESTENV is not
// set or the file is missing (the db fixture did not run).
const std::map<std::string, std::string>& dbEnv();

// Connection settings of the application user (TCP) for database `name`.
db::DbConfig appDbConfig(const std::string& name);
// Root over the unix socket, no default database.
db::DbConfig rootDbConfig();

// The project root (the folder holding config/ and tests/).
std::filesystem::path sourceRoot();
// config/migrations of the project.
std::filesystem::path migrationsDir();
// Fresh random keys for BSN encryption and its look-up hash (what the service reads from its
// key files), so that a test can store clients.
void giveRandomBsnKeys(app::AppConfig& config);
// The audit key the db tests' command-line runs use (runCli passes it; made on first use in
// $ZC_TESTENV), as a file and as the raw bytes for an AppConfig's audit_key.
std::filesystem::path auditKeyFile();
std::string auditKey();
// The zorgcontract executable: $ZC_BINARY, else <build>/interfaces/zorgcontract next to
// $ZC_TESTENV (see db_test_env.cpp).
std::filesystem::path binary();

// A database of its own, `zc_dbtest_<pid>_<random>`, created with full rights for the
// application user and dropped (with the grants revoked) on destruction.
class ScratchDatabase {
  public:
    ScratchDatabase();
    ~ScratchDatabase();
    ScratchDatabase(const ScratchDatabase&) = delete;
    ScratchDatabase& operator=(const ScratchDatabase&) = delete;

    const std::string& name() const { return name_; }
    db::DbConfig config() const { return appDbConfig(name_); }
    // A new connection of the application user to this database.
    std::unique_ptr<db::Connection> connect() const;

  private:
    std::string name_;
    std::unique_ptr<db::Connection> root_;
};

// A fresh folder under the system temp folder, removed on destruction.
class TempDir {
  public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return path_; }

  private:
    std::filesystem::path path_;
};

// Copies the project's migrations into `dir` (which must exist).
void copyMigrations(const std::filesystem::path& dir);
// Applies the project's migrations numbered before `first` (e.g. "0025"), so that a test can
// write rows as an older version did before the migration it tests runs.
void migrateBefore(db::Connection& conn, const std::string& first);
void writeFile(const std::filesystem::path& file, const std::string& text);
std::string readFile(const std::filesystem::path& file);

struct CommandResult {
    int exit_code = -1;
    std::string output;  // standard output and standard error, interleaved
};

// Runs `zorgcontract --config <project config> args...` against database `db_name` of the
// fixture's server; `extra_env` is set on top (e.g. ZC_MIGRATIONS_DIR).
CommandResult runCli(const std::vector<std::string>& args, const std::string& db_name,
                     const std::map<std::string, std::string>& extra_env = {});

// Number of rows of `table` (a fixed identifier from the test itself).
std::int64_t countRows(db::Connection& db, const std::string& table);

// The code of the ValidationError that `f` throws, or "<no error>".
std::string errorCode(const std::function<void()>& f);

// The caller of a use case: a staff member (user 1) or, with a provider id, that provider.
app::Actor actor(app::Role role, const std::string& name, std::int64_t provider_id = 0);
// The JSON object / array a use case answered.
Poco::JSON::Object::Ptr object(const http::ApiResponse& r);
Poco::JSON::Array::Ptr array(const http::ApiResponse& r);

// A request with a JSON body given as text, e.g. R"({"agb":"12345678"})".
http::ApiRequest jsonRequest(const std::string& body_json,
                             std::map<std::string, std::string> path = {},
                             std::map<std::string, std::string> query = {});

}  // namespace zc::dbtest
