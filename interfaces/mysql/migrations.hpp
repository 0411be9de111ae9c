#pragma once
// Numbered SQL migrations ("0001_foundation.sql", ...) applied in order and recorded in
// schema_migrations with a checksum. A migration runs once; a failed one throws MigrationError
// naming the file and the statement, and start-up stops.
#include <cstddef>
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

// Has MariaDB count the rows and index values of every table of the database (ANALYZE TABLE,
// which InnoDB runs without stopping reads and writes); returns how many tables. InnoDB recounts
// a table by itself only in the background after a tenth of its rows changed, a count it keeps
// in memory: after a large load and a restart the optimiser would plan from the statistics of
// empty tables (issue 17: a declaration's budget figures, 61 s instead of 0.35 s).
std::size_t analyzeTables(Connection& db);

// Splits a migration file into statements at ';' ending a line; drops "--" comment lines.
std::vector<std::string> splitSqlStatements(const std::string& text);

}  // namespace zc::db
