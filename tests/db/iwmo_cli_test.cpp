// The iWmo subcommands of the command line: `validate FILE` (schema and in-message rules, no
// database) and `ingest FILE --as AGB` (processes the file against the database and prints the
// retour).
#include <gtest/gtest.h>

#include <random>
#include <regex>
#include <stdexcept>
#include <string>

#include "db_test_env.hpp"
#include "demo_database.hpp"

namespace zc {
namespace {

std::string sample(const std::string& stem) {
    return dbtest::readFile(dbtest::sourceRoot() / "tests/data/iwmo" / (stem + ".xml"));
}

std::string replaceOnce(std::string text, const std::string& from, const std::string& to) {
    const auto at = text.find(from);
    if (at == std::string::npos) throw std::runtime_error("sample lacks " + from);
    return text.replace(at, from.size(), to);
}

// The sample WMO305 sent by provider 73000101 to municipality 0193, dated after its Begindatum
// (so it passes the in-message rules).
std::string wmo305() {
    std::string xml = sample("wmo305");
    xml = replaceOnce(xml, "Afzender>12345678<", "Afzender>73000101<");
    xml = replaceOnce(xml, "Ontvanger>0363<", "Ontvanger>0193<");
    return replaceOnce(xml, "Dagtekening>2025-03-03<", "Dagtekening>2025-03-31<");
}

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

// What `ingest` needs: a migrated scratch database with municipality 0193 and provider
// 73000101, and BSN keys in a temporary folder (as ZC_SECURITY_* variables).
struct IngestSetup {
    IngestSetup() {
        if (dbtest::runCli({"migrate"}, scratch.name()).exit_code != 0) {
            throw std::runtime_error("migrate failed");
        }
        db = scratch.connect();
        db->execute("INSERT INTO municipalities (code, name) VALUES ('0193', 'Zwolle')");
        db->execute(
            "INSERT INTO providers (agb, kvk, name, iban) VALUES ('73000101', '05061234', "
            "'Zorggroep De Vechtstroom', 'NL91ABNA0417164300')");
        dbtest::writeFile(dir.path() / "bsn.key", dbtest::randomHexKey() + "\n");
        dbtest::writeFile(dir.path() / "bsn-hmac.key", dbtest::randomHexKey() + "\n");
        keys = {{"ZC_SECURITY_BSN_KEY_FILE", (dir.path() / "bsn.key").string()},
                {"ZC_SECURITY_BSN_HMAC_KEY_FILE", (dir.path() / "bsn-hmac.key").string()}};
    }
    dbtest::ScratchDatabase scratch;
    std::unique_ptr<db::Connection> db;
    dbtest::TempDir dir;
    std::map<std::string, std::string> keys;
};

TEST(IwmoValidateCli, AValidMessageExitsZeroAndSaysValid) {
    dbtest::TempDir dir;
    const auto file = dir.path() / "wmo315.xml";
    dbtest::writeFile(file, sample("wmo315"));
    const auto run = dbtest::runCli({"validate", file.string()}, "zorgcontract");
    EXPECT_EQ(run.exit_code, 0) << run.output;
    EXPECT_TRUE(contains(run.output, file.string() + ": valid")) << run.output;
    EXPECT_FALSE(contains(run.output, "not valid")) << run.output;
}

TEST(IwmoValidateCli, AnImpossibleDateIsXsdInvalidWithItsLine) {
    dbtest::TempDir dir;
    const auto file = dir.path() / "bad-date.xml";
    // The Dagtekening is on line 11 of the sample.
    const std::string xml =
        replaceOnce(wmo305(), "Dagtekening>2025-03-31<", "Dagtekening>2025-02-30<");
    dbtest::writeFile(file, xml);
    const auto run = dbtest::runCli({"validate", file.string()}, "zorgcontract");
    EXPECT_EQ(run.exit_code, 1) << run.output;
    EXPECT_TRUE(contains(run.output, "XSD_INVALID")) << run.output;
    EXPECT_TRUE(std::regex_search(run.output, std::regex("XSD_INVALID at line 11\\b")))
        << run.output;
    EXPECT_TRUE(contains(run.output, "not valid")) << run.output;
}

TEST(IwmoValidateCli, ABsnFailingTheElfproefIs0001) {
    dbtest::TempDir dir;
    const auto file = dir.path() / "bad-bsn.xml";
    dbtest::writeFile(file, replaceOnce(wmo305(), "Bsn>999993653<", "Bsn>123456789<"));
    const auto run = dbtest::runCli({"validate", file.string()}, "zorgcontract");
    EXPECT_EQ(run.exit_code, 1) << run.output;
    EXPECT_TRUE(contains(run.output, "0001")) << run.output;
    EXPECT_TRUE(contains(run.output, "elfproef")) << run.output;
    EXPECT_FALSE(contains(run.output, "XSD_INVALID")) << run.output;
}

TEST(IwmoValidateCli, TheSameMessageWithAValidBsnIsValid) {
    // The control for the two tests above: only the changed field makes them fail.
    dbtest::TempDir dir;
    const auto file = dir.path() / "wmo305.xml";
    dbtest::writeFile(file, wmo305());
    const auto run = dbtest::runCli({"validate", file.string()}, "zorgcontract");
    EXPECT_EQ(run.exit_code, 0) << run.output;
    EXPECT_TRUE(contains(run.output, ": valid")) << run.output;
}

TEST(IwmoValidateCli, AWmo323BreakingAnInMessageRuleIsNotValidWithTheRule) {
    // The sample declaration passes; a TotaalIngediendBedrag off by one cent breaks TR358,
    // a rule of the official stylesheet (control level 2).
    dbtest::TempDir dir;
    const auto good = dir.path() / "wmo323.xml";
    dbtest::writeFile(good, sample("wmo323"));
    const auto ok = dbtest::runCli({"validate", good.string()}, "zorgcontract");
    EXPECT_EQ(ok.exit_code, 0) << ok.output;
    const auto bad = dir.path() / "wmo323-total.xml";
    dbtest::writeFile(bad,
                      replaceOnce(sample("wmo323"), "TotaalBedrag>98000<", "TotaalBedrag>98001<"));
    const auto run = dbtest::runCli({"validate", bad.string()}, "zorgcontract");
    EXPECT_EQ(run.exit_code, 1) << run.output;
    EXPECT_TRUE(contains(run.output, "TR358")) << run.output;
    EXPECT_FALSE(contains(run.output, "XSD_INVALID")) << run.output;
}

TEST(IwmoValidateCli, AWmo323LargerThanAnyOtherMessageIsStreamedAndChecked) {
    // 15,000 more prestaties (each on an allocation of its own, so no in-message rule breaks):
    // over 10 MiB and 100,000 elements, the limits of other messages, but a WMO323 may be as
    // large as the service accepts (limits.max_declaration_bytes) and is streamed.
    const std::string xml = sample("wmo323");
    const std::string open = "<wmo323:Prestatie>";
    const auto begin = xml.find(open);
    const auto end =
        xml.find("</wmo323:Prestatie>", begin) + std::string("</wmo323:Prestatie>").size();
    const std::string one = xml.substr(begin, end - begin);
    std::string more;
    constexpr int kCopies = 15000;
    for (int i = 0; i < kCopies; ++i) {
        std::string copy = replaceOnce(one, "PR-2025-03-0001", "PR-BIG-" + std::to_string(i));
        more += replaceOnce(copy, "ToewijzingNummer>100234<",
                            "ToewijzingNummer>" + std::to_string(200000 + i) + "<") +
                "\n          ";
    }
    std::string big = xml;
    big.insert(begin, more);
    big = replaceOnce(big, "TotaalBedrag>98000<",
                      "TotaalBedrag>" + std::to_string(98000 + 104000LL * kCopies) + "<");
    ASSERT_GT(big.size(), 10u << 20);
    dbtest::TempDir dir;
    const auto file = dir.path() / "wmo323-big.xml";
    dbtest::writeFile(file, big);
    const auto run = dbtest::runCli({"validate", file.string()}, "zorgcontract");
    EXPECT_EQ(run.exit_code, 0) << run.output.substr(0, 2000);
    EXPECT_TRUE(contains(run.output, ": valid")) << run.output.substr(0, 2000);
    // One cent off in the total: TR358, found after reading every prestatie.
    dbtest::writeFile(
        file, replaceOnce(big, "TotaalBedrag>" + std::to_string(98000 + 104000LL * kCopies) + "<",
                          "TotaalBedrag>" + std::to_string(98001 + 104000LL * kCopies) + "<"));
    const auto wrong = dbtest::runCli({"validate", file.string()}, "zorgcontract");
    EXPECT_EQ(wrong.exit_code, 1) << wrong.output.substr(0, 2000);
    EXPECT_TRUE(contains(wrong.output, "TR358")) << wrong.output.substr(0, 2000);
}

TEST(IwmoIngestCli, PrintsTheRetourWith9019ForAnUnknownAllocationAndStoresItOnce) {
    IngestSetup setup;
    auto& db = setup.db;
    auto& scratch = setup.scratch;
    auto& dir = setup.dir;
    const auto& keys = setup.keys;
    const auto file = dir.path() / "wmo305.xml";
    dbtest::writeFile(file, wmo305());

    const auto run =
        dbtest::runCli({"ingest", file.string(), "--as", "73000101"}, scratch.name(), keys);
    EXPECT_EQ(run.exit_code, 0) << run.output;
    EXPECT_TRUE(contains(run.output, "<wmo306:Bericht")) << run.output;
    EXPECT_TRUE(contains(run.output, "<wmo306:BerichtCode>419</wmo306:BerichtCode>")) << run.output;
    EXPECT_TRUE(contains(run.output, "<wmo306:RetourCode>9019</wmo306:RetourCode>")) << run.output;
    EXPECT_TRUE(contains(run.output, "<iwmo:Identificatie>T-305-0001</iwmo:Identificatie>"))
        << run.output;
    EXPECT_TRUE(contains(run.output, "<wmo306:Afzender>73000101</wmo306:Afzender>")) << run.output;

    EXPECT_EQ(dbtest::countRows(*db, "inbox_messages"), 1);
    EXPECT_EQ(dbtest::countRows(*db, "care_starts"), 0);
    auto row = db->queryOne("SELECT outcome, retour_code FROM inbox_messages");
    ASSERT_TRUE(row);
    EXPECT_EQ(row->str(0), "rejected");
    EXPECT_EQ(row->str(1), "419");

    // Exactly once: the same file again prints the stored retour and stores nothing new.
    const auto again =
        dbtest::runCli({"ingest", file.string(), "--as", "73000101"}, scratch.name(), keys);
    EXPECT_EQ(again.exit_code, 0) << again.output;
    EXPECT_EQ(again.output, run.output);
    EXPECT_EQ(dbtest::countRows(*db, "inbox_messages"), 1);
}

std::string replaceAll(std::string text, const std::string& from, const std::string& to) {
    for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
        text.replace(at, from.size(), to);
    }
    return text;
}

// The sample WMO323 of provider 73000101 to 0193 for the DeclaratiePeriode `month` ("2025-05"),
// with its own Identificatie, DeclaratieNummer and ReferentieNummers.
std::string wmo323For(const std::string& month, const std::string& last_day, const std::string& tag,
                      const std::string& number) {
    std::string xml = sample("wmo323");
    xml = replaceOnce(xml, "Afzender>12345678<", "Afzender>73000101<");
    xml = replaceOnce(xml, "Ontvanger>0363<", "Ontvanger>0193<");
    xml = replaceOnce(xml, "Identificatie>T-323-0001<", "Identificatie>T-323-" + tag + "<");
    xml = replaceOnce(xml, "DeclaratieNummer>DEC202503A<", "DeclaratieNummer>" + number + "<");
    xml = replaceOnce(xml,
                      "<iwmo:Begindatum>2025-03-01</iwmo:Begindatum>\n"
                      "      <iwmo:Einddatum>2025-03-31</iwmo:Einddatum>",
                      "<iwmo:Begindatum>" + month +
                          "-01</iwmo:Begindatum>\n"
                          "      <iwmo:Einddatum>" +
                          month + "-" + last_day + "</iwmo:Einddatum>");
    return replaceAll(xml, "PR-2025-03-", "PR-" + tag + "-");
}

TEST(IwmoIngestCli, ADeclarationPeriodNotAfterThePreviousOneIsRejectedWith8214) {
    IngestSetup setup;
    auto& db = setup.db;
    auto& scratch = setup.scratch;
    auto& dir = setup.dir;
    const auto& keys = setup.keys;
    auto ingest = [&](const std::string& xml, const std::string& tag) {
        const auto file = dir.path() / (tag + ".xml");
        dbtest::writeFile(file, xml);
        const auto run =
            dbtest::runCli({"ingest", file.string(), "--as", "73000101"}, scratch.name(), keys);
        EXPECT_EQ(run.exit_code, 0) << run.output;
        EXPECT_TRUE(contains(run.output, "<wmo325:Bericht")) << run.output;
        return run.output;
    };
    const std::string k8214 = "<wmo325:RetourCode>8214</wmo325:RetourCode>";

    // March, then March again with another number: 8214, nothing stored, the number stays free.
    EXPECT_FALSE(contains(ingest(wmo323For("2025-03", "31", "A", "DECA"), "A"), k8214));
    EXPECT_EQ(dbtest::countRows(*db, "declarations"), 1);
    const auto lines = dbtest::countRows(*db, "claim_lines");
    const std::string again = ingest(wmo323For("2025-03", "31", "B", "DECB"), "B");
    EXPECT_TRUE(contains(again, k8214)) << again;
    EXPECT_FALSE(contains(again, "<wmo325:Prestatie>")) << again;
    EXPECT_EQ(dbtest::countRows(*db, "declarations"), 1);
    EXPECT_EQ(dbtest::countRows(*db, "claim_lines"), lines);

    // May after March: months without care may be skipped.
    EXPECT_FALSE(contains(ingest(wmo323For("2025-05", "31", "C", "DECC"), "C"), k8214));
    EXPECT_EQ(dbtest::countRows(*db, "declarations"), 2);
    // April after May: 8214; the same number in June is accepted.
    EXPECT_TRUE(contains(ingest(wmo323For("2025-04", "30", "D", "DECD"), "D"), k8214));
    EXPECT_EQ(dbtest::countRows(*db, "declarations"), 2);
    EXPECT_FALSE(contains(ingest(wmo323For("2025-06", "30", "E", "DECD"), "E"), k8214));
    EXPECT_EQ(dbtest::countRows(*db, "declarations"), 3);
    std::string outcomes;
    for (const auto& r : db->query("SELECT outcome FROM inbox_messages ORDER BY id")) {
        outcomes += r.str(0) + " ";
    }
    EXPECT_EQ(outcomes, "answered rejected answered rejected answered ");
}

TEST(IwmoIngestCli, RefusesWithoutTheBsnKeys) {
    dbtest::ScratchDatabase scratch;
    ASSERT_EQ(dbtest::runCli({"migrate"}, scratch.name()).exit_code, 0);
    dbtest::TempDir dir;
    const auto file = dir.path() / "wmo305.xml";
    dbtest::writeFile(file, wmo305());
    const auto run = dbtest::runCli(
        {"ingest", file.string(), "--as", "73000101"}, scratch.name(),
        {{"ZC_SECURITY_BSN_KEY_FILE", (dir.path() / "missing.key").string()},
         {"ZC_SECURITY_BSN_HMAC_KEY_FILE", (dir.path() / "missing-hmac.key").string()}});
    EXPECT_EQ(run.exit_code, 1) << run.output;
    EXPECT_TRUE(contains(run.output, "security.bsn_key_file")) << run.output;
    auto db = scratch.connect();
    EXPECT_EQ(dbtest::countRows(*db, "inbox_messages"), 0);
}

}  // namespace
}  // namespace zc
