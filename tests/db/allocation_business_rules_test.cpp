// Issue 11: allocations and what we send follow the business rules — through the real use cases
// (interfaces/http/allocations_api.hpp, interfaces/http/clients_api.hpp) against a
// migrated scratch database, on a fixed day (2025-03-10, a Monday) so that "the past" is stable:
// OP087 (what a WMO301 carries), OP186/OP298/OP299 (provider consent for retroactive changes),
// OP380 (extension keeps the ToewijzingNummer), the decision's volume across its allocations,
// CS338/CS343 and etmalen within calendar days.
#include <gtest/gtest.h>

#include <set>

#include "contracting/kernel/errors.hpp"
#include "db/db_test_env.hpp"
#include "interfaces/http/allocations_api.hpp"
#include "interfaces/http/clients_api.hpp"
#include "interfaces/http/contracts_api.hpp"
#include "interfaces/http/reference_api.hpp"
#include "interfaces/mysql/migrations.hpp"
#include "interfaces/security/crypto.hpp"
#include "interfaces/security/message_protection.hpp"

namespace zc {
namespace {

using dbtest::object;

class FixedClock : public Clock {
  public:
    explicit FixedClock(const char* day)
        : at_(std::chrono::sys_days{parseDate(day)} + std::chrono::hours{12}) {}
    std::chrono::system_clock::time_point now() const override { return at_; }

  private:
    std::chrono::system_clock::time_point at_;
};

constexpr const char* kToday = "2025-03-10";
constexpr const char* kConsent =
    R"("provider_consent":{"given_by":"J. de Boer, teamleider","given_on":"2025-03-07"})";

class AllocationBusinessRulesTest : public ::testing::Test {
  protected:
    void SetUp() override {
        dbtest::giveRandomBsnKeys(config_);
        conn_ = scratch_.connect();
        db::migrate(*conn_, dbtest::migrationsDir());
        admin_ = context(app::Role::Admin, "admin");
        manager_ = context(app::Role::ContractManager, "cm");
        officer_ = context(app::Role::AccessOfficer, "ao");
        http::createMunicipality(*admin_,
                                 dbtest::jsonRequest(R"({"code":"0193","name":"Zwolle"})"));
        product("02A01", "02", "hours");
        product("15A01", "15", "days_24h");
        product("12A01", "12", "pieces");
        first_ = provider("12345670");
        second_ = provider("12345671");
        contract(first_);
        contract(second_);
        client_ = createClient("123456782");
    }

    std::unique_ptr<app::RequestContext> context(app::Role role, const std::string& name) {
        return std::make_unique<app::RequestContext>(
            app::RequestContext{*conn_, dbtest::actor(role, name), "test", clock_, config_});
    }

    void product(const std::string& code, const std::string& category, const std::string& unit) {
        http::createProduct(
            *admin_,
            dbtest::jsonRequest(R"({"code":")" + code + R"(","category":")" + category +
                                R"(","name":"P","unit":")" + unit + R"(","kind":"per_client"})"));
    }

    std::int64_t provider(const std::string& agb) {
        return object(http::createProvider(
                          *admin_, dbtest::jsonRequest(R"({"agb":")" + agb +
                                                       R"(","kvk":"12345678","name":"Zorg )" + agb +
                                                       R"(","iban":"NL91ABNA0417164300"})")))
            ->getValue<std::int64_t>("id");
    }

    void contract(std::int64_t provider_id) {
        http::createContract(
            *manager_,
            dbtest::jsonRequest(
                R"({"provider_id":)" + std::to_string(provider_id) +
                R"(,"municipality_code":"0193","term_start":"2024-01-01","term_end":"2028-01-01",)"
                R"("status":"active","products":["02A01","15A01","12A01"],"tariffs":[]})"));
    }

    std::int64_t createClient(const std::string& bsn) {
        return object(http::createClient(
                          *officer_, dbtest::jsonRequest(
                                         R"({"bsn":")" + bsn +
                                         R"(","surname":"Jansen","birth_date":"1950-02-03",)"
                                         R"("gender":"1","house_number":"12","postcode":"8011AB",)"
                                         R"("municipality_code":"0193"})")))
            ->getValue<std::int64_t>("id");
    }

    // A decision from 2025-01-06 (Monday) up to 2025-04-01 with one grant; the grant's id.
    std::int64_t decide(const std::string& grant, const std::string& valid_to = "2025-04-01",
                        std::int64_t client = 0) {
        const auto res = http::createDecision(
            *officer_, dbtest::jsonRequest(R"({"number":)" + std::to_string(++decision_number_) +
                                               R"(,"decision_date":"2025-01-02",)"
                                               R"("valid_from":"2025-01-06","valid_to":")" +
                                               valid_to + R"(","products":[)" + grant + "]}",
                                           {{"id", std::to_string(client ? client : client_)}}));
        return object(res)->getArray("products")->getObject(0)->getValue<std::int64_t>("id");
    }

    static std::string ibWeekly(std::int64_t hours) {
        return R"({"product_code":"02A01","volume":)" + std::to_string(hours) +
               R"(,"unit":"hours","frequency":"week","financing":"ZIN"})";
    }

    Poco::JSON::Object::Ptr allocate(std::int64_t granted, std::int64_t provider_id,
                                     const std::string& start, const std::string& extra = "") {
        return object(http::queueingWmo301<http::createAllocation>(
            *officer_, dbtest::jsonRequest(R"({"granted_product_id":)" + std::to_string(granted) +
                                           R"(,"provider_id":)" + std::to_string(provider_id) +
                                           R"(,"start_date":")" + start + "\"" + extra + "}")));
    }

    Poco::JSON::Object::Ptr change(std::int64_t number, const std::string& body) {
        return object(http::queueingWmo301<http::changeAllocation>(
            *officer_, dbtest::jsonRequest(body, {{"number", std::to_string(number)}})));
    }

    Poco::JSON::Object::Ptr end(std::int64_t number, const std::string& body) {
        return object(http::queueingWmo301<http::endAllocation>(
            *officer_, dbtest::jsonRequest(body, {{"number", std::to_string(number)}})));
    }

    std::int64_t count(const std::string& sql) { return conn_->queryOne(sql)->i64(0); }

    // The ToewijzingNummers the newest WMO301 to the provider carries.
    std::set<std::int64_t> lastWmo301(std::int64_t provider_id) {
        const auto r = conn_->queryOne(
            "SELECT xml FROM outbox_messages WHERE provider_id = ? AND message_code = '414'"
            " ORDER BY id DESC LIMIT 1",
            {provider_id});
        std::set<std::int64_t> out;
        if (!r) return out;
        const std::string xml = security::openMessageBody(config_, r->str(0));
        const std::string tag = "<wmo301:ToewijzingNummer>";
        for (auto at = xml.find(tag); at != std::string::npos; at = xml.find(tag, at + 1)) {
            out.insert(
                std::stoll(xml.substr(at + tag.size(), xml.find('<', at + 1) - at - tag.size())));
        }
        return out;
    }

    std::int64_t wmo301Count(std::int64_t provider_id) {
        return conn_
            ->queryOne(
                "SELECT COUNT(*) FROM outbox_messages WHERE provider_id = ?"
                " AND message_code = '414'",
                {provider_id})
            ->i64(0);
    }

    // Everything a refused request could have touched.
    std::string snapshot() {
        return std::to_string(count("SELECT COUNT(*) FROM allocations")) + "/" +
               std::to_string(count("SELECT COALESCE(SUM(is_current),0) FROM allocations")) + "/" +
               std::to_string(count("SELECT last_number FROM allocation_sequence")) + "/" +
               std::to_string(count("SELECT COUNT(*) FROM outbox_messages")) + "/" +
               std::to_string(count("SELECT COUNT(*) FROM access_decisions")) + "/" +
               std::to_string(count("SELECT COUNT(*) FROM audit_log"));
    }

    dbtest::ScratchDatabase scratch_;
    std::unique_ptr<db::Connection> conn_;
    FixedClock clock_{kToday};
    app::AppConfig config_;
    std::unique_ptr<app::RequestContext> admin_, manager_, officer_;
    std::int64_t first_ = 0, second_ = 0, client_ = 0, decision_number_ = 500;
};

// --- OP087 -------------------------------------------------------------------------------

TEST_F(AllocationBusinessRulesTest, Wmo301LeavesOutAllocationsEndedAndSentBefore) {
    const auto granted = decide(ibWeekly(4));
    // Ended before today, never sent yet: the first WMO301 carries it ("changed").
    const auto a = allocate(granted, first_, "2025-01-06", R"(,"end_date":"2025-02-03")");
    const auto na = a->getValue<std::int64_t>("number");
    EXPECT_EQ(lastWmo301(first_), std::set<std::int64_t>{na});
    // The next WMO301 carries the running allocation only: the provider knows A ended.
    const auto nb = allocate(granted, first_, "2025-02-03", R"(,"end_date":"2025-03-24")")
                        ->getValue<std::int64_t>("number");
    EXPECT_EQ(lastWmo301(first_), std::set<std::int64_t>{nb});
    // Ending B in the past (with consent): B changed since the last message, so it goes along.
    end(nb, std::string(R"({"end_date":"2025-03-03","reason_code":"05",)") + kConsent + "}");
    EXPECT_EQ(lastWmo301(first_), std::set<std::int64_t>{nb});
    // A later allocation: neither A nor B (both ended and sent) is carried any more.
    const auto nc =
        allocate(granted, first_, "2025-03-10", R"(,"volume":3)")->getValue<std::int64_t>("number");
    EXPECT_EQ(lastWmo301(first_), std::set<std::int64_t>{nc});
    // Which versions each message carried is recorded.
    EXPECT_EQ(count("SELECT COUNT(*) FROM wmo301_allocations"), 4);
    // A withdrawn future allocation (13) goes along once, then no more.
    const auto later = decide(R"({"product_code":"15A01","volume":7,"unit":"days_24h",)"
                              R"("frequency":"week","financing":"ZIN"})");
    const auto nd = allocate(later, first_, "2025-03-17")->getValue<std::int64_t>("number");
    end(nd, R"({"end_date":"2025-03-17","reason_code":"13"})");
    EXPECT_EQ(lastWmo301(first_), (std::set<std::int64_t>{nc, nd}));
    // A weekly volume changes from a date (OP033x1): C ends there and a new allocation E
    // carries the new volume; the WMO301 carries both.
    const auto ne = change(nc, R"({"volume":4,"reason_code":"04","effective_date":"2025-03-17"})")
                        ->getValue<std::int64_t>("number");
    EXPECT_EQ(lastWmo301(first_), (std::set<std::int64_t>{nc, ne}));
}

// --- OP186 / OP298 / OP299 ----------------------------------------------------------------

TEST_F(AllocationBusinessRulesTest, RetroactiveChangesNeedTheProvidersConsent) {
    // A volume in total over the allocation period, the only one changed in place (OP033x1).
    const auto granted = decide(R"({"product_code":"02A01","volume":4,"unit":"hours",)"
                                R"("frequency":"total","financing":"ZIN"})");
    const auto number =
        allocate(granted, first_, "2025-01-06", R"(,"volume":3)")->getValue<std::int64_t>("number");
    const auto before = snapshot();
    auto refused = [&](const std::function<void()>& f) {
        const auto code = dbtest::errorCode(f);
        EXPECT_EQ(snapshot(), before) << "a refused change left traces";
        return code;
    };
    // Lowering the volume that applied since 2025-01-06 (OP298/OP299).
    EXPECT_EQ(refused([&] { change(number, R"({"volume":2,"reason_code":"05"})"); }),
              "PROVIDER_CONSENT_REQUIRED");
    // Ending it before today (OP186): Einddatum 2025-03-09 is yesterday.
    EXPECT_EQ(refused([&] { end(number, R"({"end_date":"2025-03-10","reason_code":"05"})"); }),
              "PROVIDER_CONSENT_REQUIRED");
    EXPECT_EQ(refused([&] { change(number, R"({"end_date":"2025-02-01","reason_code":"05"})"); }),
              "PROVIDER_CONSENT_REQUIRED");
    // A consent must say who and when, not in the future.
    EXPECT_EQ(refused([&] {
                  change(number, R"({"volume":2,"reason_code":"05","provider_consent":{}})");
              }),
              "INVALID_PROVIDER_CONSENT");
    EXPECT_EQ(refused([&] {
                  change(number, R"({"volume":2,"reason_code":"05","provider_consent":)"
                                 R"({"given_by":"J. de Boer","given_on":"2025-03-11"}})");
              }),
              "INVALID_PROVIDER_CONSENT");
    EXPECT_EQ(refused([&] {
                  change(number, R"({"volume":2,"reason_code":"05","provider_consent":"yes"})");
              }),
              "INVALID_PROVIDER_CONSENT");

    // Raising the volume and ending from today on need no consent.
    EXPECT_EQ(change(number, R"({"volume":4,"reason_code":"04"})")->getValue<int>("version"), 2);
    EXPECT_FALSE(
        change(number, R"({"end_date":"2025-03-11","reason_code":"05"})")->has("provider_consent"));

    // With consent the change is made; the consent is kept with the version and audited.
    const auto lowered =
        change(number, std::string(R"({"volume":3,"reason_code":"05",)") + kConsent + "}");
    EXPECT_EQ(lowered->getValue<int>("version"), 4);
    EXPECT_EQ(lowered->getObject("provider_consent")->getValue<std::string>("given_by"),
              "J. de Boer, teamleider");
    EXPECT_EQ(lowered->getObject("provider_consent")->getValue<std::string>("given_on"),
              "2025-03-07");
    const auto row = conn_->queryOne(
        "SELECT consent_given_by, consent_given_on FROM allocations WHERE number = ? AND"
        " version = 4",
        {number});
    EXPECT_EQ(row->str(0), "J. de Boer, teamleider");
    EXPECT_EQ(row->str(1), "2025-03-07");
    const auto audit = conn_->queryOne(
        "SELECT after_json FROM audit_log WHERE action = 'allocation.change' ORDER BY seq DESC"
        " LIMIT 1");
    EXPECT_NE(audit->str(0).find("J. de Boer, teamleider"), std::string::npos) << audit->str(0);
    const auto ended = end(
        number, std::string(R"({"end_date":"2025-02-01","reason_code":"05",)") + kConsent + "}");
    EXPECT_EQ(ended->getValue<std::string>("end_date"), "2025-02-01");
}

// --- OP033x1 -----------------------------------------------------------------------------

TEST_F(AllocationBusinessRulesTest, AWeeklyVolumeChangesFromADateThroughANewAllocation) {
    const auto granted = decide(ibWeekly(4));
    const auto number =
        allocate(granted, first_, "2025-01-06", R"(,"volume":3)")->getValue<std::int64_t>("number");
    const auto messages = wmo301Count(first_);
    const auto before = snapshot();
    EXPECT_EQ(dbtest::errorCode([&] { change(number, R"({"volume":4,"reason_code":"04"})"); }),
              "VOLUME_CHANGE_NEEDS_DATE");
    EXPECT_EQ(dbtest::errorCode([&] {
                  change(number,
                         R"({"volume":4,"reason_code":"04","effective_date":"2025-04-01"})");
              }),
              "INVALID_EFFECTIVE_DATE");
    EXPECT_EQ(snapshot(), before);

    // From 2025-03-17 on: the allocation ends there, a new one carries 4 hours a week.
    const auto next =
        change(number, R"({"volume":4,"reason_code":"04","effective_date":"2025-03-17"})");
    const auto next_number = next->getValue<std::int64_t>("number");
    EXPECT_NE(next_number, number);
    EXPECT_EQ(next->getValue<std::int64_t>("replaces"), number);
    EXPECT_EQ(next->getValue<std::int64_t>("volume"), 4);
    EXPECT_EQ(next->getValue<std::string>("start_date"), "2025-03-17");
    EXPECT_EQ(next->getValue<std::string>("end_date"), "2025-04-01");
    const auto ended = contracting::allocationByNumber(*conn_, number);
    EXPECT_EQ(ended->volume, 3) << "the care already given keeps its volume";
    EXPECT_EQ(formatDate(*ended->end_date), "2025-03-17");
    EXPECT_EQ(ended->version, 2);
    EXPECT_EQ(wmo301Count(first_), messages + 1) << "one WMO301 carries both";
    EXPECT_EQ(lastWmo301(first_), (std::set<std::int64_t>{number, next_number}));
}

// --- OP380 -------------------------------------------------------------------------------

TEST_F(AllocationBusinessRulesTest, UnchangedRunningAllocationIsExtendedNotRenumbered) {
    const auto granted = decide(ibWeekly(4));
    const auto first = allocate(granted, first_, "2025-01-06", R"(,"end_date":"2025-03-17")");
    const auto number = first->getValue<std::int64_t>("number");
    const auto issued = count("SELECT last_number FROM allocation_sequence");

    const auto extended = allocate(granted, first_, "2025-03-17", R"(,"end_date":"2025-04-01")");
    EXPECT_EQ(extended->getValue<std::int64_t>("number"), number);
    EXPECT_EQ(extended->getValue<int>("version"), 2);
    EXPECT_TRUE(extended->getValue<bool>("extended"));
    EXPECT_EQ(extended->getValue<std::string>("start_date"), "2025-01-06");
    EXPECT_EQ(extended->getValue<std::string>("end_date"), "2025-04-01");
    EXPECT_EQ(extended->getValue<std::string>("reason_change"), "04");
    EXPECT_EQ(count("SELECT last_number FROM allocation_sequence"), issued);
    EXPECT_EQ(count("SELECT COUNT(*) FROM allocations WHERE is_current = 1"), 1);
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'allocation.extend'"), 1);
    EXPECT_EQ(lastWmo301(first_), std::set<std::int64_t>{number});

    // Another volume is a new allocation (IV093); so is another provider.
    const auto granted2 = decide(ibWeekly(4), "2025-06-02", createClient("111222333"));
    const auto a = allocate(granted2, first_, "2025-01-06", R"(,"end_date":"2025-03-17")")
                       ->getValue<std::int64_t>("number");
    const auto other =
        allocate(granted2, first_, "2025-03-17", R"(,"volume":3,"end_date":"2025-04-14")");
    EXPECT_NE(other->getValue<std::int64_t>("number"), a);
    EXPECT_FALSE(other->has("extended"));
    const auto switched = allocate(granted2, second_, "2025-04-14", R"(,"volume":3)");
    EXPECT_NE(switched->getValue<std::int64_t>("number"), other->getValue<std::int64_t>("number"));
}

TEST_F(AllocationBusinessRulesTest, ExpiredAllocationGetsANewNumber) {
    const auto granted = decide(ibWeekly(4));
    // Its Einddatum 2025-03-09 lies before today: expired, so a continuation is a new allocation.
    const auto number = allocate(granted, first_, "2025-01-06", R"(,"end_date":"2025-03-10")")
                            ->getValue<std::int64_t>("number");
    const auto next = allocate(granted, first_, "2025-03-10");
    EXPECT_EQ(next->getValue<std::int64_t>("number"), number + 1);
    EXPECT_EQ(next->getValue<int>("version"), 1);
}

// --- the decision's volume across its allocations ---------------------------------------

TEST_F(AllocationBusinessRulesTest, AllocationsOfOneDecisionStayWithinTheGrant) {
    // 4 hours a week, 2025-01-06 up to 2025-04-01: 13 ISO weeks, 52 hours.
    const auto granted = decide(ibWeekly(4));
    const auto a = allocate(granted, first_, "2025-01-06", R"(,"end_date":"2025-03-05")")
                       ->getValue<std::int64_t>("number");
    // The client switches provider on Wednesday 2025-03-05: week 10 would be allowed twice in
    // full (36 + 20 = 56 hours > 52).
    const auto before = snapshot();
    try {
        allocate(granted, second_, "2025-03-05");
        ADD_FAILURE() << "accepted";
    } catch (const ValidationError& e) {
        EXPECT_EQ(e.code(), "DECISION_VOLUME_EXCEEDED");
        EXPECT_EQ(e.field(), "volume");
        EXPECT_NE(std::string(e.what()).find("56 hours"), std::string::npos) << e.what();
    }
    EXPECT_EQ(snapshot(), before);
    // At 3 hours a week it fits (36 + 15 = 51).
    const auto b = allocate(granted, second_, "2025-03-05", R"(,"volume":3)")
                       ->getValue<std::int64_t>("number");
    // Raising it to 4 from its start (a new allocation replacing B, OP033x1; in the past, so
    // with the provider's consent) is refused as well; lowering A's end is always allowed.
    const std::string raise_b =
        std::string(R"({"volume":4,"reason_code":"04","effective_date":"2025-03-05",)") + kConsent +
        "}";
    EXPECT_EQ(dbtest::errorCode([&] { change(b, raise_b); }), "DECISION_VOLUME_EXCEEDED");
    EXPECT_EQ(
        change(a, std::string(R"({"end_date":"2025-03-03","reason_code":"09",)") + kConsent + "}")
            ->getValue<int>("version"),
        2);
    // Now A ends on Monday 2025-03-03 (weeks 2..9, 32 hours): B may have 4 hours (32 + 20).
    const auto c = change(b, raise_b);
    EXPECT_EQ(c->getValue<std::int64_t>("volume"), 4);
    EXPECT_EQ(c->getValue<std::int64_t>("replaces"), b);
    EXPECT_EQ(contracting::allocationByNumber(*conn_, b)->reason_change,
              std::optional<std::string>("13"));
}

// --- CS338 / CS343 and etmalen -----------------------------------------------------------

TEST_F(AllocationBusinessRulesTest, UnitsAndFrequenciesAreEnforcedWhenGrantingAndAllocating) {
    const auto before = snapshot();
    auto grant = [&](const std::string& g) { decide(g); };
    EXPECT_EQ(dbtest::errorCode([&] {
                  grant(R"({"product_code":"15A01","volume":8,"unit":"days_24h",)"
                        R"("frequency":"week","financing":"ZIN"})");
              }),
              "VOLUME_EXCEEDS_CALENDAR_DAYS");
    EXPECT_EQ(dbtest::errorCode([&] {
                  grant(R"({"product_code":"15A01","volume":1,"unit":"days_24h",)"
                        R"("frequency":"day","financing":"ZIN"})");
              }),
              "UNIT_FREQUENCY_NOT_ALLOWED");
    EXPECT_EQ(dbtest::errorCode([&] {
                  grant(R"({"product_code":"12A01","volume":1,"unit":"pieces",)"
                        R"("frequency":"day","financing":"ZIN"})");
              }),
              "UNIT_FREQUENCY_NOT_ALLOWED");
    // 2025-01-06 up to 2025-04-01 has 85 days.
    EXPECT_EQ(dbtest::errorCode([&] {
                  grant(R"({"product_code":"15A01","volume":86,"unit":"days_24h",)"
                        R"("frequency":"total","financing":"ZIN"})");
              }),
              "VOLUME_EXCEEDS_CALENDAR_DAYS");
    EXPECT_EQ(snapshot(), before);

    // 80 etmalen in total is within the decision, but not within an allocation of 31 days.
    const auto granted = decide(R"({"product_code":"15A01","volume":80,"unit":"days_24h",)"
                                R"("frequency":"total","financing":"ZIN"})");
    const auto granted_weekly = decide(R"({"product_code":"15A01","volume":7,"unit":"days_24h",)"
                                       R"("frequency":"week","financing":"ZIN"})");
    EXPECT_GT(granted_weekly, 0);
    const auto with_decisions = snapshot();
    try {
        allocate(granted, first_, "2025-03-01", R"(,"volume":40)");
        ADD_FAILURE() << "accepted";
    } catch (const ValidationError& e) {
        EXPECT_EQ(e.code(), "VOLUME_EXCEEDS_CALENDAR_DAYS");
        EXPECT_NE(std::string(e.what()).find("31 calendar days"), std::string::npos) << e.what();
    }
    EXPECT_EQ(snapshot(), with_decisions);
    EXPECT_EQ(allocate(granted, first_, "2025-03-01", R"(,"volume":31)")
                  ->getValue<std::int64_t>("volume"),
              31);
}

}  // namespace
}  // namespace zc
