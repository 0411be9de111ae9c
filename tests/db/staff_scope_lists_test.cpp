// Issue 13 (S8): the staff scope on declarations, the review queue and contracts, against a
// migrated scratch database. Zwolle (0193) and Kampen (0166) each have a contract with the same
// provider and a declaration with one line held for review. A contract manager who works for
// Kampen only sees Kampen's; reading or deciding Zwolle's is refused with OUT_OF_SCOPE. A user
// without a scope (the command line) sees both.
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "db/db_test_env.hpp"
#include "interfaces/http/contracts_api.hpp"
#include "interfaces/http/declarations_api.hpp"
#include "interfaces/http/procedures_api.hpp"
#include "interfaces/http/reference_api.hpp"
#include "interfaces/http/reviews_api.hpp"
#include "interfaces/mysql/migrations.hpp"

namespace zc {
namespace {

using dbtest::object;

class StaffScopeListsTest : public ::testing::Test {
  protected:
    void SetUp() override {
        dbtest::giveRandomBsnKeys(config_);
        conn_ = scratch_.connect();
        db::migrate(*conn_, dbtest::migrationsDir());
        app::Actor admin;
        admin.role = app::Role::Admin;
        admin.user_id = 1;
        admin.name = "admin";
        system_ = std::make_unique<app::RequestContext>(
            app::RequestContext{*conn_, admin, "test", clock_, config_});
        http::createMunicipality(*system_,
                                 dbtest::jsonRequest(R"({"code":"0193","name":"Zwolle"})"));
        http::createMunicipality(*system_,
                                 dbtest::jsonRequest(R"({"code":"0166","name":"Kampen"})"));
        http::createProduct(*system_, dbtest::jsonRequest(R"({"code":"02A01","category":"02",)"
                                                          R"("name":"IB","unit":"hours",)"
                                                          R"("kind":"per_client"})"));
        provider_ =
            object(http::createProvider(*system_,
                                        dbtest::jsonRequest(R"({"agb":"12345670","kvk":"12345678",)"
                                                            R"("name":"Zorg BV",)"
                                                            R"("iban":"NL91ABNA0417164300"})")))
                ->getValue<std::int64_t>("id");
        app::Actor kampen;
        kampen.role = app::Role::ContractManager;
        kampen.user_id = 5;
        kampen.name = "cm.kampen";
        kampen.municipalities = {"0166"};
        kampen.scope_loaded = true;
        kampen_ = std::make_unique<app::RequestContext>(
            app::RequestContext{*conn_, kampen, "test", clock_, config_});
    }

    std::int64_t contract(const std::string& municipality) {
        return object(http::createContract(
                          *system_, dbtest::jsonRequest(
                                        R"({"provider_id":)" + std::to_string(provider_) +
                                        R"(,"municipality_code":")" + municipality +
                                        R"(","term_start":"2026-01-01","term_end":"2028-01-01",)"
                                        R"("status":"active","products":["02A01"],)"
                                        R"("tariffs":[{"product_code":"02A01","tariff_cents":6500,)"
                                        R"("valid_from":"2026-01-01"}]})")))
            ->getValue<std::int64_t>("id");
    }

    // A declaration to `municipality` with one line held for review; returns {declaration,
    // review item}.
    std::pair<std::int64_t, std::int64_t> heldDeclaration(const std::string& municipality) {
        conn_->execute(
            "INSERT INTO declarations (provider_id, source, declaratie_nummer, period_begin,"
            " period_end, received_at, total_submitted_cents, status, answer_due,"
            " municipality_code) VALUES (?, 'json', ?, '2026-05-01', '2026-06-01',"
            " '2026-06-05 09:00:00', 6500, 'awaiting_review', '2026-06-19', ?)",
            {provider_, "D" + municipality, municipality});
        const auto declaration = conn_->lastInsertId();
        conn_->execute(
            "INSERT INTO claim_lines (declaration_id, provider_id, reference, credit,"
            " allocation_number, bsn_hash, category, product_code, period_begin, period_end,"
            " volume, unit, tariff_cents, amount_cents, status, code, credited, municipality_code)"
            " VALUES (?,?,?,0,1,REPEAT('a', 64),'02','02A01','2026-05-01','2026-06-01',1,"
            " 'hours',6500,6500,'review','8001',0,?)",
            {declaration, provider_, "L" + municipality, municipality});
        const auto line = conn_->lastInsertId();
        conn_->execute(
            "INSERT INTO review_items (claim_line_id, declaration_id, code, message, status,"
            " due_date, municipality_code, provider_id) VALUES (?, ?, '8001', 'held', 'open',"
            " '2026-06-19', ?, ?)",
            {line, declaration, municipality, provider_});
        return {declaration, conn_->lastInsertId()};
    }

    static std::vector<std::int64_t> ids(const http::ApiResponse& res,
                                         const std::string& key = "id") {
        std::vector<std::int64_t> out;
        const auto a = dbtest::array(res);
        for (std::size_t i = 0; i < a->size(); ++i) {
            out.push_back(a->getObject(static_cast<unsigned>(i))->getValue<std::int64_t>(key));
        }
        return out;
    }

    static http::ApiRequest byId(std::int64_t id) {
        return dbtest::jsonRequest("{}", {{"id", std::to_string(id)}});
    }

    dbtest::ScratchDatabase scratch_;
    std::unique_ptr<db::Connection> conn_;
    SystemClock clock_;
    app::AppConfig config_;
    std::unique_ptr<app::RequestContext> system_, kampen_;
    std::int64_t provider_ = 0;
};

TEST_F(StaffScopeListsTest, AKampenUserSeesKampenDeclarationsReviewsAndContractsOnly) {
    const auto zwolle_contract = contract("0193");
    const auto kampen_contract = contract("0166");
    const auto [zwolle_declaration, zwolle_review] = heldDeclaration("0193");
    const auto [kampen_declaration, kampen_review] = heldDeclaration("0166");
    const auto all = dbtest::jsonRequest("{}");

    EXPECT_EQ(ids(http::listDeclarations(*system_, all), "declaration_id").size(), 2u);
    EXPECT_EQ(ids(http::listDeclarations(*kampen_, all), "declaration_id"),
              std::vector<std::int64_t>{kampen_declaration});
    EXPECT_EQ(http::getDeclaration(*kampen_, byId(kampen_declaration)).status, 200);
    EXPECT_EQ(dbtest::errorCode([&] { http::getDeclaration(*kampen_, byId(zwolle_declaration)); }),
              "OUT_OF_SCOPE");

    EXPECT_EQ(ids(http::listReviews(*system_, all)).size(), 2u);
    EXPECT_EQ(ids(http::listReviews(*kampen_, all)), std::vector<std::int64_t>{kampen_review});
    EXPECT_EQ(dbtest::errorCode([&] { http::getReview(*kampen_, byId(zwolle_review)); }),
              "OUT_OF_SCOPE");
    EXPECT_EQ(dbtest::errorCode([&] {
                  http::decideReview(*kampen_,
                                     dbtest::jsonRequest(R"({"decision":"accept","reason":"ok"})",
                                                         {{"id", std::to_string(zwolle_review)}}));
              }),
              "OUT_OF_SCOPE");
    EXPECT_EQ(
        conn_->queryOne("SELECT status FROM review_items WHERE id = ?", {zwolle_review})->str(0),
        "open");

    EXPECT_EQ(ids(http::listContracts(*system_, all)).size(), 2u);
    EXPECT_EQ(ids(http::listContracts(*kampen_, all)), std::vector<std::int64_t>{kampen_contract});
    EXPECT_EQ(http::getContract(*kampen_, byId(kampen_contract)).status, 200);
    EXPECT_EQ(dbtest::errorCode([&] { http::getContract(*kampen_, byId(zwolle_contract)); }),
              "OUT_OF_SCOPE");
}

// A declaration's lines (GET /declarations/{id}/lines) are read under the same rules as the
// declaration, whether the page has lines or the filter leaves none: the staff scope, and
// NOT_FOUND for another provider's declaration and for one that does not exist.
TEST_F(StaffScopeListsTest, ADeclarationsLinesAreReadUnderTheDeclarationsRules) {
    const auto zwolle = heldDeclaration("0193").first;
    const auto kampen = heldDeclaration("0166").first;
    const auto lines = [](app::RequestContext& ctx, std::int64_t id, const std::string& status) {
        std::map<std::string, std::string> query;
        if (!status.empty()) query["status"] = status;
        return http::listDeclarationLines(
            ctx, dbtest::jsonRequest("{}", {{"id", std::to_string(id)}}, query));
    };
    app::Actor own;
    own.role = app::Role::Provider;
    own.provider_id = provider_;
    own.name = "provider:12345670";
    app::RequestContext provider{*conn_, own, "test", clock_, config_};
    app::Actor other = own;
    other.provider_id = provider_ + 1;
    other.name = "provider:99999999";
    app::RequestContext stranger{*conn_, other, "test", clock_, config_};

    for (const std::string status : {"", "accepted"}) {  // one line; none that match
        const std::size_t expected = status.empty() ? 1 : 0;
        EXPECT_EQ(dbtest::array(lines(*kampen_, kampen, status))->size(), expected) << status;
        EXPECT_EQ(dbtest::array(lines(provider, zwolle, status))->size(), expected) << status;
        EXPECT_EQ(dbtest::errorCode([&] { lines(*kampen_, zwolle, status); }), "OUT_OF_SCOPE")
            << status;
        EXPECT_EQ(dbtest::errorCode([&] { lines(stranger, kampen, status); }), "NOT_FOUND")
            << status;
        EXPECT_EQ(dbtest::errorCode([&] { lines(*system_, kampen + 1000, status); }), "NOT_FOUND")
            << status;
    }
}

// Zwolle's framework contract serves Kampen too, so a Kampen contract manager reads it, but only
// Zwolle's staff change it: status, term, tariffs and indexation are refused and change nothing,
// and a new contract for Zwolle cannot be concluded from Kampen.
TEST_F(StaffScopeListsTest, AKampenUserReadsButCannotChangeZwollesRegionalContract) {
    const auto zwolle_contract = contract("0193");
    conn_->execute(
        "INSERT INTO contract_municipalities (contract_id, municipality_code)"
        " VALUES (?, '0166')",
        {zwolle_contract});
    const auto kampen_contract = contract("0166");
    const auto on = [](std::int64_t id, const std::string& body) {
        return dbtest::jsonRequest(body, {{"id", std::to_string(id)}});
    };
    const auto tariffs = [&](std::int64_t id) {
        return conn_->queryOne("SELECT COUNT(*) FROM tariffs WHERE contract_id = ?", {id})->i64(0);
    };
    EXPECT_EQ(http::getContract(*kampen_, byId(zwolle_contract)).status, 200);
    const auto suspend = R"({"status":"suspended","reason":"audit"})";
    const auto tariff = R"({"product_code":"02A01","tariff_cents":7000,"valid_from":"2026-07-01"})";
    const auto index = R"({"percentage":"3.5","from":"2026-07-01"})";
    EXPECT_EQ(dbtest::errorCode(
                  [&] { http::changeContractStatus(*kampen_, on(zwolle_contract, suspend)); }),
              "OUT_OF_SCOPE");
    EXPECT_EQ(
        dbtest::errorCode([&] { http::addContractTariff(*kampen_, on(zwolle_contract, tariff)); }),
        "OUT_OF_SCOPE");
    EXPECT_EQ(dbtest::errorCode([&] { http::indexContract(*kampen_, on(zwolle_contract, index)); }),
              "OUT_OF_SCOPE");
    EXPECT_EQ(dbtest::errorCode([&] { http::extendContract(*kampen_, byId(zwolle_contract)); }),
              "OUT_OF_SCOPE");
    EXPECT_EQ(
        conn_->queryOne("SELECT status FROM contracts WHERE id = ?", {zwolle_contract})->str(0),
        "active");
    EXPECT_EQ(tariffs(zwolle_contract), 1);
    EXPECT_EQ(dbtest::errorCode([&] {
                  http::createContract(
                      *kampen_,
                      dbtest::jsonRequest(
                          R"({"provider_id":)" + std::to_string(provider_) +
                          R"(,"municipality_code":"0193","term_start":"2026-01-01",)"
                          R"("term_end":"2028-01-01","status":"active","products":["02A01"]})"));
              }),
              "OUT_OF_SCOPE");

    EXPECT_EQ(http::addContractTariff(*kampen_, on(kampen_contract, tariff)).status, 201);
    EXPECT_EQ(tariffs(kampen_contract), 2);
    EXPECT_EQ(http::changeContractStatus(*kampen_, on(kampen_contract, suspend)).status, 200);
}

// Zwolle's procurement procedure is run by Zwolle's staff: a Kampen contract manager reads it
// but cannot close it for applications, add a lot or a requirement, nor start one in Zwolle's name.
TEST_F(StaffScopeListsTest, AKampenUserCannotRunZwollesProcedure) {
    const auto procedure = [&](app::RequestContext& ctx, const std::string& municipality) {
        return http::createProcedure(
            ctx, dbtest::jsonRequest(R"({"municipality_code":")" + municipality +
                                     R"(","kind":"open","name":"Wmo","term_start":"2026-01-01",)"
                                     R"("term_end":"2030-01-01"})"));
    };
    const auto zwolle = object(procedure(*system_, "0193"))->getValue<std::int64_t>("id");
    const auto on = [&](const std::string& body) {
        return dbtest::jsonRequest(body, {{"id", std::to_string(zwolle)}});
    };
    EXPECT_EQ(http::getProcedure(*kampen_, byId(zwolle)).status, 200);
    EXPECT_EQ(
        dbtest::errorCode([&] { http::setApplicationsOpen(*kampen_, on(R"({"open":false})")); }),
        "OUT_OF_SCOPE");
    EXPECT_EQ(dbtest::errorCode(
                  [&] { http::addLot(*kampen_, on(R"({"name":"Lot 1","products":["02A01"]})")); }),
              "OUT_OF_SCOPE");
    EXPECT_EQ(
        dbtest::errorCode([&] { http::addRequirement(*kampen_, on(R"({"text":"ISO 9001"})")); }),
        "OUT_OF_SCOPE");
    EXPECT_EQ(dbtest::errorCode([&] { procedure(*kampen_, "0193"); }), "OUT_OF_SCOPE");
    EXPECT_EQ(
        conn_->queryOne("SELECT applications_open FROM procedures WHERE id = ?", {zwolle})->i64(0),
        1)
        << "an open procedure stays open for applications";
    EXPECT_EQ(conn_->queryOne("SELECT COUNT(*) FROM procedures")->i64(0), 1);
    EXPECT_EQ(procedure(*kampen_, "0166").status, 201);
}

}  // namespace
}  // namespace zc
