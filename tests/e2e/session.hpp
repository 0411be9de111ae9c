#pragma once
// Logins for the end-to-end tests. Each gtest TEST runs as its own process, and a TOTP step can
// be used once per user, so session tokens and provider API keys are cached in files under
// $ZC_TESTENV/tokens/ and reused while the server still accepts them.
#include <cstdint>
#include <optional>
#include <string>

#include "interfaces/mysql/connection.hpp"
#include "support/https_client.hpp"

namespace zc::e2e {

inline constexpr const char* kDemoPassword = "demo-password-2026";
inline constexpr const char* kAdminTotpSecret = "ZORGCONTRACTADMINDEMOSECRET23456";
inline constexpr const char* kFinDeVriesTotpSecret = "ZORGCONTRACTFINANCEDEVRIESDEMO22";
inline constexpr const char* kFinMulderTotpSecret = "ZORGCONTRACTFINANCEMULDERDEMO234";

// The fixture's server (one client per process).
const test::HttpsClient& client();

// The demo TOTP secret of `username`, "" when the demo user has none.
std::string demoTotpSecret(const std::string& username);

// A current TOTP code for `base32_secret` that the server has not seen for `username` yet
// (reads the user's last used step from the database and waits for a fresh step if needed).
std::string freshTotpCode(const std::string& username, const std::string& base32_secret);

// Logs in without the cache. With a secret a fresh TOTP code is sent (retried up to three times
// on INVALID_TOTP, for a step that was used meanwhile elsewhere). Returns the login answer.
test::Response login(const std::string& username, const std::string& password,
                     const std::string& base32_secret = "");

// A valid session token of a demo user: the cached one when GET /auth/me still accepts it,
// else a new login (with the demo password and TOTP secret) that is written to the cache.
std::string sessionToken(const std::string& username);
// {"Authorization": "Bearer <token>"} for a demo user.
test::Headers as(const std::string& username);
test::Headers bearer(const std::string& token);

// The newest page (at most 1000) of a provider's outbox over `tls`, unacknowledged or (`all`)
// every message: GET /outbox is paged oldest first, its total (X-Total-Count) says where it ends.
test::Response newestOutbox(const test::HttpsClient& tls, bool all = false);

// A valid API key of provider `provider_id`, issued by admin and cached per provider.
std::string providerApiKey(std::int64_t provider_id);
test::Headers asProvider(std::int64_t provider_id);

// `digits` random decimal digits (4..12), for names that must differ between calls and runs.
std::string uniqueDigits(int digits);
// Creates a staff user "<prefix>.<10 digits>" with `role` and `password` as admin (asserts 201
// and the role); returns the user name.
std::string createStaffUser(const std::string& prefix, const std::string& role,
                            const std::string& password);
// A fresh 8-digit AGB code starting with 9 that no provider in the database has yet.
std::string uniqueAgb();
// A fresh product code of 5 upper-case letters/digits, starting with "Z", not in the catalogue.
std::string uniqueProductCode();

// root over the unix socket (test::rootDbConfig()), one connection per test process, for
// counting rows and setting up what the API cannot.
db::Connection& rootConnection();

// Today (UTC) as YYYY-MM-DD and the current year.
std::string todayText();
// Today in Amsterdam as YYYY-MM-DD: the day an auditor picks in the audit filters.
std::string amsterdamTodayText();
int currentYear();

}  // namespace zc::e2e
