#include "session.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <stdexcept>
#include <thread>

#include "contracting/kernel/amsterdam_time.hpp"
#include "interfaces/mysql/connection_pool.hpp"
#include "interfaces/security/crypto.hpp"
#include "interfaces/security/totp.hpp"

namespace zc::e2e {
namespace {

constexpr std::int64_t kTotpStepSeconds = 30;
constexpr int kMaxTotpWaits = 80;  // quarter seconds: enough for two steps

std::filesystem::path cacheDir() {
    std::filesystem::path dir = std::filesystem::path(test::testEnvDir()) / "tokens";
    std::filesystem::create_directories(dir);
    return dir;
}

std::optional<std::string> readCache(const std::string& name) {
    std::ifstream in(cacheDir() / name);
    std::string value;
    if (!in || !std::getline(in, value) || value.empty()) return std::nullopt;
    return value;
}

void writeCache(const std::string& name, const std::string& value) {
    const auto path = cacheDir() / name;
    const auto tmp = cacheDir() / (name + ".tmp" + std::to_string(::getpid()));
    {
        std::ofstream out(tmp, std::ios::trunc);
        out << value << "\n";
    }
    std::filesystem::rename(tmp, path);
}

std::int64_t unixNow() {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

std::int64_t lastUsedStep(const std::string& username) {
    db::ensureThreadInit();
    db::Connection root(test::rootDbConfig());
    auto row = root.queryOne("SELECT totp_last_step FROM users WHERE username = ?", {username});
    return row && !row->isNull(0) ? row->i64(0) : 0;
}

bool accepted(const test::Headers& headers) {
    return client().get("/api/v1/auth/me", headers).status == 200;
}

std::mt19937_64& rng() {
    static std::mt19937_64 engine(std::random_device{}() ^ static_cast<std::uint64_t>(::getpid()) ^
                                  static_cast<std::uint64_t>(unixNow()));
    return engine;
}

bool exists(const std::string& sql, const std::string& value) {
    db::ensureThreadInit();
    db::Connection root(test::rootDbConfig());
    return root.queryOne(sql, {value}).has_value();
}

}  // namespace

const test::HttpsClient& client() {
    static const test::HttpsClient c = test::HttpsClient::fromTestEnv();
    return c;
}

std::string demoTotpSecret(const std::string& username) {
    if (username == "admin") return kAdminTotpSecret;
    if (username == "fin.devries") return kFinDeVriesTotpSecret;
    if (username == "fin.mulder") return kFinMulderTotpSecret;
    return "";
}

std::string freshTotpCode(const std::string& username, const std::string& base32_secret) {
    const auto secret = security::base32Decode(base32_secret);
    const std::int64_t last = lastUsedStep(username);
    for (int i = 0; i < kMaxTotpWaits; ++i) {
        const std::int64_t now = unixNow();
        const std::int64_t step = now / kTotpStepSeconds;
        // The server accepts one step of drift; stay on the current or the next step.
        const std::int64_t use = std::max(step, last + 1);
        if (use <= step + 1) return security::totpAt(secret, use * kTotpStepSeconds);
        std::this_thread::sleep_for(std::chrono::milliseconds(250));
    }
    throw std::runtime_error("no fresh TOTP step for " + username);
}

test::Response login(const std::string& username, const std::string& password,
                     const std::string& base32_secret) {
    auto body = test::jsonObject({{"username", username}, {"password", password}});
    if (base32_secret.empty()) return client().post("/api/v1/auth/login", body);
    test::Response r;
    for (int attempt = 0; attempt < 3; ++attempt) {
        body->set("totp_code", freshTotpCode(username, base32_secret));
        r = client().post("/api/v1/auth/login", body);
        if (r.code() != "INVALID_TOTP") return r;
    }
    return r;
}

std::string sessionToken(const std::string& username) {
    const std::string name = username + ".token";
    if (auto cached = readCache(name); cached && accepted(bearer(*cached))) return *cached;
    const auto r = login(username, kDemoPassword, demoTotpSecret(username));
    if (r.status != 200) {
        throw std::runtime_error("demo login of " + username + " failed: " + r.describe());
    }
    const std::string token = r.str("token");
    writeCache(name, token);
    return token;
}

test::Headers bearer(const std::string& token) { return {{"Authorization", "Bearer " + token}}; }

test::Headers as(const std::string& username) { return bearer(sessionToken(username)); }

std::string providerApiKey(std::int64_t provider_id) {
    const std::string name = "provider-" + std::to_string(provider_id) + ".key";
    if (auto cached = readCache(name); cached && accepted({{"X-Api-Key", *cached}})) {
        return *cached;
    }
    const auto r = client().post("/api/v1/providers/" + std::to_string(provider_id) + "/api-keys",
                                 test::jsonObject({{"label", "e2e tests"}}), as("admin"));
    if (r.status != 201) {
        throw std::runtime_error("issuing an API key failed: " + r.describe());
    }
    const std::string key = r.str("api_key");
    writeCache(name, key);
    return key;
}

test::Headers asProvider(std::int64_t provider_id) {
    return {{"X-Api-Key", providerApiKey(provider_id)}};
}

std::string uniqueDigits(int digits) {
    if (digits < 4 || digits > 12) throw std::invalid_argument("uniqueDigits: 4..12");
    std::uniform_int_distribution<int> digit(0, 9);
    std::string out;
    for (int i = 0; i < digits; ++i) out += static_cast<char>('0' + digit(rng()));
    return out;
}

std::string createStaffUser(const std::string& prefix, const std::string& role,
                            const std::string& password) {
    const std::string username = prefix + "." + uniqueDigits(10);
    const test::Response r = client().post("/api/v1/users",
                                           test::jsonObject({{"username", username},
                                                             {"display_name", "E2E " + role},
                                                             {"role", role},
                                                             {"password", password}}),
                                           as("admin"));
    EXPECT_EQ(r.status, 201) << r.describe();
    EXPECT_EQ(r.str("role"), role);
    return username;
}

std::string uniqueAgb() {
    for (;;) {
        const std::string agb = "9" + uniqueDigits(7);
        if (!exists("SELECT id FROM providers WHERE agb = ?", agb)) return agb;
    }
}

std::string uniqueProductCode() {
    static constexpr char kChars[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    std::uniform_int_distribution<int> pick(0, 35);
    for (;;) {
        std::string code = "Z";
        for (int i = 0; i < 4; ++i) code += kChars[pick(rng())];
        if (!exists("SELECT code FROM products WHERE code = ?", code)) return code;
    }
}

std::string todayText() {
    const auto days = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
    const std::chrono::year_month_day ymd{days};
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
    return buf;
}

std::string amsterdamTodayText() {
    using namespace std::chrono;
    const auto now = floor<seconds>(system_clock::now());
    return formatDate(year_month_day{floor<days>(toAmsterdam(now))});
}

int currentYear() { return std::stoi(todayText().substr(0, 4)); }

db::Connection& rootConnection() {
    db::ensureThreadInit();
    static db::Connection conn(test::rootDbConfig());
    return conn;
}

test::Response newestOutbox(const test::HttpsClient& tls, bool all) {
    const std::string base = std::string("/api/v1/outbox?limit=1000") + (all ? "&all=true" : "");
    const auto first = tls.get(base);
    const auto total_text = first.header("X-Total-Count");
    EXPECT_FALSE(total_text.empty()) << first.describe();
    const auto total = total_text.empty() ? 0 : std::stoll(total_text);
    if (total <= 1000) return first;
    return tls.get(base + "&offset=" + std::to_string(total - 1000));
}

}  // namespace zc::e2e
