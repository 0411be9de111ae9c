// Issue 14 (#5, #11): refusals at the door are audited and name whose token or key it was
// (CSRF refusals, MFA_SETUP_REQUIRED, 401s for bad, revoked or idle tokens and revoked API keys,
// log-ins with an unknown user or from a throttled address), and sessions end after inactivity.
#include <gtest/gtest.h>

#include "e2e/session.hpp"
#include "interfaces/mysql/connection_pool.hpp"
#include "interfaces/security/crypto.hpp"

namespace zc::e2e {
namespace {

using test::jsonObject;
using test::Response;

constexpr const char* kPassword = "e2e-correct-horse-battery";

std::int64_t userId(const std::string& username) {
    return rootConnection().queryOne("SELECT id FROM users WHERE username = ?", {username})->i64(0);
}

// The after-JSON of the newest audit row of `action` whose after-JSON contains every fragment;
// "" when there is none.
std::string newestAudit(const std::string& action, const std::vector<std::string>& fragments) {
    std::string sql = "SELECT after_json FROM audit_log WHERE action = ?";
    db::Params params{action};
    for (const auto& f : fragments) {
        sql += " AND INSTR(after_json, ?) > 0";
        params.emplace_back(f);
    }
    const auto row = rootConnection().queryOne(sql + " ORDER BY seq DESC LIMIT 1", params);
    return row ? row->str(0) : "";
}

std::string freshToken(const std::string& username) {
    const Response r = client().post("/api/v1/auth/login",
                                     jsonObject({{"username", username}, {"password", kPassword}}));
    EXPECT_EQ(r.status, 200) << r.describe();
    return r.str("token");
}

std::string idJson(const std::string& key, std::int64_t id) {
    return "\"" + key + "\":" + std::to_string(id);
}

TEST(AuthRefusals, ACookieRequestWithoutTheCsrfHeaderIsAuditedWithTheUser) {
    const std::string user = createStaffUser("e2e.csrf", "auditor", kPassword);
    const std::string token = freshToken(user);
    const Response r = client().post("/api/v1/auth/logout", jsonObject({}),
                                     {{"Cookie", "__Host-zc_session=" + token}});
    EXPECT_EQ(r.status, 403) << r.describe();
    EXPECT_EQ(r.code(), "CSRF_HEADER_MISSING");
    const std::string row =
        newestAudit("access.denied", {"CSRF_HEADER_MISSING", idJson("user_id", userId(user))});
    EXPECT_NE(row.find("\"role\":\"auditor\""), std::string::npos) << row;
}

TEST(AuthRefusals, MfaSetupRequiredIsAuditedWithTheUserAndRole) {
    const std::string user = createStaffUser("e2e.mfa", "finance", kPassword);
    const Response r =
        client().get("/api/v1/contracts", {{"Authorization", "Bearer " + freshToken(user)}});
    EXPECT_EQ(r.code(), "MFA_SETUP_REQUIRED") << r.describe();
    const std::string row =
        newestAudit("access.denied", {"MFA_SETUP_REQUIRED", idJson("user_id", userId(user))});
    EXPECT_NE(row.find("\"role\":\"finance\""), std::string::npos) << row;
}

TEST(AuthRefusals, RevokedAndUnknownSessionTokensAreAudited) {
    const std::string user = createStaffUser("e2e.revoked", "auditor", kPassword);
    const auto headers = bearer(freshToken(user));
    ASSERT_EQ(client().post("/api/v1/auth/logout", jsonObject({}), headers).status, 200);
    EXPECT_EQ(client().get("/api/v1/auth/me", headers).status, 401);
    EXPECT_NE(newestAudit("access.denied",
                          {"UNAUTHENTICATED", "session_revoked", idJson("user_id", userId(user))}),
              "");

    auto unknownTokenRows = [] {
        return rootConnection()
            .queryOne(
                "SELECT COUNT(*) FROM audit_log WHERE action = 'access.denied' AND"
                " INSTR(after_json, 'unknown_token') > 0")
            ->i64(0);
    };
    const std::int64_t before = unknownTokenRows();
    EXPECT_EQ(client().get("/api/v1/auth/me", bearer("zcs_not-a-token-" + uniqueDigits(8))).status,
              401);
    EXPECT_EQ(unknownTokenRows(), before + 1);
}

TEST(AuthRefusals, ARevokedApiKeyIsAuditedWithItsProvider) {
    const auto providers = client().get("/api/v1/providers?limit=1", as("admin")).array();
    ASSERT_GT(providers->size(), 0u);
    const auto provider_id = providers->getObject(0)->getValue<std::int64_t>("id");
    const std::string base = "/api/v1/providers/" + std::to_string(provider_id) + "/api-keys";
    const Response issued = client().post(base, jsonObject({{"label", "revoke"}}), as("admin"));
    ASSERT_EQ(issued.status, 201) << issued.describe();
    const Response revoked = client().post(
        base + "/" + std::to_string(issued.num("id")) + "/revoke", jsonObject({}), as("admin"));
    ASSERT_EQ(revoked.status, 200) << revoked.describe();
    const auto seq =
        rootConnection().queryOne("SELECT COALESCE(MAX(seq), 0) FROM audit_log")->i64(0);

    const Response r = client().get("/api/v1/auth/me", {{"X-Api-Key", issued.str("api_key")}});
    EXPECT_EQ(r.status, 401) << r.describe();
    const auto row = rootConnection().queryOne(
        "SELECT actor, after_json FROM audit_log WHERE seq > ? AND action = 'access.denied' AND"
        " INSTR(after_json, 'api_key_revoked') > 0 AND INSTR(after_json, ?) > 0",
        {seq, idJson("provider_id", provider_id)});
    ASSERT_TRUE(row.has_value());
    EXPECT_EQ(row->str(0).rfind("provider:", 0), 0u) << row->str(0);
    EXPECT_NE(row->str(1).find("\"role\":\"provider\""), std::string::npos) << row->str(1);
    EXPECT_EQ(row->str(1).find(issued.str("api_key")), std::string::npos);
}

TEST(AuthRefusals, ALogInWithAnUnknownUserOrFromAThrottledAddressIsAudited) {
    const std::string nobody = "e2e.nobody." + uniqueDigits(10);
    Response last;
    for (int i = 0; i < 6; ++i) {
        last = client().post("/api/v1/auth/login",
                             jsonObject({{"username", nobody}, {"password", "wrong-password"}}));
    }
    EXPECT_EQ(last.code(), "ACCOUNT_LOCKED") << last.describe();
    const auto rows = rootConnection().queryOne(
        "SELECT SUM(INSTR(after_json, 'unknown_user') > 0), SUM(INSTR(after_json, 'throttled') >"
        " 0) FROM audit_log WHERE action = 'auth.login' AND result = 'denied' AND object_id = ?",
        {nobody});
    EXPECT_EQ(rows->i64(0), 5);
    EXPECT_EQ(rows->i64(1), 1);
}

// Issue 14 (#11): a session unused for longer than auth.session_idle_minutes (30) ends, and the
// refusal is audited as such; a session in use stays.
TEST(AuthRefusals, ASessionEndsAfterThirtyMinutesUnused) {
    const std::string user = createStaffUser("e2e.idle", "auditor", kPassword);
    const std::string token = freshToken(user);
    const auto headers = bearer(token);
    const std::string hash = security::sha256Hex(token);
    rootConnection().execute(
        "UPDATE sessions SET last_used_at = last_used_at - INTERVAL 29 MINUTE WHERE token_hash = ?",
        {hash});
    ASSERT_EQ(client().get("/api/v1/auth/me", headers).status, 200);
    // That use counts as activity.
    EXPECT_EQ(rootConnection()
                  .queryOne("SELECT last_used_at > UTC_TIMESTAMP(6) - INTERVAL 1 MINUTE FROM"
                            " sessions WHERE token_hash = ?",
                            {hash})
                  ->i64(0),
              1);
    rootConnection().execute(
        "UPDATE sessions SET last_used_at = last_used_at - INTERVAL 31 MINUTE WHERE token_hash = ?",
        {hash});
    const Response me = client().get("/api/v1/auth/me", headers);
    EXPECT_EQ(me.status, 401) << me.describe();
    EXPECT_EQ(me.code(), "UNAUTHENTICATED");
    EXPECT_NE(newestAudit("access.denied", {"session_idle", idJson("user_id", userId(user))}), "");
}

}  // namespace
}  // namespace zc::e2e
