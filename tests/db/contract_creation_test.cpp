// Creating contracts and deciding applications (interfaces/http/contracts_api.hpp,
// interfaces/http/procedures_api.hpp) against a migrated scratch database: the audit row's
// after is exactly the JSON the API answers, a request's errors come in the order of the checks,
// and an admission makes a framework contract with the procedure's tariffs.
#include <gtest/gtest.h>

#include "contracting/kernel/errors.hpp"
#include "db/db_test_env.hpp"
#include "interfaces/http/contracts_api.hpp"
#include "interfaces/http/json_output.hpp"
#include "interfaces/http/procedures_api.hpp"
#include "interfaces/http/reference_api.hpp"
#include "interfaces/mysql/migrations.hpp"
#include "interfaces/security/audit_trail.hpp"

namespace zc {
namespace {

using dbtest::actor;
using dbtest::errorCode;
using dbtest::jsonRequest;
using dbtest::object;

class ContractCreationTest : public ::testing::Test {
  protected:
    void SetUp() override {
        conn_ = scratch_.connect();
        db::migrate(*conn_, dbtest::migrationsDir());
        admin_ = context(app::Role::Admin, "tester", 0);
        manager_ = context(app::Role::ContractManager, "manager", 0);
        http::createMunicipality(*admin_, jsonRequest(R"({"code":"0363","name":"Amsterdam"})"));
        for (const char* code : {"02A01", "02A02"}) {
            http::createProduct(*admin_, jsonRequest(std::string(R"({"code":")") + code +
                                                     R"(","category":"02","name":"Begeleiding",)"
                                                     R"("unit":"hours","kind":"per_client"})"));
        }
        lead_ = createProvider("11111111");
        member_ = createProvider("12345678");
    }

    std::unique_ptr<app::RequestContext> context(app::Role role, const std::string& name,
                                                 std::int64_t provider) {
        return std::make_unique<app::RequestContext>(
            app::RequestContext{*conn_, actor(role, name, provider), "test", clock_, config_});
    }

    std::int64_t createProvider(const std::string& agb) {
        return object(http::createProvider(*admin_,
                                           jsonRequest(R"({"agb":")" + agb +
                                                       R"(","kvk":"12345678","name":"Zorg )" + agb +
                                                       R"(","iban":"NL91ABNA0417164300",)"
                                                       R"("contact_email":"info@example.nl"})")))
            ->getValue<std::int64_t>("id");
    }

    // The after of the newest audit row of this action on the object.
    std::string auditAfter(const std::string& action, const std::string& type, std::int64_t id) {
        security::AuditFilter f;
        f.action = action;
        f.object_type = type;
        f.object_id = std::to_string(id);
        const auto rows = security::auditRows(*conn_, f);
        EXPECT_FALSE(rows.empty()) << action;
        return rows.empty() ? "" : rows.front().after.value_or("");
    }

    std::int64_t num(const http::ApiResponse& r, const std::string& key) {
        return object(r)->getValue<std::int64_t>(key);
    }

    dbtest::ScratchDatabase scratch_;
    std::unique_ptr<db::Connection> conn_;
    SystemClock clock_;
    app::AppConfig config_;
    std::unique_ptr<app::RequestContext> admin_;
    std::unique_ptr<app::RequestContext> manager_;
    std::int64_t lead_ = 0;
    std::int64_t member_ = 0;
};

TEST_F(ContractCreationTest, TheAuditRowsOfNewContractsAreWhatTheApiAnswers) {
    const auto framework = http::createContract(
        *manager_,
        jsonRequest(R"({"provider_id":)" + std::to_string(lead_) +
                    R"(,"municipality_code":"0363","term_start":"2026-01-01",)"
                    R"("term_end":"2028-01-01","products":["02A02","02A01","02A01"],)"
                    R"("spending_ceiling_cents":500000,"extension_options":2,)"
                    R"("extension_months":12,"status":"active","tariffs":[)"
                    R"({"product_code":"02A01","tariff_cents":6580,"valid_from":"2026-01-01"},)"
                    R"({"product_code":"02A02","tariff_cents":7000,"valid_from":"2026-01-01",)"
                    R"("valid_to":"2027-01-01","reason":"offerte \"A\""}]})"));
    ASSERT_EQ(framework.status, 201);
    const auto id = num(framework, "id");
    EXPECT_EQ(object(framework)->getArray("products")->size(), 2u);
    EXPECT_EQ(auditAfter("contract.create", "contract", id), http::toJson(framework.body));

    const auto tariff = http::addContractTariff(
        *manager_, jsonRequest(R"({"product_code":"02A01","tariff_cents":6700,)"
                               R"("valid_from":"2027-01-01"})",
                               {{"id", std::to_string(id)}}));
    ASSERT_EQ(tariff.status, 201);
    EXPECT_EQ(object(tariff)->getValue<std::string>("unit"), "hours");
    EXPECT_EQ(auditAfter("contract.add_tariff", "contract", id), http::toJson(tariff.body));

    const auto budget = http::createBudgetContract(
        *manager_, jsonRequest(R"({"lead_provider_id":)" + std::to_string(lead_) +
                               R"(,"member_provider_ids":[)" + std::to_string(member_) + "," +
                               std::to_string(lead_) +
                               R"(],"municipality_code":"0363","term_start":"2026-01-01",)"
                               R"("term_end":"2027-01-01","products":["02A01"],)"
                               R"("settlement_rule":"cap_at_advances",)"
                               R"("budgets":[{"year":2026,"budget_cents":1200007}],)"
                               R"("performance_agreements":[{"indicator":"Wachttijd","target":28,)"
                               R"("unit":"dagen"}]})"));
    ASSERT_EQ(budget.status, 201);
    const auto budget_id = num(budget, "id");
    EXPECT_EQ(object(budget)->getArray("coalition")->size(), 2u);
    EXPECT_EQ(object(budget)->getValue<std::string>("settlement_rule"), "cap_at_advances");
    EXPECT_EQ(auditAfter("contract.create", "contract", budget_id), http::toJson(budget.body));
}

TEST_F(ContractCreationTest, TheLookUpsComeBeforeTheFieldsReadAfterThem) {
    const std::string unknown = std::to_string(lead_ + member_ + 100);
    const std::string common = R"("municipality_code":"0363","term_start":"2026-01-01",)"
                               R"("term_end":"2027-01-01","products":["02A01"])";
    // An unknown provider wins over a bad status, which is read only afterwards.
    EXPECT_EQ(errorCode([&] {
                  http::createContract(*manager_,
                                       jsonRequest(R"({"provider_id":)" + unknown + "," + common +
                                                   R"(,"status":"terminated"})"));
              }),
              "UNKNOWN_PROVIDER");
    EXPECT_EQ(errorCode([&] {
                  http::createContract(
                      *manager_, jsonRequest(R"({"provider_id":)" + std::to_string(lead_) + "," +
                                             common + R"(,"status":"terminated"})"));
              }),
              "ILLEGAL_STATUS_CHANGE");
    // A tariff's product outside the contract wins over its missing amount.
    EXPECT_EQ(errorCode([&] {
                  http::createContract(
                      *manager_, jsonRequest(R"({"provider_id":)" + std::to_string(lead_) + "," +
                                             common + R"(,"tariffs":[{"product_code":"02A02"}]})"));
              }),
              "PRODUCT_NOT_IN_CONTRACT");
    // A budget contract: an unknown member wins over a bad settlement rule and bad budgets.
    const std::string budget_common =
        common + R"(,"settlement_rule":"whatever","budgets":[{"year":2030,"budget_cents":1}])";
    EXPECT_EQ(errorCode([&] {
                  http::createBudgetContract(
                      *manager_, jsonRequest(R"({"lead_provider_id":)" + std::to_string(lead_) +
                                             R"(,"member_provider_ids":[)" + unknown + "]," +
                                             budget_common + "}"));
              }),
              "UNKNOWN_PROVIDER");
    EXPECT_EQ(errorCode([&] {
                  http::createBudgetContract(
                      *manager_,
                      jsonRequest(R"({"lead_provider_id":)" + std::to_string(lead_) +
                                  R"(,"member_provider_ids":[],)" + budget_common + "}"));
              }),
              "INVALID_SETTLEMENT_RULE");
    EXPECT_EQ(dbtest::countRows(*conn_, "contracts"), 0);
}

TEST_F(ContractCreationTest, AnAdmissionMakesAFrameworkContractWithTheProceduresTariffs) {
    const auto proc =
        num(http::createProcedure(*manager_, jsonRequest(R"({"municipality_code":"0363",)"
                                                         R"("kind":"open","name":"Jeugdhulp",)"
                                                         R"("term_start":"2020-01-01",)"
                                                         R"("term_end":"2099-01-01"})")),
            "id");
    const std::map<std::string, std::string> at{{"id", std::to_string(proc)}};
    const auto lot = num(
        http::addLot(*manager_, jsonRequest(R"({"name":"Perceel 1","products":["02A01"]})", at)),
        "id");
    const auto req = num(
        http::addRequirement(*manager_, jsonRequest(R"({"text":"Kwaliteitskeurmerk"})", at)), "id");
    http::addProcedureTariff(
        *manager_,
        jsonRequest(R"({"product_code":"02A01","tariff_cents":6580,"valid_from":"2020-01-01"})",
                    at));
    auto provider = context(app::Role::Provider, "provider:11111111", lead_);
    const auto application =
        num(http::submitApplication(
                *provider, jsonRequest(R"({"lots":[)" + std::to_string(lot) +
                                           R"(],"answers":[{"requirement_id":)" +
                                           std::to_string(req) + R"(,"answer":"Sinds 2019"}]})",
                                       at)),
            "id");
    const std::map<std::string, std::string> app_at{{"id", std::to_string(application)}};
    EXPECT_EQ(errorCode([&] {
                  http::decideApplication(*manager_,
                                          jsonRequest(R"({"decision":"admit"})", app_at));
              }),
              "REQUIREMENTS_NOT_MET");
    http::assessRequirement(
        *manager_,
        jsonRequest(R"({"requirement_id":)" + std::to_string(req) + R"(,"met":true})", app_at));
    const auto admitted =
        http::decideApplication(*manager_, jsonRequest(R"({"decision":"admit"})", app_at));
    ASSERT_EQ(admitted.status, 200);
    EXPECT_EQ(object(admitted)->getValue<std::string>("status"), "admitted");
    EXPECT_EQ(object(admitted)->getValue<std::string>("decided_by"), "manager");
    EXPECT_EQ(auditAfter("application.admit", "application", application),
              http::toJson(admitted.body));
    const auto contracts = object(admitted)->getArray("contracts");
    ASSERT_EQ(contracts->size(), 1u);
    const auto contract_id = contracts->getElement<std::int64_t>(0);
    const auto contract =
        http::getContract(*manager_, jsonRequest("{}", {{"id", std::to_string(contract_id)}}));
    EXPECT_EQ(object(contract)->getValue<std::string>("status"), "active");
    EXPECT_EQ(object(contract)->getValue<std::int64_t>("lot_id"), lot);
    const auto tariffs = object(contract)->getArray("tariffs");
    ASSERT_EQ(tariffs->size(), 1u);
    EXPECT_EQ(tariffs->getObject(0)->getValue<std::string>("valid_from"),
              formatDate(clock_.today()));
    EXPECT_EQ(tariffs->getObject(0)->getValue<std::string>("reason"), "from procedure");
    EXPECT_EQ(auditAfter("contract.create", "contract", contract_id), http::toJson(contract.body));
    // Decided once.
    EXPECT_EQ(errorCode([&] {
                  http::decideApplication(
                      *manager_, jsonRequest(R"({"decision":"reject","reason":"x"})", app_at));
              }),
              "APPLICATION_DECIDED");
}

}  // namespace
}  // namespace zc
