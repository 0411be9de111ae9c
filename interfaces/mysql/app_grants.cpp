#include "app_grants.hpp"

#include <stdexcept>

#include "connection.hpp"

namespace zc::db {
namespace {

void requireIdentifier(const std::string& name, const char* what) {
    if (name.empty() ||
        name.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                               "0123456789_") != std::string::npos) {
        throw std::invalid_argument(std::string(what) + " '" + name +
                                    "' must be letters, digits and '_' only");
    }
}

// What the application may do with `table`.
const char* privilegesFor(const std::string& table) {
    if (table == "audit_log") return "SELECT, INSERT";
    if (table == "audit_head") return "SELECT, UPDATE";
    if (table == "schema_migrations") return "SELECT";
    return "SELECT, INSERT, UPDATE, DELETE";
}

}  // namespace

std::int64_t grantApplicationRole(Connection& owner, const std::string& schema,
                                  const std::string& role) {
    requireIdentifier(schema, "db.name");
    requireIdentifier(role, "db.app_role");
    std::int64_t granted = 0;
    for (const auto& row : owner.query("SELECT table_name FROM information_schema.tables WHERE"
                                       " table_schema = ? AND table_type = 'BASE TABLE'",
                                       {schema})) {
        const std::string table = row.str(0);
        requireIdentifier(table, "table");
        // Identifiers cannot be statement parameters; all three are checked above.
        owner.execute(std::string("GRANT ") + privilegesFor(table) + " ON `" + schema + "`.`" +
                          table + "` TO " + role,
                      {});
        ++granted;
    }
    return granted;
}

}  // namespace zc::db
