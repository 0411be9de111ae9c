#pragma once
// What the command line says when the database fails: the error, where the command tried to
// connect (the socket, or host and port), the database and the user, and the configuration
// file with the ZC_DB_* environment variables that overrode it. Never a password.
#include <string>

#include "interfaces/mysql/connection.hpp"
#include "settings.hpp"

namespace zc::server {

// Lines for standard error, ending in a newline. `command` decides the user named: `migrate`
// and `serve` connect as the migration user first (db.migration_user) when one is configured.
std::string describeDatabaseError(const db::DbError& e, const Settings& s,
                                  const std::string& config_file, const std::string& command);

}  // namespace zc::server
