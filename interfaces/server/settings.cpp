#include "settings.hpp"

#include <Poco/Util/MapConfiguration.h>
#include <Poco/Util/PropertyFileConfiguration.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <stdexcept>
#include <vector>

#include "contracting/kernel/rounding.hpp"
#include "interfaces/http/metrics_endpoint.hpp"
#include "interfaces/security/aes_gcm.hpp"

namespace zc::server {
namespace {

std::string envName(const std::string& key) {
    std::string e = "ZC_" + key;
    std::replace(e.begin(), e.end(), '.', '_');
    std::transform(e.begin(), e.end(), e.begin(), [](unsigned char c) { return std::toupper(c); });
    return e;
}

// Overlays ZC_* environment variables over the file's keys (higher priority).
Poco::AutoPtr<Poco::Util::LayeredConfiguration> layered(const std::filesystem::path& file) {
    Poco::AutoPtr<Poco::Util::PropertyFileConfiguration> props(
        new Poco::Util::PropertyFileConfiguration(file.string()));
    Poco::AutoPtr<Poco::Util::MapConfiguration> env(new Poco::Util::MapConfiguration);
    Poco::Util::AbstractConfiguration::Keys keys;
    std::vector<std::string> pending{""};
    while (!pending.empty()) {
        const std::string prefix = pending.back();
        pending.pop_back();
        props->keys(prefix, keys);
        for (const auto& k : keys) {
            const std::string full = prefix.empty() ? k : prefix + "." + k;
            pending.push_back(full);
            if (const char* v = std::getenv(envName(full).c_str())) env->setString(full, v);
        }
    }
    Poco::AutoPtr<Poco::Util::LayeredConfiguration> conf(new Poco::Util::LayeredConfiguration);
    conf->add(env, 0);
    conf->add(props, 10);
    return conf;
}

std::filesystem::path resolve(const std::filesystem::path& root, const std::string& p) {
    if (p.empty()) return {};
    std::filesystem::path path(p);
    return path.is_absolute() ? path : root / path;
}

std::int64_t int64Key(Poco::Util::AbstractConfiguration& c, const std::string& key,
                      std::int64_t fallback, std::int64_t min, std::int64_t max) {
    std::int64_t v = fallback;
    try {
        v = c.getInt64(key, fallback);
    } catch (const Poco::Exception&) {
        throw std::runtime_error("configuration key " + key + " must be a whole number");
    }
    if (v < min || v > max) {
        throw std::runtime_error("configuration key " + key + " must lie between " +
                                 std::to_string(min) + " and " + std::to_string(max));
    }
    return v;
}

int intKey(Poco::Util::AbstractConfiguration& c, const std::string& key, int fallback, int min,
           int max) {
    return static_cast<int>(int64Key(c, key, fallback, min, max));
}

// budget.signal_threshold_percent: a percentage from 0 to 100.
std::string thresholdPercent(Poco::Util::AbstractConfiguration& c) {
    const std::string text = c.getString("budget.signal_threshold_percent", "5");
    try {
        const auto pct = Percentage::parse(text);
        if (pct.millionths() < 0 || pct.millionths() > 100'000'000) throw std::out_of_range("");
    } catch (const std::exception&) {
        throw std::runtime_error(
            "configuration key budget.signal_threshold_percent must be a percentage from 0 to 100");
    }
    return text;
}

// The chain through the GGk (issue 16): its endpoint and OIN, our certificate, the retries.
void loadGgk(Poco::Util::AbstractConfiguration& c, Settings& s) {
    auto& g = s.ggk;
    g.url = c.getString("ggk.url", "");
    g.oin = c.getString("ggk.oin", "");
    if (!g.oin.empty() &&
        (g.oin.size() != 20 || g.oin.find_first_not_of("0123456789") != std::string::npos)) {
        throw std::runtime_error("configuration key ggk.oin must be the GGk's OIN: 20 digits");
    }
    g.application = c.getString("ggk.application", "zorgcontract");
    if (g.application.size() < 3 || g.application.size() > 50) {
        throw std::runtime_error("configuration key ggk.application must have 3 to 50 characters");
    }
    g.client_cert_file = resolve(s.root, c.getString("ggk.client_cert_file", "")).string();
    g.client_key_file = resolve(s.root, c.getString("ggk.client_key_file", "")).string();
    g.ca_file = resolve(s.root, c.getString("ggk.ca_file", "")).string();
    g.timeout_ms = intKey(c, "ggk.timeout_ms", 30000, 100, 600000);
    g.retry_initial_ms = intKey(c, "ggk.retry_initial_ms", 30000, 1, 86400000);
    g.retry_max_ms = intKey(c, "ggk.retry_max_ms", 3600000, 1, 86400000);
    g.max_attempts = intKey(c, "ggk.max_attempts", 60, 1, 100000);
    g.poll_ms = intKey(c, "ggk.poll_ms", 1000, 10, 600000);
    s.app.default_exchange_path = c.getString("ggk.default_path", "direct");
    if (s.app.default_exchange_path != "direct" && s.app.default_exchange_path != "ggk") {
        throw std::runtime_error("configuration key ggk.default_path must be direct or ggk");
    }
    if (!g.url.empty() &&
        (g.client_cert_file.empty() || g.client_key_file.empty() || g.ca_file.empty())) {
        throw std::runtime_error(
            "ggk.url is set: ggk.client_cert_file, ggk.client_key_file and ggk.ca_file are "
            "needed too");
    }
}

std::string readSecret(const std::filesystem::path& file) {
    std::ifstream in(file);
    if (!in) throw std::runtime_error("cannot read the database password file " + file.string());
    std::string s;
    std::getline(in, s);
    return s;
}

}  // namespace

namespace {

// The migration user (db.migration_user, db.migration_password(_file)) applies the migrations and
// grants the application's role (db.app_role) its privileges; without one, db.user does both.
void loadMigrationUser(const Poco::Util::AbstractConfiguration& c, Settings& s) {
    s.migration_db = s.db;
    s.app_role = c.getString("db.app_role", "");
    const std::string user = c.getString("db.migration_user", "");
    if (user.empty()) return;
    s.migration_db.user = user;
    s.migration_db.password = c.getString("db.migration_password", "");
    const std::string file = c.getString("db.migration_password_file", "");
    if (s.migration_db.password.empty() && !file.empty()) {
        try {
            s.migration_db.password = readSecret(resolve(s.root, file));
        } catch (const std::runtime_error& e) {
            s.db_password_problem = e.what();
        }
    }
}

// log.* and metrics.allow (docs/operations.md), checked now so that a typo stops the start.
void loadOperations(const Poco::Util::AbstractConfiguration& c, Settings& s) {
    s.log.level = c.getString("log.level", "information");
    obs::logPriority(s.log.level);
    s.log.file = resolve(s.root, c.getString("log.file", "")).string();
    try {
        s.log.to_stdout = c.getBool("log.stdout", true);
    } catch (const Poco::Exception&) {
        throw std::runtime_error("configuration key log.stdout must be true or false");
    }
    s.http.metrics_allow = c.getString("metrics.allow", "127.0.0.1, ::1");
    try {
        http::AddressAllowList check(s.http.metrics_allow);
    } catch (const std::invalid_argument& e) {
        throw std::runtime_error(std::string("configuration key metrics.allow: ") + e.what());
    }
}

}  // namespace

Settings loadSettings(const std::filesystem::path& file) {
    if (!std::filesystem::exists(file)) {
        throw std::runtime_error("configuration file not found: " + file.string());
    }
    auto c = layered(file);
    Settings s;
    s.root = std::filesystem::absolute(file).parent_path().parent_path();
    s.http.host = c->getString("server.host", "127.0.0.1");
    s.http.port = intKey(*c, "server.port", 8443, 1, 65535);
    s.http.threads = intKey(*c, "server.threads", 128, 1, 1024);
    s.http.header_timeout_seconds = intKey(*c, "server.header_timeout_seconds", 5, 1, 300);
    s.http.max_connections_per_address =
        intKey(*c, "server.max_connections_per_address", 32, 1, 100000);
    s.http.max_connections = intKey(*c, "server.max_connections", 4096, 1, 1000000);
    s.http.max_body_bytes =
        static_cast<std::size_t>(intKey(*c, "limits.max_body_bytes", 1 << 20, 1024, 1 << 30));
    s.http.max_xml_bytes =
        static_cast<std::size_t>(intKey(*c, "limits.max_xml_bytes", 10 << 20, 1024, 1 << 30));
    // No fixed ceiling for a WMO323 (issue 17): up to 1 TiB, bounded in practice by the disk the
    // body is spooled to.
    s.http.max_declaration_bytes = static_cast<std::size_t>(int64Key(
        *c, "limits.max_declaration_bytes", std::int64_t{512} << 20, 1024, std::int64_t{1} << 40));
    s.http.web_root = resolve(s.root, c->getString("web.root", "interfaces/web")).string();
    s.http.cert_file = resolve(s.root, c->getString("tls.cert_file", "var/tls/server.crt"));
    s.http.key_file = resolve(s.root, c->getString("tls.key_file", "var/tls/server.key"));
    s.http.ca_file = resolve(s.root, c->getString("tls.ca_file", "var/tls/ca.crt"));
    s.http.client_crl_file = resolve(s.root, c->getString("tls.client_crl", "")).string();
    s.db.host = c->getString("db.host", "127.0.0.1");
    s.db.port = intKey(*c, "db.port", 3306, 1, 65535);
    s.db.socket = resolve(s.root, c->getString("db.socket", "")).string();
    s.db.name = c->getString("db.name", "zorgcontract");
    s.db.user = c->getString("db.user", "zorgcontract");
    s.db.password = c->getString("db.password", "");
    const std::string password_file = c->getString("db.password_file", "");
    if (s.db.password.empty() && !password_file.empty()) {
        try {
            s.db.password = readSecret(resolve(s.root, password_file));
        } catch (const std::runtime_error& e) {
            s.db_password_problem = e.what();
        }
    }
    s.db_pool_size = static_cast<std::size_t>(intKey(*c, "db.pool_size", 16, 1, 512));
    loadMigrationUser(*c, s);
    loadOperations(*c, s);
    s.app.payment_term_days = intKey(*c, "payment.term_days", 30, 1, 365);
    s.app.session_hours = intKey(*c, "auth.session_hours", 8, 1, 24 * 7);
    s.app.pbkdf2_iterations = intKey(*c, "auth.pbkdf2_iterations", 210000, 210000, 10000000);
    s.app.max_failed_logins = intKey(*c, "auth.max_failed_logins", 5, 1, 100);
    s.app.login_delay_max_seconds = intKey(*c, "auth.login_delay_max_seconds", 900, 1, 24 * 3600);
    s.app.session_idle_minutes = intKey(*c, "auth.session_idle_minutes", 30, 1, 24 * 60);
    s.app.declaration_period_sequence = c->getBool("iwmo.declaration_period_sequence", true);
    s.app.budget_signal_threshold_percent = thresholdPercent(*c);
    s.schema_dir =
        resolve(s.root, c->getString("xml.schema_dir", "interfaces/xml/schemas/iwmo-3.2"));
    s.own_schemas_dir =
        resolve(s.root, c->getString("xml.own_schemas_dir", "interfaces/xml/schemas"));
    s.migrations_dir = resolve(s.root, c->getString("migrations.dir", "config/migrations"));
    s.bsn_key_file = resolve(s.root, c->getString("security.bsn_key_file", "var/bsn.key"));
    s.bsn_hmac_key_file =
        resolve(s.root, c->getString("security.bsn_hmac_key_file", "var/bsn-hmac.key"));
    s.audit_key_file = resolve(s.root, c->getString("security.audit_key_file", "var/audit.key"));
    s.app.audit_checkpoint_file =
        resolve(s.root, c->getString("audit.checkpoint_file", "var/audit-checkpoints.log"))
            .string();
    s.audit_checkpoint_seconds = intKey(*c, "audit.checkpoint_seconds", 300, 1, 24 * 3600);
    loadGgk(*c, s);
    return s;
}

namespace {

std::vector<unsigned char> readKeyFile(const std::filesystem::path& file, const std::string& key) {
    std::ifstream in(file);
    std::string hex;
    if (in) std::getline(in, hex);
    try {
        return security::keyFromHex(hex);
    } catch (const std::invalid_argument&) {
        throw std::runtime_error("start-up refused: " + key + " " + file.string() +
                                 (in ? " does not hold 64 hexadecimal characters" : " is missing") +
                                 "; create it with `(umask 077; openssl rand -hex 32 > " +
                                 file.string() +
                                 ")` (scripts/run.sh does this) and keep it out of the repository");
    }
}

}  // namespace

void loadBsnKeys(Settings& s) {
    s.app.bsn_key = readKeyFile(s.bsn_key_file, "security.bsn_key_file");
    const auto hmac = readKeyFile(s.bsn_hmac_key_file, "security.bsn_hmac_key_file");
    s.app.bsn_hmac_key.assign(hmac.begin(), hmac.end());
}

void loadAuditKey(Settings& s) {
    const auto key = readKeyFile(s.audit_key_file, "security.audit_key_file");
    s.app.audit_key.assign(key.begin(), key.end());
}

}  // namespace zc::server
