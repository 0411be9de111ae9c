// The claim-control property test through the real intake against MariaDB (issue 11): a client
// whose decision grants 3 hours a week switches provider; random JSON declarations of both
// providers — whole months, one-day lines, random splits, overlaps, credits, corrections,
// resends — and after every declaration the stored state is checked with an independent model:
// no day paid twice, every month's accepted lines fit the cap windows, each allocation and the
// decision within their totals, payables = Σ accepted debits − Σ accepted credits, and the
// ledger consistent. Fewer cases than the unit tier (each step is a transaction); the seed is
// printed on failure and ZC_PROPERTY_SEED=N reruns one.
// The second test (issue 17) mixes in review decisions, the client's moves between teams,
// payments booked, returned and offset, new tariffs and allocations ended, and after every step
// finds the budget figures kept current equal to a full recomputation (what `zorgcontract
// check-budget-figures` compares) and the kept commitments equal to a fresh computation.
#include <Poco/JSON/Object.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <random>

#include "contracting/app/commitment_basis.hpp"
#include "contracting/app/tariff_queries.hpp"
#include "db_test_env.hpp"
#include "interfaces/http/allocations_api.hpp"
#include "interfaces/http/clients_api.hpp"
#include "interfaces/http/contracts_api.hpp"
#include "interfaces/http/declarations_api.hpp"
#include "interfaces/http/reference_api.hpp"
#include "interfaces/http/reviews_api.hpp"
#include "interfaces/mysql/migrations.hpp"
#include "interfaces/security/crypto.hpp"
#include "invoicing/app/budgets.hpp"
#include "invoicing/domain/ledger_check.hpp"
#include "invoicing/store/bank_statement_store.hpp"
#include "invoicing/store/budget_figures_store.hpp"
#include "invoicing/store/ledger_store.hpp"
#include "invoicing/store/payment_run_store.hpp"
#include "tests/support/cap_model.hpp"

namespace zc {
namespace {

using dbtest::object;

constexpr std::int64_t kTariff = 5460;  // IB per hour, cents
constexpr int kCases = 4;
constexpr int kSteps = 30;

// The system's clock, or a day set by the test (at 09:00 UTC).
class SettableClock final : public Clock {
  public:
    std::chrono::system_clock::time_point now() const override {
        return day_ ? std::chrono::sys_days{*day_} + std::chrono::hours(9)
                    : std::chrono::system_clock::now();
    }
    void set(Date day) { day_ = day; }

  private:
    std::optional<Date> day_;
};

struct Claimed {
    std::string reference;
    int provider;  // 0 or 1
    std::string begin, end;
    std::int64_t hours;
};

class ClaimControlDbProperty : public ::testing::Test {
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
        const char* agbs[] = {"12345670", "12345682"};
        const char* kvks[] = {"12345678", "12345679"};
        for (int i = 0; i < 2; ++i) {
            provider_[i] =
                object(http::createProvider(
                           *admin,
                           dbtest::jsonRequest(std::string(R"({"agb":")") + agbs[i] +
                                               R"(","kvk":")" + kvks[i] +
                                               R"(","name":"Zorg","iban":"NL91ABNA0417164300"})")))
                    ->getValue<std::int64_t>("id");
            http::createContract(
                *manager,
                dbtest::jsonRequest(R"({"provider_id":)" + std::to_string(provider_[i]) +
                                    R"(,"municipality_code":"0193","term_start":"2025-01-01",)"
                                    R"("term_end":"2028-01-01","status":"active",)"
                                    R"("products":["02A01"],"tariffs":[{"product_code":"02A01",)"
                                    R"("tariff_cents":5460,"valid_from":"2025-01-01"}]})"));
            ctx_[i] =
                context(app::Role::Provider, std::string("provider:") + agbs[i], provider_[i]);
        }
        const auto client =
            object(
                http::createClient(
                    *officer,
                    dbtest::jsonRequest(
                        R"({"bsn":"123456782","surname":"Jansen","initials":"H.",)"
                        R"("birth_date":"1950-02-03","gender":"1",)"
                        R"("house_number":"12","postcode":"8011AB","municipality_code":"0193"})")))
                ->getValue<std::int64_t>("id");
        // 3 h a week from Monday 6 January to 30 June 2025: ISO weeks 2..27 → 78 h granted.
        const auto granted =
            object(http::createDecision(
                       *officer,
                       dbtest::jsonRequest(
                           R"({"number":1,"decision_date":"2025-01-02","valid_from":"2025-01-06",)"
                           R"("valid_to":"2025-07-01","products":[{"product_code":"02A01",)"
                           R"("volume":3,"unit":"hours","frequency":"week","financing":"ZIN"}]})",
                           {{"id", std::to_string(client)}})))
                ->getArray("products")
                ->getObject(0)
                ->getValue<std::int64_t>("id");
        // Provider 0 until Sunday 16 March, provider 1 from Monday 17 March (allocations of one
        // product do not overlap, TR302).
        const char* spans[][2] = {{"2025-01-06", "2025-03-17"}, {"2025-03-17", "2025-07-01"}};
        for (int i = 0; i < 2; ++i) {
            allocation_[i] =
                object(http::queueingWmo301<http::createAllocation>(
                           *officer, dbtest::jsonRequest(
                                         R"({"granted_product_id":)" + std::to_string(granted) +
                                         R"(,"provider_id":)" + std::to_string(provider_[i]) +
                                         R"(,"start_date":")" + spans[i][0] + R"(","end_date":")" +
                                         spans[i][1] + R"("})")))
                    ->getValue<std::int64_t>("number");
            span_[i] = Period{parseDate(spans[i][0]), parseDate(spans[i][1])};
        }
    }

    std::unique_ptr<app::RequestContext> context(app::Role role, const std::string& name,
                                                 std::int64_t provider_id = 0) {
        return std::make_unique<app::RequestContext>(app::RequestContext{
            *conn_, dbtest::actor(role, name, provider_id), "test", clock_, config_});
    }

    std::int64_t pick(std::int64_t lo, std::int64_t hi) {
        return std::uniform_int_distribution<std::int64_t>(lo, hi)(rng_);
    }

    std::string lineJson(int who, const std::string& ref, const std::string& begin,
                         const std::string& end, std::int64_t hours, bool credit,
                         const std::string& previous) {
        return R"({"reference":")" + ref + R"(",)" +
               (previous.empty() ? "" : R"("previous_reference":")" + previous + R"(",)") +
               R"("credit":)" + (credit ? "true" : "false") + R"(,"allocation_number":)" +
               std::to_string(allocation_[who]) +
               R"(,"bsn":"123456782","category":"02","product_code":"02A01","period_start":")" +
               begin + R"(","period_end":")" + end + R"(","volume":)" + std::to_string(hours) +
               R"(,"unit":"hours","tariff_cents":5460,"amount_cents":)" +
               std::to_string(hours * kTariff) + "}";
    }

    // A random debit of provider `who` (`end`: its last day; the line sends the day after).
    Claimed randomDebit(int who) {
        const int span = daysBetween(span_[who].begin, *span_[who].end);
        const Date day = addDays(span_[who].begin, static_cast<int>(pick(0, span - 1)));
        const Date month = capmodel::firstOf(day);
        Date from = std::max(month, span_[who].begin);
        Date to = std::min(addMonths(month, 1), *span_[who].end);
        switch (pick(0, 3)) {
            case 0:
                from = to = day;
                to = addDays(to, 1);
                break;
            case 1:
                from = day;
                to = std::min(to, addDays(day, static_cast<int>(pick(1, 15))));
                break;
            default:
                break;
        }
        const auto weeks = isoWeeksTouched(Period{from, to});
        return {"R" + std::to_string(next_ref_++), who, formatDate(from),
                formatDate(addDays(to, -1)), std::max<std::int64_t>(0, 3 * weeks + pick(-2, 1))};
    }

    // One declaration of provider `who` for the month of its lines' last day.
    void submit(int who, const std::vector<std::string>& lines, std::int64_t total,
                const std::string& last_day) {
        const Date month = capmodel::firstOf(parseDate(last_day));
        std::string body = R"({"number":"D)" + std::to_string(next_ref_++) +
                           R"(","period_start":")" + formatDate(month) + R"(","period_end":")" +
                           formatDate(addMonths(month, 1)) + R"(","total_submitted_cents":)" +
                           std::to_string(total) + R"(,"lines":[)";
        for (std::size_t i = 0; i < lines.size(); ++i) body += (i ? "," : "") + lines[i];
        http::submitDeclaration(*ctx_[who], dbtest::jsonRequest(body + "]}"));
    }

    void step() {
        const int who = static_cast<int>(pick(0, 1));
        const auto roll = pick(0, 9);
        const auto accepted = conn_->query(
            "SELECT reference, provider_id, period_begin, period_end, volume FROM claim_lines"
            " WHERE status = 'accepted' AND credit = 0 AND credited = 0 ORDER BY id");
        if (roll < 6 || accepted.empty()) {
            // One to three debits in one declaration: splits and overlaps of the same month.
            std::vector<std::string> lines;
            std::int64_t total = 0;
            const Claimed first = randomDebit(who);
            std::string last = first.end;
            for (int i = 0; i < pick(1, 3); ++i) {
                Claimed c = i == 0 ? first : randomDebit(who);
                if (capmodel::firstOf(parseDate(c.end)) != capmodel::firstOf(parseDate(last))) {
                    continue;  // one month per declaration
                }
                // The JSON API takes the period's end exclusive: the day after the last.
                lines.push_back(lineJson(who, c.reference, c.begin,
                                         formatDate(addDays(parseDate(c.end), 1)), c.hours, false,
                                         ""));
                total += c.hours * kTariff;
            }
            submit(who, lines, total, last);
            return;
        }
        // Credit an accepted debit (sometimes twice), maybe with a corrected debit, or resend it.
        const auto& row = accepted[static_cast<std::size_t>(pick(0, accepted.size() - 1))];
        const int owner = row.i64(1) == provider_[0] ? 0 : 1;
        const std::string end = formatDate(addDays(parseDate(row.str(3)), -1));
        std::vector<std::string> lines;
        std::int64_t total = 0;
        if (roll < 9) {  // the stored end is exclusive, as the JSON API takes it
            lines.push_back(lineJson(owner, "R" + std::to_string(next_ref_++), row.str(2),
                                     row.str(3), row.i64(4), true, row.str(0)));
            total -= row.i64(4) * kTariff;
        }
        const std::int64_t hours = roll == 9 ? row.i64(4) : pick(0, row.i64(4) + 3);
        lines.push_back(lineJson(owner, "R" + std::to_string(next_ref_++), row.str(2), row.str(3),
                                 hours, false, ""));
        total += hours * kTariff;
        submit(owner, lines, total, end);
    }

    // A declaration of one whole month of provider `who`'s allocation with 8 to 16 hours: within
    // the cap (about 13 hours) accepted, up to 10 % over it held for review, beyond rejected.
    void wholeMonth() {
        const int who = static_cast<int>(pick(0, 1));
        const Date month = addMonths(capmodel::firstOf(span_[who].begin),
                                     static_cast<int>(pick(0, who == 0 ? 2 : 3)));
        const Date from = std::max(month, span_[who].begin);
        const Date to = std::min(addMonths(month, 1), *span_[who].end);
        const std::int64_t hours = pick(8, 16);
        const std::string last = formatDate(addDays(to, -1));
        submit(who,
               {lineJson(who, "R" + std::to_string(next_ref_++), formatDate(from), formatDate(to),
                         hours, false, "")},
               hours * kTariff, last);
    }

    // A credit of a random accepted debit (its period's end as stored: exclusive, as the JSON
    // API takes it).
    void creditOne() {
        const auto row = conn_->queryOne(
            "SELECT reference, provider_id, period_begin, period_end, volume FROM claim_lines"
            " WHERE status = 'accepted' AND credit = 0 AND credited = 0 ORDER BY RAND(?) LIMIT 1",
            {pick(0, 1 << 30)});
        if (!row) return;
        const int owner = row->i64(1) == provider_[0] ? 0 : 1;
        submit(owner,
               {lineJson(owner, "R" + std::to_string(next_ref_++), row->str(2), row->str(3),
                         row->i64(4), true, row->str(0))},
               -row->i64(4) * kTariff, formatDate(addDays(parseDate(row->str(3)), -1)));
    }

    // A payment step: book an open payable through a transfer (roll 6, 7), return a booked one
    // (8) or offset an open one in a payment run (9), on a random day of 2025.
    void pay(std::int64_t roll, std::int64_t& instructions, std::int64_t& runs) {
        const std::string day =
            formatDate(addDays(parseDate("2025-02-01"), static_cast<int>(pick(0, 300))));
        // A random payable of claims in `status` (a returned one: paid by a transfer).
        const auto one = [&](const char* status) {
            return conn_->queryOne(
                "SELECT id, instruction_id FROM payables WHERE status = ? AND source_type IN"
                " ('declaration', 'review') AND (status <> 'paid' OR instruction_id IS NOT NULL)"
                " ORDER BY RAND(?) LIMIT 1",
                {std::string(status), pick(0, 1 << 30)});
        };
        db::Transaction tx(*conn_);
        if (roll == 8) {
            if (const auto paid = one("paid")) {
                invoicing::markInstructionReturned(*conn_, paid->i64(1), "AC04");
            }
        } else if (const auto open = one("open"); open && roll < 9) {
            conn_->execute("UPDATE payables SET status = 'in_run', instruction_id = ? WHERE id = ?",
                           {++instructions, open->str(0)});
            invoicing::markInstructionBooked(*conn_, instructions, day + " 10:00:00",
                                             day + " 10:00:00");
        } else if (open) {
            conn_->execute(
                "INSERT INTO payment_runs (municipality_code, due_until, execution_date, status,"
                " prepared_by, prepared_at, message_id, control_sum_cents, transactions) VALUES"
                " ('0193', ?, ?, 'prepared', 'fin', NOW(6), ?, 0, 0)",
                {day, day, "RUN" + std::to_string(++runs)});
            const auto run = conn_->lastInsertId();
            conn_->execute(
                "INSERT INTO payment_run_items (run_id, payable_id, amount_cents, outcome) SELECT"
                " ?, id, amount_cents, 'offset' FROM payables WHERE id = ?",
                {run, open->str(0)});
            invoicing::MariaDbPaymentRuns(*ctx_[0]).settleOffsets(run);
        }
        tx.commit();
    }

    // The committed part of budget `b` on `day` as the exhaustion report reads it (kept while
    // nothing it depends on changed) equals a computation from scratch; answers whether it was
    // kept already.
    bool keptCommitmentIsFresh(const invoicing::BudgetRow& b, const std::string& day) {
        const Date date = parseDate(day);
        const auto kept_before =
            conn_
                ->queryOne(
                    "SELECT COUNT(*) FROM budget_commitments WHERE report_date = ?"
                    " AND district_id = -1 AND basis_version = ? AND lines_version = ?",
                    {day, contracting::commitmentBasisVersion(*conn_, "0193", "02"),
                     invoicing::commitmentLinesVersion(*conn_, "0193", "02", date)})
                ->i64(0) > 0;
        invoicing::MariaDbBudgets store(*ctx_[0]);
        const invoicing::TariffLookup tariffs = [&](std::int64_t contract, const std::string& p) {
            return contracting::contractTariffSchedule(*conn_, contract, p);
        };
        invoicing::CommitmentCache kept;
        kept.basis_version = [&](const std::string& m, const std::string& c) {
            return contracting::commitmentBasisVersion(*conn_, m, c);
        };
        const auto threshold = Percentage::fromMillionths(5'000'000);
        const auto read = invoicing::figuresOf(store, tariffs, b, date, threshold, &kept);
        const auto fresh = invoicing::figuresOf(store, tariffs, b, date, threshold);
        EXPECT_EQ(read.committed, fresh.committed) << "kept before: " << kept_before;
        EXPECT_EQ(read.allocations_counted, fresh.allocations_counted);
        EXPECT_EQ(read.allocations_without_tariff, fresh.allocations_without_tariff);
        return kept_before;
    }

    void checkInvariants() {
        const Cap cap{3, Unit::Hours, Frequency::PerWeek};
        std::int64_t decision_total = 0;
        for (int i = 0; i < 2; ++i) {
            std::vector<capmodel::Line> lines;
            std::int64_t total = 0;
            for (const auto& r : conn_->query(
                     "SELECT reference, period_begin, period_end, volume, unit FROM claim_lines"
                     " WHERE allocation_number = ? AND status = 'accepted' AND credit = 0"
                     " AND credited = 0",
                     {allocation_[i]})) {
                const std::int64_t minutes = r.i64(3) * (r.str(4) == "hours" ? 60 : 1);
                lines.push_back(
                    {Period{parseDate(r.str(1)), parseDate(r.str(2))}, minutes, r.str(0)});
                total += minutes;
            }
            ASSERT_EQ(capmodel::firstProblem(cap, "02", span_[i], lines), "");
            ASSERT_LE(total, maxVolumeOver(cap, span_[i]) * 60);
            decision_total += total;
        }
        ASSERT_LE(decision_total, 26 * 3 * 60) << "beyond what the decision granted (78 h)";
        const auto payables = conn_->queryOne(
            "SELECT COALESCE(SUM(amount_cents), 0) FROM payables WHERE source_type IN"
            " ('declaration', 'review')");
        const auto standing = conn_->queryOne(
            "SELECT COALESCE(SUM(amount_cents), 0) FROM claim_lines WHERE status = 'accepted'"
            " AND credit = 0 AND credited = 0");
        const auto net = conn_->queryOne(
            "SELECT COALESCE(SUM(IF(credit = 1, -amount_cents, amount_cents)), 0) FROM"
            " claim_lines WHERE status = 'accepted'");
        ASSERT_EQ(payables->i64(0), net->i64(0)) << "payables ≠ Σ debits − Σ credits";
        ASSERT_EQ(standing->i64(0), net->i64(0)) << "a credited debit still counts";
        const auto violation = invoicing::checkLedger(invoicing::loadLedgerFacts(*conn_));
        ASSERT_FALSE(violation.has_value()) << violation->code;
    }

    dbtest::ScratchDatabase scratch_;
    std::unique_ptr<db::Connection> conn_;
    SettableClock clock_;
    app::AppConfig config_;
    std::unique_ptr<app::RequestContext> ctx_[2];
    std::int64_t provider_[2] = {0, 0}, allocation_[2] = {0, 0};
    Period span_[2];
    std::mt19937_64 rng_;
    int next_ref_ = 1;
};

TEST_F(ClaimControlDbProperty, NoSequenceOfDeclarationsBeatsTheCapsThroughTheRealIntake) {
    std::uint64_t first = 20261202;
    int cases = kCases;
    if (const char* s = std::getenv("ZC_PROPERTY_SEED")) {
        first = std::strtoull(s, nullptr, 10);
        cases = 1;
    }
    for (int c = 0; c < cases; ++c) {
        const std::uint64_t seed = first + static_cast<std::uint64_t>(c);
        SCOPED_TRACE("seed " + std::to_string(seed) +
                     " (rerun with ZC_PROPERTY_SEED=" + std::to_string(seed) + ")");
        rng_.seed(seed);
        for (int s = 0; s < kSteps; ++s) {
            step();
            checkInvariants();
            if (HasFatalFailure()) return;
        }
    }
    // The sequences reach the caps: many lines accepted, some refused by a cap rule.
    const auto lines = [&](const char* where) {
        return conn_->queryOne(std::string("SELECT COUNT(*) FROM claim_lines WHERE ") + where)
            ->i64(0);
    };
    const auto all = lines("1 = 1"), accepted = lines("status = 'accepted'");
    EXPECT_GT(accepted * 3, all) << accepted << " of " << all << " accepted";
    EXPECT_GT(lines("code IN ('9321', '9322', '9388') OR cap_scope IS NOT NULL"), 0);
}

// Issue 17: the budget figures follow every change that moves them — a line written, a review
// decided, the client moved to another team (or none), a payable paid by the bank, returned, or
// offset in a payment run — in that change's transaction, equal to a full recomputation after
// every step. The payments are made with the store functions the bank booking and the run's
// approval use.
TEST_F(ClaimControlDbProperty, TheBudgetFiguresStayEqualToAFullRecomputation) {
    auto admin = context(app::Role::Admin, "admin");
    auto manager = context(app::Role::ContractManager, "cm");
    auto officer = context(app::Role::AccessOfficer, "ao");
    const auto district = object(http::createDistrict(
        *admin, dbtest::jsonRequest(R"({"municipality_code":"0193","name":"Noord"})")));
    std::vector<std::string> places{"null"};
    for (const char* name : {"Noord-A", "Noord-B"}) {
        places.push_back(std::to_string(
            object(http::createTeam(
                       *admin,
                       dbtest::jsonRequest(R"({"district_id":)" +
                                           std::to_string(district->getValue<std::int64_t>("id")) +
                                           R"(,"name":")" + name + R"("})")))
                ->getValue<std::int64_t>("id")));
    }
    const auto client = conn_->queryOne("SELECT id FROM clients")->i64(0);
    // Budgets of 2025 for the municipality, the district and each team.
    std::vector<invoicing::BudgetRow> budgets(4);
    for (std::size_t i = 0; i < budgets.size(); ++i) {
        auto& b = budgets[i];
        b.year = 2025;
        b.municipality = "0193";
        b.category = "02";
        b.financing = "ZIN";
        b.amount = Money::fromCents(1'000'000);
        if (i > 0) b.district_id = district->getValue<std::int64_t>("id");
        if (i > 1) b.team_id = std::stoll(places[i - 1]);
    }
    const char* report_dates[] = {"2025-02-28", "2025-03-31", "2025-04-13", "2025-05-15"};
    int kept_used = 0;
    Date tariff_from[] = {parseDate("2025-01-01"), parseDate("2025-01-01")};
    rng_.seed(20261208);
    std::int64_t instructions = 0, runs = 0;
    // Declarations arrive from February to June, so that the report dates see some of them.
    Date today = parseDate("2025-02-03");
    for (int s = 0; s < 4 * kSteps; ++s) {
        SCOPED_TRACE("step " + std::to_string(s));
        today = addDays(today, static_cast<int>(pick(0, 2)));
        clock_.set(today);
        const auto roll = pick(0, 11);
        const bool late = s > 3 * kSteps;  // a changed tariff refuses later claims at the old one
        if (roll == 10 && late) {  // a new tariff of either contract, from a later day than its
            const auto contract = pick(0, 1);  // last
            tariff_from[contract] = addDays(tariff_from[contract], static_cast<int>(pick(1, 40)));
            http::addContractTariff(
                *manager,
                dbtest::jsonRequest(R"({"product_code":"02A01","tariff_cents":)" +
                                        std::to_string(pick(5000, 7000)) + R"(,"valid_from":")" +
                                        formatDate(tariff_from[contract]) + R"("})",
                                    {{"id", std::to_string(contract + 1)}}));
        } else if (roll == 11 && late) {  // the second allocation ended in June
            // (refused, with no change, when claims lie beyond the new end)
            dbtest::errorCode([&] {
                http::queueingWmo301<http::endAllocation>(
                    *officer,
                    dbtest::jsonRequest(
                        R"({"end_date":")" +
                            formatDate(
                                addDays(parseDate("2025-06-01"), static_cast<int>(pick(0, 29)))) +
                            R"(","reason_code":"05","provider_consent":{"given_by":"T. Visser",)"
                            R"("given_on":"2025-03-20"}})",
                        {{"number", std::to_string(allocation_[1])}}));
            });
        } else if (roll < 3) {
            wholeMonth();
        } else if (roll == 3) {
            creditOne();
        } else if (roll == 4) {
            http::patchClient(*officer,
                              dbtest::jsonRequest(R"({"team_id":)" + places[pick(0, 2)] + "}",
                                                  {{"id", std::to_string(client)}}));
        } else if (const auto open = conn_->queryOne(
                       "SELECT id FROM review_items WHERE status = 'open' ORDER BY RAND(?) LIMIT 1",
                       {pick(0, 1 << 30)});
                   (roll == 5 || roll >= 10) && open) {
            http::decideReview(
                *manager, dbtest::jsonRequest(pick(0, 1) ? R"({"decision":"accept","reason":"ok"})"
                                                         : R"({"decision":"reject","reason":"no"})",
                                              {{"id", open->str(0)}}));
        } else {
            pay(roll, instructions, runs);
        }
        db::Transaction tx(*conn_);
        const auto differences = invoicing::compareFigures(*conn_, "0193");
        tx.commit();
        ASSERT_TRUE(differences.empty())
            << differences.front().table << " " << differences.front().key << ": kept "
            << differences.front().kept_cents << ", recomputed "
            << differences.front().recomputed_cents;
        kept_used += keptCommitmentIsFresh(budgets[static_cast<std::size_t>(pick(0, 3))],
                                           report_dates[pick(0, 3)]);
        if (HasFailure()) return;
    }
    EXPECT_GT(kept_used, 10) << "the kept commitments were reused";
    // The sequence went through every kind of change.
    const auto count = [&](const char* sql) { return conn_->queryOne(sql)->i64(0); };
    EXPECT_GT(count("SELECT COUNT(*) FROM review_items WHERE status <> 'open'"), 0);
    EXPECT_GT(count("SELECT COUNT(*) FROM payables WHERE offset_run_id IS NOT NULL"), 0);
    EXPECT_GT(count("SELECT COUNT(*) FROM claim_lines WHERE credit = 1 AND status = 'accepted'"),
              0);
    EXPECT_GT(
        conn_->queryOne("SELECT COUNT(*) FROM budget_paid_figures WHERE amount_cents <> 0")->i64(0),
        0)
        << "some payments were counted";
}

}  // namespace
}  // namespace zc
