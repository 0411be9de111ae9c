// The chain's durable outbox and received register against the real MariaDB (issue 16): a
// client's envelopes leave in their order, a leased envelope is not taken twice until its lease
// ends or a restart releases it, a failed attempt waits its back-off, a failed envelope is sent
// again only by staff and keeps its referentienummer, and a received envelope is registered
// once per zender and referentienummer.
#include <gtest/gtest.h>

#include <chrono>
#include <memory>

#include "contracting/app/chain_exchange.hpp"
#include "contracting/kernel/working_days.hpp"
#include "db_test_env.hpp"
#include "interfaces/mysql/migrations.hpp"

namespace zc {
namespace {

using contracting::AttemptOutcome;
using namespace std::chrono_literals;

// A clock the test moves.
class MovableClock : public Clock {
  public:
    std::chrono::system_clock::time_point now() const override { return now_; }
    void advance(std::chrono::milliseconds d) { now_ += d; }

  private:
    std::chrono::system_clock::time_point now_ =
        std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
};

class ChainOutbox : public ::testing::Test {
  protected:
    void SetUp() override {
        conn_ = scratch_.connect();
        db::migrate(*conn_, dbtest::migrationsDir());
        conn_->execute("INSERT INTO municipalities (code, name) VALUES ('0193', 'Zwolle')");
        conn_->execute(
            "INSERT INTO providers (agb, kvk, name, iban) VALUES ('73000101', '12345678', 'Zorg',"
            " 'NL91ABNA0417164300')");
        provider_ = conn_->queryOne("SELECT id FROM providers")->i64(0);
        dbtest::giveRandomBsnKeys(config_);
        config_.audit_key = dbtest::auditKey();
        ctx_ = std::make_unique<app::RequestContext>(app::RequestContext{
            *conn_, dbtest::actor(app::Role::ContractManager, "manager"), "test", clock_, config_});
    }

    // An envelope built already (a retour or Fo01), for client `order` ("" = no order).
    std::int64_t queue(const std::string& ref, const std::string& order) {
        contracting::NewChainEnvelope e;
        e.referentienummer = ref;
        e.kind = "Du01";
        e.provider_id = provider_;
        e.municipality_code = "0193";
        if (!order.empty()) e.order_key = order;
        e.envelope = "<soap>" + ref + "</soap>";
        return contracting::queueChainEnvelope(*ctx_, e);
    }

    std::vector<std::string> due() {
        std::vector<std::string> refs;
        for (const auto& r : contracting::leaseDueEnvelopes(*ctx_, 50, 30s)) {
            refs.push_back(r.referentienummer);
        }
        return refs;
    }

    std::string state(std::int64_t id) { return contracting::chainEnvelope(*ctx_, id).state; }

    dbtest::ScratchDatabase scratch_;
    std::unique_ptr<db::Connection> conn_;
    MovableClock clock_;
    app::AppConfig config_;
    std::unique_ptr<app::RequestContext> ctx_;
    std::int64_t provider_ = 0;
};

TEST_F(ChainOutbox, AClientsEnvelopesLeaveInTheirOrder) {
    const auto a1 = queue("a1", "client:1");
    const auto a2 = queue("a2", "client:1");
    queue("b1", "client:2");
    queue("x", "");
    EXPECT_EQ(due(), (std::vector<std::string>{"a1", "b1", "x"}));
    // a1 fails and waits: a2 still waits behind it.
    contracting::recordAttempt(*ctx_, a1, {AttemptOutcome::Retry, "", "Connection refused"}, 5s);
    clock_.advance(6s);
    EXPECT_EQ(due(), (std::vector<std::string>{"a1"}));  // b1 and x are leased, a2 waits
    contracting::recordAttempt(*ctx_, a1, {AttemptOutcome::Delivered, "", ""}, 0s);
    EXPECT_EQ(state(a1), "delivered");
    EXPECT_EQ(due(), (std::vector<std::string>{"a2"}));
    EXPECT_EQ(contracting::chainEnvelope(*ctx_, a2).attempts, 1);
}

TEST_F(ChainOutbox, ALeasedEnvelopeIsTakenOnceUntilTheRestartReleasesIt) {
    const auto id = queue("r1", "");
    EXPECT_EQ(due(), (std::vector<std::string>{"r1"}));
    EXPECT_TRUE(due().empty()) << "a second sender took a leased envelope";
    contracting::releaseLeases(*ctx_);  // the service restarted after dying mid-send
    EXPECT_EQ(due(), (std::vector<std::string>{"r1"}));
    EXPECT_EQ(contracting::chainEnvelope(*ctx_, id).attempts, 2);
    EXPECT_EQ(contracting::chainEnvelope(*ctx_, id).referentienummer, "r1");
}

TEST_F(ChainOutbox, AFailedEnvelopeIsVisibleAndSentAgainOnlyByStaff) {
    const auto id = queue("f1", "");
    due();
    contracting::recordAttempt(*ctx_, id, {AttemptOutcome::Failed, "DELIVERY_FAILED", "gave up"},
                               0s);
    const auto row = contracting::chainEnvelope(*ctx_, id);
    EXPECT_EQ(row.state, "failed");
    EXPECT_EQ(row.fault_code.value_or(""), "DELIVERY_FAILED");
    clock_.advance(1h);
    EXPECT_TRUE(due().empty()) << "a failed envelope must wait for staff";
    contracting::requeueChainEnvelope(*ctx_, id);
    EXPECT_EQ(due(), (std::vector<std::string>{"f1"}));
    EXPECT_EQ(dbtest::errorCode([&] { contracting::requeueChainEnvelope(*ctx_, id); }),
              "CHAIN_NOT_FAILED");
    EXPECT_EQ(dbtest::errorCode([&] { contracting::requeueChainEnvelope(*ctx_, 999999); }),
              "NOT_FOUND");
}

TEST_F(ChainOutbox, AReceivedEnvelopeIsRegisteredOncePerZenderAndReferentienummer) {
    contracting::NewChainReceived r;
    r.key = {"73000101", "Aanbiedersoftware", "11111111-2222-4333-8444-555555555555"};
    r.kind = "Di01";
    r.content_sha256 = std::string(64, 'a');
    const auto first = contracting::registerChainReceived(*ctx_, r);
    EXPECT_EQ(first.state, contracting::ReceivedState::New);
    EXPECT_EQ(contracting::registerChainReceived(*ctx_, r).state,
              contracting::ReceivedState::Unfinished);
    contracting::finishReceivedEnvelope(*ctx_, first.id, "73000101", "418", "X1", std::nullopt,
                                        std::nullopt);
    EXPECT_EQ(contracting::registerChainReceived(*ctx_, r).state, contracting::ReceivedState::Done);
    r.content_sha256 = std::string(64, 'b');
    EXPECT_EQ(contracting::registerChainReceived(*ctx_, r).state,
              contracting::ReceivedState::Conflict);
    r.key.zender_applicatie = "AndereSoftware";  // another sender may use the same number
    EXPECT_EQ(contracting::registerChainReceived(*ctx_, r).state, contracting::ReceivedState::New);
}

TEST_F(ChainOutbox, TheRetourIsDueThreeWorkingDaysAfterTheGgkTookTheMessage) {
    conn_->execute(
        "INSERT INTO outbox_messages (provider_id, municipality_code, message_code, identificatie,"
        " xml, created_at, retour_due) VALUES (?, '0193', '414', '1', 'x', ?, '2000-01-05')",
        {provider_, app::timestamp(clock_)});
    contracting::NewChainEnvelope e;
    e.referentienummer = "d1";
    e.kind = "Di01";
    e.functie = "WMO301";
    e.provider_id = provider_;
    e.municipality_code = "0193";
    e.outbox_message_id = conn_->lastInsertId();
    const auto id = contracting::queueChainEnvelope(*ctx_, e);
    due();
    clock_.advance(std::chrono::hours(24 * 9));  // the GGk took it nine days after queueing
    contracting::recordAttempt(*ctx_, id, {AttemptOutcome::Delivered, "", ""}, 0s);
    EXPECT_EQ(conn_
                  ->queryOne("SELECT retour_due FROM outbox_messages WHERE id = ?",
                             {*e.outbox_message_id})
                  ->str(0),
              formatDate(addWorkingDays(clock_.today(), 3)));
}

TEST_F(ChainOutbox, TheProvidersPathFollowsItsSettingElseTheDefault) {
    EXPECT_EQ(contracting::exchangePathOf(*ctx_, provider_), contracting::ExchangePath::Direct);
    config_.default_exchange_path = "ggk";
    EXPECT_EQ(contracting::exchangePathOf(*ctx_, provider_), contracting::ExchangePath::Ggk);
    const auto set = contracting::setExchangePath(*ctx_, provider_, "direct");
    EXPECT_EQ(set.path, "direct");
    EXPECT_EQ(set.default_path, "ggk");
    EXPECT_EQ(dbtest::errorCode([&] { contracting::setExchangePath(*ctx_, provider_, "post"); }),
              "INVALID_EXCHANGE_PATH");
    EXPECT_EQ(dbtest::countRows(*conn_, "audit_log"),
              1);  // provider.exchange_path, the refusal wrote none
}

}  // namespace
}  // namespace zc
