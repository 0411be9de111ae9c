#include "demo_staff.hpp"

#include <array>

#include "interfaces/http/auth_api.hpp"
#include "interfaces/security/audit_trail.hpp"

namespace zc::server::demo {
namespace {

using app::RequestContext;

constexpr int kApiKeyProviders = 3;

struct StaffSeed {
    const char* username;
    const char* display_name;
    const char* role;
    const char* totp_secret;  // empty: no second factor needed
};

constexpr std::array<StaffSeed, 7> kStaff{{
    {"admin", "Applicatiebeheer (demo)", "admin", "ZORGCONTRACTADMINDEMOSECRET23456"},
    {"cm.jansen", "Petra Jansen", "contract_manager", ""},
    {"ao.bakker", "Sanne Bakker", "access_officer", ""},
    {"fin.devries", "Mark de Vries", "finance", "ZORGCONTRACTFINANCEDEVRIESDEMO22"},
    {"fin.mulder", "Ingrid Mulder", "finance", "ZORGCONTRACTFINANCEMULDERDEMO234"},
    {"bh.visser", "Joost Visser", "budget_holder", ""},
    {"aud.smit", "Karin Smit", "auditor", ""},
}};

// Provider staff who log in to the web application, each for one provider (index in kProviders).
struct ProviderUserSeed {
    const char* username;
    const char* display_name;
    int provider;
};

constexpr std::array<ProviderUserSeed, 2> kProviderUsers{{
    {"zorg.vechtstroom", "Annemiek Hoekstra (Zorggroep De Vechtstroom)", 0},
    {"zorg.ijsseldelta", "Gerrit Wolters (Thuiszorg IJsseldelta)", 1},
}};

void enableTotp(Demo& d, const std::string& username, const std::string& secret) {
    RequestContext ctx{d.db, adminActor(), "demo", d.clock, d.config};
    db::Transaction tx(d.db);
    d.db.execute("UPDATE users SET totp_secret = ?, totp_enabled = 1 WHERE username = ?",
                 {secret, username});
    security::appendAudit(ctx, {"auth.totp_enrol", "user", username, "ok", std::nullopt,
                                "{\"totp_enabled\":true,\"source\":\"demo\"}"});
    tx.commit();
}

}  // namespace

void loadStaff(Demo& d) {
    for (const auto& s : kStaff) {
        call(d, http::createUser, adminActor(),
             object({{"username", s.username},
                     {"display_name", s.display_name},
                     {"role", s.role},
                     {"password", kDemoPassword}}));
        if (*s.totp_secret) enableTotp(d, s.username, s.totp_secret);
    }
}

void loadProviderUsers(Demo& d) {
    for (const auto& u : kProviderUsers) {
        call(d, http::createUser, adminActor(),
             object({{"username", u.username},
                     {"display_name", u.display_name},
                     {"role", "provider"},
                     {"provider_id", d.providers[static_cast<std::size_t>(u.provider)].id},
                     {"password", kDemoPassword}}));
    }
}

void issueApiKeys(Demo& d) {
    for (int i = 0; i < kApiKeyProviders; ++i) {
        const auto& p = d.providers[i];
        auto out = call(d, http::issueApiKey, managerActor(), object({{"label", "Demo-koppeling"}}),
                        std::to_string(p.id));
        d.summary.provider_api_keys.push_back(p.agb + " " + p.name + ": " +
                                              out->getValue<std::string>("api_key"));
    }
}

std::vector<DemoLogin> demoLogins() {
    std::vector<DemoLogin> out;
    for (const auto& s : kStaff) out.push_back({s.username, s.role, kDemoPassword, s.totp_secret});
    for (const auto& u : kProviderUsers) out.push_back({u.username, "provider", kDemoPassword, ""});
    return out;
}

}  // namespace zc::server::demo
