#pragma once
// What every use case receives: the caller, a database connection, the clock and configuration.
// Use cases are plain functions of (RequestContext&, const ApiRequest&) returning JSON, so the
// HTTP layer, the CLI and the demo loader call the same code.
#include <Poco/JSON/Object.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "contracting/kernel/civil_date.hpp"
#include "interfaces/mysql/connection.hpp"

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
};

struct AppConfig {
    int payment_term_days = 30;
    int session_hours = 8;
    int pbkdf2_iterations = 210000;
    int max_failed_logins = 5;
    int lockout_minutes = 15;
    std::string schema_dir;
    // Signal threshold of the budget exhaustion report, in percent ("5", "2.5"); validated at
    // start-up, overridden per request by ?threshold=.
    std::string budget_signal_threshold_percent = "5";
    // TR318 (8214): a WMO323's DeclaratiePeriode lies after the provider's previous one
    // (iwmo.declaration_period_sequence).
    bool declaration_period_sequence = true;
    // Keys for the clients' BSNs (never in the repository): the AES-256-GCM key (32 bytes) that
    // encrypts the stored BSN and the HMAC-SHA256 key (raw bytes) of the look-up hash.
    std::vector<unsigned char> bsn_key;
    std::string bsn_hmac_key;
};

struct RequestContext {
    db::Connection& db;
    Actor actor;
    std::string origin;  // client address, "cli" for the command line
    const Clock& clock;
    const AppConfig& config;

    Date today() const { return clock.today(); }
};

struct ApiRequest {
    std::map<std::string, std::string> path;   // {id} placeholders
    std::map<std::string, std::string> query;  // query string
    Poco::JSON::Object::Ptr body;              // never null (empty object when absent)
    std::string bearer_token;  // raw session token (header or web cookie), for logout
    std::string raw_body;      // for XML endpoints (body is then empty)
    // For XML endpoints with a large body: the file it was spooled to (raw_body is then empty),
    // so that a declaration of 100 MB is streamed from disk, not held in memory.
    std::string body_file;
    std::string client_agb;  // AGB from the client certificate (mutual TLS), "" when none

    const std::string& pathParam(const std::string& name) const { return path.at(name); }
    std::int64_t pathId(const std::string& name) const;  // NOT_FOUND for non-numeric
    // The query parameter's value, or "" when absent.
    std::string queryValue(const std::string& name) const;
    // The first `n` bytes of the raw body (from body_file when it was spooled).
    std::string rawHead(std::size_t n) const;
    // The whole raw body as text (reads body_file when it was spooled).
    std::string rawText() const;
};

// A use case's answer: HTTP status (200/201) and a JSON value.
struct ApiResponse {
    ApiResponse() = default;
    ApiResponse(int s, Poco::Dynamic::Var b) : status(s), body(std::move(b)) {}

    int status = 200;
    Poco::Dynamic::Var body;
    std::string content_type;  // when set, `raw` is sent as is instead of `body` as JSON
    std::string raw;
    // The web application's session (log-in and log-out): the server sets this token as an
    // HttpOnly cookie; "" clears the cookie.
    std::optional<std::string> session_cookie;
};

// "YYYY-MM-DD HH:MM:SS.ffffff" in UTC for DATETIME(6) columns and the audit trail.
std::string timestamp(const Clock& clock);
std::string timestampPlus(const Clock& clock, std::chrono::seconds delta);

}  // namespace zc::app
