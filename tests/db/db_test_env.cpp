#include "db/db_test_env.hpp"

#include <Poco/JSON/Parser.h>
#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/Process.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>

#include "contracting/kernel/errors.hpp"
#include "interfaces/iwmo/exchange/message_schemas.hpp"
#include "interfaces/mysql/connection_pool.hpp"
#include "interfaces/mysql/migrations.hpp"
#include "interfaces/security/aes_gcm.hpp"
#include "interfaces/security/crypto.hpp"

namespace zc::dbtest {
namespace {

std::string requiredEnv(const char* name) {
    const char* v = std::getenv(name);
    if (v == nullptr || *v == '\0') {
        throw std::runtime_error(std::string(name) +
                                 " is not set; run the db tests through ctest so that the db "
                                 "fixture starts the throwaway MariaDB");
    }
    return v;
}

std::map<std::string, std::string> loadDbEnv() {
    const std::filesystem::path file = std::filesystem::path(requiredEnv("ZC_TESTENV")) / "db.env";
    std::ifstream in(file);
    if (!in) throw std::runtime_error("cannot read " + file.string() + " (db fixture not run?)");
    std::map<std::string, std::string> out;
    std::string line;
    while (std::getline(in, line)) {
        const auto eq = line.find('=');
        if (eq == std::string::npos) continue;
        out[line.substr(0, eq)] = line.substr(eq + 1);
    }
    return out;
}

std::string randomSuffix() {
    std::random_device rd;
    std::mt19937_64 gen((static_cast<std::uint64_t>(rd()) << 32) ^ rd());
    std::ostringstream s;
    s << std::hex << gen();
    return s.str();
}

// Scratch database names are generated here from digits, letters and '_', so building the
// identifier into the statement text is safe (identifiers cannot be bound as parameters).
void requireSafeIdentifier(const std::string& name) {
    if (name.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_") != std::string::npos) {
        throw std::logic_error("unsafe database name " + name);
    }
}

// The application user's accounts as created by the fixture (scripts/lib.sh zc_db_start).
std::vector<std::string> appAccounts() {
    const std::string user = dbEnv().at("ZC_DB_USER");
    requireSafeIdentifier(user);
    return {"'" + user + "'@'127.0.0.1'", "'" + user + "'@'localhost'"};
}

}  // namespace

const std::map<std::string, std::string>& dbEnv() {
    static const std::map<std::string, std::string> env = loadDbEnv();
    return env;
}

db::DbConfig appDbConfig(const std::string& name) {
    const auto& env = dbEnv();
    db::DbConfig c;
    c.host = env.at("ZC_DB_HOST");
    c.port = std::stoi(env.at("ZC_DB_PORT"));
    c.socket = env.count("ZC_DB_SOCKET") ? env.at("ZC_DB_SOCKET") : "";
    c.user = env.at("ZC_DB_USER");
    c.password = env.at("ZC_DB_PASSWORD");
    c.name = name;
    return c;
}

db::DbConfig rootDbConfig() {
    db::DbConfig c;
    c.socket = dbEnv().at("ZC_DB_ROOT_SOCKET");
    c.user = "root";
    return c;
}

std::filesystem::path sourceRoot() {
    if (const char* env = std::getenv("ZC_SOURCE_DIR")) return env;
    return std::filesystem::path(ZC_SOURCE_ROOT);
}

std::filesystem::path migrationsDir() { return sourceRoot() / "config" / "migrations"; }

void giveRandomBsnKeys(app::AppConfig& config) {
    config.bsn_key = security::randomBytes(32);
    const auto hmac = security::randomBytes(32);
    config.bsn_hmac_key.assign(hmac.begin(), hmac.end());
}

std::filesystem::path auditKeyFile() {
    const auto file = std::filesystem::path(requiredEnv("ZC_TESTENV")) / "db-tests-audit.key";
    if (!std::filesystem::exists(file)) {
        const auto key = security::randomBytes(32);
        const auto tmp = file.string() + ".tmp" + randomSuffix();
        writeFile(tmp, security::toHex(key.data(), key.size()) + "\n");
        std::filesystem::rename(tmp, file);  // atomic: a concurrent first use keeps one key
    }
    return file;
}

std::string auditKey() {
    std::string hex = readFile(auditKeyFile());
    hex.erase(hex.find_last_not_of("\n") + 1);
    const auto key = security::keyFromHex(hex);
    return std::string(key.begin(), key.end());
}

std::filesystem::path binary() {
    if (const char* env = std::getenv("ZC_BINARY"); env != nullptr && *env != '\0') return env;
    // tests/CMakeLists.txt passes ENVIRONMENT "ZC_TESTENV=...;ZC_BINARY=..." to
    // gtest_discover_tests, whose PROPERTIES list splits at the ';', so only ZC_TESTENV arrives.
    // The fixture folder is <build>/testenv and the executable <build>/interfaces/zorgcontract.
    const auto guess = std::filesystem::path(requiredEnv("ZC_TESTENV")).parent_path() /
                       "interfaces" / "zorgcontract";
    if (!std::filesystem::exists(guess)) {
        throw std::runtime_error("ZC_BINARY is not set and " + guess.string() + " does not exist");
    }
    return guess;
}

ScratchDatabase::ScratchDatabase() {
    db::ensureThreadInit();
    name_ = "zc_dbtest_" + std::to_string(::getpid()) + "_" + randomSuffix();
    requireSafeIdentifier(name_);
    root_ = std::make_unique<db::Connection>(rootDbConfig());
    root_->execute("CREATE DATABASE " + name_ +
                   " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
    for (const auto& account : appAccounts()) {
        root_->execute("GRANT ALL PRIVILEGES ON " + name_ + ".* TO " + account);
    }
}

ScratchDatabase::~ScratchDatabase() {
    try {
        root_->execute("DROP DATABASE IF EXISTS " + name_);
        for (const auto& account : appAccounts()) {
            root_->execute("REVOKE ALL PRIVILEGES ON " + name_ + ".* FROM " + account);
        }
    } catch (const std::exception&) {
        // A scratch database left behind dies with the throwaway server.
    }
}

std::unique_ptr<db::Connection> ScratchDatabase::connect() const {
    return std::make_unique<db::Connection>(config());
}

TempDir::TempDir() {
    path_ = std::filesystem::temp_directory_path() /
            ("zc_dbtest_" + std::to_string(::getpid()) + "_" + randomSuffix());
    std::filesystem::create_directories(path_);
}

TempDir::~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
}

void copyMigrations(const std::filesystem::path& dir) {
    for (const auto& entry : std::filesystem::directory_iterator(migrationsDir())) {
        if (entry.path().extension() == ".sql") {
            std::filesystem::copy_file(entry.path(), dir / entry.path().filename());
        }
    }
}

void migrateBefore(db::Connection& conn, const std::string& first) {
    TempDir dir;
    copyMigrations(dir.path());
    for (const auto& entry : std::filesystem::directory_iterator(dir.path())) {
        if (entry.path().filename().string() >= first) std::filesystem::remove(entry.path());
    }
    db::migrate(conn, dir.path());
}

void writeFile(const std::filesystem::path& file, const std::string& text) {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out << text;
    if (!out) throw std::runtime_error("cannot write " + file.string());
}

std::string readFile(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + file.string());
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

CommandResult runCli(const std::vector<std::string>& args, const std::string& db_name,
                     const std::map<std::string, std::string>& extra_env) {
    Poco::Process::Env env;
    for (const auto& [key, value] : dbEnv()) {
        // Scratch databases belong to the application user: it migrates them itself.
        if (key != "ZC_DB_ROOT_SOCKET" && key.rfind("ZC_DB_MIGRATION_", 0) != 0 &&
            key != "ZC_DB_APP_ROLE") {
            env[key] = value;
        }
    }
    env["ZC_DB_NAME"] = db_name;
    env["ZC_SECURITY_AUDIT_KEY_FILE"] = auditKeyFile().string();
    env["ZC_AUDIT_CHECKPOINT_FILE"] =
        (std::filesystem::path(requiredEnv("ZC_TESTENV")) / ("checkpoints-" + db_name + ".log"))
            .string();
    for (const auto& [key, value] : extra_env) env[key] = value;
    Poco::Process::Args argv{"--config",
                             (sourceRoot() / "config" / "zorgcontract.properties").string()};
    argv.insert(argv.end(), args.begin(), args.end());
    Poco::Pipe out;
    auto handle = Poco::Process::launch(binary().string(), argv, sourceRoot().string(), nullptr,
                                        &out, &out, env);
    Poco::PipeInputStream in(out);
    CommandResult result;
    result.output.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    result.exit_code = handle.wait();
    return result;
}

std::int64_t countRows(db::Connection& db, const std::string& table) {
    requireSafeIdentifier(table);
    return db.queryOne("SELECT COUNT(*) FROM " + table)->i64(0);
}

std::string errorCode(const std::function<void()>& f) {
    try {
        f();
    } catch (const ValidationError& e) {
        return e.code();
    }
    return "<no error>";
}

http::ApiRequest jsonRequest(const std::string& body_json, std::map<std::string, std::string> path,
                             std::map<std::string, std::string> query) {
    http::ApiRequest req;
    Poco::JSON::Parser parser;
    req.body = parser.parse(body_json).extract<Poco::JSON::Object::Ptr>();
    req.path = std::move(path);
    req.query = std::move(query);
    return req;
}

app::Actor actor(app::Role role, const std::string& name, std::int64_t provider_id) {
    app::Actor a;
    a.role = role;
    a.user_id = provider_id == 0 ? 1 : 0;
    a.provider_id = provider_id;
    a.name = name;
    return a;
}

namespace {

// The answer's JSON: its Poco value, or its text parsed when the answer was written as text
// (http::jsonTextAnswer).
Poco::Dynamic::Var jsonOf(const http::ApiResponse& r) {
    if (r.content_type.rfind("application/json", 0) == 0) return Poco::JSON::Parser().parse(r.raw);
    return r.body;
}

}  // namespace

Poco::JSON::Object::Ptr object(const http::ApiResponse& r) {
    return jsonOf(r).extract<Poco::JSON::Object::Ptr>();
}

Poco::JSON::Array::Ptr array(const http::ApiResponse& r) {
    return jsonOf(r).extract<Poco::JSON::Array::Ptr>();
}

namespace {

// The use cases check what they queue against our iWmo XSDs (iwmo::outgoingSchemas), which the
// server and the command line load at start-up; the db tests load them once per process.
class OutgoingSchemas : public ::testing::Environment {
  public:
    void SetUp() override {
        iwmo::setOutgoingSchemas(std::make_shared<const xml::SchemaSet>(
            sourceRoot() / "interfaces/xml/schemas/iwmo-3.2"));
    }
};

[[maybe_unused]] ::testing::Environment* const kOutgoingSchemas =
    ::testing::AddGlobalTestEnvironment(new OutgoingSchemas);

}  // namespace

}  // namespace zc::dbtest
