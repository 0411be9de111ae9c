#pragma once
// Configuration: one properties file (config/zorgcontract.properties, POCO layered
// configuration) whose every key can be overridden by an environment variable ZC_<KEY> with dots
// as underscores, e.g. db.port -> ZC_DB_PORT. Relative paths are relative to the project root
// (the folder above the file's config/ folder).
#include <Poco/AutoPtr.h>
#include <Poco/Util/LayeredConfiguration.h>

#include <filesystem>
#include <string>

#include "contracting/kernel/request_context.hpp"
#include "interfaces/http/api_server.hpp"
#include "interfaces/iwmo/chain/ggk_settings.hpp"
#include "interfaces/mysql/connection.hpp"
#include "interfaces/observability/service_log.hpp"

namespace zc::server {

struct Settings {
    std::filesystem::path root;
    db::DbConfig db;
    // Who applies the migrations (db.migration_user; the same as `db` when not configured) and
    // the role it grants the application's privileges to (db.app_role; "" = no grants, the
    // application user owns its schema). docs/security.md, "Database users".
    db::DbConfig migration_db;
    std::string app_role;
    std::size_t db_pool_size = 16;
    http::ServerConfig http;
    app::AppConfig app;
    std::filesystem::path migrations_dir;
    // Files of 64 hex characters with the BSN encryption and look-up keys (security.*).
    std::filesystem::path bsn_key_file;
    std::filesystem::path bsn_hmac_key_file;
    // The audit chain's HMAC key (64 hex characters) and how often the service writes a
    // checkpoint of the chain's head (security.audit_key_file, audit.checkpoint_seconds).
    std::filesystem::path audit_key_file;
    int audit_checkpoint_seconds = 300;
    // The iWmo XSDs used for message intake (ours by default; may point at the official release).
    std::filesystem::path schema_dir;
    // Our own XSDs (iwmo-3.2/ for what we send, iso20022/ for the bank files), whatever
    // xml.schema_dir points at: xml.own_schemas_dir, by default interfaces/xml/schemas (the
    // Debian package: /usr/share/zorgcontract/schemas).
    std::filesystem::path own_schemas_dir;
    // The structured log (log.level, log.file, log.stdout; docs/operations.md, "Logs").
    obs::LogSettings log;
    // The chain through the GGk (ggk.*; issue 16, docs/iwmo.md).
    iwmo::GgkSettings ggk;
    // Set when db.password_file could not be read; commands that open the database refuse
    // with it, `validate` (which needs no database) does not.
    std::string db_password_problem;
};

// Throws std::runtime_error naming the key when a value is missing or malformed.
Settings loadSettings(const std::filesystem::path& file);

// Reads the BSN keys into s.app (bsn_key, bsn_hmac_key). Commands that touch client data
// (serve, load-demo) call it and refuse to start when a file is missing or malformed: throws
// std::runtime_error naming the file and how to create it.
void loadBsnKeys(Settings& s);

// Reads the audit chain's key into s.app.audit_key. Every command that opens the database calls
// it (each may write audit rows, verify-audit checks them) and refuses to start without it.
void loadAuditKey(Settings& s);

}  // namespace zc::server
