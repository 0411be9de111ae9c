#pragma once
// What every use case receives: who acts (Actor), the caller's database connection (inside the
// use case's one transaction), the clock and the configuration. The HTTP adapter, the command
// line and the demo loader build one per call. The connection is only declared here: the
// kernel stays free of the database library (interfaces/mysql defines it).
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "civil_date.hpp"

namespace zc::db {
class Connection;
}

namespace zc::app {

// Staff roles plus the provider (authenticated by API key).
enum class Role { Admin, ContractManager, AccessOfficer, Finance, BudgetHolder, Auditor, Provider };

std::string roleName(Role r);
std::optional<Role> parseRole(std::string_view s);  // staff roles and "provider"

struct Actor {
    Role role = Role::Auditor;
    std::int64_t user_id = 0;      // staff user, 0 for providers
    std::int64_t provider_id = 0;  // provider, 0 for staff
    std::string name;              // username or "provider:<AGB>" — written to the audit trail
    // Staff scope (user_municipalities), set at authentication for a staff session: the
    // municipalities the user works for, and the central municipalities whose placed care
    // (Beschermd Wonen) the user serves for the whole region. See staff_scope.hpp.
    std::vector<std::string> municipalities = {};
    std::vector<std::string> regional = {};
    bool scope_loaded = false;
    // A staff user acting through a session, limited to the scope above. System actors
    // (user_id 0: command line, demo loader, background jobs) and providers are not scoped.
    bool scoped() const { return scope_loaded && role != Role::Provider; }
};

struct AppConfig {
    int payment_term_days = 30;
    int session_hours = 8;
    int pbkdf2_iterations = 210000;
    int max_failed_logins = 5;
    int login_delay_max_seconds = 900;  // longest wait of the log-in throttle
    int session_idle_minutes = 30;      // a session ends after this long unused
    std::string schema_dir;
    // Signal threshold of the budget exhaustion report, in percent ("5", "2.5"); validated at
    // start-up, overridden per request by ?threshold=.
    std::string budget_signal_threshold_percent = "5";
    // TR318 (8214): a WMO323's DeclaratiePeriode lies after the provider's previous one
    // (iwmo.declaration_period_sequence).
    bool declaration_period_sequence = true;
    // The path of a provider's messages when it has no setting of its own (ggk.default_path):
    // "direct" (our mutual-TLS endpoint and outbox) or "ggk" (the chain; issue 16).
    std::string default_exchange_path = "direct";
    // Keys for the clients' BSNs (never in the repository): the AES-256-GCM key (32 bytes) that
    // encrypts the stored BSN and the HMAC-SHA256 key (raw bytes) of the look-up hash.
    std::vector<unsigned char> bsn_key;
    std::string bsn_hmac_key;
    // The HMAC key of the audit chain (raw bytes; never in the database), and the file the
    // service appends signed checkpoints of the chain's head to (docs/security.md).
    std::string audit_key;
    std::string audit_checkpoint_file;
};

struct RequestContext {
    db::Connection& db;
    Actor actor;
    std::string origin;  // client address, "cli" for the command line
    const Clock& clock;
    const AppConfig& config;
    // Set once a refusal of this request is in the audit trail ("denied"), so that the HTTP
    // adapter's catch-all refusal audit does not write a second row.
    bool refusal_audited = false;

    Date today() const { return clock.today(); }
};

// "YYYY-MM-DD HH:MM:SS.ffffff" in UTC for DATETIME(6) columns and the audit trail.
std::string timestamp(const Clock& clock);
std::string timestampPlus(const Clock& clock, std::chrono::seconds delta);
// "YYYY-MM-DD HH:MM:SS.ffffff" -> "YYYY-MM-DDTHH:MM:SSZ", as the API and the audit rows show a
// stored timestamp (shorter text is returned as it is).
std::string isoTimestamp(const std::string& db_timestamp);

}  // namespace zc::app
