// Clients, access decisions (interfaces/http/clients_api.hpp) and allocations (allocations.hpp)
// called as the HTTP layer calls them, against a migrated scratch database.
#include <gtest/gtest.h>

#include "contracting/app/clients.hpp"
#include "contracting/kernel/errors.hpp"
#include "db/db_test_env.hpp"
#include "interfaces/http/allocations_api.hpp"
#include "interfaces/http/clients_api.hpp"
#include "interfaces/http/contracts_api.hpp"
#include "interfaces/http/message_safety_api.hpp"
#include "interfaces/http/reference_api.hpp"
#include "interfaces/mysql/migrations.hpp"
#include "interfaces/security/crypto.hpp"

namespace zc {
namespace {

using dbtest::actor;
using dbtest::array;
using dbtest::object;

using Poco::JSON::Object;

constexpr const char* kBsn = "123456782";
constexpr std::int64_t kIbTariffCents = 5460;

class ClientsAllocationsTest : public ::testing::Test {
  protected:
    void SetUp() override {
        dbtest::giveRandomBsnKeys(config_);
        conn_ = scratch_.connect();
        db::migrate(*conn_, dbtest::migrationsDir());
        admin_ = context(app::Role::Admin, "admin");
        manager_ = context(app::Role::ContractManager, "cm");
        officer_ = context(app::Role::AccessOfficer, "ao");
        auditor_ = context(app::Role::Auditor, "aud");
        http::createMunicipality(*admin_,
                                 dbtest::jsonRequest(R"({"code":"0193","name":"Zwolle"})"));
        product("02A01", "02", "per_client");
        product("01A01", "01", "per_client");
        product("12A01", "12", "per_client");
        contracted_ = provider("12345670");
        uncontracted_ = provider("12345671");
        contract_ = contract(contracted_, R"(["02A01","12A01"])");
    }

    std::unique_ptr<app::RequestContext> context(app::Role role, const std::string& name,
                                                 std::int64_t provider_id = 0) {
        return std::make_unique<app::RequestContext>(
            app::RequestContext{*conn_, actor(role, name, provider_id), "test", clock_, config_});
    }

    void product(const std::string& code, const std::string& category, const std::string& kind) {
        http::createProduct(
            *admin_,
            dbtest::jsonRequest(R"({"code":")" + code + R"(","category":")" + category +
                                R"(","name":"P","unit":"hours","kind":")" + kind + R"("})"));
    }

    std::int64_t provider(const std::string& agb) {
        return object(http::createProvider(
                          *admin_, dbtest::jsonRequest(R"({"agb":")" + agb +
                                                       R"(","kvk":"12345678","name":"Zorg )" + agb +
                                                       R"(","iban":"NL91ABNA0417164300"})")))
            ->getValue<std::int64_t>("id");
    }

    std::int64_t contract(std::int64_t provider_id, const std::string& products) {
        const std::string body =
            R"({"provider_id":)" + std::to_string(provider_id) +
            R"(,"municipality_code":"0193","term_start":"2025-01-01","term_end":"2028-01-01",)"
            R"("status":"active","products":)" +
            products + R"(,"tariffs":[{"product_code":"02A01","tariff_cents":)" +
            std::to_string(kIbTariffCents) + R"(,"valid_from":"2025-01-01"}]})";
        return object(http::createContract(*manager_, dbtest::jsonRequest(body)))
            ->getValue<std::int64_t>("id");
    }

    std::int64_t createClient(const std::string& bsn = kBsn) {
        const auto res = http::createClient(
            *officer_, dbtest::jsonRequest(R"({"bsn":")" + bsn +
                                           R"(","surname":"Jansen","prefix":"de","initials":"H.",)"
                                           R"("birth_date":"1950-02-03","gender":"1",)"
                                           R"("house_number":"12","postcode":"8011 ab",)"
                                           R"("municipality_code":"0193"})"));
        EXPECT_EQ(res.status, 201);
        return object(res)->getValue<std::int64_t>("id");
    }

    // A decision for 2025-01-06..2025-04-01 with one grant; returns the granted product's id.
    std::int64_t decide(std::int64_t client, std::int64_t number, const std::string& grant) {
        const auto res = http::createDecision(
            *officer_,
            dbtest::jsonRequest(R"({"number":)" + std::to_string(number) +
                                    R"(,"decision_date":"2025-01-02","valid_from":"2025-01-06",)"
                                    R"("valid_to":"2025-04-01","products":[)" +
                                    grant + "]}",
                                {{"id", std::to_string(client)}}));
        return object(res)->getArray("products")->getObject(0)->getValue<std::int64_t>("id");
    }

    static std::string ibWeekly(std::int64_t hours) {
        return R"({"product_code":"02A01","volume":)" + std::to_string(hours) +
               R"(,"unit":"hours","frequency":"week","financing":"ZIN"})";
    }

    http::ApiResponse allocate(std::int64_t granted, std::int64_t provider_id,
                               const std::string& extra = "") {
        return http::queueingWmo301<http::createAllocation>(
            *officer_, dbtest::jsonRequest(R"({"granted_product_id":)" + std::to_string(granted) +
                                           R"(,"provider_id":)" + std::to_string(provider_id) +
                                           R"(,"start_date":"2025-01-06")" + extra + "}"));
    }

    std::int64_t auditCount(const std::string& action) {
        return conn_->queryOne("SELECT COUNT(*) FROM audit_log WHERE action = ?", {action})->i64(0);
    }

    dbtest::ScratchDatabase scratch_;
    std::unique_ptr<db::Connection> conn_;
    SystemClock clock_;
    app::AppConfig config_;
    std::unique_ptr<app::RequestContext> admin_, manager_, officer_, auditor_;
    std::int64_t contracted_ = 0, uncontracted_ = 0, contract_ = 0;
};

TEST_F(ClientsAllocationsTest, BsnIsNeverStoredOrAnsweredInClear) {
    const auto res = http::createClient(
        *officer_, dbtest::jsonRequest(R"({"bsn":")" + std::string(kBsn) +
                                       R"(","surname":"Jansen","birth_date":"1950-02-03",)"
                                       R"("gender":"1","house_number":"3","postcode":"8011AB",)"
                                       R"("municipality_code":"0193"})"));
    ASSERT_EQ(res.status, 201);
    EXPECT_EQ(object(res)->getValue<std::string>("bsn_masked"), "*****6782");
    EXPECT_FALSE(object(res)->has("bsn"));
    for (const auto& r : conn_->query("SELECT * FROM clients")) {
        for (std::size_t i = 0; i < r.size(); ++i) {
            EXPECT_EQ(r.opt(i).value_or("").find(kBsn), std::string::npos) << "column " << i;
        }
    }
    for (const auto& r : conn_->query("SELECT COALESCE(before_json,''), COALESCE(after_json,'')"
                                      " FROM audit_log")) {
        EXPECT_EQ(r.str(0).find(kBsn), std::string::npos);
        EXPECT_EQ(r.str(1).find(kBsn), std::string::npos);
    }
    // What is stored decrypts to the BSN, and the look-up hash finds it.
    const auto id = object(res)->getValue<std::int64_t>("id");
    EXPECT_EQ(contracting::loadClient(*conn_, config_, id)->bsn, kBsn);
    EXPECT_EQ(contracting::findClientIdByBsn(*conn_, config_, kBsn), id);
    EXPECT_FALSE(contracting::findClientIdByBsn(*conn_, config_, "111222333").has_value());
}

TEST_F(ClientsAllocationsTest, RefusesInvalidAndDuplicateBsn) {
    createClient();
    EXPECT_EQ(dbtest::errorCode([&] { createClient(); }), "DUPLICATE_CLIENT");
    EXPECT_EQ(dbtest::errorCode([&] { createClient("123456789"); }), "INVALID_BSN");
    EXPECT_EQ(dbtest::countRows(*conn_, "clients"), 1);
}

TEST_F(ClientsAllocationsTest, EveryClientReadAppendsAnAuditRow) {
    const auto id = createClient();
    const auto before = auditCount("client.read");
    const auto full =
        object(http::getClient(*officer_, dbtest::jsonRequest("{}", {{"id", std::to_string(id)}})));
    EXPECT_EQ(full->getValue<std::string>("bsn"), kBsn);
    EXPECT_EQ(full->getValue<std::string>("postcode"), "8011AB");
    EXPECT_EQ(auditCount("client.read"), before + 1);

    auto manager = context(app::Role::ContractManager, "cm");
    const auto masked =
        object(http::getClient(*manager, dbtest::jsonRequest("{}", {{"id", std::to_string(id)}})));
    EXPECT_FALSE(masked->has("bsn"));
    EXPECT_EQ(masked->getValue<std::string>("bsn_masked"), "*****6782");
    EXPECT_EQ(auditCount("client.read"), before + 2);

    const auto found =
        array(http::listClients(*auditor_, dbtest::jsonRequest("{}", {}, {{"bsn", kBsn}})));
    ASSERT_EQ(found->size(), 1u);
    EXPECT_EQ(auditCount("client.read"), before + 3);
    const auto row = conn_->queryOne(
        "SELECT actor, object_type, object_id, result FROM audit_log WHERE action = 'client.read'"
        " ORDER BY seq DESC LIMIT 1");
    EXPECT_EQ(row->str(0), "aud");
    EXPECT_EQ(row->str(1), "client");
    EXPECT_EQ(row->str(2), std::to_string(id));
    EXPECT_EQ(row->str(3), "ok");
}

TEST_F(ClientsAllocationsTest, PgbMayNotCostMoreThanCareInKind) {
    const auto client = createClient();
    // 100 hours within the validity at the contracted EUR 54.60: care in kind costs EUR 5460.00.
    auto pgb = [&](std::int64_t number, std::int64_t cents) {
        decide(client, number,
               R"({"product_code":"02A01","volume":100,"unit":"hours","frequency":"total",)"
               R"("financing":"PGB","pgb_budget_cents":)" +
                   std::to_string(cents) + "}");
    };
    try {
        pgb(1, 546'001);
        ADD_FAILURE() << "accepted";
    } catch (const ValidationError& e) {
        EXPECT_EQ(e.code(), "PGB_EXCEEDS_ZIN");
        EXPECT_NE(std::string(e.what()).find("5460.01"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("5460.00"), std::string::npos) << e.what();
    }
    EXPECT_EQ(dbtest::countRows(*conn_, "access_decisions"), 0);
    EXPECT_NO_THROW(pgb(2, 546'000));
    // 01A01 has no contracted tariff: nothing to compare with.
    EXPECT_EQ(dbtest::errorCode([&] {
                  decide(client, 3,
                         R"({"product_code":"01A01","volume":10,"unit":"hours",)"
                         R"("frequency":"total","financing":"PGB","pgb_budget_cents":100})");
              }),
              "NO_TARIFF_TO_COMPARE");
}

TEST_F(ClientsAllocationsTest, ChangesAddVersionsAndNeverRewriteEarlierOnes) {
    const auto client = createClient();
    const auto granted = decide(client, 10, ibWeekly(4));
    const auto created = object(allocate(granted, contracted_, R"(,"volume":3)"));
    const auto number = created->getValue<std::int64_t>("number");
    EXPECT_EQ(created->getValue<int>("version"), 1);
    EXPECT_EQ(created->getValue<std::string>("end_date"), "2025-04-01");  // the decision's end
    const std::string v1_query =
        "SELECT number, version, volume, start_date, end_date, reason_change, allocated_at"
        " FROM allocations WHERE number = ? AND version = 1";
    const auto v1_before = conn_->queryOne(v1_query, {number});

    const auto changed = object(http::queueingWmo301<http::changeAllocation>(
        *officer_, dbtest::jsonRequest(R"({"end_date":"2025-03-31","reason_code":"04",)"
                                       R"("provider_consent":{"given_by":"T. Visser",)"
                                       R"("given_on":"2025-02-20"}})",
                                       {{"number", std::to_string(number)}})));
    EXPECT_EQ(changed->getValue<int>("version"), 2);
    EXPECT_EQ(changed->getValue<std::string>("end_date"), "2025-03-31");
    EXPECT_EQ(changed->getArray("versions")->size(), 2u);
    const auto v1_after = conn_->queryOne(v1_query, {number});
    for (std::size_t i = 0; i < v1_before->size(); ++i) {
        EXPECT_EQ(v1_before->opt(i), v1_after->opt(i)) << "column " << i;
    }
    EXPECT_EQ(conn_
                  ->queryOne("SELECT is_current FROM allocations WHERE number = ? AND version = 1",
                             {number})
                  ->i64(0),
              0);

    // Ending it in the past needs the provider's consent (OP186), recorded with the version.
    const auto ended = object(http::queueingWmo301<http::endAllocation>(
        *officer_, dbtest::jsonRequest(R"({"end_date":"2025-03-01","reason_code":"05",)"
                                       R"("provider_consent":{"given_by":"T. Visser",)"
                                       R"("given_on":"2025-02-20"}})",
                                       {{"number", std::to_string(number)}})));
    EXPECT_EQ(ended->getValue<int>("version"), 3);
    EXPECT_EQ(ended->getValue<std::string>("end_date"), "2025-03-01");
    EXPECT_EQ(ended->getValue<std::string>("reason_change"), "05");
    EXPECT_EQ(conn_
                  ->queryOne("SELECT COUNT(*) FROM allocations WHERE number = ? AND is_current = 1",
                             {number})
                  ->i64(0),
              1);
    EXPECT_EQ(auditCount("allocation.create"), 1);
    EXPECT_EQ(auditCount("allocation.change"), 1);
    EXPECT_EQ(auditCount("allocation.end"), 1);

    // The exports for the message layer see the current version.
    const auto view = contracting::allocationByNumber(*conn_, number);
    ASSERT_TRUE(view.has_value());
    EXPECT_EQ(view->version, 3);
    EXPECT_EQ(view->category, "02");
    EXPECT_EQ(view->client_id, client);
    EXPECT_EQ(contracting::currentAllocations(*conn_, client, contracted_).size(), 1u);
    EXPECT_TRUE(contracting::currentAllocations(*conn_, client, uncontracted_).empty());

    // Volume above the grant and the obsolete reason 01 are refused; nothing is added.
    auto change = [&](const std::string& body) {
        http::queueingWmo301<http::changeAllocation>(
            *officer_, dbtest::jsonRequest(body, {{"number", std::to_string(number)}}));
    };
    // A weekly volume changes only from a date, through a new allocation (OP033x1); one above
    // the grant is refused as a whole (the ending version is not kept either).
    EXPECT_EQ(dbtest::errorCode([&] { change(R"({"volume":4,"reason_code":"04"})"); }),
              "VOLUME_CHANGE_NEEDS_DATE");
    EXPECT_EQ(dbtest::errorCode([&] {
                  change(R"({"volume":5,"reason_code":"04","effective_date":"2025-02-03",)"
                         R"("provider_consent":{"given_by":"T. Visser","given_on":"2025-02-20"}})");
              }),
              "VOLUME_EXCEEDS_GRANT");
    EXPECT_EQ(dbtest::errorCode([&] { change(R"({"volume":2,"reason_code":"01"})"); }),
              "INVALID_REASON_CODE");
    EXPECT_EQ(
        conn_->queryOne("SELECT COUNT(*) FROM allocations WHERE number = ?", {number})->i64(0), 3);
}

TEST_F(ClientsAllocationsTest, MessagesWithheldForAClientsSafetyQueueNoWmo301UntilReleased) {
    // OP003: an access officer judges sending the client's data unsafe (a shelter).
    const auto client = createClient();
    const auto granted = decide(client, 11, ibWeekly(4));
    auto wmo301s = [&] {
        return conn_
            ->queryOne(
                "SELECT COUNT(*) FROM outbox_messages WHERE message_code = '414'"
                " AND client_id = ?",
                {client})
            ->i64(0);
    };
    auto safety = [&](const std::string& body) {
        return http::queueingWmo301<http::setMessageSafety>(
            *officer_, dbtest::jsonRequest(body, {{"id", std::to_string(client)}}));
    };
    EXPECT_EQ(dbtest::errorCode([&] { safety(R"({"withhold":true})"); }), "MISSING_FIELD");
    EXPECT_EQ(safety(R"({"withhold":true,"reason":"verblijf in de vrouwenopvang"})").status, 200);

    const auto created = allocate(granted, contracted_, R"(,"volume":3)");
    ASSERT_EQ(created.status, 201);
    EXPECT_EQ(wmo301s(), 0) << "a WMO301 was queued for a client whose messages are withheld";
    EXPECT_EQ(auditCount("message.withheld"), 1);
    // The provider still sees the allocation through the API.
    EXPECT_EQ(contracting::currentAllocations(*conn_, client, contracted_).size(), 1u);
    // Only access officers see why.
    const auto as_officer = object(
        http::getClient(*officer_, dbtest::jsonRequest("{}", {{"id", std::to_string(client)}})));
    EXPECT_TRUE(as_officer->getValue<bool>("messages_withheld"));
    EXPECT_EQ(as_officer->getValue<std::string>("messages_withheld_reason"),
              "verblijf in de vrouwenopvang");
    const auto as_auditor = object(
        http::getClient(*auditor_, dbtest::jsonRequest("{}", {{"id", std::to_string(client)}})));
    EXPECT_TRUE(as_auditor->getValue<bool>("messages_withheld"));
    EXPECT_FALSE(as_auditor->has("messages_withheld_reason"));

    // Released: the provider gets one WMO301 with the current allocation; changes flow again.
    EXPECT_EQ(safety(R"({"withhold":false})").status, 200);
    EXPECT_EQ(wmo301s(), 1);
    EXPECT_EQ(auditCount("client.messages_withheld"), 1);
    EXPECT_EQ(auditCount("client.messages_released"), 1);
    EXPECT_FALSE(object(http::getClient(
                            *officer_, dbtest::jsonRequest("{}", {{"id", std::to_string(client)}})))
                     ->getValue<bool>("messages_withheld"));
}

TEST_F(ClientsAllocationsTest, ProviderWithoutActiveContractIsRefused) {
    const auto client = createClient();
    const auto granted = decide(client, 11, ibWeekly(4));
    EXPECT_EQ(dbtest::errorCode([&] { allocate(granted, uncontracted_); }), "NO_ACTIVE_CONTRACT");
    http::changeContractStatus(*manager_,
                               dbtest::jsonRequest(R"({"status":"suspended","reason":"onderzoek"})",
                                                   {{"id", std::to_string(contract_)}}));
    EXPECT_EQ(dbtest::errorCode([&] { allocate(granted, contracted_); }), "NO_ACTIVE_CONTRACT");
    EXPECT_EQ(dbtest::countRows(*conn_, "allocations"), 0);
    EXPECT_EQ(conn_->queryOne("SELECT last_number FROM allocation_sequence")->i64(0), 0);
}

TEST_F(ClientsAllocationsTest, OverlappingAllocationsOfOneProductAreRefused) {
    const auto client = createClient();
    const auto granted = decide(client, 12, ibWeekly(4));
    const auto first = object(allocate(granted, contracted_, R"(,"end_date":"2025-02-03")"));
    EXPECT_EQ(dbtest::errorCode([&] { allocate(granted, contracted_); }), "ALLOCATION_OVERLAP");
    // Adjacent (on a Monday, so that no week is used twice) is fine, and ToewijzingNummers
    // follow each other (the first has expired: no extension under OP380).
    const auto second = object(http::queueingWmo301<http::createAllocation>(
        *officer_, dbtest::jsonRequest(R"({"granted_product_id":)" + std::to_string(granted) +
                                       R"(,"provider_id":)" + std::to_string(contracted_) +
                                       R"(,"start_date":"2025-02-03"})")));
    EXPECT_EQ(second->getValue<std::int64_t>("number"),
              first->getValue<std::int64_t>("number") + 1);
    EXPECT_EQ(dbtest::errorCode([&] { allocate(granted, contracted_, R"(,"volume":5)"); }),
              "VOLUME_EXCEEDS_GRANT");
    EXPECT_EQ(
        dbtest::errorCode([&] { allocate(granted, contracted_, R"(,"end_date":"2025-05-01")"); }),
        "ALLOCATION_OUTSIDE_DECISION");

    // Category 12 (aids) may be stacked, within what the decision grants.
    const auto aid = decide(client, 13,
                            R"({"product_code":"12A01","volume":2,"unit":"hours",)"
                            R"("frequency":"total","financing":"ZIN"})");
    allocate(aid, contracted_, R"(,"volume":1)");
    EXPECT_EQ(allocate(aid, contracted_, R"(,"volume":1)").status, 201);
    EXPECT_EQ(dbtest::errorCode([&] { allocate(aid, contracted_, R"(,"volume":1)"); }),
              "DECISION_VOLUME_EXCEEDED");
}

TEST_F(ClientsAllocationsTest, PgbIsNotAllocatedAndProvidersSeeOnlyTheirOwn) {
    const auto client = createClient();
    const auto pgb = decide(client, 14,
                            R"({"product_code":"02A01","volume":10,"unit":"hours",)"
                            R"("frequency":"total","financing":"PGB","pgb_budget_cents":1000})");
    EXPECT_EQ(dbtest::errorCode([&] { allocate(pgb, contracted_); }), "PGB_NOT_ALLOCATABLE");
    // A ZIN allocation of the same product may not overlap the PGB either.
    const auto zin = decide(client, 15, ibWeekly(4));
    EXPECT_EQ(dbtest::errorCode([&] { allocate(zin, contracted_); }), "PGB_OVERLAPS_ALLOCATION");

    const auto other = createClient("111222333");
    const auto granted = decide(other, 16, ibWeekly(4));
    const auto number = object(allocate(granted, contracted_))->getValue<std::int64_t>("number");
    auto own = context(app::Role::Provider, "provider:12345670", contracted_);
    auto stranger = context(app::Role::Provider, "provider:12345671", uncontracted_);
    EXPECT_EQ(array(http::listAllocations(*own, dbtest::jsonRequest("{}")))->size(), 1u);
    EXPECT_EQ(array(http::listAllocations(
                        *stranger, dbtest::jsonRequest(
                                       "{}", {}, {{"provider_id", std::to_string(contracted_)}})))
                  ->size(),
              0u);
    EXPECT_EQ(dbtest::errorCode([&] {
                  http::getAllocation(
                      *stranger, dbtest::jsonRequest("{}", {{"number", std::to_string(number)}}));
              }),
              "NOT_FOUND");
}

}  // namespace
}  // namespace zc
