// Issue 14 (#5): every refusal and every read of client data is audited, and each row names the
// actor's id and role: a provider refused another provider's record, a role refused an endpoint
// (FORBIDDEN), a message whose header names another provider (AGB_MISMATCH), a client
// certificate of an unknown AGB (UNKNOWN_AGB), and a provider fetching an outbox message (which
// names the client with BSN, name and birth date).
#include <gtest/gtest.h>

#include <string>

#include "e2e/iwmo_messages.hpp"
#include "e2e/session.hpp"
#include "interfaces/mysql/connection_pool.hpp"
#include "support/test_pki.hpp"

namespace zc::e2e {
namespace {

using test::Response;

struct Provider {
    std::int64_t id = 0;
    std::string agb;
};

// Two demo providers (their client certificates are in the fixture's tls/clients).
std::pair<Provider, Provider> twoProviders() {
    const auto rows = rootConnection().query("SELECT id, agb FROM providers ORDER BY agb LIMIT 2");
    if (rows.size() < 2) throw std::runtime_error("the demo has fewer than two providers");
    return {{rows[0].i64(0), rows[0].str(1)}, {rows[1].i64(0), rows[1].str(1)}};
}

std::int64_t lastSeq() {
    return rootConnection().queryOne("SELECT COALESCE(MAX(seq), 0) FROM audit_log")->i64(0);
}

struct AuditRow {
    std::string actor, object_type, object_id, result, after;
    std::int64_t actor_id = -1;
    std::string actor_role;
};

// The rows of `action` written after `seq`.
std::vector<AuditRow> rowsSince(std::int64_t seq, const std::string& action) {
    std::vector<AuditRow> out;
    for (const auto& r : rootConnection().query(
             "SELECT actor, object_type, object_id, result, COALESCE(after_json, ''), actor_id,"
             " actor_role FROM audit_log WHERE seq > ? AND action = ? ORDER BY seq",
             {seq, action})) {
        out.push_back({r.str(0), r.str(1), r.str(2), r.str(3), r.str(4), r.i64(5), r.str(6)});
    }
    return out;
}

TEST(RefusalAudit, AProviderRefusedAnotherProvidersRecordIsAuditedWithItsIdAndRole) {
    const auto [a, b] = twoProviders();
    const auto seq = lastSeq();
    const Response r = client().get("/api/v1/providers/" + std::to_string(b.id), asProvider(a.id));
    ASSERT_TRUE(r.status == 403 || r.status == 404) << r.describe();

    const auto rows = rowsSince(seq, "access.denied");
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].actor, "provider:" + a.agb);
    EXPECT_EQ(rows[0].actor_id, a.id);
    EXPECT_EQ(rows[0].actor_role, "provider");
    EXPECT_EQ(rows[0].object_type, "providers");
    EXPECT_EQ(rows[0].object_id, std::to_string(b.id));
    EXPECT_EQ(rows[0].result, "denied");
    EXPECT_NE(rows[0].after.find("\"code\":\"" + r.code() + "\""), std::string::npos)
        << rows[0].after;
}

TEST(RefusalAudit, ARoleRefusedAnEndpointIsAuditedOnceWithTheUsersIdAndRole) {
    const auto [a, b] = twoProviders();
    const auto seq = lastSeq();
    // (Not /users: a provider's administrator may list its own users since issue 15.)
    const Response r = client().get("/api/v1/audit", asProvider(a.id));
    ASSERT_EQ(r.status, 403) << r.describe();
    EXPECT_EQ(r.code(), "FORBIDDEN");

    const auto rows = rowsSince(seq, "access.denied");
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].actor_id, a.id);
    EXPECT_EQ(rows[0].actor_role, "provider");
    EXPECT_EQ(rows[0].object_id, "GET /api/v1/audit");
    EXPECT_NE(rows[0].after.find("FORBIDDEN"), std::string::npos) << rows[0].after;

    const auto auditor =
        rootConnection().queryOne("SELECT id FROM users WHERE username = 'aud.smit'");
    ASSERT_TRUE(auditor.has_value());
    const auto seq2 = lastSeq();
    const Response staff_refused =
        client().post("/api/v1/payment-runs", test::jsonObject({}), as("aud.smit"));
    ASSERT_EQ(staff_refused.code(), "FORBIDDEN") << staff_refused.describe();
    const auto staff = rowsSince(seq2, "access.denied");
    ASSERT_EQ(staff.size(), 1u);
    EXPECT_EQ(staff.back().actor, "aud.smit");
    EXPECT_EQ(staff.back().actor_id, auditor->i64(0));
    EXPECT_EQ(staff.back().actor_role, "auditor");
}

TEST(RefusalAudit, AMessageWhoseHeaderNamesAnotherProviderIsAudited) {
    const auto [a, b] = twoProviders();
    const iwmo::Header spoofed{a.agb, "0193", iwmo::uniqueIdentificatie("RA"), todayText()};
    const iwmo::Client person{"123456782", "1980-01-01", "1", "Jansen", "J"};
    const iwmo::StartProduct start{1, "02", "02A01", todayText(), todayText()};
    const auto seq = lastSeq();
    const Response r = test::HttpsClient::fromTestEnv().asProvider(b.agb).postXml(
        "/api/v1/messages", iwmo::wmo305(spoofed, person, {start}));
    ASSERT_EQ(r.code(), "AGB_MISMATCH") << r.describe();

    const auto rows = rowsSince(seq, "access.denied");
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].actor, "provider:" + b.agb);
    EXPECT_EQ(rows[0].actor_id, b.id);
    EXPECT_EQ(rows[0].actor_role, "provider");
    EXPECT_NE(rows[0].after.find("AGB_MISMATCH"), std::string::npos) << rows[0].after;
    EXPECT_NE(rows[0].after.find("\"certificate_agb\":\"" + b.agb + "\""), std::string::npos)
        << rows[0].after;
}

TEST(RefusalAudit, AClientCertificateOfAnUnknownAgbIsAudited) {
    const std::string tls = test::testEnvDir() + "/tls";
    const std::string agb = "0" + uniqueDigits(7);
    const auto cert =
        test::issueClientCertificate(tls, tls + "/test-clients", "unknown-" + agb, agb);
    const auto seq = lastSeq();
    const Response r = test::HttpsClient::fromTestEnv()
                           .withClientCertificate(cert.cert_file, cert.key_file)
                           .get("/api/v1/outbox");
    ASSERT_EQ(r.code(), "UNKNOWN_AGB") << r.describe();

    const auto rows = rowsSince(seq, "access.denied");
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].actor_role, "anonymous");
    EXPECT_NE(rows[0].after.find("\"certificate_agb\":\"" + agb + "\""), std::string::npos)
        << rows[0].after;
}

TEST(RefusalAudit, EveryFetchOfAnOutboxMessageIsAuditedWithTheProvider) {
    const auto row = rootConnection().queryOne(
        "SELECT o.id, p.id, p.agb, o.message_code, o.identificatie FROM outbox_messages o"
        " JOIN providers p ON p.id = o.provider_id ORDER BY o.id LIMIT 1");
    ASSERT_TRUE(row.has_value()) << "the demo has no outbox message";
    const auto tls = test::HttpsClient::fromTestEnv().asProvider(row->str(2));
    const auto seq = lastSeq();
    for (int i = 0; i < 2; ++i) {
        const Response r = tls.get("/api/v1/outbox/" + std::to_string(row->i64(0)));
        ASSERT_EQ(r.status, 200) << r.describe();
    }
    const auto rows = rowsSince(seq, "message.read");
    ASSERT_EQ(rows.size(), 2u);
    for (const auto& r : rows) {
        EXPECT_EQ(r.actor_id, row->i64(1));
        EXPECT_EQ(r.actor_role, "provider");
        EXPECT_EQ(r.object_id, row->str(3) + "/" + row->str(4));
        EXPECT_NE(r.after.find("\"outbox_id\":" + std::to_string(row->i64(0))), std::string::npos)
            << r.after;
    }
}

TEST(RefusalAudit, TheTrailStillVerifiesWithTheNewRows) {
    const Response r = client().get("/api/v1/audit/verify", as("aud.smit"));
    ASSERT_EQ(r.status, 200) << r.describe();
    EXPECT_EQ(r.text.find("\"ok\":true") != std::string::npos, true) << r.text;
}

}  // namespace
}  // namespace zc::e2e
