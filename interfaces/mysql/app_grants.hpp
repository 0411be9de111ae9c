#pragma once
// The service's database privileges, table by table (issue 14 #6): the application may read and
// write every table of its schema except the audit trail, which it may only read and append to
// (audit_log: SELECT, INSERT; audit_head: SELECT, UPDATE to move the head) and the migrations'
// bookkeeping (schema_migrations: SELECT). A separate migration user (db.migration_user) owns the
// schema, applies the migrations and then grants these privileges to the application's role
// (db.app_role), so every new table is covered and nobody with the service's credentials can
// change or delete an audit row. docs/security.md, "Database users".
#include <cstdint>
#include <string>

namespace zc::db {

class Connection;

// Grants the privileges above on every base table of `schema` to `role` (identifiers of
// letters, digits and '_' only; std::invalid_argument otherwise). Runs as the migration user,
// which holds its privileges WITH GRANT OPTION. Returns the number of tables granted.
std::int64_t grantApplicationRole(Connection& owner, const std::string& schema,
                                  const std::string& role);

}  // namespace zc::db
