#include "migrations.hpp"

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <regex>
#include <sstream>

#include "../security/crypto.hpp"

namespace zc::db {
namespace {

constexpr const char* kCreateTable =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " version INT NOT NULL PRIMARY KEY,"
    " name VARCHAR(200) NOT NULL,"
    " checksum CHAR(64) NOT NULL,"
    " applied_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6)"
    ") ENGINE=InnoDB";

struct MigrationFile {
    int version;
    std::string name;
    std::filesystem::path path;
};

std::vector<MigrationFile> listMigrations(const std::filesystem::path& dir) {
    if (!std::filesystem::is_directory(dir)) {
        throw MigrationError("migration folder not found: " + dir.string());
    }
    static const std::regex kName(R"((\d{4})_[a-z0-9_]+\.sql)");
    std::vector<MigrationFile> files;
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
        const std::string name = entry.path().filename().string();
        std::smatch m;
        if (!std::regex_match(name, m, kName)) continue;
        files.push_back({std::stoi(m[1]), name, entry.path()});
    }
    std::sort(files.begin(), files.end(),
              [](const auto& a, const auto& b) { return a.version < b.version; });
    for (std::size_t i = 1; i < files.size(); ++i) {
        if (files[i].version == files[i - 1].version) {
            throw MigrationError("two migrations share number " + std::to_string(files[i].version));
        }
    }
    return files;
}

std::string readFile(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    if (!in) throw MigrationError("cannot read migration " + p.string());
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

void applyOne(Connection& db, const MigrationFile& f, const std::string& text,
              const std::string& checksum) {
    const auto statements = splitSqlStatements(text);
    for (std::size_t i = 0; i < statements.size(); ++i) {
        try {
            db.execute(statements[i]);
        } catch (const DbError& e) {
            throw MigrationError("migration " + f.name + " failed at statement " +
                                 std::to_string(i + 1) + ": " + e.what());
        }
    }
    db.execute("INSERT INTO schema_migrations (version, name, checksum) VALUES (?, ?, ?)",
               {std::int64_t{f.version}, f.name, checksum});
}

}  // namespace

std::vector<std::string> splitSqlStatements(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    std::string line, current;
    while (std::getline(in, line)) {
        std::string trimmed = line;
        trimmed.erase(0, trimmed.find_first_not_of(" \t\r"));
        if (trimmed.rfind("--", 0) == 0 || trimmed.empty()) continue;
        while (!trimmed.empty() &&
               (trimmed.back() == ' ' || trimmed.back() == '\r' || trimmed.back() == '\t')) {
            trimmed.pop_back();
        }
        current += line + "\n";
        if (!trimmed.empty() && trimmed.back() == ';') {
            current.erase(current.find_last_of(';'));
            out.push_back(current);
            current.clear();
        }
    }
    if (current.find_first_not_of(" \t\r\n") != std::string::npos) out.push_back(current);
    return out;
}

int schemaVersion(Connection& db) {
    try {
        auto row = db.queryOne("SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
        return static_cast<int>(row->i64(0));
    } catch (const DbError& e) {
        if (e.code() == 1146) return 0;  // no migration has run yet: the table does not exist
        throw;
    }
}

namespace {

// Two processes that migrate the same database at once (two servers starting, a server and the
// migrate command) take turns: the second finds the first's migrations recorded instead of
// applying them again (a second ALTER TABLE ADD COLUMN failed). MariaDB's named lock, per database,
// is released by the server if the process dies.
class MigrationLock {
  public:
    explicit MigrationLock(Connection& db) : db_(db) {
        const auto got = db_.queryOne(
            "SELECT GET_LOCK(CONCAT('zorgcontract.migrate.', DATABASE()), ?)", {kWaitSeconds});
        if (!got || got->isNull(0) || got->i64(0) != 1) {
            throw MigrationError("another process has been migrating this database for " +
                                 std::to_string(kWaitSeconds) + " s; start again when it is done");
        }
    }
    ~MigrationLock() {
        try {
            db_.queryOne("SELECT RELEASE_LOCK(CONCAT('zorgcontract.migrate.', DATABASE()))");
        } catch (const DbError&) {
            // A lost connection has released the lock already.
        }
    }
    MigrationLock(const MigrationLock&) = delete;
    MigrationLock& operator=(const MigrationLock&) = delete;

  private:
    static constexpr std::int64_t kWaitSeconds = 3600;  // a long migration of a large database
    Connection& db_;
};

}  // namespace

std::size_t analyzeTables(Connection& db) {
    static const std::regex kTableName("[A-Za-z0-9_]+");
    std::string tables;
    std::size_t count = 0;
    for (const auto& r :
         db.query("SELECT table_name FROM information_schema.tables WHERE table_schema ="
                  " DATABASE() AND table_type = 'BASE TABLE' ORDER BY table_name")) {
        const std::string& name = r.str(0);
        // Names go into the statement's text (ANALYZE takes no parameters): ours only.
        if (!std::regex_match(name, kTableName)) {
            throw MigrationError("unexpected table name in the database: " + name);
        }
        tables += (count++ == 0 ? "`" : ", `") + name + "`";
    }
    if (count > 0) db.query("ANALYZE TABLE " + tables);
    return count;
}

MigrationResult migrate(Connection& db, const std::filesystem::path& dir) {
    MigrationLock lock(db);
    db.execute(kCreateTable);
    MigrationResult result;
    for (const auto& f : listMigrations(dir)) {
        const std::string text = readFile(f.path);
        const std::string checksum = security::sha256Hex(text);
        auto done = db.queryOne("SELECT checksum FROM schema_migrations WHERE version = ?",
                                {std::int64_t{f.version}});
        if (done) {
            if (done->str(0) != checksum) {
                throw MigrationError("migration " + f.name +
                                     " was changed after it was applied; add a new migration "
                                     "instead of editing an old one");
            }
            continue;
        }
        applyOne(db, f, text, checksum);
        result.applied.push_back(f.name);
    }
    result.schema_version = schemaVersion(db);
    return result;
}

}  // namespace zc::db
