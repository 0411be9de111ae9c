#pragma once
// Demo data (the server's `load-demo`) for a Zwolle-like region, loaded through the same use cases
// as the API, with a simulated clock so that history (admissions in 2015, yearly indexations)
// happens on its dates.
#include <string>
#include <vector>

#include "contracting/kernel/request_context.hpp"
#include "interfaces/mysql/connection.hpp"

namespace zc::server {

struct DemoLogin {
    std::string username;
    std::string role;
    std::string password;
    std::string totp_secret;  // empty when the role needs no second factor
    std::string scope;        // the municipalities the user works for ("0166", "regional 0193")
};

struct DemoSummary {
    std::vector<DemoLogin> logins;
    std::vector<std::string> provider_api_keys;  // "AGB name: key"
    bool already_loaded = false;
};

inline constexpr const char* kDemoPassword = "demo-password-2026";

// Whether the demo also gets recent work (declarations, reviews, a paid and a prepared payment
// run, a request: demo_activity.hpp) — the default of `load-demo`, so that every home screen has
// something on it; the tests' demo is without it, so that they start from known money.
enum class DemoActivity { Without, With };

// Loads the demo once; a second call finds the demo municipality and returns already_loaded.
DemoSummary loadDemoData(db::Connection& db, const app::AppConfig& config,
                         DemoActivity activity = DemoActivity::Without);

}  // namespace zc::server
