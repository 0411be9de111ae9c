// Declarations through the JSON use cases against a migrated scratch database: adjudication,
// review, credits, dry run, whole-declaration rejection and payables.
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <gtest/gtest.h>

#include "contracting/kernel/errors.hpp"
#include "db_test_env.hpp"
#include "interfaces/http/allocations_api.hpp"
#include "interfaces/http/clients_api.hpp"
#include "interfaces/http/contracts_api.hpp"
#include "interfaces/http/declarations_api.hpp"
#include "interfaces/http/payment_integrity_api.hpp"
#include "interfaces/http/payments_api.hpp"
#include "interfaces/http/reference_api.hpp"
#include "interfaces/http/reviews_api.hpp"
#include "interfaces/iwmo/exchange/wmo325_answers.hpp"
#include "interfaces/mysql/migrations.hpp"
#include "interfaces/security/crypto.hpp"
#include "invoicing/store/ledger_store.hpp"

namespace zc {
namespace {

using dbtest::actor;
using dbtest::object;

using Poco::JSON::Object;

constexpr std::int64_t kTariff = 5460;  // IB per hour, cents

// One line of a JSON declaration for the allocation of the fixture.
std::string line(const std::string& ref, const std::string& begin, const std::string& end,
                 std::int64_t hours, std::int64_t tariff = kTariff, bool credit = false,
                 const std::string& previous = "") {
    return R"({"reference":")" + ref + R"(",)" +
           (previous.empty() ? "" : R"("previous_reference":")" + previous + R"(",)") +
           R"("credit":)" + (credit ? "true" : "false") +
           R"(,"allocation_number":ALLOC,"bsn":"123456782","category":"02","product_code":"02A01",)"
           R"("period_start":")" +
           begin + R"(","period_end":")" + end + R"(","volume":)" + std::to_string(hours) +
           R"(,"unit":"hours","tariff_cents":)" + std::to_string(tariff) + R"(,"amount_cents":)" +
           std::to_string(hours * tariff) + "}";
}

class ClaimsTest : public ::testing::Test {
  protected:
    void SetUp() override {
        dbtest::giveRandomBsnKeys(config_);
        conn_ = scratch_.connect();
        db::migrate(*conn_, dbtest::migrationsDir());
        auto admin = context(app::Role::Admin, "admin");
        auto manager = context(app::Role::ContractManager, "cm");
        auto officer = context(app::Role::AccessOfficer, "ao");
        http::createMunicipality(*admin, dbtest::jsonRequest(R"({"code":"0193","name":"Zwolle"})"));
        http::createProduct(*admin,
                            dbtest::jsonRequest(R"({"code":"02A01","category":"02","name":"IB",)"
                                                R"("unit":"hours","kind":"per_client"})"));
        provider_ = object(http::createProvider(
                               *admin, dbtest::jsonRequest(
                                           R"({"agb":"12345670","kvk":"12345678","name":"Zorg",)"
                                           R"("iban":"NL91ABNA0417164300"})")))
                        ->getValue<std::int64_t>("id");
        http::createContract(
            *manager,
            dbtest::jsonRequest(R"({"provider_id":)" + std::to_string(provider_) +
                                R"(,"municipality_code":"0193","term_start":"2025-01-01",)"
                                R"("term_end":"2028-01-01","status":"active","products":["02A01"],)"
                                R"("tariffs":[{"product_code":"02A01","tariff_cents":5460,)"
                                R"("valid_from":"2025-01-01"}]})"));
        const auto client =
            object(http::createClient(
                       *officer, dbtest::jsonRequest(
                                     R"({"bsn":"123456782","surname":"Jansen","initials":"H.",)"
                                     R"("birth_date":"1950-02-03","gender":"1",)"
                                     R"("house_number":"12","postcode":"8011AB",)"
                                     R"("municipality_code":"0193"})")))
                ->getValue<std::int64_t>("id");
        const auto granted =
            object(http::createDecision(
                       *officer,
                       dbtest::jsonRequest(
                           R"({"number":1,"decision_date":"2025-01-02","valid_from":"2025-01-06",)"
                           R"("valid_to":"2025-04-01","products":[{"product_code":"02A01",)"
                           R"("volume":3,"unit":"hours","frequency":"week","financing":"ZIN"}]})",
                           {{"id", std::to_string(client)}})))
                ->getArray("products")
                ->getObject(0)
                ->getValue<std::int64_t>("id");
        allocation_ =
            object(http::queueingWmo301<http::createAllocation>(
                       *officer,
                       dbtest::jsonRequest(R"({"granted_product_id":)" + std::to_string(granted) +
                                           R"(,"provider_id":)" + std::to_string(provider_) +
                                           R"(,"start_date":"2025-01-06"})")))
                ->getValue<std::int64_t>("number");
        provider_ctx_ = context(app::Role::Provider, "provider:12345670", provider_);
        manager_ = std::move(manager);
    }

    std::unique_ptr<app::RequestContext> context(app::Role role, const std::string& name,
                                                 std::int64_t provider_id = 0) {
        return std::make_unique<app::RequestContext>(
            app::RequestContext{*conn_, actor(role, name, provider_id), "test", clock_, config_});
    }

    // A February 2025 declaration with these lines; the total is computed unless given.
    http::ApiRequest declaration(const std::string& number, const std::vector<std::string>& lines,
                                 std::int64_t total) {
        std::string body = R"({"number":")" + number +
                           R"(","period_start":"2025-02-01","period_end":"2025-03-01",)"
                           R"("total_submitted_cents":)" +
                           std::to_string(total) + R"(,"lines":[)";
        for (std::size_t i = 0; i < lines.size(); ++i) body += (i ? "," : "") + lines[i];
        body += "]}";
        const std::string alloc = std::to_string(allocation_);
        for (auto p = body.find("ALLOC"); p != std::string::npos; p = body.find("ALLOC")) {
            body.replace(p, 5, alloc);
        }
        return dbtest::jsonRequest(body);
    }

    std::string codeOf(const Object::Ptr& answer, const std::string& reference) {
        auto list = answer->getArray("not_accepted");
        for (std::size_t i = 0; i < list->size(); ++i) {
            auto o = list->getObject(static_cast<unsigned>(i));
            if (o->getValue<std::string>("reference") == reference) {
                return o->getValue<std::string>("status") + " " + o->getValue<std::string>("code");
            }
        }
        return "accepted";
    }

    std::int64_t payableSum() {
        return conn_->queryOne("SELECT COALESCE(SUM(amount_cents), 0) FROM payables")->i64(0);
    }

    dbtest::ScratchDatabase scratch_;
    std::unique_ptr<db::Connection> conn_;
    SystemClock clock_;
    app::AppConfig config_;
    std::unique_ptr<app::RequestContext> provider_ctx_, manager_;
    std::int64_t provider_ = 0, allocation_ = 0;
};

TEST_F(ClaimsTest, AdjudicatesEachLineAndMakesTheAcceptedTotalPayableAfterThePaymentTerm) {
    // February 2025 touches ISO weeks 5..9: at most 5 × 3 h = 15 h. 12 h is accepted.
    // January 6..31 touches weeks 2..5: at most 12 h; 13 h is 8.3 % over: review (≤ 10 %).
    // A tariff of 50.00 instead of 54.60 is rejected with 0611.
    const auto lines = {line("R1", "2025-02-01", "2025-03-01", 12),
                        line("R2", "2025-01-06", "2025-02-01", 13),
                        line("R3", "2025-02-01", "2025-03-01", 1, 5000)};
    const std::int64_t total = 12 * kTariff + 13 * kTariff + 5000;
    const auto res = http::submitDeclaration(*provider_ctx_, declaration("D1", lines, total));
    ASSERT_EQ(res.status, 201);
    const auto answer = object(res);
    EXPECT_EQ(codeOf(answer, "R1"), "accepted");
    EXPECT_EQ(codeOf(answer, "R2"), "review 9321");
    EXPECT_EQ(codeOf(answer, "R3"), "rejected 0611");
    EXPECT_EQ(answer->getValue<std::int64_t>("awarded_cents"), 12 * kTariff);
    EXPECT_EQ(answer->getValue<std::string>("status"), "awaiting_review");

    auto p = conn_->queryOne("SELECT amount_cents, due_date, source_type FROM payables");
    ASSERT_TRUE(p);
    EXPECT_EQ(p->i64(0), 65520);  // 12 h × 54.60
    EXPECT_EQ(p->str(1), formatDate(addDays(clock_.today(), 30)));
    EXPECT_EQ(dbtest::countRows(*conn_, "claim_lines"), 3);
}

TEST_F(ClaimsTest, AReviewDecisionAcceptsTheLineAndMakesItPayableOnce) {
    http::submitDeclaration(
        *provider_ctx_,
        declaration("D1", {line("R2", "2025-01-06", "2025-02-01", 13)}, 13 * kTariff));
    const auto review = conn_->queryOne("SELECT id FROM review_items")->i64(0);
    const auto decided = http::decideReview(
        *manager_, dbtest::jsonRequest(R"({"decision":"accept","reason":"extra week agreed"})",
                                       {{"id", std::to_string(review)}}));
    EXPECT_EQ(decided.status, 200);
    EXPECT_EQ(payableSum(), 13 * kTariff);
    EXPECT_EQ(conn_->queryOne("SELECT status FROM declarations")->str(0), "answered");
    EXPECT_EQ(conn_->queryOne("SELECT status FROM claim_lines")->str(0), "accepted");
    EXPECT_EQ(dbtest::errorCode([&] {
                  http::decideReview(*manager_,
                                     dbtest::jsonRequest(R"({"decision":"reject","reason":"x"})",
                                                         {{"id", std::to_string(review)}}));
              }),
              "REVIEW_DECIDED");
    EXPECT_EQ(payableSum(), 13 * kTariff);
}

TEST_F(ClaimsTest, ACreditCancelsItsDebitBeforeTheCorrectedDebitOfTheSameMessage) {
    http::submitDeclaration(
        *provider_ctx_,
        declaration("D1", {line("R1", "2025-02-01", "2025-03-01", 12)}, 12 * kTariff));
    // The corrected debit comes first in the message; credits are processed first anyway.
    const auto res = http::submitDeclaration(
        *provider_ctx_,
        declaration("D2",
                    {line("R4", "2025-02-01", "2025-03-01", 10),
                     line("C1", "2025-02-01", "2025-03-01", 12, kTariff, true, "R1")},
                    10 * kTariff - 12 * kTariff));
    const auto answer = object(res);
    EXPECT_EQ(codeOf(answer, "C1"), "accepted");
    EXPECT_EQ(codeOf(answer, "R4"), "accepted");
    EXPECT_EQ(payableSum(), 10 * kTariff);  // 12 h paid, 12 h credited, 10 h claimed again
    // Crediting the same debit again: 9390.
    const auto again = http::submitDeclaration(
        *provider_ctx_,
        declaration("D3", {line("C2", "2025-02-01", "2025-03-01", 12, kTariff, true, "R1")},
                    -12 * kTariff));
    EXPECT_EQ(codeOf(object(again), "C2"), "rejected 9390");
    // A second debit for a claimed period without a credit: 9389.
    const auto twice = http::submitDeclaration(
        *provider_ctx_, declaration("D4", {line("R5", "2025-02-01", "2025-03-01", 1)}, kTariff));
    EXPECT_EQ(codeOf(object(twice), "R5"), "rejected 9389");
}

TEST_F(ClaimsTest, ADryRunAnswersLikeTheRealThingAndStoresNothing) {
    const auto lines = {line("R1", "2025-02-01", "2025-03-01", 12),
                        line("R3", "2025-02-01", "2025-03-01", 1, 5000)};
    const std::int64_t total = 12 * kTariff + 5000;
    const auto dry =
        object(http::dryRunDeclaration(*provider_ctx_, declaration("D1", lines, total)));
    EXPECT_TRUE(dry->getValue<bool>("dry_run"));
    EXPECT_EQ(codeOf(dry, "R3"), "rejected 0611");
    for (const char* table : {"declarations", "claim_lines", "payables", "review_items"}) {
        EXPECT_EQ(dbtest::countRows(*conn_, table), 0) << table;
    }
    const auto real =
        object(http::submitDeclaration(*provider_ctx_, declaration("D1", lines, total)));
    EXPECT_EQ(real->getValue<std::int64_t>("awarded_cents"),
              dry->getValue<std::int64_t>("awarded_cents"));
    EXPECT_EQ(codeOf(real, "R3"), "rejected 0611");
}

TEST_F(ClaimsTest, TotalsThatDoNotMatchTheLinesRejectTheWholeDeclaration) {
    const auto res = http::submitDeclaration(
        *provider_ctx_,
        declaration("D1", {line("R1", "2025-02-01", "2025-03-01", 12)}, 12 * kTariff + 1));
    EXPECT_EQ(res.status, 422);
    const auto answer = object(res);
    EXPECT_EQ(answer->getValue<std::string>("header_code"), "0001");
    EXPECT_EQ(answer->getValue<std::int64_t>("awarded_cents"), 0);
    EXPECT_EQ(codeOf(answer, "R1"), "rejected 0233");
    EXPECT_EQ(dbtest::countRows(*conn_, "payables"), 0);
    // The number is taken: a corrected declaration needs a new one.
    EXPECT_EQ(
        dbtest::errorCode([&] {
            http::submitDeclaration(
                *provider_ctx_,
                declaration("D1", {line("R9", "2025-02-01", "2025-03-01", 12)}, 12 * kTariff));
        }),
        "DUPLICATE_DECLARATION");
}

TEST_F(ClaimsTest, AnUndecidedReviewDoesNotHoldTheAnswerPastItsDueDate) {
    http::submitDeclaration(
        *provider_ctx_,
        declaration("D1", {line("R2", "2025-01-06", "2025-02-01", 13)}, 13 * kTariff));
    // Not yet due: nothing happens.
    EXPECT_EQ(iwmo::answerOverdueDeclarations(*manager_), 0);
    EXPECT_EQ(conn_->queryOne("SELECT status FROM declarations")->str(0), "awaiting_review");
    // Ten working days later the declaration is answered and the review escalated.
    conn_->execute("UPDATE declarations SET answer_due = ?",
                   {formatDate(addDays(clock_.today(), -1))});
    // A manager who works for another municipality only answers that municipality's.
    auto elsewhere = manager_->actor;
    elsewhere.user_id = 9;
    elsewhere.municipalities = {"0001"};
    elsewhere.scope_loaded = true;
    app::RequestContext other{*conn_, elsewhere, "test", clock_, config_};
    EXPECT_EQ(iwmo::answerOverdueDeclarations(other), 0);
    EXPECT_EQ(conn_->queryOne("SELECT status FROM declarations")->str(0), "awaiting_review");
    EXPECT_EQ(iwmo::answerOverdueDeclarations(*manager_), 1);
    EXPECT_EQ(conn_->queryOne("SELECT status FROM declarations")->str(0), "answered");
    auto review = conn_->queryOne("SELECT id, status, escalated_at FROM review_items");
    EXPECT_EQ(review->str(1), "open");
    EXPECT_FALSE(review->isNull(2));
    EXPECT_EQ(iwmo::answerOverdueDeclarations(*manager_), 0) << "answered once";
    // The WMO325 said "not accepted": a decision after it is recorded but pays nothing, and
    // the provider sees the line closed as answered, not accepted.
    const auto decided = dbtest::object(http::decideReview(
        *manager_, dbtest::jsonRequest(R"({"decision":"accept","reason":"agreed late"})",
                                       {{"id", std::to_string(review->i64(0))}})));
    EXPECT_EQ(decided->getValue<std::string>("status"), "answered_not_accepted");
    EXPECT_EQ(payableSum(), 0);
    EXPECT_EQ(conn_->queryOne("SELECT status FROM review_items")->str(0), "answered_not_accepted");
    EXPECT_EQ(conn_->queryOne("SELECT status FROM claim_lines")->str(0), "rejected");
    const auto id = conn_->queryOne("SELECT id FROM declarations")->i64(0);
    const auto history = dbtest::object(http::getDeclaration(
        *provider_ctx_, dbtest::jsonRequest("{}", {{"id", std::to_string(id)}})));
    EXPECT_EQ(history->getArray("lines")->getObject(0)->getValue<std::string>("review"),
              "answered_not_accepted");
    EXPECT_EQ(conn_->queryOne("SELECT status FROM declarations")->str(0), "answered");
}

TEST_F(ClaimsTest, ATerminatedContractStillPaysCareDeliveredWhileItRan) {
    http::changeContractStatus(
        *manager_,
        dbtest::jsonRequest(R"({"status":"terminated","reason":"provider stops"})", {{"id", "1"}}));
    const auto answer = object(http::submitDeclaration(
        *provider_ctx_,
        declaration("D1", {line("R1", "2025-02-01", "2025-03-01", 12)}, 12 * kTariff)));
    EXPECT_EQ(codeOf(answer, "R1"), "accepted") << "February 2025 ran under the contract";
    EXPECT_EQ(payableSum(), 12 * kTariff);
}

TEST_F(ClaimsTest, ALineSplitAtATariffChangeIsAcceptedAndTheMonthsCapBindsBothParts) {
    // A new tariff of 60.00 from Thursday 13 February 2025. February touches ISO weeks 5..9:
    // 15 h; 1–12 February weeks 5..7, 13–28 February weeks 7..9.
    http::addContractTariff(*manager_,
                            dbtest::jsonRequest(R"({"product_code":"02A01","tariff_cents":6000,)"
                                                R"("valid_from":"2025-02-13"})",
                                                {{"id", "1"}}));
    auto answer = object(http::submitDeclaration(
        *provider_ctx_, declaration("D1",
                                    {line("R1", "2025-02-01", "2025-02-13", 6),
                                     line("R2", "2025-02-13", "2025-03-01", 9, 6000)},
                                    6 * kTariff + 9 * 6000)));
    EXPECT_EQ(codeOf(answer, "R1"), "accepted");
    EXPECT_EQ(codeOf(answer, "R2"), "accepted");
    // The whole month at one tariff does not fit the contract; a split elsewhere is no whole
    // month; and the month's 15 h are used: one more hour of the second part is over the cap.
    answer = object(http::submitDeclaration(
        *provider_ctx_, declaration("D2",
                                    {line("R3", "2025-01-06", "2025-02-01", 1),
                                     line("R4", "2025-02-01", "2025-03-01", 1, 6000),
                                     line("R5", "2025-02-01", "2025-02-10", 1)},
                                    kTariff + 6000 + kTariff)));
    EXPECT_EQ(codeOf(answer, "R3"), "accepted");
    EXPECT_EQ(codeOf(answer, "R4"), "rejected 0611");
    EXPECT_EQ(codeOf(answer, "R5"), "rejected 9388");
    EXPECT_EQ(payableSum(), 6 * kTariff + 9 * 6000 + kTariff);
}

TEST_F(ClaimsTest, AnAllocationWithAcceptedClaimsIsNotRemovedUntilTheyAreCredited) {
    // TR385: removal (RedenWijziging 13) would leave paid claims without their allocation.
    http::submitDeclaration(
        *provider_ctx_,
        declaration("D1", {line("R1", "2025-02-01", "2025-03-01", 12)}, 12 * kTariff));
    auto officer = context(app::Role::AccessOfficer, "ao");
    const auto remove = [&] {
        http::queueingWmo301<http::endAllocation>(
            *officer, dbtest::jsonRequest(R"({"end_date":"2025-04-01","reason_code":"13",)"
                                          R"("provider_consent":{"given_by":"T. Visser",)"
                                          R"("given_on":"2025-01-10"}})",
                                          {{"number", std::to_string(allocation_)}}));
    };
    EXPECT_EQ(dbtest::errorCode(remove), "ALLOCATION_HAS_CLAIMS");
    EXPECT_EQ(conn_->queryOne("SELECT COUNT(*) FROM allocations")->i64(0), 1) << "nothing changed";
    http::submitDeclaration(
        *provider_ctx_,
        declaration("D2", {line("C1", "2025-02-01", "2025-03-01", 12, kTariff, true, "R1")},
                    -12 * kTariff));
    EXPECT_EQ(dbtest::errorCode(remove), "<no error>");
    EXPECT_EQ(conn_->queryOne("SELECT reason_change FROM allocations WHERE is_current = 1")->str(0),
              "13");
}

TEST_F(ClaimsTest, ACsvOfRealisedHoursGetsTheSameAdjudicationAndAnswer) {
    // Product, unit, tariff and amount come from the allocation and the contract.
    auto upload = [&](const std::string& number, bool dry_run) {
        http::ApiRequest req = dbtest::jsonRequest(
            "{}", {},
            {{"number", number}, {"period_start", "2025-02-01"}, {"period_end", "2025-03-01"}});
        if (dry_run) req.query["dry_run"] = "true";
        req.raw_body =
            "reference,allocation_number,bsn,period_start,period_end,volume\n"
            "K1," +
            std::to_string(allocation_) +
            ",123456782,2025-02-01,2025-03-01,12\n"
            "K2,999999,123456782,2025-02-01,2025-03-01,2\n";
        return http::submitCsvDeclaration(*provider_ctx_, req);
    };
    const auto dry = upload("CSV1", true);
    EXPECT_EQ(dry.status, 200);
    EXPECT_EQ(dbtest::countRows(*conn_, "claim_lines"), 0) << "a dry run stores nothing";
    const auto res = upload("CSV1", false);
    ASSERT_EQ(res.status, 201);
    const auto answer = object(res);
    EXPECT_EQ(codeOf(answer, "K1"), "accepted");
    EXPECT_EQ(codeOf(answer, "K2"), "rejected 9338");
    EXPECT_EQ(answer->getValue<std::int64_t>("awarded_cents"), 12 * kTariff);
    EXPECT_EQ(object(dry)->getValue<std::int64_t>("awarded_cents"), 12 * kTariff);
    EXPECT_EQ(payableSum(), 12 * kTariff);

    http::ApiRequest bad = dbtest::jsonRequest(
        "{}", {},
        {{"number", "CSV2"}, {"period_start", "2025-02-01"}, {"period_end", "2025-03-01"}});
    bad.raw_body = "K3,1,123456782,2025-02-01\n";
    // A refused file is answered with every problem (issue 15), not thrown.
    const auto refused = http::submitCsvDeclaration(*provider_ctx_, bad);
    EXPECT_EQ(refused.status, 400);
    EXPECT_EQ(object(refused)->getValue<std::string>("code"), "INVALID_CSV");
    const auto problems = object(refused)->getArray("problems");
    ASSERT_TRUE(problems);
    EXPECT_EQ(problems->getObject(0)->getValue<std::string>("code"), "CSV_COLUMNS");
}

TEST_F(ClaimsTest, CheckLedgerIsCleanAfterClaimsAndFindsDataBrokenByHand) {
    // A declaration and a review decision both post balanced journals: the payable account of
    // the provider equals its open payables.
    const auto lines = {line("L1", "2025-02-01", "2025-03-01", 12),
                        line("L2", "2025-01-06", "2025-02-01", 13)};
    const auto res = http::submitDeclaration(
        *provider_ctx_, declaration("DL1", lines, 12 * kTariff + 13 * kTariff));
    ASSERT_EQ(res.status, 201);
    const auto review = conn_->queryOne("SELECT id FROM review_items WHERE status = 'open'");
    ASSERT_TRUE(review);
    http::decideReview(*manager_, dbtest::jsonRequest(R"({"decision":"accept","reason":"ok"})",
                                                      {{"id", std::to_string(review->i64(0))}}));
    EXPECT_EQ(payableSum(), 25 * kTariff);
    auto clean = dbtest::runCli({"check-ledger"}, scratch_.name());
    EXPECT_EQ(clean.exit_code, 0) << clean.output;
    EXPECT_NE(clean.output.find("ledger consistent"), std::string::npos) << clean.output;

    // A payable changed behind the ledger's back.
    conn_->execute("UPDATE payables SET amount_cents = amount_cents + 1 ORDER BY id LIMIT 1");
    auto payable = dbtest::runCli({"check-ledger"}, scratch_.name());
    EXPECT_EQ(payable.exit_code, 1);
    EXPECT_NE(payable.output.find("PAYABLE_MISMATCH"), std::string::npos) << payable.output;
    conn_->execute("UPDATE payables SET amount_cents = amount_cents - 1 ORDER BY id LIMIT 1");

    // One side of a journal changed: it no longer sums to zero.
    conn_->execute("UPDATE ledger_lines SET amount_cents = amount_cents + 5 ORDER BY id LIMIT 1");
    auto journal = dbtest::runCli({"check-ledger"}, scratch_.name());
    EXPECT_EQ(journal.exit_code, 1);
    EXPECT_NE(journal.output.find("JOURNAL_UNBALANCED"), std::string::npos) << journal.output;
}

TEST_F(ClaimsTest, PaymentRunsLeaveOutDisputesAndBlocksAndNeedASecondFinanceUser) {
    const auto res = http::submitDeclaration(
        *provider_ctx_,
        declaration("DP1", {line("P1", "2025-02-01", "2025-03-01", 10)}, 10 * kTariff));
    ASSERT_EQ(res.status, 201);
    const auto payable = conn_->queryOne("SELECT id FROM payables")->i64(0);
    auto fin1 = context(app::Role::Finance, "fin.one");
    auto fin2 = context(app::Role::Finance, "fin.two");
    auto account = dbtest::jsonRequest(
        R"({"iban":"NL02ABNA0123456789","bic":"ABNANL2A","name":"Gemeente Zwolle"})");
    account.path["code"] = "0193";
    http::setDebtorAccount(*fin1, account);
    const auto run_request =
        dbtest::jsonRequest(R"({"municipality_code":"0193","due_until":"2099-12-31"})");
    // "outcome reason-code" of the run's only item.
    auto outcome = [&](const http::ApiResponse& run) {
        auto items = object(run)->getArray("items");
        if (items->size() != 1) return std::to_string(items->size()) + " items";
        const auto item = items->getObject(0);
        const std::string reason = item->has("reason") && !item->isNull("reason")
                                       ? item->getValue<std::string>("reason")
                                       : "";
        return item->getValue<std::string>("outcome") +
               (reason.empty() ? "" : " " + reason.substr(0, reason.find(':')));
    };
    const std::string pid = std::to_string(payable), vid = std::to_string(provider_);

    // Disputed: left out, nothing to transfer.
    http::disputePayable(*fin1,
                         dbtest::jsonRequest(R"({"reason":"hours doubted"})", {{"id", pid}}));
    auto run = http::preparePaymentRun(*fin1, run_request);
    EXPECT_EQ(object(run)->getArray("transfers")->size(), 0u);
    EXPECT_EQ(outcome(run), "left_out disputed");
    http::undisputePayable(*fin1, dbtest::jsonRequest(R"({"reason":"checked"})", {{"id", pid}}));

    // Blocked provider: left out with the reason.
    http::blockProvider(*fin1, dbtest::jsonRequest(R"({"reason":"UBO unknown"})", {{"id", vid}}));
    EXPECT_EQ(outcome(http::preparePaymentRun(*fin1, run_request)), "left_out provider_blocked");
    http::unblockProvider(*fin1, dbtest::jsonRequest(R"({"reason":"UBO known"})", {{"id", vid}}));

    // Paid: one transfer; the preparer cannot approve; a payable changed since makes it stale.
    run = http::preparePaymentRun(*fin1, run_request);
    EXPECT_EQ(outcome(run), "paid");
    const auto transfers = object(run)->getArray("transfers");
    ASSERT_EQ(transfers->size(), 1u);
    EXPECT_EQ(transfers->getObject(0)->getValue<std::int64_t>("amount_cents"), 10 * kTariff);
    const std::string run_id = std::to_string(object(run)->getValue<std::int64_t>("id"));
    auto approve = dbtest::jsonRequest("{}", {{"id", run_id}});
    try {
        http::approvePaymentRun(*fin1, approve);
        ADD_FAILURE() << "the preparer approved the run";
    } catch (const ValidationError& e) {
        EXPECT_EQ(e.code(), "FOUR_EYES");
    }
    http::disputePayable(*fin1, dbtest::jsonRequest(R"({"reason":"again"})", {{"id", pid}}));
    try {
        http::approvePaymentRun(*fin2, approve);
        ADD_FAILURE() << "a stale run was approved";
    } catch (const ValidationError& e) {
        EXPECT_EQ(e.code(), "RUN_STALE");
    }
    EXPECT_EQ(conn_->queryOne("SELECT status FROM payables")->str(0), "open");
    EXPECT_FALSE(invoicing::checkLedger(invoicing::loadLedgerFacts(*conn_)).has_value());
}

}  // namespace
}  // namespace zc
