// The standard's deadlines: requests answered within 5 working days (8 weeks when "in
// onderzoek"), retours on our messages within 3; what is late is listed.
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <gtest/gtest.h>

#include "db_test_env.hpp"
#include "interfaces/http/requests_api.hpp"
#include "interfaces/mysql/migrations.hpp"

namespace zc {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

class DeadlinesTest : public ::testing::Test {
  protected:
    void SetUp() override {
        conn_ = scratch_.connect();
        db::migrate(*conn_, dbtest::migrationsDir());
        conn_->execute("INSERT INTO municipalities (code, name) VALUES ('0193', 'Zwolle')");
        conn_->execute("INSERT INTO municipalities (code, name) VALUES ('0166', 'Kampen')");
        conn_->execute(
            "INSERT INTO providers (agb, kvk, name, iban) VALUES ('73000101', '12345678', 'Zorg',"
            " 'NL91ABNA0417164300')");
        provider_ = conn_->queryOne("SELECT id FROM providers")->i64(0);
        app::Actor a;
        a.role = app::Role::ContractManager;
        a.name = "manager";
        ctx_ = std::make_unique<app::RequestContext>(
            app::RequestContext{*conn_, a, "test", clock_, config_});
    }

    void request(const std::string& ref, const std::string& status, const std::string& answer_due,
                 const std::string& decision_due, const std::string& municipality = "0193") {
        conn_->execute(
            "INSERT INTO allocation_requests (kind, provider_id, referentie_aanbieder,"
            " municipality_code, bsn_hash, summary_json, inbox_message_id, status, received_at,"
            " answer_due, decision_due) VALUES ('315', ?, ?, ?, ?, '{}', 1, ?,"
            " '2025-01-01 10:00:00', ?, ?)",
            {provider_, ref, municipality, std::string(64, 'a') + "", status, answer_due,
             decision_due.empty() ? db::Param(nullptr) : db::Param(decision_due)});
    }

    void outgoing(const std::string& id, const std::string& retour_due, bool retour_received,
                  const std::string& code = "414", const std::string& municipality = "0193") {
        conn_->execute(
            "INSERT INTO outbox_messages (provider_id, municipality_code, message_code,"
            " identificatie, xml, created_at, retour_due, retour_received_at)"
            " VALUES (?, ?, ?, ?, '<x/>', '2025-01-01 10:00:00', ?, ?)",
            {provider_, municipality, code, id, retour_due,
             retour_received ? db::Param(std::string("2025-01-02 10:00:00")) : db::Param(nullptr)});
    }

    std::vector<std::string> listed(const char* list, const char* key) {
        const auto res = http::listOverdue(*ctx_, dbtest::jsonRequest("{}"));
        auto arr = res.body.extract<Object::Ptr>()->getArray(list);
        std::vector<std::string> out;
        for (std::size_t i = 0; i < arr->size(); ++i) {
            out.push_back(arr->getObject(static_cast<unsigned>(i))->getValue<std::string>(key));
        }
        return out;
    }

    dbtest::ScratchDatabase scratch_;
    std::unique_ptr<db::Connection> conn_;
    SystemClock clock_;
    app::AppConfig config_;
    std::unique_ptr<app::RequestContext> ctx_;
    std::int64_t provider_ = 0;
};

TEST_F(DeadlinesTest, ListsUnansweredRequestsPastTheirDueDateOnly) {
    request("LATE", "open", "2025-01-08", "");
    request("ON-TIME", "open", "2999-01-01", "");
    request("ANSWERED", "rejected", "2025-01-08", "");
    request("INVESTIGATING-LATE", "in_onderzoek", "2025-01-08", "2025-03-01");
    request("INVESTIGATING", "in_onderzoek", "2025-01-08", "2999-01-01");
    const auto refs = listed("requests", "referentie_aanbieder");
    EXPECT_EQ(refs, (std::vector<std::string>{"LATE", "INVESTIGATING-LATE"}));
}

TEST_F(DeadlinesTest, ListsOurMessagesWithoutRetourAfterThreeWorkingDays) {
    outgoing("1", "2025-01-06", false);
    outgoing("2", "2025-01-06", true);
    outgoing("3", "2999-01-01", false);
    outgoing("4", "2025-01-06", false, "485");  // a WMO325 is an answer: it gets no retour
    EXPECT_EQ(listed("missing_retours", "identificatie"), (std::vector<std::string>{"1"}));
}

// Issue 13: a Kampen officer's deadline list holds Kampen's late requests and Kampen's messages
// without a retour, not Zwolle's.
TEST_F(DeadlinesTest, AScopedUserSeesOnlyTheirMunicipalitysDeadlines) {
    request("ZWOLLE-LATE", "open", "2025-01-08", "");
    request("KAMPEN-LATE", "open", "2025-01-08", "", "0166");
    outgoing("Z1", "2025-01-06", false);
    outgoing("K1", "2025-01-06", false, "414", "0166");
    EXPECT_EQ(listed("requests", "referentie_aanbieder").size(), 2u);
    ctx_->actor.user_id = 7;
    ctx_->actor.municipalities = {"0166"};
    ctx_->actor.scope_loaded = true;
    EXPECT_EQ(listed("requests", "referentie_aanbieder"),
              (std::vector<std::string>{"KAMPEN-LATE"}));
    EXPECT_EQ(listed("missing_retours", "identificatie"), (std::vector<std::string>{"K1"}));
}

}  // namespace
}  // namespace zc
