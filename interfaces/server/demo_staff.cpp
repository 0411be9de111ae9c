#include "demo_staff.hpp"

#include <algorithm>
#include <array>
#include <string_view>

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
    const char* totp_secret;     // empty: no second factor needed
    const char* municipalities;  // the municipalities the user works for, space-separated
    const char* regional_for;    // central municipalities whose placed care the user serves
};

// The whole region: the demo's users of before issue 13 keep seeing all three municipalities
// (the tests and the browser tests log in with them). Finance is a shared service of the region
// (one team pays for Zwolle, Kampen and Dalfsen, each from its own account); contract management
// and audit are regional too. ao.kampen, ao.dalfsen and bh.kampen work for one municipality;
// bw.zwolle is Zwolle's Beschermd Wonen team, who sees the region's clients whose Beschermd Wonen
// Zwolle pays and nothing else.
constexpr const char* kRegion = "0193 0166 0148";

constexpr std::array<StaffSeed, 11> kStaff{{
    {"admin", "Applicatiebeheer (demo)", "admin", "ZORGCONTRACTADMINDEMOSECRET23456", kRegion, ""},
    {"cm.jansen", "Petra Jansen", "contract_manager", "", kRegion, ""},
    {"ao.bakker", "Sanne Bakker", "access_officer", "", kRegion, ""},
    {"ao.kampen", "Ahmed el Idrissi", "access_officer", "", "0166", ""},
    {"ao.dalfsen", "Wendy Schuurman", "access_officer", "", "0148", ""},
    {"bw.zwolle", "Marieke Hofman", "access_officer", "", "", "0193"},
    {"fin.devries", "Mark de Vries", "finance", "ZORGCONTRACTFINANCEDEVRIESDEMO22", kRegion, ""},
    {"fin.mulder", "Ingrid Mulder", "finance", "ZORGCONTRACTFINANCEMULDERDEMO234", kRegion, ""},
    {"bh.visser", "Joost Visser", "budget_holder", "", kRegion, ""},
    {"bh.kampen", "Tom Brouwer", "budget_holder", "", "0166", ""},
    {"aud.smit", "Karin Smit", "auditor", "", kRegion, ""},
}};

// The codes of a space-separated list.
Poco::JSON::Array::Ptr codes(std::string_view text) {
    Poco::JSON::Array::Ptr out = new Poco::JSON::Array;
    std::size_t at = 0;
    while (at < text.size()) {
        const auto end = std::min(text.find(' ', at), text.size());
        if (end > at) out->add(std::string(text.substr(at, end - at)));
        at = end + 1;
    }
    return out;
}

// "0166", "0193 0166 0148", "regional 0193".
std::string scopeText(const StaffSeed& s) {
    std::string out = s.municipalities;
    if (*s.regional_for)
        out += std::string(out.empty() ? "" : " + ") + "regional " + s.regional_for;
    return out;
}

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
                     {"password", kDemoPassword},
                     {"municipalities", codes(s.municipalities)},
                     {"regional_for", codes(s.regional_for)}}));
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
    for (const auto& s : kStaff) {
        out.push_back({s.username, s.role, kDemoPassword, s.totp_secret, scopeText(s)});
    }
    for (const auto& u : kProviderUsers)
        out.push_back({u.username, "provider", kDemoPassword, "", "own provider"});
    return out;
}

}  // namespace zc::server::demo
