#pragma once
// Numbered SQL migrations ("0001_foundation.sql", ...) applied in order and recorded in
// schema_migrations with a checksum. A migration runs once; a failed one throws MigrationError
// naming the file and the statement, and start-up stops.
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "connection.hpp"

namespace zc::db {

class MigrationError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

struct MigrationResult {
    std::vector<std::string> applied;  // file names applied by this call
    int schema_version = 0;            // highest applied number
};

MigrationResult migrate(Connection& db, const std::filesystem::path& dir);
int schemaVersion(Connection& db);  // 0 when no migration applied

// Splits a migration file into statements at ';' ending a line; drops "--" comment lines.
std::vector<std::string> splitSqlStatements(const std::string& text);

}  // namespace zc::db
