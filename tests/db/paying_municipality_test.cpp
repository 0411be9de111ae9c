// The paying municipality (config/migrations/0017_paying_municipality.sql): a Kampen client's
// Beschermd Wonen is granted, allocated and priced for Zwolle, the region's central
// municipality; its household help for Kampen. Called as the HTTP layer calls the use cases,
// against a migrated scratch database; and the migration back-fills rows that existed before it.
#include <gtest/gtest.h>

#include "db/db_test_env.hpp"
#include "interfaces/http/allocations_api.hpp"
#include "interfaces/http/clients_api.hpp"
#include "interfaces/http/contracts_api.hpp"
#include "interfaces/http/reference_api.hpp"
#include "interfaces/mysql/migrations.hpp"
#include "interfaces/security/crypto.hpp"

namespace zc {
namespace {

using dbtest::object;

constexpr const char* kZwolle = "0193";
constexpr const char* kKampen = "0166";
constexpr const char* kHouseholdHelp = "01A01";   // category 01
constexpr const char* kBeschermdWonen = "15A01";  // category 15

class PayingMunicipalityTest : public ::testing::Test {
  protected:
    void SetUp() override {
        dbtest::giveRandomBsnKeys(config_);
        conn_ = scratch_.connect();
        db::migrate(*conn_, dbtest::migrationsDir());
        admin_ = context(app::Role::Admin, "admin");
        manager_ = context(app::Role::ContractManager, "cm");
        officer_ = context(app::Role::AccessOfficer, "ao");
        municipality(R"({"code":"0193","name":"Zwolle"})");
        municipality(R"({"code":"0166","name":"Kampen","central_code":"0193"})");
        product(kHouseholdHelp, "01");
        product(kBeschermdWonen, "15");
        provider_ = provider("12345670");
    }

    std::unique_ptr<app::RequestContext> context(app::Role role, const std::string& name) {
        return std::make_unique<app::RequestContext>(
            app::RequestContext{*conn_, dbtest::actor(role, name, 0), "test", clock_, config_});
    }

    void municipality(const std::string& body) {
        ASSERT_EQ(http::createMunicipality(*admin_, dbtest::jsonRequest(body)).status, 201);
    }

    void product(const std::string& code, const std::string& category) {
        http::createProduct(
            *admin_, dbtest::jsonRequest(R"({"code":")" + code + R"(","category":")" + category +
                                         R"(","name":"P","unit":"hours",)"
                                         R"("kind":"per_client"})"));
    }

    std::int64_t provider(const std::string& agb) {
        return object(http::createProvider(
                          *admin_, dbtest::jsonRequest(R"({"agb":")" + agb +
                                                       R"(","kvk":"12345678","name":"Zorg )" + agb +
                                                       R"(","iban":"NL91ABNA0417164300"})")))
            ->getValue<std::int64_t>("id");
    }

    // An active contract of the provider with `municipality` for both products.
    std::int64_t contract(const std::string& municipality) {
        const std::string body =
            R"({"provider_id":)" + std::to_string(provider_) + R"(,"municipality_code":")" +
            municipality +
            R"(","term_start":"2025-01-01","term_end":"2028-01-01","status":"active",)"
            R"("products":["01A01","15A01"],"tariffs":[)"
            R"({"product_code":"01A01","tariff_cents":3000,"valid_from":"2025-01-01"},)"
            R"({"product_code":"15A01","tariff_cents":9000,"valid_from":"2025-01-01"}]})";
        return object(http::createContract(*manager_, dbtest::jsonRequest(body)))
            ->getValue<std::int64_t>("id");
    }

    std::int64_t kampenClient() {
        const auto res = http::createClient(
            *officer_, dbtest::jsonRequest(R"({"bsn":"123456782","surname":"Jansen",)"
                                           R"("initials":"H.","birth_date":"1950-02-03",)"
                                           R"("gender":"1","house_number":"12",)"
                                           R"("postcode":"8261AB","municipality_code":"0166"})"));
        EXPECT_EQ(res.status, 201);
        return object(res)->getValue<std::int64_t>("id");
    }

    // A decision granting household help and Beschermd Wonen; its products as answered.
    Poco::JSON::Array::Ptr decide(std::int64_t client) {
        const auto res = http::createDecision(
            *officer_,
            dbtest::jsonRequest(
                R"({"number":1,"decision_date":"2025-01-02","valid_from":"2025-01-06",)"
                R"("valid_to":"2025-04-01","products":[)"
                R"({"product_code":"01A01","volume":3,"unit":"hours","frequency":"week",)"
                R"("financing":"ZIN"},)"
                R"({"product_code":"15A01","volume":20,"unit":"hours","frequency":"week",)"
                R"("financing":"ZIN"}]})",
                {{"id", std::to_string(client)}}));
        EXPECT_EQ(res.status, 201);
        return object(res)->getArray("products");
    }

    Poco::JSON::Object::Ptr allocate(std::int64_t granted) {
        const auto res = http::queueingWmo301<http::createAllocation>(
            *officer_, dbtest::jsonRequest(R"({"granted_product_id":)" + std::to_string(granted) +
                                           R"(,"provider_id":)" + std::to_string(provider_) +
                                           R"(,"start_date":"2025-01-06"})"));
        EXPECT_EQ(res.status, 201);
        return object(res);
    }

    std::string storedPaying(const std::string& table, std::int64_t id) {
        return conn_
            ->queryOne("SELECT paying_municipality_code FROM " + table + " WHERE id = ?", {id})
            ->str(0);
    }

    dbtest::ScratchDatabase scratch_;
    std::unique_ptr<db::Connection> conn_;
    SystemClock clock_;
    app::AppConfig config_;
    std::unique_ptr<app::RequestContext> admin_, manager_, officer_;
    std::int64_t provider_ = 0;
};

TEST_F(PayingMunicipalityTest, AKampenClientsBeschermdWonenIsPaidByZwolleAndHouseholdHelpByKampen) {
    const auto zwolle_contract = contract(kZwolle);
    const auto products = decide(kampenClient());
    ASSERT_EQ(products->size(), 2u);
    const auto hh = products->getObject(0);
    const auto bw = products->getObject(1);
    ASSERT_EQ(hh->getValue<std::string>("product_code"), kHouseholdHelp);
    EXPECT_EQ(hh->getValue<std::string>("paying_municipality_code"), kKampen);
    EXPECT_EQ(bw->getValue<std::string>("paying_municipality_code"), kZwolle);
    EXPECT_EQ(storedPaying("granted_products", bw->getValue<std::int64_t>("id")), kZwolle);

    // Zwolle's framework contract serves its region, so both are priced on it.
    const auto hh_allocation = allocate(hh->getValue<std::int64_t>("id"));
    const auto bw_allocation = allocate(bw->getValue<std::int64_t>("id"));
    EXPECT_EQ(hh_allocation->getValue<std::string>("paying_municipality_code"), kKampen);
    EXPECT_EQ(bw_allocation->getValue<std::string>("paying_municipality_code"), kZwolle);
    EXPECT_EQ(hh_allocation->getValue<std::int64_t>("contract_id"), zwolle_contract);
    EXPECT_EQ(bw_allocation->getValue<std::int64_t>("contract_id"), zwolle_contract);
    const auto row = conn_->queryOne(
        "SELECT paying_municipality_code FROM allocations WHERE number = ? AND is_current = 1",
        {bw_allocation->getValue<std::int64_t>("number")});
    EXPECT_EQ(row->str(0), kZwolle);
}

TEST_F(PayingMunicipalityTest, EachAllocationIsPricedOnAContractOfItsPayingMunicipality) {
    const auto zwolle_contract = contract(kZwolle);
    const auto kampen_contract = contract(kKampen);
    const auto products = decide(kampenClient());
    const auto hh = allocate(products->getObject(0)->getValue<std::int64_t>("id"));
    const auto bw = allocate(products->getObject(1)->getValue<std::int64_t>("id"));
    // Kampen's own contract comes first for Kampen's care; Beschermd Wonen is Zwolle's.
    EXPECT_EQ(hh->getValue<std::int64_t>("contract_id"), kampen_contract);
    EXPECT_EQ(bw->getValue<std::int64_t>("contract_id"), zwolle_contract);
}

TEST_F(PayingMunicipalityTest, ARegionMemberIsServedByTheCentralMunicipalitysContracts) {
    const auto zwolle_contract = contract(kZwolle);
    // Dalfsen joins the region after the contract was made: the contract serves it too.
    municipality(R"({"code":"0148","name":"Dalfsen","central_code":"0193"})");
    const auto served = conn_->query(
        "SELECT municipality_code FROM contract_municipalities WHERE contract_id = ?"
        " ORDER BY municipality_code",
        {zwolle_contract});
    ASSERT_EQ(served.size(), 3u);
    EXPECT_EQ(served[0].str(0), "0148");
    EXPECT_EQ(served[1].str(0), kKampen);
    EXPECT_EQ(served[2].str(0), kZwolle);
    const auto placement = conn_->queryOne(
        "SELECT central_code FROM regional_placements WHERE region_code = ? AND "
        "product_category = '15'",
        {std::string(kZwolle)});
    ASSERT_TRUE(placement);
    EXPECT_EQ(placement->str(0), kZwolle);
}

// Rows made before 0017: a Kampen client with household help and Beschermd Wonen, allocated on
// Zwolle's contract. After the migration the grants and every allocation version have their
// paying municipality and the contract lists the region.
TEST(PayingMunicipalityMigration, ExistingRowsGetTheirMunicipality) {
    dbtest::ScratchDatabase scratch;
    auto conn = scratch.connect();
    dbtest::migrateBefore(*conn, "0017");
    ASSERT_EQ(db::schemaVersion(*conn), 16);
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
          " frequency, financing) VALUES (1,1,'01A01',3,'hours','week','ZIN'),"
          " (2,1,'15A01',20,'hours','week','ZIN')",
          "INSERT INTO allocations (number, version, is_current, client_id, decision_id,"
          " granted_product_id, provider_id, contract_id, product_code, start_date, volume,"
          " unit, frequency, allocated_at, created_by) VALUES"
          " (1,1,0,1,1,1,1,1,'01A01','2025-01-06',3,'hours','week',NOW(6),'t'),"
          " (1,2,1,1,1,1,1,1,'01A01','2025-01-06',4,'hours','week',NOW(6),'t'),"
          " (2,1,1,1,1,2,1,1,'15A01','2025-01-06',20,'hours','week',NOW(6),'t')"}) {
        conn->execute(sql);
    }

    db::migrate(*conn, dbtest::migrationsDir());

    const auto grants =
        conn->query("SELECT paying_municipality_code FROM granted_products ORDER BY id");
    ASSERT_EQ(grants.size(), 2u);
    EXPECT_EQ(grants[0].str(0), kKampen);
    EXPECT_EQ(grants[1].str(0), kZwolle);
    const auto versions = conn->query(
        "SELECT number, paying_municipality_code FROM allocations ORDER BY number, version");
    ASSERT_EQ(versions.size(), 3u);
    EXPECT_EQ(versions[0].str(1), kKampen);
    EXPECT_EQ(versions[1].str(1), kKampen);
    EXPECT_EQ(versions[2].str(1), kZwolle);
    EXPECT_EQ(conn->queryOne("SELECT COUNT(*) FROM contract_municipalities WHERE contract_id = 1")
                  ->i64(0),
              2);
    EXPECT_EQ(conn->queryOne("SELECT central_code FROM regional_placements WHERE region_code ="
                             " '0193' AND product_category = '15'")
                  ->str(0),
              kZwolle);

    // The migration can run again (MariaDB commits DDL implicitly): nothing fails or changes.
    for (const auto& statement : db::splitSqlStatements(
             dbtest::readFile(dbtest::migrationsDir() / "0017_paying_municipality.sql"))) {
        conn->execute(statement);
    }
    EXPECT_EQ(conn->query("SELECT paying_municipality_code FROM allocations ORDER BY number,"
                          " version")[2]
                  .str(0),
              kZwolle);
    EXPECT_EQ(dbtest::countRows(*conn, "contract_municipalities"), 2);
    EXPECT_EQ(dbtest::countRows(*conn, "regional_placements"), 1);
}

}  // namespace
}  // namespace zc
