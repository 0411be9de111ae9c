// The municipality of every claimed euro (config/migrations/0018_claims_municipality.sql): a
// declaration is sent to one municipality, its lines and its payable belong to it, its cost
// lands on that municipality's budget, and a line for an allocation another municipality pays
// is refused with 9338. A Kampen client's household help is Kampen's; its Beschermd Wonen is
// Zwolle's (the region's central municipality). Called as the HTTP layer calls the use cases,
// against a migrated scratch database; and the migration back-fills rows that existed before.
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <gtest/gtest.h>

#include "contracting/kernel/errors.hpp"
#include "db_test_env.hpp"
#include "interfaces/http/allocations_api.hpp"
#include "interfaces/http/budget_financing_api.hpp"
#include "interfaces/http/clients_api.hpp"
#include "interfaces/http/contracts_api.hpp"
#include "interfaces/http/declarations_api.hpp"
#include "interfaces/http/reference_api.hpp"
#include "interfaces/mysql/migrations.hpp"
#include "interfaces/security/crypto.hpp"

namespace zc {
namespace {

using dbtest::object;
using Poco::JSON::Object;

constexpr std::int64_t kHhTariff = 3000;  // household help per hour, cents
constexpr std::int64_t kBwTariff = 9000;  // Beschermd Wonen per hour, cents

class ClaimsMunicipalityTest : public ::testing::Test {
  protected:
    void SetUp() override {
        dbtest::giveRandomBsnKeys(config_);
        conn_ = scratch_.connect();
        db::migrate(*conn_, dbtest::migrationsDir());
        auto admin = context(app::Role::Admin, "admin");
        auto manager = context(app::Role::ContractManager, "cm");
        auto officer = context(app::Role::AccessOfficer, "ao");
        http::createMunicipality(*admin, dbtest::jsonRequest(R"({"code":"0193","name":"Zwolle"})"));
        http::createMunicipality(
            *admin,
            dbtest::jsonRequest(R"({"code":"0166","name":"Kampen","central_code":"0193"})"));
        for (
            const char* body :
            {R"({"code":"01A01","category":"01","name":"HH","unit":"hours","kind":"per_client"})",
             R"({"code":"15A01","category":"15","name":"BW","unit":"hours","kind":"per_client"})"}) {
            http::createProduct(*admin, dbtest::jsonRequest(body));
        }
        provider_ = object(http::createProvider(
                               *admin, dbtest::jsonRequest(
                                           R"({"agb":"12345670","kvk":"12345678","name":"Zorg",)"
                                           R"("iban":"NL91ABNA0417164300"})")))
                        ->getValue<std::int64_t>("id");
        // Zwolle's framework contract serves the region (Kampen too).
        http::createContract(
            *manager,
            dbtest::jsonRequest(
                R"({"provider_id":)" + std::to_string(provider_) +
                R"(,"municipality_code":"0193","term_start":"2025-01-01","term_end":"2028-01-01",)"
                R"("status":"active","products":["01A01","15A01"],"tariffs":[)"
                R"({"product_code":"01A01","tariff_cents":3000,"valid_from":"2025-01-01"},)"
                R"({"product_code":"15A01","tariff_cents":9000,"valid_from":"2025-01-01"}]})"));
        const auto client =
            object(http::createClient(
                       *officer, dbtest::jsonRequest(
                                     R"({"bsn":"123456782","surname":"Jansen","initials":"H.",)"
                                     R"("birth_date":"1950-02-03","gender":"1",)"
                                     R"("house_number":"12","postcode":"8261AB",)"
                                     R"("municipality_code":"0166"})")))
                ->getValue<std::int64_t>("id");
        const auto products =
            object(http::createDecision(
                       *officer,
                       dbtest::jsonRequest(
                           R"({"number":1,"decision_date":"2025-01-02","valid_from":"2025-01-06",)"
                           R"("valid_to":"2025-04-01","products":[)"
                           R"({"product_code":"01A01","volume":3,"unit":"hours",)"
                           R"("frequency":"week","financing":"ZIN"},)"
                           R"({"product_code":"15A01","volume":20,"unit":"hours",)"
                           R"("frequency":"week","financing":"ZIN"}]})",
                           {{"id", std::to_string(client)}})))
                ->getArray("products");
        household_help_ = allocate(*officer, products->getObject(0)->getValue<std::int64_t>("id"));
        beschermd_wonen_ = allocate(*officer, products->getObject(1)->getValue<std::int64_t>("id"));
        provider_ctx_ = context(app::Role::Provider, "provider:12345670", provider_);
    }

    std::unique_ptr<app::RequestContext> context(app::Role role, const std::string& name,
                                                 std::int64_t provider_id = 0) {
        return std::make_unique<app::RequestContext>(app::RequestContext{
            *conn_, dbtest::actor(role, name, provider_id), "test", clock_, config_});
    }

    std::int64_t allocate(app::RequestContext& officer, std::int64_t granted) {
        return object(http::queueingWmo301<http::createAllocation>(
                          officer, dbtest::jsonRequest(
                                       R"({"granted_product_id":)" + std::to_string(granted) +
                                       R"(,"provider_id":)" + std::to_string(provider_) +
                                       R"(,"start_date":"2025-01-06"})")))
            ->getValue<std::int64_t>("number");
    }

    // A February 2025 line of `hours` on the allocation.
    static std::string line(const std::string& ref, std::int64_t allocation,
                            const std::string& category, const std::string& product,
                            std::int64_t hours, std::int64_t tariff) {
        return R"({"reference":")" + ref + R"(","credit":false,"allocation_number":)" +
               std::to_string(allocation) + R"(,"bsn":"123456782","category":")" + category +
               R"(","product_code":")" + product +
               R"(","period_start":"2025-02-01","period_end":"2025-03-01","volume":)" +
               std::to_string(hours) + R"(,"unit":"hours","tariff_cents":)" +
               std::to_string(tariff) + R"(,"amount_cents":)" + std::to_string(hours * tariff) +
               "}";
    }
    std::string hh(const std::string& ref) {
        return line(ref, household_help_, "01", "01A01", 10, kHhTariff);
    }
    std::string bw(const std::string& ref) {
        return line(ref, beschermd_wonen_, "15", "15A01", 50, kBwTariff);
    }

    // A February 2025 declaration; `municipality` "" leaves municipality_code out.
    http::ApiResponse declare(const std::string& number, const std::vector<std::string>& lines,
                              std::int64_t total, const std::string& municipality = "") {
        std::string body =
            R"({"number":")" + number +
            R"(","period_start":"2025-02-01","period_end":"2025-03-01",)" +
            (municipality.empty() ? std::string()
                                  : R"("municipality_code":")" + municipality + R"(",)") +
            R"("total_submitted_cents":)" + std::to_string(total) + R"(,"lines":[)";
        for (std::size_t i = 0; i < lines.size(); ++i) body += (i ? "," : "") + lines[i];
        return http::submitDeclaration(*provider_ctx_, dbtest::jsonRequest(body + "]}"));
    }

    std::string stored(const std::string& sql, std::int64_t id) {
        return conn_->queryOne(sql, {id})->str(0);
    }

    dbtest::ScratchDatabase scratch_;
    std::unique_ptr<db::Connection> conn_;
    SystemClock clock_;
    app::AppConfig config_;
    std::unique_ptr<app::RequestContext> provider_ctx_;
    std::int64_t provider_ = 0, household_help_ = 0, beschermd_wonen_ = 0;
};

TEST_F(ClaimsMunicipalityTest, KampensHouseholdHelpIsDeclaredToKampenAndOwedByKampen) {
    const auto res = declare("D1", {hh("R1")}, 10 * kHhTariff);  // no municipality named
    ASSERT_EQ(res.status, 201);
    const auto answer = object(res);
    EXPECT_EQ(answer->getValue<std::int64_t>("awarded_cents"), 10 * kHhTariff);
    EXPECT_EQ(answer->getValue<std::string>("municipality_code"), "0166");
    const auto id = answer->getValue<std::int64_t>("declaration_id");
    EXPECT_EQ(stored("SELECT municipality_code FROM declarations WHERE id = ?", id), "0166");
    EXPECT_EQ(stored("SELECT municipality_code FROM claim_lines WHERE declaration_id = ?", id),
              "0166");
    const auto payable = conn_->queryOne(
        "SELECT municipality_code, amount_cents FROM payables WHERE source_type = 'declaration'"
        " AND source_id = ?",
        {id});
    ASSERT_TRUE(payable);
    EXPECT_EQ(payable->str(0), "0166");
    EXPECT_EQ(payable->i64(1), 10 * kHhTariff);
    // The cost is Kampen's, on a Kampen budget (an "Unbudgeted" one, as Kampen has none).
    EXPECT_EQ(conn_
                  ->queryOne("SELECT b.municipality_code FROM ledger_lines l JOIN budgets b"
                             " ON l.account = CONCAT('expense:budget:', b.id)"
                             " WHERE l.amount_cents = ?",
                             {10 * kHhTariff})
                  ->str(0),
              "0166");
    // The payables list and the declaration's detail say whose it is.
    const auto listed = http::listPayables(*context(app::Role::Finance, "fin"), {});
    ASSERT_EQ(listed.status, 200);
    EXPECT_EQ(dbtest::array(listed)->getObject(0)->getValue<std::string>("municipality_code"),
              "0166");
}

TEST_F(ClaimsMunicipalityTest, BeschermdWonenIsZwollesAndCannotBeDeclaredToKampen) {
    // To Zwolle it is accepted and Zwolle owes it.
    auto res = declare("D1", {bw("R1")}, 50 * kBwTariff, "0193");
    ASSERT_EQ(res.status, 201);
    EXPECT_EQ(object(res)->getValue<std::int64_t>("awarded_cents"), 50 * kBwTariff);
    EXPECT_EQ(conn_->queryOne("SELECT municipality_code FROM payables")->str(0), "0193");

    // A declaration to Kampen for Zwolle's allocation: the line is refused with 9338 (the
    // allocation number is not one Kampen issued); Kampen's own line is accepted.
    res = declare("D2", {line("R2", beschermd_wonen_, "15", "15A01", 40, kBwTariff), hh("R3")},
                  40 * kBwTariff + 10 * kHhTariff, "0166");
    ASSERT_EQ(res.status, 201);
    const auto answer = object(res);
    EXPECT_EQ(answer->getValue<std::int64_t>("awarded_cents"), 10 * kHhTariff);
    const auto refused = answer->getArray("not_accepted");
    ASSERT_EQ(refused->size(), 1u);
    EXPECT_EQ(refused->getObject(0)->getValue<std::string>("reference"), "R2");
    EXPECT_EQ(refused->getObject(0)->getValue<std::string>("code"), "9338");
    EXPECT_NE(refused->getObject(0)->getValue<std::string>("message").find("0193"),
              std::string::npos);
    // Both lines are the declaration's: Kampen's.
    const auto id = answer->getValue<std::int64_t>("declaration_id");
    EXPECT_EQ(conn_
                  ->queryOne("SELECT COUNT(*) FROM claim_lines WHERE declaration_id = ?"
                             " AND municipality_code = '0166'",
                             {id})
                  ->i64(0),
              2);
}

TEST_F(ClaimsMunicipalityTest, AnUnknownOrMalformedRecipientIsRefusedAndNothingIsStored) {
    for (const auto& [code, expected] : std::vector<std::pair<std::string, std::string>>{
             {"0363", "UNKNOWN_MUNICIPALITY"}, {"Kampen", "INVALID_MUNICIPALITY_CODE"}}) {
        try {
            declare("D1", {hh("R1")}, 10 * kHhTariff, code);
            ADD_FAILURE() << code << " was accepted";
        } catch (const ValidationError& e) {
            EXPECT_EQ(e.code(), expected);
            EXPECT_EQ(e.field(), "municipality_code");
        }
    }
    EXPECT_EQ(dbtest::countRows(*conn_, "declarations"), 0);
}

// Rows made before 0018: a Kampen client's household help and Beschermd Wonen on Zwolle's
// contract, one WMO323 declaration to Zwolle claiming both (possible before the 9338 check),
// one JSON declaration without Ontvanger, a reviewed line and an advance. After the migration
// each has its municipality, and the columns are required.
TEST(ClaimsMunicipalityMigration, ExistingRowsGetTheirMunicipality) {
    dbtest::ScratchDatabase scratch;
    auto conn = scratch.connect();
    dbtest::migrateBefore(*conn, "0018");
    ASSERT_EQ(db::schemaVersion(*conn), 17);
    for (const char* sql :
         {"INSERT INTO municipalities (code, name, central_code) VALUES ('0193','Zwolle',NULL),"
          " ('0166','Kampen','0193')",
          "INSERT INTO products (code, category, name, unit, kind) VALUES"
          " ('01A01','01','HH','hours','per_client'), ('15A01','15','BW','hours','per_client')",
          "INSERT INTO providers (id, agb, kvk, name, iban) VALUES"
          " (1,'12345670','12345678','Zorg','NL91ABNA0417164300')",
          "INSERT INTO contracts (id, kind, provider_id, municipality_code, status, term_start,"
          " term_end) VALUES (1,'framework',1,'0193','active','2025-01-01','2028-01-01')",
          "INSERT INTO clients (id, bsn_hash, bsn_enc, surname, birth_date, gender,"
          " municipality_code) VALUES (1, REPEAT('a',64), 'x', 'Jansen', '1950-02-03', '1',"
          " '0166')",
          "INSERT INTO access_decisions (id, client_id, number, decision_date, valid_from,"
          " created_by) VALUES (1, 1, 1, '2025-01-02', '2025-01-06', 'test')",
          "INSERT INTO granted_products (id, decision_id, product_code, volume, unit,"
          " frequency, financing, paying_municipality_code) VALUES"
          " (1,1,'01A01',3,'hours','week','ZIN','0166'),"
          " (2,1,'15A01',20,'hours','week','ZIN','0193')",
          "INSERT INTO allocations (number, version, is_current, client_id, decision_id,"
          " granted_product_id, provider_id, contract_id, product_code, start_date, volume,"
          " unit, frequency, allocated_at, created_by, paying_municipality_code) VALUES"
          " (1,1,1,1,1,1,1,1,'01A01','2025-01-06',3,'hours','week',NOW(6),'t','0166'),"
          " (2,1,1,1,1,2,1,1,'15A01','2025-01-06',20,'hours','week',NOW(6),'t','0193')",
          // 1: a WMO323 to Zwolle with a Kampen line first; 2: JSON, Kampen's line first.
          "INSERT INTO declarations (id, provider_id, source, declaratie_nummer, period_begin,"
          " period_end, received_at, total_submitted_cents, status, answer_due, message_head)"
          " VALUES (1,1,'wmo323','D1','2025-02-01','2025-03-01',NOW(6),0,'answered',"
          " '2025-03-15','{\"afzender\":\"12345670\",\"ontvanger\":\"0193\"}'),"
          " (2,1,'json','D2','2025-03-01','2025-04-01',NOW(6),0,'answered','2025-04-15',NULL)",
          "INSERT INTO claim_lines (id, declaration_id, provider_id, reference, credit,"
          " allocation_number, bsn_hash, category, product_code, period_begin, period_end,"
          " volume, unit, tariff_cents, amount_cents, status, code) VALUES"
          " (1,1,1,'R1',0,1,REPEAT('a',64),'01','01A01','2025-02-01','2025-03-01',1,'hours',"
          "  3000,3000,'accepted','0200'),"
          " (2,1,1,'R2',0,2,REPEAT('a',64),'15','15A01','2025-02-01','2025-03-01',1,'hours',"
          "  9000,9000,'accepted','0200'),"
          " (3,1,1,'R3',0,99,REPEAT('a',64),'01','01A01','2025-02-01','2025-03-01',1,'hours',"
          "  3000,3000,'rejected','9338'),"
          " (4,2,1,'R4',0,1,REPEAT('a',64),'01','01A01','2025-03-01','2025-04-01',1,'hours',"
          "  3000,3000,'accepted','0200')",
          "INSERT INTO advances (id, contract_id, year, month, due_date, amount_cents) VALUES"
          " (1, 1, 2025, 1, '2025-01-15', 1000)",
          "INSERT INTO payables (id, provider_id, source_type, source_id, amount_cents,"
          " due_date, created_at) VALUES (1,1,'declaration',1,12000,'2025-03-15',NOW(6)),"
          " (2,1,'declaration',2,3000,'2025-04-15',NOW(6)),"
          " (3,1,'review',4,3000,'2025-04-15',NOW(6)),"
          " (4,1,'advance',1,1000,'2025-01-15',NOW(6))"}) {
        conn->execute(sql);
    }

    db::migrate(*conn, dbtest::migrationsDir());

    const auto declarations = conn->query("SELECT municipality_code FROM declarations ORDER BY id");
    ASSERT_EQ(declarations.size(), 2u);
    EXPECT_EQ(declarations[0].str(0), "0193") << "the WMO323's Ontvanger";
    EXPECT_EQ(declarations[1].str(0), "0166") << "the payer of its first line's allocation";
    const auto lines = conn->query("SELECT municipality_code FROM claim_lines ORDER BY id");
    ASSERT_EQ(lines.size(), 4u);
    EXPECT_EQ(lines[0].str(0), "0166") << "its allocation's payer, not the declaration's";
    EXPECT_EQ(lines[1].str(0), "0193");
    EXPECT_EQ(lines[2].str(0), "0193") << "no allocation: the declaration's";
    EXPECT_EQ(lines[3].str(0), "0166");
    const auto payables = conn->query("SELECT municipality_code FROM payables ORDER BY id");
    ASSERT_EQ(payables.size(), 4u);
    EXPECT_EQ(payables[0].str(0), "0193");
    EXPECT_EQ(payables[1].str(0), "0166");
    EXPECT_EQ(payables[2].str(0), "0166") << "the reviewed line's";
    EXPECT_EQ(payables[3].str(0), "0193") << "the advance's contract's";
    EXPECT_THROW(conn->execute("UPDATE payables SET municipality_code = NULL WHERE id = 1"),
                 db::DbError);

    // The migration can run again: nothing fails or changes.
    for (const auto& statement : db::splitSqlStatements(
             dbtest::readFile(dbtest::migrationsDir() / "0018_claims_municipality.sql"))) {
        conn->execute(statement);
    }
    EXPECT_EQ(conn->queryOne("SELECT municipality_code FROM claim_lines WHERE id = 1")->str(0),
              "0166");
    EXPECT_EQ(
        conn->queryOne("SELECT COUNT(*) FROM payables WHERE municipality_code = '0166'")->i64(0),
        2);
}

}  // namespace
}  // namespace zc
