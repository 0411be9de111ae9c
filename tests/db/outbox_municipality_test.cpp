// The sending municipality of every queued message
// (config/migrations/0019_outbox_municipality.sql): messages queued before the migration get the
// Afzender of their stored Header; a message without one falls back to its client's municipality; a
// code that is no municipality of ours is not kept. The migration can run again without changing
// anything.
#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "db/db_test_env.hpp"
#include "interfaces/mysql/migrations.hpp"

namespace zc {
namespace {

// A message of ours as stored: the Header with the Afzender `afzender` (none when empty).
std::string storedXml(const std::string& prefix, const std::string& afzender) {
    std::string header =
        "<" + prefix + ":Header><" + prefix + ":BerichtCode>414</" + prefix + ":BerichtCode>";
    if (!afzender.empty()) {
        header += "<" + prefix + ":Afzender>" + afzender + "</" + prefix + ":Afzender>";
    }
    header +=
        "<" + prefix + ":Ontvanger>12345670</" + prefix + ":Ontvanger></" + prefix + ":Header>";
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<" + prefix + ":Bericht>" + header + "</" +
           prefix + ":Bericht>";
}

std::optional<std::string> municipalityOf(db::Connection& conn, const std::string& identificatie) {
    return conn
        .queryOne("SELECT municipality_code FROM outbox_messages WHERE identificatie = ?",
                  {identificatie})
        ->opt(0);
}

TEST(OutboxMunicipalityMigration, ExistingMessagesGetTheirSender) {
    dbtest::ScratchDatabase scratch;
    auto conn = scratch.connect();
    dbtest::migrateBefore(*conn, "0019");
    ASSERT_LT(db::schemaVersion(*conn), 19);
    for (const char* sql :
         {"INSERT INTO municipalities (code, name, central_code) VALUES ('0193','Zwolle',NULL),"
          " ('0166','Kampen','0193'), ('0148','Dalfsen','0193')",
          "INSERT INTO providers (id, agb, kvk, name, iban) VALUES"
          " (1,'12345670','12345678','Zorg','NL91ABNA0417164300')",
          "INSERT INTO clients (id, bsn_hash, bsn_enc, surname, birth_date, gender,"
          " municipality_code) VALUES (1, REPEAT('a',64), 'x', 'Jansen', '1950-02-03', '1',"
          " '0166'), (2, REPEAT('b',64), 'x', 'Smit', '1951-02-03', '2', '0148')"}) {
        conn->execute(sql);
    }
    struct Message {
        const char* identificatie;
        const char* code;
        std::optional<std::int64_t> client_id;
        std::string xml;
    };
    const Message messages[] = {
        {"1", "414", 1, storedXml("wmo301", "0193")},  // Beschermd Wonen sent by Zwolle
        {"2", "414", 1, storedXml("wmo301", "0166")},
        {"3", "485", std::nullopt, storedXml("wmo325", "0193")},
        {"4", "414", 2, storedXml("wmo301", "")},                 // no Afzender: the client's
        {"5", "485", std::nullopt, storedXml("wmo325", "9999")},  // not ours: none
    };
    for (const auto& m : messages) {
        conn->execute(
            "INSERT INTO outbox_messages (provider_id, message_code, identificatie, client_id,"
            " xml, created_at, retour_due) VALUES (1, ?, ?, ?, ?, NOW(6), CURDATE())",
            {std::string(m.code), std::string(m.identificatie),
             m.client_id ? db::Param(*m.client_id) : db::Param(nullptr), m.xml});
    }

    db::migrate(*conn, dbtest::migrationsDir());

    const auto expectSenders = [&] {
        EXPECT_EQ(municipalityOf(*conn, "1"), std::optional<std::string>("0193"));
        EXPECT_EQ(municipalityOf(*conn, "2"), std::optional<std::string>("0166"));
        EXPECT_EQ(municipalityOf(*conn, "3"), std::optional<std::string>("0193"));
        EXPECT_EQ(municipalityOf(*conn, "4"), std::optional<std::string>("0148"));
        EXPECT_EQ(municipalityOf(*conn, "5"), std::nullopt);
    };
    expectSenders();
    // The foreign key holds: a message cannot name a municipality that is not ours.
    EXPECT_THROW(conn->execute("UPDATE outbox_messages SET municipality_code = '9999'"
                               " WHERE identificatie = '5'"),
                 std::exception);

    // The migration can run again (MariaDB commits DDL implicitly): nothing fails or changes.
    for (const auto& statement : db::splitSqlStatements(
             dbtest::readFile(dbtest::migrationsDir() / "0019_outbox_municipality.sql"))) {
        conn->execute(statement);
    }
    expectSenders();
}

}  // namespace
}  // namespace zc
