// Budget financing (dagbesteding: invoicing/app/budget_financing.hpp behind
// interfaces/http/budget_financing_api.hpp) against a migrated scratch database: advances become
// payables exactly once, quarterly realisation reports, and the year-end settlement with a worked
// example checked by hand.
#include "invoicing/app/budget_financing.hpp"

#include <Poco/JSON/Stringifier.h>
#include <gtest/gtest.h>

#include <sstream>

#include "contracting/kernel/errors.hpp"
#include "contracting/kernel/settlement_rule.hpp"
#include "db/db_test_env.hpp"
#include "interfaces/http/budget_financing_api.hpp"
#include "interfaces/http/contracts_api.hpp"
#include "interfaces/http/reference_api.hpp"
#include "interfaces/mysql/migrations.hpp"
#include "invoicing/store/ledger_store.hpp"

namespace zc {
namespace {

using dbtest::actor;
using dbtest::array;
using dbtest::object;

using Poco::JSON::Array;
using Poco::JSON::Object;

// A clock standing still at noon (UTC) of a given day; tests move it.
class FixedClock : public Clock {
  public:
    explicit FixedClock(Date d) { set(d); }
    void set(Date d) { now_ = std::chrono::sys_days(d) + std::chrono::hours(12); }
    std::chrono::system_clock::time_point now() const override { return now_; }

  private:
    std::chrono::system_clock::time_point now_;
};

constexpr std::int64_t kBudget2025Cents = 12'000'000;  // 120,000.00

class BudgetFinancingTest : public ::testing::Test {
  protected:
    void SetUp() override {
        conn_ = scratch_.connect();
        db::migrate(*conn_, dbtest::migrationsDir());
        admin_ = context(app::Role::Admin, "admin");
        manager_ = context(app::Role::ContractManager, "cm");
        finance_ = context(app::Role::Finance, "fin");
        http::createMunicipality(*admin_,
                                 dbtest::jsonRequest(R"({"code":"0193","name":"Zwolle"})"));
        http::createProduct(
            *admin_, dbtest::jsonRequest(R"({"code":"07A01","category":"07","name":"Dagbesteding",)"
                                         R"("unit":"day_parts","kind":"budget_financed"})"));
        lead_ = provider("12345670");
        member_ = provider("12345671");
        outsider_ = provider("12345672");
        lead_ctx_ = context(app::Role::Provider, "provider:12345670", lead_);
        member_ctx_ = context(app::Role::Provider, "provider:12345671", member_);
        outsider_ctx_ = context(app::Role::Provider, "provider:12345672", outsider_);
        const auto res = http::createBudgetContract(
            *manager_,
            dbtest::jsonRequest(R"({"lead_provider_id":)" + std::to_string(lead_) +
                                R"(,"member_provider_ids":[)" + std::to_string(member_) +
                                R"(],"municipality_code":"0193","products":["07A01"],)"
                                R"("term_start":"2025-01-01","term_end":"2026-01-01",)"
                                R"("budgets":[{"year":2025,"budget_cents":)" +
                                std::to_string(kBudget2025Cents) +
                                R"(}],"performance_agreements":[)"
                                R"({"indicator":"Dagdelen","target":1000,"unit":"day_parts"},)"
                                R"({"indicator":"Cliënten","target":50,"unit":"clients"}]})"));
        const auto c = object(res);
        contract_ = c->getValue<std::int64_t>("id");
        EXPECT_EQ(c->getValue<std::string>("settlement_rule"), "proportional_to_realisation");
        const auto agreements = c->getArray("performance_agreements");
        dagdelen_ = agreements->getObject(0)->getValue<std::int64_t>("id");
        clienten_ = agreements->getObject(1)->getValue<std::int64_t>("id");
    }

    std::unique_ptr<app::RequestContext> context(app::Role role, const std::string& name,
                                                 std::int64_t provider_id = 0) {
        return std::make_unique<app::RequestContext>(
            app::RequestContext{*conn_, actor(role, name, provider_id), "test", clock_, config_});
    }

    std::int64_t provider(const std::string& agb) {
        return object(http::createProvider(
                          *admin_, dbtest::jsonRequest(R"({"agb":")" + agb +
                                                       R"(","kvk":"12345678","name":"Zorg )" + agb +
                                                       R"(","iban":"NL91ABNA0417164300"})")))
            ->getValue<std::int64_t>("id");
    }

    std::map<std::string, std::string> idPath() const {
        return {{"id", std::to_string(contract_)}};
    }

    http::ApiResponse report(app::RequestContext& ctx, int quarter, std::int64_t dagdelen,
                             std::int64_t clienten) {
        return http::reportRealisation(
            ctx,
            dbtest::jsonRequest(R"({"year":2025,"quarter":)" + std::to_string(quarter) +
                                    R"(,"values":[{"agreement_id":)" + std::to_string(dagdelen_) +
                                    R"(,"realised":)" + std::to_string(dagdelen) +
                                    R"(},{"agreement_id":)" + std::to_string(clienten_) +
                                    R"(,"realised":)" + std::to_string(clienten) + "}]}",
                                idPath()));
    }

    // Σ of the ledger lines on `account` (debit positive).
    std::int64_t ledgerBalance(const std::string& account) {
        return conn_
            ->queryOne("SELECT COALESCE(SUM(amount_cents), 0) FROM ledger_lines WHERE account = ?",
                       {account})
            ->i64(0);
    }

    std::int64_t count(const std::string& sql) { return conn_->queryOne(sql)->i64(0); }

    FixedClock clock_{Date{std::chrono::year{2026}, std::chrono::January, std::chrono::day{15}}};
    dbtest::ScratchDatabase scratch_;
    std::unique_ptr<db::Connection> conn_;
    app::AppConfig config_;
    std::unique_ptr<app::RequestContext> admin_, manager_, finance_, lead_ctx_, member_ctx_,
        outsider_ctx_;
    std::int64_t lead_ = 0, member_ = 0, outsider_ = 0, contract_ = 0, dagdelen_ = 0, clienten_ = 0;
};

TEST_F(BudgetFinancingTest, AdvancesBecomePayablesOnlyWhenDueAndExactlyOnce) {
    // 120,000.00 over 12 months: 10,000.00 each, due on the first of the month.
    const auto march = invoicing::postDueAdvances(*finance_, parseDate("2025-03-01"));
    EXPECT_EQ(march.created, 3);  // January, February, March; April is not due yet
    EXPECT_EQ(march.total_cents, 3'000'000);
    EXPECT_EQ(invoicing::postDueAdvances(*finance_, parseDate("2025-03-31")).created, 0)
        << "a rerun";
    EXPECT_EQ(count("SELECT COUNT(*) FROM payables WHERE source_type = 'advance'"), 3);
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'payable.create'"), 3);

    auto payables = array(
        http::listPayables(*finance_, dbtest::jsonRequest("{}", {}, {{"source_type", "advance"}})));
    ASSERT_EQ(payables->size(), 3u);
    const auto first = payables->getObject(0);
    EXPECT_EQ(first->getValue<std::int64_t>("provider_id"), lead_) << "paid to the lead provider";
    EXPECT_EQ(first->getValue<std::int64_t>("amount_cents"), 1'000'000);
    EXPECT_EQ(first->getValue<std::string>("due_date"), "2025-01-01");

    // Through the API (default: today = 2026-01-15): the other nine, then nothing.
    const auto api = object(http::postDueAdvancesApi(*finance_, dbtest::jsonRequest("{}")));
    EXPECT_EQ(api->getValue<std::int64_t>("created"), 9);
    EXPECT_EQ(object(http::postDueAdvancesApi(*finance_, dbtest::jsonRequest("{}")))
                  ->getValue<std::int64_t>("created"),
              0);
    EXPECT_EQ(count("SELECT COUNT(*) FROM payables WHERE source_type = 'advance'"), 12);
    EXPECT_EQ(count("SELECT SUM(amount_cents) FROM payables"), kBudget2025Cents);

    // Not ahead of the schedule.
    EXPECT_EQ(dbtest::errorCode([&] {
                  http::postDueAdvancesApi(*finance_,
                                           dbtest::jsonRequest(R"({"date":"2026-02-01"})"));
              }),
              "INVALID_DATE");

    // A provider sees only its own payables.
    EXPECT_EQ(array(http::listPayables(*lead_ctx_, dbtest::jsonRequest("{}")))->size(), 12u);
    EXPECT_EQ(array(http::listPayables(*member_ctx_, dbtest::jsonRequest("{}")))->size(), 0u);
    EXPECT_EQ(
        dbtest::errorCode([&] {
            http::listPayables(*finance_, dbtest::jsonRequest("{}", {}, {{"source_type", "gift"}}));
        }),
        "INVALID_QUERY");
}

TEST_F(BudgetFinancingTest, AdvancesOfInactiveContractsAreNotPosted) {
    conn_->execute("UPDATE contracts SET status = 'suspended' WHERE id = ?", {contract_});
    EXPECT_EQ(invoicing::postDueAdvances(*finance_, parseDate("2025-12-31")).created, 0);
    EXPECT_EQ(dbtest::countRows(*conn_, "payables"), 0);
}

TEST_F(BudgetFinancingTest, CommandLinePostsDueAdvancesOnce) {
    const auto first = dbtest::runCli({"post-advances", "--date", "2025-02-01"}, scratch_.name());
    EXPECT_EQ(first.exit_code, 0) << first.output;
    EXPECT_NE(first.output.find("2 advance payable(s) created"), std::string::npos) << first.output;
    const auto again = dbtest::runCli({"post-advances", "--date", "2025-02-01"}, scratch_.name());
    EXPECT_EQ(again.exit_code, 0) << again.output;
    EXPECT_NE(again.output.find("0 advance payable(s) created"), std::string::npos) << again.output;
    EXPECT_EQ(dbtest::countRows(*conn_, "payables"), 2);
    const auto bad = dbtest::runCli({"post-advances", "--date", "2025-02-30"}, scratch_.name());
    EXPECT_NE(bad.exit_code, 0);
    EXPECT_NE(bad.output.find("INVALID_DATE"), std::string::npos) << bad.output;
}

TEST_F(BudgetFinancingTest, RealisationReportsOncePerQuarterAndAgreement) {
    EXPECT_EQ(report(*lead_ctx_, 1, 200, 10).status, 201);
    EXPECT_EQ(report(*member_ctx_, 2, 250, 15).status, 201) << "a coalition member may report";
    EXPECT_EQ(report(*manager_, 3, 200, 15).status, 201);

    // Once per quarter and agreement; the whole report is refused and nothing is written.
    EXPECT_EQ(dbtest::errorCode([&] { report(*lead_ctx_, 1, 999, 99); }), "REPORTED_ALREADY");
    EXPECT_EQ(dbtest::countRows(*conn_, "realisation_reports"), 6);

    // Validation.
    EXPECT_EQ(dbtest::errorCode([&] { report(*outsider_ctx_, 4, 1, 1); }), "NOT_FOUND")
        << "a provider outside the coalition sees no such contract";
    auto body = [&](const std::string& json) {
        return
            [&, json] { http::reportRealisation(*lead_ctx_, dbtest::jsonRequest(json, idPath())); };
    };
    const std::string d = std::to_string(dagdelen_);
    EXPECT_EQ(dbtest::errorCode(body(R"({"year":2025,"quarter":5,"values":[{"agreement_id":)" + d +
                                     R"(,"realised":1}]})")),
              "INVALID_FIELD");
    EXPECT_EQ(dbtest::errorCode(body(R"({"year":2025,"quarter":4,"values":[{"agreement_id":)" + d +
                                     R"(,"realised":-1}]})")),
              "INVALID_REALISED");
    EXPECT_EQ(dbtest::errorCode(body(R"({"year":2025,"quarter":4,"values":[]})")), "MISSING_FIELD");
    EXPECT_EQ(
        dbtest::errorCode(body(R"({"year":2025,"quarter":4,"values":[{"agreement_id":)" + d +
                               R"(,"realised":1},{"agreement_id":)" + d + R"(,"realised":2}]})")),
        "DUPLICATE_AGREEMENT");
    EXPECT_EQ(dbtest::errorCode(body(
                  R"({"year":2025,"quarter":4,"values":[{"agreement_id":999999,"realised":1}]})")),
              "UNKNOWN_AGREEMENT");
    EXPECT_EQ(dbtest::errorCode(body(R"({"year":2026,"quarter":1,"values":[{"agreement_id":)" + d +
                                     R"(,"realised":1}]})")),
              "QUARTER_OUTSIDE_TERM");
    clock_.set(parseDate("2025-12-31"));
    EXPECT_EQ(dbtest::errorCode(body(R"({"year":2025,"quarter":4,"values":[{"agreement_id":)" + d +
                                     R"(,"realised":1}]})")),
              "QUARTER_NOT_ENDED");
    clock_.set(parseDate("2026-01-15"));
    EXPECT_EQ(dbtest::countRows(*conn_, "realisation_reports"), 6);
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'realisation.report'"), 3);

    // The overview: target, realised per quarter, year total against the target.
    const auto overview = object(
        http::listRealisations(*finance_, dbtest::jsonRequest("{}", idPath(), {{"year", "2025"}})));
    const auto year = overview->getArray("years")->getObject(0);
    EXPECT_EQ(year->getValue<int>("year"), 2025);
    EXPECT_FALSE(year->getValue<bool>("settled"));
    const auto dag = year->getArray("agreements")->getObject(0);
    EXPECT_EQ(dag->getValue<std::string>("indicator"), "Dagdelen");
    EXPECT_EQ(dag->getValue<std::int64_t>("target"), 1000);
    EXPECT_EQ(dag->getValue<std::int64_t>("total_realised"), 650);
    EXPECT_EQ(dag->getValue<std::int64_t>("reported_quarters"), 3);
    EXPECT_EQ(dag->getValue<std::string>("percentage_of_target"), "65.00 %");
    EXPECT_EQ(dag->getArray("quarters")->getObject(1)->getValue<std::int64_t>("realised"), 250);
    EXPECT_TRUE(dag->getArray("quarters")->getObject(3)->get("realised").isEmpty());
    EXPECT_EQ(dbtest::errorCode([&] {
                  http::listRealisations(*outsider_ctx_, dbtest::jsonRequest("{}", idPath()));
              }),
              "NOT_FOUND");
}

TEST_F(BudgetFinancingTest, SettlementWorkedExampleClawsBackOnce) {
    // Worked example, by hand:
    //   budget 2025 = 120,000.00; 12 advances of 10,000.00, all due and posted → paid 120,000.00
    //   Dagdelen: 200 + 250 + 200 + 250 = 900 of target 1,000 → 900/1000 = 9/10
    //   Cliënten: 10 + 15 + 15 + 15 = 55 of target 50 → counted as 1 (no over-performance)
    //   R = (9/10 + 1) / 2 = 19/20 = 0.95
    //   due = 120,000.00 × 19/20 = 114,000.00
    //   difference = 114,000.00 − 120,000.00 = −6,000.00 → one claw-back payable of −6,000.00
    EXPECT_EQ(invoicing::postDueAdvances(*finance_, parseDate("2025-12-01")).created, 12);
    report(*lead_ctx_, 1, 200, 10);
    report(*lead_ctx_, 2, 250, 15);
    report(*lead_ctx_, 3, 200, 15);

    // Incomplete: the fourth quarter is missing.
    EXPECT_EQ(dbtest::errorCode([&] {
                  http::settleContractYear(*finance_,
                                           dbtest::jsonRequest(R"({"year":2025})", idPath()));
              }),
              "REALISATION_INCOMPLETE");
    report(*member_ctx_, 4, 250, 15);
    // Not before the year has ended.
    clock_.set(parseDate("2025-12-31"));
    EXPECT_EQ(dbtest::errorCode([&] {
                  http::settleContractYear(*finance_,
                                           dbtest::jsonRequest(R"({"year":2025})", idPath()));
              }),
              "YEAR_NOT_ENDED");
    clock_.set(parseDate("2026-01-15"));
    EXPECT_EQ(dbtest::errorCode([&] {
                  http::settleContractYear(*finance_,
                                           dbtest::jsonRequest(R"({"year":2024})", idPath()));
              }),
              "NO_BUDGET");
    EXPECT_EQ(dbtest::countRows(*conn_, "settlements"), 0);

    const auto res =
        http::settleContractYear(*finance_, dbtest::jsonRequest(R"({"year":2025})", idPath()));
    EXPECT_EQ(res.status, 201);
    const auto s = object(res);
    EXPECT_EQ(s->getValue<std::string>("rule"), "proportional_to_realisation");
    EXPECT_EQ(s->getValue<std::int64_t>("budget_cents"), 12'000'000);
    EXPECT_EQ(s->getValue<std::int64_t>("advances_paid_cents"), 12'000'000);
    EXPECT_EQ(s->getValue<std::int64_t>("due_cents"), 11'400'000);
    EXPECT_EQ(s->getValue<std::int64_t>("difference_cents"), -600'000);
    EXPECT_EQ(s->getValue<std::string>("direction"), "receivable_from_provider");
    std::string calculation;
    for (const auto& l : *s->getArray("calculation")) calculation += l.toString() + "\n";
    EXPECT_NE(calculation.find("Dagdelen 2025 by quarter: Q1 200 + Q2 250 + Q3 200 + Q4 250 = 900"),
              std::string::npos)
        << calculation;
    EXPECT_NE(calculation.find("Cliënten: realised 55 of 50 = 110.00 %, counted as 100.00 %"),
              std::string::npos)
        << calculation;
    EXPECT_NE(calculation.find("120,000.00 × 19/20 = 114,000.00"), std::string::npos)
        << calculation;
    EXPECT_NE(calculation.find("-6,000.00 to be clawed back"), std::string::npos) << calculation;
    const auto payable = s->getObject("payable");
    ASSERT_TRUE(payable);
    EXPECT_EQ(payable->getValue<std::string>("source_type"), "clawback");
    EXPECT_EQ(payable->getValue<std::int64_t>("amount_cents"), -600'000);
    EXPECT_EQ(payable->getValue<std::int64_t>("provider_id"), lead_);
    EXPECT_EQ(payable->getValue<std::string>("due_date"), "2026-02-14");  // 30 days

    // A rerun: 409, and still one settlement and one claw-back.
    EXPECT_EQ(dbtest::errorCode([&] {
                  http::settleContractYear(*finance_,
                                           dbtest::jsonRequest(R"({"year":2025})", idPath()));
              }),
              "SETTLED_ALREADY");
    EXPECT_EQ(dbtest::countRows(*conn_, "settlements"), 1);
    EXPECT_EQ(count("SELECT COUNT(*) FROM payables WHERE source_type = 'clawback'"), 1);
    EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'settlement.create'"), 1);
    // The audit row stores the whole answer, nested payable and calculation lines included,
    // byte for byte as the answer's JSON.
    std::ostringstream answer;
    Poco::JSON::Stringifier::condense(Poco::Dynamic::Var(s), answer);
    EXPECT_EQ(conn_->queryOne("SELECT after_json FROM audit_log WHERE action = 'settlement.create'")
                  ->str(0),
              answer.str());
    // The ledger: the advances are cleared into cost and the claw-back is owed by the provider;
    // its payable account equals its open payables.
    EXPECT_EQ(ledgerBalance("advances:contract:" + std::to_string(contract_)), 0);
    EXPECT_FALSE(invoicing::checkLedger(invoicing::loadLedgerFacts(*conn_)).has_value());

    // A settled year takes no more reports; the list shows the calculation to the coalition.
    conn_->execute("DELETE FROM realisation_reports WHERE quarter = 4");
    EXPECT_EQ(dbtest::errorCode([&] { report(*lead_ctx_, 4, 1, 1); }), "SETTLED_ALREADY");
    const auto list =
        array(http::listSettlements(*member_ctx_, dbtest::jsonRequest("{}", idPath())));
    ASSERT_EQ(list->size(), 1u);
    EXPECT_EQ(list->getObject(0)->getValue<std::int64_t>("difference_cents"), -600'000);
    EXPECT_GT(list->getObject(0)->getArray("calculation")->size(), 5u);
}

TEST_F(BudgetFinancingTest, SettlementPaysTheDifferenceWhenAdvancesFellShort) {
    // Only January..June became payable (6 × 10,000.00 = 60,000.00); everything realised:
    // R = 1 → due 120,000.00 → 60,000.00 payable to the lead provider. The advances of the
    // settled year that were never posted stay unposted afterwards.
    EXPECT_EQ(invoicing::postDueAdvances(*finance_, parseDate("2025-06-30")).created, 6);
    for (int q = 1; q <= 4; ++q) report(*lead_ctx_, q, 250, 50);
    const auto s = object(
        http::settleContractYear(*finance_, dbtest::jsonRequest(R"({"year":2025})", idPath())));
    EXPECT_EQ(s->getValue<std::int64_t>("due_cents"), 12'000'000);
    EXPECT_EQ(s->getValue<std::int64_t>("difference_cents"), 6'000'000);
    EXPECT_EQ(s->getObject("payable")->getValue<std::string>("source_type"), "settlement");
    EXPECT_EQ(invoicing::postDueAdvances(*finance_, parseDate("2026-01-15")).created, 0);
    EXPECT_EQ(count("SELECT SUM(amount_cents) FROM payables"), kBudget2025Cents);
    // The ledger: 120,000.00 of cost, advances cleared, 120,000.00 owed to the provider in all.
    EXPECT_EQ(ledgerBalance("advances:contract:" + std::to_string(contract_)), 0);
    EXPECT_EQ(count("SELECT SUM(amount_cents) FROM ledger_lines WHERE account LIKE 'expense:%'"),
              12'000'000);
    EXPECT_FALSE(invoicing::checkLedger(invoicing::loadLedgerFacts(*conn_)).has_value());
}

TEST_F(BudgetFinancingTest, SettlementRuleIsChosenPerContractAndChecked) {
    EXPECT_EQ(dbtest::errorCode([&] { zc::parseSettlementRule("proportional"); }),
              "INVALID_SETTLEMENT_RULE");
    conn_->execute("UPDATE contracts SET settlement_rule = 'fixed_budget' WHERE id = ?",
                   {contract_});
    invoicing::postDueAdvances(*finance_, parseDate("2025-12-01"));
    for (int q = 1; q <= 4; ++q) report(*lead_ctx_, q, 10, 1);
    const auto s = object(
        http::settleContractYear(*finance_, dbtest::jsonRequest(R"({"year":2025})", idPath())));
    EXPECT_EQ(s->getValue<std::string>("rule"), "fixed_budget");
    EXPECT_EQ(s->getValue<std::int64_t>("difference_cents"), 0);
    EXPECT_TRUE(s->get("payable").isEmpty()) << "nothing to pay or claw back";
}

// Issue 13: a percentage is the mean of its quarters and unique clients reported year-to-date are
// the last quarter, not sums. Worked example, by hand:
//   Tevredenheid (percentage, mean): (82.00 + 85.00 + 80.00 + 83.00) / 4 = 82.50 % of 80.00 %
//     → counted as 1 (summed it would be 330.00 %)
//   Unieke cliënten (count, last): Q4 80 of 100 → 4/5 (summed: 236, counted as 1)
//   R = (1 + 4/5) / 2 = 9/10; due = 100,000.00 × 9/10 = 90,000.00 (summed: 100,000.00)
TEST_F(BudgetFinancingTest, APercentageIsAveragedAndUniqueClientsAreTheLastQuarter) {
    const auto body = [&](const std::string& agreements) {
        return R"({"lead_provider_id":)" + std::to_string(outsider_) +
               R"(,"municipality_code":"0193","products":["07A01"],)"
               R"("term_start":"2025-01-01","term_end":"2026-01-01",)"
               R"("budgets":[{"year":2025,"budget_cents":10000000}],"performance_agreements":[)" +
               agreements + "]}";
    };
    const std::string percent_summed =
        R"({"indicator":"Tevredenheid","target":8000,"unit":"percent","kind":"percentage",)"
        R"("aggregation":"sum"})";
    EXPECT_EQ(dbtest::errorCode([&] {
                  http::createBudgetContract(*manager_, dbtest::jsonRequest(body(percent_summed)));
              }),
              "INVALID_AGGREGATION");
    EXPECT_EQ(dbtest::errorCode([&] {
                  http::createBudgetContract(
                      *manager_, dbtest::jsonRequest(
                                     body(R"({"indicator":"T","target":10001,"unit":"percent",)"
                                          R"("kind":"percentage"})")));
              }),
              "INVALID_TARGET");
    EXPECT_EQ(dbtest::errorCode([&] {
                  http::createBudgetContract(
                      *manager_,
                      dbtest::jsonRequest(
                          body(R"({"indicator":"T","target":10,"unit":"x","kind":"ratio"})")));
              }),
              "INVALID_INDICATOR_KIND");
    const auto c = object(http::createBudgetContract(
        *manager_,
        dbtest::jsonRequest(body(
            R"({"indicator":"Tevredenheid","target":8000,"unit":"percent","kind":"percentage"},)"
            R"({"indicator":"Unieke cliënten","target":100,"unit":"clients","kind":"count",)"
            R"("aggregation":"last"})"))));
    const auto id = c->getValue<std::int64_t>("id");
    const auto agreements = c->getArray("performance_agreements");
    EXPECT_EQ(agreements->getObject(0)->getValue<std::string>("aggregation"), "mean");
    EXPECT_EQ(agreements->getObject(1)->getValue<std::string>("aggregation"), "last");
    const auto tevredenheid = agreements->getObject(0)->getValue<std::int64_t>("id");
    const auto unieke = agreements->getObject(1)->getValue<std::int64_t>("id");
    const std::map<std::string, std::string> path = {{"id", std::to_string(id)}};
    const auto report = [&](int q, std::int64_t percent, std::int64_t clients) {
        return http::reportRealisation(
            *outsider_ctx_,
            dbtest::jsonRequest(
                R"({"year":2025,"quarter":)" + std::to_string(q) +
                    R"(,"values":[{"agreement_id":)" + std::to_string(tevredenheid) +
                    R"(,"realised":)" + std::to_string(percent) + R"(},{"agreement_id":)" +
                    std::to_string(unieke) + R"(,"realised":)" + std::to_string(clients) + "}]}",
                path));
    };
    EXPECT_EQ(dbtest::errorCode([&] { report(1, 10'001, 40); }), "INVALID_REALISED");
    EXPECT_EQ(
        count("SELECT COUNT(*) FROM realisation_reports WHERE contract_id = " + std::to_string(id)),
        0)
        << "a refused report stores nothing";
    report(1, 8200, 40);
    report(2, 8500, 55);
    report(3, 8000, 61);
    const auto overview = object(report(4, 8300, 80));
    const auto year = overview->getArray("years")->getObject(0);
    const auto percent = year->getArray("agreements")->getObject(0);
    EXPECT_EQ(percent->getValue<std::int64_t>("total_realised"), 8250);
    EXPECT_EQ(percent->getValue<std::string>("percentage_of_target"), "103.13 %");
    EXPECT_EQ(year->getArray("agreements")->getObject(1)->getValue<std::int64_t>("total_realised"),
              80);

    const auto s =
        object(http::settleContractYear(*finance_, dbtest::jsonRequest(R"({"year":2025})", path)));
    EXPECT_EQ(s->getValue<std::int64_t>("due_cents"), 9'000'000);
    std::string calculation;
    for (const auto& l : *s->getArray("calculation")) calculation += l.toString() + "\n";
    EXPECT_NE(calculation.find("Tevredenheid 2025, mean of the quarters reported: (Q1 82.00 % + "
                               "Q2 85.00 % + Q3 80.00 % + Q4 83.00 %) / 4 = 82.50 %"),
              std::string::npos)
        << calculation;
    EXPECT_NE(calculation.find("Unieke cliënten 2025, the last quarter reported: Q1 40, Q2 55, "
                               "Q3 61, Q4 80 → Q4 80"),
              std::string::npos)
        << calculation;
    EXPECT_NE(calculation.find("Tevredenheid: realised 82.50 % of 80.00 % = 103.13 %, counted as "
                               "100.00 %"),
              std::string::npos)
        << calculation;
    EXPECT_NE(calculation.find("100,000.00 × 9/10 = 90,000.00"), std::string::npos) << calculation;
}

}  // namespace
}  // namespace zc
