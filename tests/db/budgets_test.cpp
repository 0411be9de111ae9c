// Budgets and monitoring (interfaces/http/budgets_api.hpp over invoicing/app/budgets.hpp)
// against a migrated scratch database, with a worked example whose figures are computed by hand in
// the comments.
#include "invoicing/app/budgets.hpp"

#include <gtest/gtest.h>

#include <set>
#include <sstream>

#include "contracting/kernel/errors.hpp"
#include "db/db_test_env.hpp"
#include "interfaces/http/allocations_api.hpp"
#include "interfaces/http/budgets_api.hpp"
#include "interfaces/http/clients_api.hpp"
#include "interfaces/http/contracts_api.hpp"
#include "interfaces/http/exports_api.hpp"
#include "interfaces/http/reference_api.hpp"
#include "interfaces/mysql/migrations.hpp"
#include "interfaces/security/crypto.hpp"
#include "invoicing/store/budget_figures_store.hpp"
#include "invoicing/store/commitment_store.hpp"

namespace zc {
namespace {

using dbtest::object;

using Poco::JSON::Object;

// IB (category 02) at EUR 65.00 an hour from 2026-01-01.
constexpr std::int64_t kTariffCents = 6500;
// The budget of the worked example: EUR 10,000.00.
constexpr std::int64_t kBudgetCents = 1'000'000;
constexpr std::int64_t kBudgetHolderId = 7;
constexpr std::int64_t kFinanceId = 8;
constexpr std::int64_t kOtherFinanceId = 9;

// The end of the report date of the worked example: Sunday 2026-05-31.
class FixedClock : public Clock {
  public:
    std::chrono::system_clock::time_point now() const override {
        return std::chrono::sys_days{
                   Date{std::chrono::year{2026}, std::chrono::May, std::chrono::day{31}}} +
               std::chrono::hours{12};
    }
};

std::int64_t num(const Object::Ptr& o, const std::string& key) {
    return o->getValue<std::int64_t>(key);
}

app::Actor actor(app::Role role, const std::string& name, std::int64_t user_id) {
    app::Actor a;
    a.role = role;
    a.user_id = user_id;
    a.name = name;
    return a;
}

class BudgetsTest : public ::testing::Test {
  protected:
    void SetUp() override {
        dbtest::giveRandomBsnKeys(config_);
        conn_ = scratch_.connect();
        db::migrate(*conn_, dbtest::migrationsDir());
        admin_ = context(app::Role::Admin, "admin", 1);
        manager_ = context(app::Role::ContractManager, "cm", 2);
        officer_ = context(app::Role::AccessOfficer, "ao", 3);
        holder_ = context(app::Role::BudgetHolder, "bh", kBudgetHolderId);
        finance_ = context(app::Role::Finance, "fin", kFinanceId);
        http::createMunicipality(*admin_,
                                 dbtest::jsonRequest(R"({"code":"0193","name":"Zwolle"})"));
        http::createMunicipality(*admin_,
                                 dbtest::jsonRequest(R"({"code":"0166","name":"Kampen"})"));
        http::createProduct(*admin_, dbtest::jsonRequest(R"({"code":"02A01","category":"02",)"
                                                         R"("name":"IB","unit":"hours",)"
                                                         R"("kind":"per_client"})"));
        provider_ = num(object(http::createProvider(
                            *admin_, dbtest::jsonRequest(R"({"agb":"12345670","kvk":"12345678",)"
                                                         R"("name":"Zorg BV",)"
                                                         R"("iban":"NL91ABNA0417164300"})"))),
                        "id");
        // Spending ceiling EUR 3,000.00 for the contract year.
        contract_ =
            num(object(http::createContract(
                    *manager_,
                    dbtest::jsonRequest(
                        R"({"provider_id":)" + std::to_string(provider_) +
                        R"(,"municipality_code":"0193","term_start":"2026-01-01",)"
                        R"("term_end":"2028-01-01","status":"active","products":["02A01"],)"
                        R"("spending_ceiling_cents":300000,"tariffs":[{"product_code":"02A01",)"
                        R"("tariff_cents":)" +
                        std::to_string(kTariffCents) + R"(,"valid_from":"2026-01-01"}]})"))),
                "id");
        allocation_ = allocateThreeHoursAWeek();
        // The budget holder who proposes reallocations holds the test's budgets (issue 13, S12).
        conn_->execute(
            "INSERT INTO users (id, username, display_name, role, password_hash) VALUES"
            " (?, 'bh', 'Budget holder', 'budget_holder', 'x')",
            {kBudgetHolderId});
    }

    std::unique_ptr<app::RequestContext> context(app::Role role, const std::string& name,
                                                 std::int64_t user_id) {
        return std::make_unique<app::RequestContext>(
            app::RequestContext{*conn_, actor(role, name, user_id), "test", clock_, config_});
    }

    // One client of Zwolle with 3 hours of IB a week for 2026, allocated to the provider.
    std::int64_t allocateThreeHoursAWeek() {
        return allocateFor2026(R"("bsn":"123456782","surname":"Jansen","birth_date":"1950-02-03")",
                               1, R"("volume":3,"unit":"hours","frequency":"week")");
    }

    // A client of Zwolle (`person`: bsn, surname, birth date) with decision `number` granting IB
    // by `cap` (volume, unit, frequency) for 2026, allocated to the provider: its number.
    std::int64_t allocateFor2026(const std::string& person, int number, const std::string& cap) {
        const auto client =
            num(object(http::createClient(
                    *officer_,
                    dbtest::jsonRequest("{" + person +
                                        R"(,"gender":"1","house_number":"12",)"
                                        R"("postcode":"8011AB","municipality_code":"0193"})"))),
                "id");
        const auto decision = object(http::createDecision(
            *officer_,
            dbtest::jsonRequest(R"({"number":)" + std::to_string(number) +
                                    R"(,"decision_date":"2025-12-15","valid_from":"2026-01-01",)"
                                    R"("valid_to":"2027-01-01","products":[{"product_code":)"
                                    R"("02A01",)" +
                                    cap + R"(,"financing":"ZIN"}]})",
                                {{"id", std::to_string(client)}})));
        const auto granted = num(decision->getArray("products")->getObject(0), "id");
        const auto allocation = object(http::queueingWmo301<http::createAllocation>(
            *officer_, dbtest::jsonRequest(R"({"granted_product_id":)" + std::to_string(granted) +
                                           R"(,"provider_id":)" + std::to_string(provider_) +
                                           R"(,"start_date":"2026-01-01"})")));
        return num(allocation, "number");
    }

    // A declaration received on `received` with one line, as the claims service records it
    // (with its budget figures).
    void claim(const std::string& reference, const std::string& begin, const std::string& end,
               std::int64_t hours, const std::string& received,
               const std::string& status = "accepted", bool credit = false, bool credited = false) {
        conn_->execute(
            "INSERT INTO declarations (provider_id, source, declaratie_nummer, period_begin,"
            " period_end, received_at, total_submitted_cents, status, answer_due,"
            " municipality_code) VALUES (?, 'json', ?, ?, ?, ?, ?, 'answered', ?, '0193')",
            {provider_, reference, begin, end, received + " 09:00:00", hours * kTariffCents,
             received});
        const auto declaration = conn_->lastInsertId();
        conn_->execute(
            "INSERT INTO claim_lines (declaration_id, provider_id, reference, credit,"
            " allocation_number, bsn_hash, category, product_code, period_begin, period_end,"
            " volume, unit, tariff_cents, amount_cents, status, code, credited, municipality_code,"
            " received_on) VALUES (?,?,?,?,?,REPEAT('a', 64),'02','02A01',?,?,?,'hours',?,?,?,"
            " '0200',?,'0193',?)",
            {declaration, provider_, reference, std::int64_t{credit ? 1 : 0}, allocation_, begin,
             end, hours, kTariffCents, hours * kTariffCents, status, std::int64_t{credited ? 1 : 0},
             received});
        // As the claims service does (invoicing::ClaimPayables::linesWritten).
        invoicing::addDeclarationFigures(*conn_, declaration);
        invoicing::noteDeclarationLines(*conn_, declaration);
    }

    // The claims of the worked example (see WorkedExample below).
    void recordClaims() {
        claim("JAN", "2026-01-01", "2026-02-01", 12, "2026-02-05");
        claim("FEB", "2026-02-01", "2026-03-01", 12, "2026-03-05");
        claim("MAR", "2026-03-01", "2026-04-01", 12, "2026-04-05", "accepted", false, true);
        claim("MARC", "2026-03-01", "2026-04-01", 12, "2026-04-20", "accepted", true);
        claim("APR", "2026-04-01", "2026-05-01", 40, "2026-05-05", "rejected");
        claim("MAY", "2026-05-01", "2026-06-01", 12, "2026-06-05");
        claim("OLD", "2025-12-01", "2026-01-01", 12, "2026-01-05");
    }

    // A 2026 budget held by the test's budget holder; `extra` adds fields (`,"team_id":3`).
    std::int64_t createBudget(const std::string& municipality, const std::string& category,
                              std::int64_t cents, const std::string& extra = "") {
        const auto res = http::createBudget(
            *finance_, dbtest::jsonRequest(R"({"year":2026,"municipality_code":")" + municipality +
                                           R"(","product_category":")" + category +
                                           R"(","financing_kind":"ZIN","amount_cents":)" +
                                           std::to_string(cents) + R"(,"budget_holder_user_id":)" +
                                           std::to_string(kBudgetHolderId) + extra + "}"));
        EXPECT_EQ(res.status, 201);
        return num(object(res), "id");
    }

    Object::Ptr exhaustion(std::int64_t budget, const std::string& date,
                           const std::string& threshold = "") {
        std::map<std::string, std::string> query{{"date", date}};
        if (!threshold.empty()) query["threshold"] = threshold;
        const auto res = http::budgetExhaustion(
            *finance_, dbtest::jsonRequest("{}", {{"id", std::to_string(budget)}}, query));
        EXPECT_EQ(res.status, 200);
        return object(res);
    }

    http::ApiResponse reallocate(std::int64_t from, std::int64_t to, std::int64_t cents) {
        return http::requestReallocation(
            *holder_, dbtest::jsonRequest(R"({"from_budget_id":)" + std::to_string(from) +
                                          R"(,"to_budget_id":)" + std::to_string(to) +
                                          R"(,"amount_cents":)" + std::to_string(cents) +
                                          R"(,"reason":"more clients in district Noord"})"));
    }

    http::ApiResponse decide(app::RequestContext& who, std::int64_t id,
                             const std::string& decision) {
        return http::decideReallocation(
            who, dbtest::jsonRequest(R"({"decision":")" + decision + R"(","reason":"ok"})",
                                     {{"id", std::to_string(id)}}));
    }

    std::int64_t budgetAmount(std::int64_t id) {
        return conn_->queryOne("SELECT amount_cents FROM budgets WHERE id = ?", {id})->i64(0);
    }

    dbtest::ScratchDatabase scratch_;
    std::unique_ptr<db::Connection> conn_;
    FixedClock clock_;
    app::AppConfig config_;
    std::unique_ptr<app::RequestContext> admin_, manager_, officer_, holder_, finance_;
    std::int64_t provider_ = 0, contract_ = 0, allocation_ = 0;
};

// Budget EUR 10,000.00 for Zwolle (0193), category 02, ZIN, 2026. One client with IB 3 hours a
// week for 2026 at EUR 65.00 an hour. Report date Sunday 2026-05-31.
//
// Accepted (net, received by the end of 2026-05-31, service period beginning in 2026):
//   January  12 h × 65.00 =   780.00
//   February 12 h × 65.00 =   780.00
//   March    780.00 debit − 780.00 credit = 0.00 (the credit cancels the debit)
//   April    rejected: not counted
//   May      received on 2026-06-05, after the report date: not counted yet
//   December 2025: another year: not counted
//   accepted-unpaid = 1,560.00; paid = 0.00 (no payment runs yet)
// Committed: from Monday 2026-06-01 to the year end (2027-01-01) the allocation touches the ISO
//   weeks 2026-06-01 … 2026-12-28: (210 days / 7) + 1 = 31 weeks × 3 h = 93 h, nothing accepted
//   in that window yet: 93 h × 65.00 = 6,045.00.
// Exhaustion = 0.00 + 1,560.00 + 6,045.00 = 7,605.00 (76.05 %); remaining = 2,395.00.
// Forecast: complete months January–May = 5; run rate = 1,560.00 × 12 / 5 = 3,744.00; the
//   forecast is never below the exhaustion: max(3,744.00, 7,605.00) = 7,605.00.
// Deviation = (7,605.00 − 10,000.00) / 10,000.00 = −23.95 % → beyond 5 %: signal.
TEST_F(BudgetsTest, WorkedExampleAddsUp) {
    recordClaims();
    const auto budget = createBudget("0193", "02", kBudgetCents);
    const auto kampen = createBudget("0166", "02", 500'000);

    auto r = exhaustion(budget, "2026-05-31");
    EXPECT_EQ(num(r, "amount_cents"), 1'000'000);
    EXPECT_EQ(num(r, "paid_cents"), 0);
    EXPECT_EQ(num(r, "accepted_unpaid_cents"), 156'000);
    EXPECT_EQ(num(r, "committed_cents"), 604'500);
    EXPECT_EQ(num(r, "exhaustion_cents"), 760'500);
    EXPECT_EQ(num(r, "remaining_cents"), 239'500);
    EXPECT_EQ(num(r, "exhaustion_bp"), 7605);
    EXPECT_EQ(num(r, "complete_months"), 5);
    EXPECT_EQ(num(r, "run_rate_cents"), 374'400);
    EXPECT_EQ(num(r, "forecast_cents"), 760'500);
    EXPECT_EQ(num(r, "deviation_bp"), -2395);
    EXPECT_TRUE(r->getValue<bool>("signal"));
    EXPECT_EQ(num(r, "allocations_counted"), 1);
    EXPECT_EQ(num(r, "allocations_without_tariff"), 0);
    const auto months = r->getArray("monthly_realised");
    ASSERT_EQ(months->size(), 12u);
    EXPECT_EQ(months->getObject(0)->getValue<std::string>("month"), "2026-01");
    EXPECT_EQ(num(months->getObject(0), "accepted_cents"), 78'000);
    EXPECT_EQ(num(months->getObject(1), "accepted_cents"), 78'000);
    EXPECT_EQ(num(months->getObject(2), "accepted_cents"), 0);
    EXPECT_EQ(num(months->getObject(4), "accepted_cents"), 0);
    EXPECT_EQ(num(r, "realised_cents"), num(r, "accepted_unpaid_cents") + num(r, "paid_cents"));

    // With a threshold of 30 % a deviation of 23.95 % is no signal.
    EXPECT_FALSE(exhaustion(budget, "2026-05-31", "30")->getValue<bool>("signal"));
    // Kampen's budget has no clients of Zwolle: nothing used; forecast = run rate 0.00.
    const auto k = exhaustion(kampen, "2026-05-31");
    EXPECT_EQ(num(k, "exhaustion_cents"), 0);
    EXPECT_EQ(num(k, "forecast_cents"), 0);
    EXPECT_EQ(num(k, "deviation_bp"), -10'000);

    // A June claim of 6 h received on the report date moves 6 h × 65.00 = 390.00 from committed
    // to accepted: accepted 1,950.00, committed (93 − 6) h × 65.00 = 5,655.00, exhaustion the
    // same 7,605.00.
    claim("JUN", "2026-06-01", "2026-07-01", 6, "2026-05-31");
    r = exhaustion(budget, "2026-05-31");
    EXPECT_EQ(num(r, "accepted_unpaid_cents"), 195'000);
    EXPECT_EQ(num(r, "committed_cents"), 565'500);
    EXPECT_EQ(num(r, "exhaustion_cents"), 760'500);
    // The run rate counts complete months only: June is not one yet.
    EXPECT_EQ(num(r, "run_rate_cents"), 374'400);
}

TEST_F(BudgetsTest, UnknownBudgetIsNotFoundAndDuplicateRefused) {
    EXPECT_EQ(dbtest::errorCode([&] { exhaustion(99, "2026-05-31"); }), "NOT_FOUND");
    createBudget("0193", "02", kBudgetCents);
    EXPECT_EQ(dbtest::errorCode([&] { createBudget("0193", "02", 1); }), "DUPLICATE_BUDGET");
    EXPECT_EQ(dbtest::errorCode([&] { createBudget("0193", "2", 1); }), "INVALID_PRODUCT_CATEGORY");
    EXPECT_EQ(dbtest::errorCode([&] { createBudget("0193", "03", -1); }), "INVALID_BUDGET");
    EXPECT_EQ(dbtest::countRows(*conn_, "budgets"), 1);
}

// Spending ceiling EUR 3,000.00. Accepted in 2026 on the contract's products (whenever
// received): January 780.00 + February 780.00 + March 0.00 (credited) + May 780.00
// = 2,340.00 = 78.00 % → warning (from 70 %). December 2025 and the rejected April line do not
// count.
TEST_F(BudgetsTest, SpendingCeilingWarnsFromSeventyPercent) {
    recordClaims();
    const auto res = http::providerSpendingCeiling(
        *finance_,
        dbtest::jsonRequest("{}", {{"id", std::to_string(provider_)}}, {{"year", "2026"}}));
    const auto contracts = object(res)->getArray("contracts");
    ASSERT_EQ(contracts->size(), 1u);
    const auto c = contracts->getObject(0);
    EXPECT_EQ(num(c, "contract_id"), contract_);
    EXPECT_EQ(num(c, "used_cents"), 234'000);
    EXPECT_EQ(num(c, "paid_cents"), 0);
    EXPECT_EQ(num(c, "remaining_cents"), 66'000);
    EXPECT_EQ(num(c, "used_bp"), 7800);
    EXPECT_EQ(c->getValue<std::string>("status"), "warning");

    auto other = context(app::Role::Provider, "provider:x", 0);
    other->actor.provider_id = provider_ + 1;
    EXPECT_EQ(dbtest::errorCode([&] {
                  http::providerSpendingCeiling(
                      *other, dbtest::jsonRequest("{}", {{"id", std::to_string(provider_)}}));
              }),
              "FORBIDDEN");
}

// Remaining of the Zwolle budget on 2026-05-31 (the fixed clock's today): 2,395.00 (see the
// worked example). Moving 1,000.00 leaves 10,000.00 − 1,000.00 = 9,000.00 with exhaustion
// 7,605.00: 1,395.00 remaining.
TEST_F(BudgetsTest, ReallocationNeedsFourEyesAndRemainingBudget) {
    recordClaims();
    const auto from = createBudget("0193", "02", kBudgetCents);
    const auto to = createBudget("0193", "03", 500'000);

    const auto requested = object(reallocate(from, to, 100'000));
    EXPECT_EQ(requested->getValue<std::string>("status"), "requested");
    EXPECT_EQ(num(requested, "from_remaining_cents"), 239'500);
    const auto id = num(requested, "id");
    EXPECT_EQ(budgetAmount(from), kBudgetCents);  // nothing moves before the approval

    // The requester may not decide it, whatever role the session has.
    auto same_person = context(app::Role::Finance, "bh-as-finance", kBudgetHolderId);
    EXPECT_EQ(dbtest::errorCode([&] { decide(*same_person, id, "approve"); }), "FOUR_EYES");
    EXPECT_EQ(budgetAmount(from), kBudgetCents);

    const auto approved = object(decide(*finance_, id, "approve"));
    EXPECT_EQ(approved->getValue<std::string>("status"), "approved");
    EXPECT_EQ(num(approved, "decided_by"), kFinanceId);
    EXPECT_EQ(budgetAmount(from), 900'000);
    EXPECT_EQ(budgetAmount(to), 600'000);
    // The ledger records the move of appropriation: from-budget debited, to-budget credited.
    const auto lines = conn_->query(
        "SELECT l.account, l.amount_cents FROM ledger_lines l JOIN ledger_journals j ON j.id ="
        " l.journal_id WHERE j.kind = 'budget_reallocation' ORDER BY l.id");
    ASSERT_EQ(lines.size(), 2u);
    EXPECT_EQ(lines[0].str(0), "allowance:budget:" + std::to_string(from));
    EXPECT_EQ(lines[0].i64(1), 100'000);
    EXPECT_EQ(lines[1].str(0), "allowance:budget:" + std::to_string(to));
    EXPECT_EQ(lines[1].i64(1), -100'000);
    EXPECT_EQ(dbtest::errorCode([&] { decide(*finance_, id, "reject"); }), "REALLOCATION_DECIDED");
    EXPECT_EQ(conn_
                  ->queryOne("SELECT COUNT(*) FROM audit_log WHERE action ="
                             " 'budget_reallocation.approve' AND object_id = ?",
                             {std::to_string(id)})
                  ->i64(0),
              1);

    // 1,395.00 remain: 1,395.01 is too much.
    EXPECT_EQ(dbtest::errorCode([&] { reallocate(from, to, 139'501); }), "INSUFFICIENT_BUDGET");
    EXPECT_EQ(dbtest::errorCode([&] { reallocate(from, from, 1); }), "SAME_BUDGET");
    EXPECT_EQ(dbtest::errorCode([&] { reallocate(from, to, 0); }), "INVALID_AMOUNT");

    // Two requests of 1,395.00 each fit alone; after the first is approved the second no longer
    // does, and its approval is refused.
    const auto first = num(object(reallocate(from, to, 139'500)), "id");
    const auto second = num(object(reallocate(from, to, 139'500)), "id");
    decide(*finance_, first, "approve");
    auto colleague = context(app::Role::Finance, "fin2", kOtherFinanceId);
    EXPECT_EQ(dbtest::errorCode([&] { decide(*colleague, second, "approve"); }),
              "INSUFFICIENT_BUDGET");
    EXPECT_EQ(budgetAmount(from), 760'500);
    EXPECT_EQ(budgetAmount(to), 739'500);
    EXPECT_EQ(object(decide(*colleague, second, "reject"))->getValue<std::string>("status"),
              "rejected");
}

TEST_F(BudgetsTest, OverviewCsvIsForDutchExcelWithOneRowPerBudget) {
    recordClaims();
    const auto zwolle = createBudget("0193", "02", kBudgetCents);
    createBudget("0193", "03", 500'000);
    createBudget("0166", "02", 500'000);
    const auto res = http::budgetOverview(
        *finance_,
        dbtest::jsonRequest("{}", {}, {{"year", "2026"}, {"month", "5"}, {"format", "csv"}}));
    EXPECT_EQ(res.content_type, "text/csv; charset=utf-8");
    std::istringstream in(res.raw);
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    ASSERT_EQ(lines.size(), 4u);
    EXPECT_EQ(res.attachment, "budgetoverzicht-2026.csv");
    EXPECT_EQ(lines[0].rfind("\xEF\xBB\xBF"
                             "Budget-id;Jaar;Gemeente;Wijk;Sociaal wijkteam;",
                             0),
              0u);
    // Budgets in order of municipality: Kampen first, then Zwolle's 02 and 03. Zwolle 02 on
    // 2026-05-31 (month 5): realised in May 0.00, to date 1,560.00; euros and percentages with
    // a decimal comma (docs/budgets.md's worked example).
    EXPECT_EQ(lines[2], std::to_string(zwolle) +
                            ";2026;0193;;;02;zorg in natura;0193 02 ZIN 2026;10000,00;0,00;"
                            "1560,00;6045,00;7605,00;2395,00;76,05;0,00;1560,00;7605,00;-23,95;"
                            "ja;31-05-2026\r");
    // The export's address gives the same file.
    EXPECT_EQ(http::exportBudgets(*finance_,
                                  dbtest::jsonRequest("{}", {}, {{"year", "2026"}, {"month", "5"}}))
                  .raw,
              res.raw);

    const auto json = object(http::budgetOverview(
        *finance_, dbtest::jsonRequest("{}", {}, {{"year", "2026"}, {"month", "5"}})));
    EXPECT_EQ(json->getValue<std::string>("report_date"), "2026-05-31");
    EXPECT_EQ(json->getArray("rows")->size(), 3u);
}

// Issue 13 (S8): a finance user who works for Zwolle only sees Zwolle's budgets. The Kampen
// budget is left out of the list and the overview; reading its exhaustion, creating a Kampen
// budget or moving money out of it is refused with OUT_OF_SCOPE. An unscoped user sees both.
TEST_F(BudgetsTest, AKampenBudgetIsInvisibleToAZwolleOnlyUser) {
    const auto zwolle = createBudget("0193", "02", kBudgetCents);
    const auto kampen = createBudget("0166", "02", 500'000);
    app::Actor scoped = actor(app::Role::Finance, "fin.zwolle", kOtherFinanceId);
    scoped.municipalities = {"0193"};
    scoped.scope_loaded = true;
    app::RequestContext zwolle_only{*conn_, scoped, "test", clock_, config_};
    const auto ids = [](const http::ApiResponse& res) {
        std::vector<std::int64_t> out;
        const auto a = dbtest::array(res);
        for (std::size_t i = 0; i < a->size(); ++i) {
            out.push_back(num(a->getObject(static_cast<unsigned>(i)), "id"));
        }
        return out;
    };
    const auto year = dbtest::jsonRequest("{}", {}, {{"year", "2026"}});
    EXPECT_EQ(ids(http::listBudgets(*finance_, year)), (std::vector<std::int64_t>{kampen, zwolle}));
    EXPECT_EQ(ids(http::listBudgets(zwolle_only, year)), (std::vector<std::int64_t>{zwolle}));
    EXPECT_TRUE(ids(http::listBudgets(zwolle_only,
                                      dbtest::jsonRequest("{}", {}, {{"municipality", "0166"}})))
                    .empty());
    const auto overview = object(http::budgetOverview(zwolle_only, year));
    ASSERT_EQ(overview->getArray("rows")->size(), 1u);
    EXPECT_EQ(num(overview->getArray("rows")->getObject(0)->getObject("budget"), "id"), zwolle);

    EXPECT_EQ(dbtest::errorCode([&] {
                  http::budgetExhaustion(zwolle_only,
                                         dbtest::jsonRequest("{}", {{"id", std::to_string(kampen)}},
                                                             {{"date", "2026-05-31"}}));
              }),
              "OUT_OF_SCOPE");
    EXPECT_EQ(dbtest::errorCode([&] {
                  http::createBudget(
                      zwolle_only,
                      dbtest::jsonRequest(R"({"year":2026,"municipality_code":"0166",)"
                                          R"("product_category":"03",)"
                                          R"("financing_kind":"ZIN","amount_cents":1})"));
              }),
              "OUT_OF_SCOPE");
    EXPECT_EQ(dbtest::errorCode([&] {
                  http::requestReallocation(
                      zwolle_only,
                      dbtest::jsonRequest(R"({"from_budget_id":)" + std::to_string(kampen) +
                                          R"(,"to_budget_id":)" + std::to_string(zwolle) +
                                          R"(,"amount_cents":100,"reason":"mine"})"));
              }),
              "OUT_OF_SCOPE");
    EXPECT_EQ(dbtest::countRows(*conn_, "budgets"), 2);
    EXPECT_EQ(dbtest::countRows(*conn_, "budget_reallocations"), 0);
}

// Issue 13 (S12): a team budget counts only the care of its team's clients. The client of the
// worked example gets team Noord-A (and so the team's district); Noord-A's budget shows the
// worked example's figures, Noord-B's nothing. A team of another municipality is refused.
TEST_F(BudgetsTest, ATeamBudgetShowsOnlyItsTeamsCare) {
    recordClaims();
    const auto district =
        num(object(http::createDistrict(
                *admin_, dbtest::jsonRequest(R"({"municipality_code":"0193","name":"Noord"})"))),
            "id");
    const auto team = [&](const std::string& name, std::int64_t in) {
        return num(object(http::createTeam(
                       *admin_, dbtest::jsonRequest(R"({"district_id":)" + std::to_string(in) +
                                                    R"(,"name":")" + name + R"("})"))),
                   "id");
    };
    const auto team_a = team("Noord-A", district);
    const auto team_b = team("Noord-B", district);
    const auto client =
        conn_->queryOne("SELECT client_id FROM allocations WHERE number = ?", {allocation_})
            ->i64(0);
    const auto patch = [&](const std::string& body) {
        return object(http::patchClient(
            *officer_, dbtest::jsonRequest(body, {{"id", std::to_string(client)}})));
    };
    const auto patched = patch(R"({"team_id":)" + std::to_string(team_a) + "}");
    EXPECT_EQ(num(patched, "team_id"), team_a);
    EXPECT_EQ(patched->getValue<std::string>("team_name"), "Noord-A");
    EXPECT_EQ(num(patched, "district_id"), district);  // the team's district

    const auto a =
        createBudget("0193", "02", kBudgetCents, ",\"team_id\":" + std::to_string(team_a));
    const auto b =
        createBudget("0193", "02", kBudgetCents, ",\"team_id\":" + std::to_string(team_b));
    const auto whole = createBudget("0193", "02", kBudgetCents);
    const auto ra = exhaustion(a, "2026-05-31");
    EXPECT_EQ(num(ra, "accepted_unpaid_cents"), 156'000);
    EXPECT_EQ(num(ra, "committed_cents"), 604'500);
    const auto rb = exhaustion(b, "2026-05-31");
    EXPECT_EQ(num(rb, "accepted_unpaid_cents"), 0);
    EXPECT_EQ(num(rb, "committed_cents"), 0);
    EXPECT_EQ(num(rb, "allocations_counted"), 0);
    EXPECT_EQ(num(exhaustion(whole, "2026-05-31"), "exhaustion_cents"), 760'500);

    // A Kampen team is no team of a Zwolle client: refused, nothing changes.
    const auto kampen_district =
        num(object(http::createDistrict(
                *admin_, dbtest::jsonRequest(R"({"municipality_code":"0166","name":"Centrum"})"))),
            "id");
    const auto kampen_team = team("Kampen-1", kampen_district);
    EXPECT_EQ(
        dbtest::errorCode([&] { patch(R"({"team_id":)" + std::to_string(kampen_team) + "}"); }),
        "UNKNOWN_TEAM");
    EXPECT_EQ(conn_->queryOne("SELECT team_id FROM clients WHERE id = ?", {client})->i64(0),
              team_a);
    // Clearing the team: the team budget no longer counts the client's care.
    patch(R"({"team_id":null})");
    EXPECT_TRUE(conn_->queryOne("SELECT team_id FROM clients WHERE id = ?", {client})->isNull(0));
    EXPECT_EQ(num(exhaustion(a, "2026-05-31"), "exhaustion_cents"), 0);
    EXPECT_EQ(conn_
                  ->queryOne("SELECT COUNT(*) FROM audit_log WHERE action = 'client.update'"
                             " AND object_id = ?",
                             {std::to_string(client)})
                  ->i64(0),
              2);
}

// Issue 17: the committed part is kept per municipality, category, year and report date
// (budget_commitments) and computed again when what it depends on changes: a claim received by
// the report date (WorkedExampleAddsUp), the client's team (ATeamBudgetShowsOnlyItsTeamsCare),
// a new tariff and the allocation's end (here).
TEST_F(BudgetsTest, TheKeptCommitmentFollowsANewTariffAndTheAllocationsEnd) {
    const auto budget = createBudget("0193", "02", kBudgetCents);
    const auto kept = [&] {
        return conn_
            ->queryOne(
                "SELECT COUNT(*) FROM budget_commitments WHERE report_date = '2026-05-31'"
                " AND district_id = -1")
            ->i64(0);
    };
    EXPECT_EQ(kept(), 0);
    EXPECT_EQ(num(exhaustion(budget, "2026-05-31"), "committed_cents"), 604'500);
    EXPECT_EQ(kept(), 1);
    // 70.00 an hour from 1 May: the remaining 93 h at the tariff of the report date.
    http::addContractTariff(*manager_,
                            dbtest::jsonRequest(R"({"product_code":"02A01","tariff_cents":7000,)"
                                                R"("valid_from":"2026-05-01"})",
                                                {{"id", std::to_string(contract_)}}));
    EXPECT_EQ(num(exhaustion(budget, "2026-05-31"), "committed_cents"), 651'000);
    // Ended on 1 September: the ISO weeks from Monday 1 June to Monday 31 August, 14 × 3 h.
    http::queueingWmo301<http::endAllocation>(
        *officer_, dbtest::jsonRequest(R"({"end_date":"2026-09-01","reason_code":"05"})",
                                       {{"number", std::to_string(allocation_)}}));
    const auto r = exhaustion(budget, "2026-05-31");
    EXPECT_EQ(num(r, "committed_cents"), 294'000);
    EXPECT_EQ(num(r, "allocations_counted"), 1);
    EXPECT_EQ(kept(), 1) << "one kept commitment per key, replaced";

    // What `zorgcontract check-budget-figures` runs: a current kept commitment that differs from
    // a fresh computation is reported; --rebuild forgets them all.
    std::size_t checked = 0, discarded = 0;
    // A kept commitment of another date, made out of date by a new tariff, is removed.
    EXPECT_EQ(num(exhaustion(budget, "2026-06-30"), "committed_cents"),
              210'000);  // 10 weeks × 3 h × 70.00
    http::addContractTariff(*manager_,
                            dbtest::jsonRequest(R"({"product_code":"02A01","tariff_cents":7000,)"
                                                R"("valid_from":"2026-12-01"})",
                                                {{"id", std::to_string(contract_)}}));
    EXPECT_EQ(num(exhaustion(budget, "2026-05-31"), "committed_cents"), 294'000);
    EXPECT_TRUE(invoicing::checkKeptCommitments(*finance_, false, checked, discarded).empty());
    EXPECT_EQ(checked, 1u);
    EXPECT_EQ(discarded, 1u);
    EXPECT_EQ(kept(), 1);
    // One computed more than 35 days ago is forgotten too, and computed again when read.
    conn_->execute("UPDATE budget_commitments SET computed_at = '2026-04-25 12:00:00'");
    EXPECT_TRUE(invoicing::checkKeptCommitments(*finance_, false, checked, discarded).empty());
    EXPECT_EQ(checked, 0u);
    EXPECT_EQ(discarded, 1u);
    EXPECT_EQ(kept(), 0);
    EXPECT_EQ(num(exhaustion(budget, "2026-05-31"), "committed_cents"), 294'000);
    EXPECT_EQ(kept(), 1);
    conn_->execute("UPDATE budget_commitments SET committed_cents = 1 WHERE district_id = 0");
    const auto differences = invoicing::checkKeptCommitments(*finance_, true, checked, discarded);
    ASSERT_EQ(differences.size(), 1u);
    EXPECT_EQ(differences[0], "0193 02 2026 2026-05-31 district 0 team 0: kept 1, computed 294000");
    EXPECT_EQ(dbtest::countRows(*conn_, "budget_commitments"), 0);
    EXPECT_EQ(num(exhaustion(budget, "2026-05-31"), "committed_cents"), 294'000);
}

// Issue 17: a cap over the whole validity ('total') commits what is left of it: a second client
// with 100 h of IB for 2026, 12 h of January accepted (received on 2026-02-05) → 88 h × 65.00 =
// 5,720.00, next to the worked example's 6,045.00.
TEST_F(BudgetsTest, ATotalCapCommitsWhatIsLeftOfIt) {
    const auto weekly = allocation_;
    allocation_ = allocateFor2026(R"("bsn":"111222333","surname":"Smit","birth_date":"1948-07-01")",
                                  2, R"("volume":100,"unit":"hours","frequency":"total")");
    claim("TOT-JAN", "2026-01-01", "2026-02-01", 12, "2026-02-05");
    claim("TOT-JUN", "2026-06-01", "2026-07-01", 5, "2026-06-05");  // received after the date
    allocation_ = weekly;
    const auto budget = createBudget("0193", "02", kBudgetCents);
    const auto r = exhaustion(budget, "2026-05-31");
    EXPECT_EQ(num(r, "committed_cents"), 604'500 + 572'000);
    EXPECT_EQ(num(r, "allocations_counted"), 2);
    EXPECT_EQ(num(exhaustion(budget, "2026-05-31"), "committed_cents"), 604'500 + 572'000);
    // On 30 June the June claim counts: 83 h left; the weekly allocation's remaining weeks at
    // 3 h: Monday 29 June to Monday 28 December, 27 weeks.
    EXPECT_EQ(num(exhaustion(budget, "2026-06-30"), "committed_cents"),
              27 * 3 * 6'500 + 83 * 6'500);
}

// Issue 13 (S12): care counts on the budget of the municipality that pays it, not of the
// client's municipality. The client moves to Kampen while its care stays paid by Zwolle (as
// Beschermd Wonen placed with the central municipality): it stays on Zwolle's budget, and
// Kampen's budget shows none of it.
TEST_F(BudgetsTest, CareCountsOnThePayingMunicipalitysBudget) {
    recordClaims();
    conn_->execute("UPDATE clients SET municipality_code = '0166'");
    const auto zwolle = createBudget("0193", "02", kBudgetCents);
    const auto kampen = createBudget("0166", "02", kBudgetCents);
    const auto z = exhaustion(zwolle, "2026-05-31");
    EXPECT_EQ(num(z, "accepted_unpaid_cents"), 156'000);
    EXPECT_EQ(num(z, "committed_cents"), 604'500);
    const auto k = exhaustion(kampen, "2026-05-31");
    EXPECT_EQ(num(k, "exhaustion_cents"), 0);
    EXPECT_EQ(num(k, "allocations_counted"), 0);
}

// Issue 13 (S12): paid is the accepted care whose payable the bank booked by the report date.
// January's declaration (780.00) was booked on 2026-03-10; February's (780.00) is in an approved
// run but not booked: paid 780.00, accepted-unpaid 780.00, exhaustion unchanged 7,605.00. Booked
// on 2026-06-02 (after the report date) it is still unpaid on 2026-05-31; booked on 2026-05-20 it
// is paid.
TEST_F(BudgetsTest, PaidIsWhatTheBankBooked) {
    recordClaims();
    const auto budget = createBudget("0193", "02", kBudgetCents);
    const auto payable = [&](const std::string& reference, const std::string& status,
                             const std::string& paid_at) {
        conn_->execute(
            "INSERT INTO payables (provider_id, source_type, source_id, amount_cents, due_date,"
            " created_at, status, paid_at, municipality_code) SELECT provider_id, 'declaration',"
            " id, total_submitted_cents, '2026-03-01', received_at, ?, ?, '0193'"
            " FROM declarations WHERE declaratie_nummer = ?",
            {status, paid_at.empty() ? db::Param(nullptr) : db::Param(paid_at), reference});
    };
    payable("JAN", "paid", "2026-03-10 10:00:00");
    payable("FEB", "in_run", "");
    // The payables are written here, not booked by a bank statement: their paid figures are
    // recomputed (the bank's booking keeps them current itself:
    // ClaimControlDbProperty.TheBudgetFiguresStayEqualToAFullRecomputation).
    invoicing::rebuildFigures(*conn_);
    auto r = exhaustion(budget, "2026-05-31");
    EXPECT_EQ(num(r, "paid_cents"), 78'000);
    EXPECT_EQ(num(r, "accepted_unpaid_cents"), 78'000);
    EXPECT_EQ(num(r, "exhaustion_cents"), 760'500);

    conn_->execute(
        "UPDATE payables p JOIN declarations d ON d.id = p.source_id SET p.status = 'paid',"
        " p.paid_at = '2026-06-02 10:00:00' WHERE d.declaratie_nummer = 'FEB'");
    invoicing::rebuildFigures(*conn_);
    EXPECT_EQ(num(exhaustion(budget, "2026-05-31"), "paid_cents"), 78'000);
    conn_->execute(
        "UPDATE payables p JOIN declarations d ON d.id = p.source_id"
        " SET p.paid_at = '2026-05-20 10:00:00' WHERE d.declaratie_nummer = 'FEB'");
    invoicing::rebuildFigures(*conn_);
    r = exhaustion(budget, "2026-05-31");
    EXPECT_EQ(num(r, "paid_cents"), 156'000);
    EXPECT_EQ(num(r, "accepted_unpaid_cents"), 0);
    EXPECT_EQ(num(r, "exhaustion_cents"), 760'500);
}

// Issue 13 (S12): a PGB budget commits the personal budgets granted on its category and paid by
// its municipality, decided by the report date and valid in the year: the client's PGB of
// 5,000.00 for 2026 is on Zwolle's PGB budget; Kampen's has none; a PGB decided after the report
// date does not count yet.
TEST_F(BudgetsTest, APgbBudgetCommitsTheGrantedPersonalBudgets) {
    // A second Zwolle client (the first has the IB in kind, which a PGB may not overlap).
    const auto client =
        num(object(http::createClient(
                *officer_, dbtest::jsonRequest(R"({"bsn":"111222333","surname":"Pieters",)"
                                               R"("birth_date":"1960-04-05","gender":"2",)"
                                               R"("house_number":"3","postcode":"8011AC",)"
                                               R"("municipality_code":"0193"})"))),
            "id");
    const auto grant = [&](std::int64_t number, const std::string& decided) {
        const auto res = http::createDecision(
            *officer_,
            dbtest::jsonRequest(R"({"number":)" + std::to_string(number) + R"(,"decision_date":")" +
                                    decided +
                                    R"(","valid_from":"2026-01-01","valid_to":"2027-01-01",)"
                                    R"("products":[{"product_code":"02A01","volume":3,)"
                                    R"("unit":"hours","frequency":"week","financing":"PGB",)"
                                    R"("pgb_budget_cents":500000}]})",
                                {{"id", std::to_string(client)}}));
        EXPECT_EQ(res.status, 201);
    };
    grant(2, "2026-02-01");
    grant(3, "2026-07-01");  // after the report date
    const auto pgb = [&](const std::string& municipality) {
        const auto res = http::createBudget(
            *finance_, dbtest::jsonRequest(R"({"year":2026,"municipality_code":")" + municipality +
                                           R"(","product_category":"02","financing_kind":"PGB",)"
                                           R"("amount_cents":2000000})"));
        EXPECT_EQ(res.status, 201);
        return num(object(res), "id");
    };
    const auto zwolle = exhaustion(pgb("0193"), "2026-05-31");
    EXPECT_EQ(num(zwolle, "committed_cents"), 500'000);
    EXPECT_EQ(num(zwolle, "remaining_cents"), 1'500'000);
    EXPECT_EQ(num(exhaustion(pgb("0166"), "2026-05-31"), "committed_cents"), 0);
}

// Issue 15: finance sets the amount of an "Unbudgeted" budget that a claim created (no reason
// needed while it is 0) and corrects it with a reason, never below what the year realised
// (paid + accepted-unpaid: 1,560.00 of the worked example); below the exhaustion (7,605.00) is
// allowed and said. Each change is a row and an audit row; a refusal changes nothing.
TEST_F(BudgetsTest, FinanceSetsAnUnbudgetedAmountAndCorrectsItNotBelowWhatWasRealised) {
    recordClaims();
    conn_->execute(
        "INSERT INTO budgets (year, municipality_code, product_category, financing_kind,"
        " amount_cents, name, created_at, created_by) VALUES (2026,'0193','02','ZIN',0,"
        "'Unbudgeted 02 ZIN 2026',NOW(6),'system')");
    const std::string id = std::to_string(conn_->lastInsertId());
    const auto set = [&](const std::string& body) {
        return http::setBudgetAmount(*finance_, dbtest::jsonRequest(body, {{"id", id}}));
    };
    EXPECT_EQ(dbtest::errorCode([&] { set(R"({"amount_cents":-1})"); }), "INVALID_AMOUNT");
    EXPECT_EQ(dbtest::errorCode([&] { set(R"({"amount_cents":155999})"); }),
              "BUDGET_BELOW_REALISED");
    EXPECT_EQ(budgetAmount(std::stoll(id)), 0);
    auto r = object(set(R"({"amount_cents":700000})"));
    EXPECT_EQ(num(r->getObject("budget"), "amount_cents"), 700'000);
    EXPECT_EQ(num(r, "realised_cents"), 156'000);
    EXPECT_EQ(num(r, "exhaustion_cents"), 760'500);
    EXPECT_TRUE(r->getValue<bool>("below_exhaustion"));
    EXPECT_EQ(dbtest::errorCode([&] { set(R"({"amount_cents":800000})"); }), "REASON_REQUIRED");
    r = object(set(R"({"amount_cents":800000,"reason":"raad 12 maart"})"));
    EXPECT_FALSE(r->getValue<bool>("below_exhaustion"));
    EXPECT_EQ(num(r->getObject("change"), "before_cents"), 700'000);
    EXPECT_EQ(budgetAmount(std::stoll(id)), 800'000);
    EXPECT_EQ(dbtest::errorCode([&] {
                  http::setBudgetAmount(
                      *holder_, dbtest::jsonRequest(R"({"amount_cents":1})", {{"id", "99999"}}));
              }),
              "NOT_FOUND");
    const auto changes =
        http::listBudgetAmountChanges(*finance_, dbtest::jsonRequest("{}", {{"id", id}}));
    const auto list = changes.body.extract<Poco::JSON::Array::Ptr>();
    ASSERT_EQ(list->size(), 2u);
    EXPECT_EQ(list->getObject(0)->getValue<std::string>("reason"), "raad 12 maart");
    EXPECT_EQ(list->getObject(1)->getValue<std::int64_t>("after_cents"), 700'000);
    EXPECT_EQ(conn_
                  ->queryOne("SELECT COUNT(*) FROM audit_log WHERE action = 'budget.amount'"
                             " AND object_id = ?",
                             {id})
                  ->i64(0),
              2);
}

// Issue 17: `zorgcontract check-budget-figures` finds the kept figures equal to a full
// recomputation, names a figure that is not (exit 1), and --rebuild mends it; the report reads
// the same before and after.
TEST_F(BudgetsTest, TheCheckCommandFindsAFigureThatDiffersAndRebuildMendsIt) {
    recordClaims();
    const auto budget = createBudget("0193", "02", kBudgetCents);
    const auto before = num(exhaustion(budget, "2026-05-31"), "accepted_unpaid_cents");
    auto run = dbtest::runCli({"check-budget-figures"}, scratch_.name());
    EXPECT_EQ(run.exit_code, 0) << run.output;
    EXPECT_NE(run.output.find("budget figures consistent: 2 municipalities, 0 difference(s)"),
              std::string::npos)
        << run.output;

    conn_->execute(
        "UPDATE budget_claim_figures SET amount_cents = amount_cents + 1 WHERE service_month ="
        " '2026-02-01'");
    EXPECT_EQ(num(exhaustion(budget, "2026-05-31"), "accepted_unpaid_cents"), before + 1)
        << "the report reads the kept figures";
    run = dbtest::runCli({"check-budget-figures"}, scratch_.name());
    EXPECT_EQ(run.exit_code, 1) << run.output;
    EXPECT_NE(run.output.find("budget_claim_figures 0193 02 accepted 2026-02-01 2026-03-05"),
              std::string::npos)
        << run.output;
    EXPECT_NE(run.output.find("kept 78001 cents in 1 line(s), recomputed 78000 cents in 1 line(s)"),
              std::string::npos)
        << run.output;

    run = dbtest::runCli({"check-budget-figures", "--rebuild"}, scratch_.name());
    EXPECT_EQ(run.exit_code, 0) << run.output;
    EXPECT_NE(run.output.find("budget figures rebuilt"), std::string::npos) << run.output;
    EXPECT_EQ(num(exhaustion(budget, "2026-05-31"), "accepted_unpaid_cents"), before);
    EXPECT_EQ(dbtest::runCli({"check-budget-figures", "--bogus"}, scratch_.name()).exit_code, 2);
}

// Issue 17: the overview answers one page of the selection with the selection's total; each
// row's figures — the committed part read once for the page's budgets of one municipality and
// category — equal the budget's own exhaustion report; a district narrows the selection.
TEST_F(BudgetsTest, TheOverviewIsPagedWithItsTotalAndEachRowEqualsItsOwnReport) {
    recordClaims();
    const auto district =
        num(object(http::createDistrict(
                *admin_, dbtest::jsonRequest(R"({"municipality_code":"0193","name":"Noord"})"))),
            "id");
    const auto client =
        conn_->queryOne("SELECT client_id FROM allocations WHERE number = ?", {allocation_})
            ->i64(0);
    http::patchClient(*officer_,
                      dbtest::jsonRequest(R"({"district_id":)" + std::to_string(district) + "}",
                                          {{"id", std::to_string(client)}}));
    const auto whole = createBudget("0193", "02", kBudgetCents);
    const auto noord =
        createBudget("0193", "02", 500'000, ",\"district_id\":" + std::to_string(district));
    createBudget("0166", "02", 500'000);
    const auto page = [&](const std::map<std::string, std::string>& extra) {
        std::map<std::string, std::string> query{{"year", "2026"}, {"month", "5"}};
        query.insert(extra.begin(), extra.end());
        return object(http::budgetOverview(*finance_, dbtest::jsonRequest("{}", {}, query)));
    };
    std::vector<std::int64_t> seen;
    for (int offset = 0; offset < 3; ++offset) {
        const auto o = page({{"limit", "1"}, {"offset", std::to_string(offset)}});
        EXPECT_EQ(num(o, "total"), 3);
        ASSERT_EQ(o->getArray("rows")->size(), 1u);
        const auto row = o->getArray("rows")->getObject(0);
        const auto id = num(row->getObject("budget"), "id");
        seen.push_back(id);
        const auto own = exhaustion(id, "2026-05-31");
        for (const char* key : {"committed_cents", "paid_cents", "accepted_unpaid_cents",
                                "exhaustion_cents", "forecast_cents"}) {
            EXPECT_EQ(num(row, key), num(own, key)) << key << " of budget " << id;
        }
    }
    EXPECT_EQ(std::set<std::int64_t>(seen.begin(), seen.end()).size(), 3u) << "no row twice";
    // The whole page: Zwolle's municipality-wide and district budgets both commit the client's
    // 6,045.00 (read once for both).
    const auto all = page({});
    ASSERT_EQ(all->getArray("rows")->size(), 3u);
    for (unsigned i = 0; i < 3; ++i) {
        const auto row = all->getArray("rows")->getObject(i);
        const auto id = num(row->getObject("budget"), "id");
        if (id == whole || id == noord) {
            EXPECT_EQ(num(row, "committed_cents"), 604'500);
        }
    }
    const auto narrowed = page({{"district", std::to_string(district)}});
    EXPECT_EQ(num(narrowed, "total"), 1);
    EXPECT_EQ(num(narrowed->getArray("rows")->getObject(0)->getObject("budget"), "id"), noord);
}

}  // namespace
}  // namespace zc
