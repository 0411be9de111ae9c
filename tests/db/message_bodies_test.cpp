// Issue 14 (#2), bringing an existing database along: outbox messages and inbox retours stored
// in clear by an older version are encrypted by the start-up back-fill
// (contracting/app/message_bodies.hpp, run by `migrate` and `serve`) in batches, only once; the
// provider still downloads the exact original XML afterwards.
#include "contracting/app/message_bodies.hpp"

#include <gtest/gtest.h>

#include <string>

#include "contracting/app/message_intake.hpp"
#include "contracting/app/provider_outbox.hpp"
#include "contracting/kernel/civil_date.hpp"
#include "db/db_test_env.hpp"
#include "interfaces/mysql/migrations.hpp"
#include "interfaces/security/message_protection.hpp"

namespace zc {
namespace {

constexpr const char* kBsn = "123456782";
constexpr const char* kSurname = "Oudopslag";

// A WMO301 as an older version stored it: CR/LF lines, the client's BSN and name in clear.
std::string clearXml(int n) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n<wmo301:Bericht><wmo301:Client>"
           "<wmo301:Bsn>" +
           std::string(kBsn) + "</wmo301:Bsn><wmo301:Achternaam>" + kSurname +
           "</wmo301:Achternaam><wmo301:Nr>" + std::to_string(n) +
           "</wmo301:Nr></wmo301:Client></wmo301:Bericht>\r\n";
}

std::int64_t count(db::Connection& c, const std::string& sql) { return c.queryOne(sql)->i64(0); }

TEST(MessageBodiesBackfill, OldClearBodiesAreEncryptedOnceAndStillDownloadAsSent) {
    dbtest::ScratchDatabase scratch;
    auto conn = scratch.connect();
    db::migrate(*conn, dbtest::migrationsDir());
    conn->execute(
        "INSERT INTO municipalities (code, name, central_code) VALUES ('0193','Zwolle',"
        "NULL)");
    conn->execute(
        "INSERT INTO providers (id, agb, kvk, name, iban) VALUES"
        " (1,'12345670','12345678','Zorg','NL91ABNA0417164300')");
    constexpr int kRows = 120;  // more than one batch
    for (int i = 1; i <= kRows; ++i) {
        conn->execute(
            "INSERT INTO outbox_messages (provider_id, municipality_code, message_code,"
            " identificatie, xml, created_at, retour_due) VALUES (1, '0193', '414', ?, ?,"
            " NOW(6), CURDATE())",
            {std::to_string(i), clearXml(i)});
    }
    conn->execute(
        "INSERT INTO inbox_messages (sender_agb, provider_id, message_code, identificatie,"
        " dagtekening, content_sha256, received_at, outcome, retour_code, retour_xml) VALUES"
        " ('12345670', 1, '419', 'S1', CURDATE(), REPEAT('a', 64), NOW(6), 'rejected', '420', ?)",
        {clearXml(0)});
    // A WMO323 answered by the WMO325 in outbox row '5': its retour refers to it (stored once).
    const auto answer_id =
        conn->queryOne("SELECT id FROM outbox_messages WHERE identificatie = '5'")->i64(0);
    conn->execute(
        "INSERT INTO inbox_messages (sender_agb, provider_id, message_code, identificatie,"
        " dagtekening, content_sha256, received_at, outcome, retour_code, retour_xml) VALUES"
        " ('12345670', 1, '323', 'D1', CURDATE(), REPEAT('b', 64), NOW(6), 'answered', '485', ?)",
        {"zcout1:" + std::to_string(answer_id)});
    app::AppConfig config;
    dbtest::giveRandomBsnKeys(config);

    EXPECT_EQ(contracting::sealStoredMessageBodies(*conn, config), kRows + 1)
        << "a retour kept in the outbox is no body to seal";
    const std::string like = std::string("%") + kBsn + "%";
    for (const char* sql : {"SELECT COUNT(*) FROM outbox_messages WHERE xml LIKE '%",
                            "SELECT COUNT(*) FROM inbox_messages WHERE retour_xml LIKE '%"}) {
        EXPECT_EQ(count(*conn, sql + std::string(kBsn) + "%'"), 0) << sql << " (BSN)";
        EXPECT_EQ(count(*conn, sql + std::string(kSurname) + "%'"), 0) << sql << " (name)";
    }
    // Again (a second start-up, or one after a crash half-way): nothing left to do.
    EXPECT_EQ(contracting::sealStoredMessageBodies(*conn, config), 0);

    // The provider downloads exactly what was stored before; the inbox retour opens likewise.
    const auto id =
        conn->queryOne("SELECT id FROM outbox_messages WHERE identificatie = '77'")->i64(0);
    SystemClock clock;
    app::RequestContext ctx{*conn, dbtest::actor(app::Role::Provider, "provider:12345670", 1),
                            "test", clock, config};
    EXPECT_EQ(contracting::fetchOutboxMessage(ctx, id), clearXml(77));
    EXPECT_EQ(security::openMessageBody(config,
                                        conn->queryOne("SELECT retour_xml FROM inbox_messages WHERE"
                                                       " identificatie = 'S1'")
                                            ->str(0)),
              clearXml(0));
    // The WMO323 sent again gets the outbox row's body as its stored answer.
    EXPECT_EQ(
        conn->queryOne("SELECT retour_xml FROM inbox_messages WHERE identificatie = 'D1'")->str(0),
        "zcout1:" + std::to_string(answer_id));
    const auto repeat = contracting::registerInbox(ctx, {"12345670", "323", "D1", clock.today()}, 1,
                                                   std::string(64, 'b'));
    ASSERT_TRUE(repeat.repeat.has_value());
    EXPECT_EQ(repeat.repeat->retour_xml, clearXml(5));
}

}  // namespace
}  // namespace zc
