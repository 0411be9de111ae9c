// Issue 17: the figure parts a server process reuses (figure_parts_memo.hpp) while the budget
// figures' versions (budget_figure_versions, migrations 0051 and 0052) are unchanged. A seeded
// random hunt inserts, changes and deletes accepted, held and paid figures of two municipalities
// and two categories, in transactions that commit or roll back; after each change, inside the
// transaction and after it, the parts the store answers (from the memo when it has them) add up,
// for the whole municipality and for each district and team, to what the uncached per-scope queries
// (acceptedByMonth, paid) answer. A memo that answered figures older than the database holds would
// differ.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "db/db_test_env.hpp"
#include "interfaces/mysql/migrations.hpp"
#include "invoicing/store/budget_store.hpp"
#include "invoicing/store/figure_parts_memo.hpp"

namespace zc {
namespace {

using namespace std::chrono;

class BudgetFigureVersionsTest : public ::testing::Test {
  protected:
    void SetUp() override {
        dbtest::giveRandomBsnKeys(config_);
        conn_ = scratch_.connect();
        db::migrate(*conn_, dbtest::migrationsDir());
        actor_.role = app::Role::Admin;
        actor_.user_id = 1;
        actor_.name = "admin";
    }

    std::size_t pick(std::size_t n) { return rng_() % n; }
    std::string pickOf(const std::vector<std::string>& v) { return v[pick(v.size())]; }
    std::string day(int month, int d) {
        return formatDate(Date{year{2026}, std::chrono::month{static_cast<unsigned>(month)},
                               std::chrono::day{static_cast<unsigned>(d)}});
    }
    std::int64_t amount() { return static_cast<std::int64_t>(pick(20001)) - 2000; }

    // Inserts or adds to a random figure, as the figure store's upserts do.
    void addFigure() {
        const db::Params key{pickOf(kMunicipalities), pickOf(kCategories)};
        const std::string month = day(1 + static_cast<int>(pick(12)), 1);
        const std::string on = day(1 + static_cast<int>(pick(12)), 1 + static_cast<int>(pick(28)));
        const auto district = static_cast<std::int64_t>(pick(3));
        const auto team = static_cast<std::int64_t>(pick(3));
        if (pick(3) == 0) {
            conn_->execute(
                "INSERT INTO budget_paid_figures (municipality_code, category, service_month,"
                " paid_on, district_id, team_id, amount_cents) VALUES (?,?,?,?,?,?,?)"
                " ON DUPLICATE KEY UPDATE amount_cents = amount_cents + VALUES(amount_cents)",
                {key[0], key[1], month, on, district, team, amount()});
            return;
        }
        conn_->execute(
            "INSERT INTO budget_claim_figures (municipality_code, category, status, service_month,"
            " received_on, district_id, team_id, amount_cents, line_count)"
            " VALUES (?,?,?,?,?,?,?,?,1) ON DUPLICATE KEY UPDATE"
            " amount_cents = amount_cents + VALUES(amount_cents), line_count = line_count + 1",
            {key[0], key[1], pick(4) == 0 ? std::string("review") : std::string("accepted"), month,
             on, district, team, amount()});
    }

    // Changes or deletes a random kept figure.
    void changeFigure() {
        const std::string table = pick(2) ? "budget_claim_figures" : "budget_paid_figures";
        const auto row = conn_->queryOne(
            "SELECT municipality_code, category, service_month, district_id, team_id FROM " +
                table + " ORDER BY RAND(?) LIMIT 1",
            {static_cast<std::int64_t>(pick(1000))});
        if (!row) return;
        const std::string where =
            " WHERE municipality_code = ? AND category = ? AND service_month = ?"
            " AND district_id = ? AND team_id = ?";
        const db::Params key{row->str(0), row->str(1), row->str(2), row->i64(3), row->i64(4)};
        if (pick(2)) {
            conn_->execute("DELETE FROM " + table + where, key);
            return;
        }
        db::Params params{amount()};
        params.insert(params.end(), key.begin(), key.end());
        conn_->execute("UPDATE " + table + " SET amount_cents = ?" + where, params);
    }

    // The parts the store answers, summed for each scope, against the uncached queries.
    void expectPartsAsQueries(const std::string& when) {
        app::RequestContext ctx{*conn_, actor_, "test", clock_, config_};
        invoicing::MariaDbBudgets store(ctx);
        for (const auto& municipality : kMunicipalities) {
            for (const auto& category : kCategories) {
                invoicing::BudgetScope s;
                s.municipality = municipality;
                s.category = category;
                s.year_begin = Date{year{2026}, January, std::chrono::day{1}};
                s.year_end = Date{year{2027}, January, std::chrono::day{1}};
                s.received = day(1 + static_cast<int>(pick(12)), 1 + static_cast<int>(pick(28)));
                s.from = parseDate(s.received);
                const auto parts = store.figureParts(s);
                for (std::int64_t d = 0; d < 3; ++d) {
                    for (std::int64_t t = 0; t < 3; ++t) {
                        s.district = d;
                        s.team = t;
                        expectScope(store, parts, s, when);
                    }
                }
            }
        }
    }

    void expectScope(invoicing::MariaDbBudgets& store, const invoicing::FigureParts& parts,
                     const invoicing::BudgetScope& s, const std::string& when) {
        const auto in = [&](std::int64_t d, std::int64_t t) {
            return (s.district == 0 || d == s.district) && (s.team == 0 || t == s.team);
        };
        std::vector<Money> months(12);
        for (const auto& [key, amount] : parts.accepted) {
            const auto& [d, t, month] = key;
            if (in(d, t)) months.at(static_cast<std::size_t>(month - 1)) += amount;
        }
        Money paid;
        for (const auto& [place, amount] : parts.paid) {
            if (in(place.first, place.second)) paid += amount;
        }
        const std::string c = when + ": " + s.municipality + " " + s.category + " received " +
                              s.received + " district " + std::to_string(s.district) + " team " +
                              std::to_string(s.team);
        EXPECT_EQ(months, store.acceptedByMonth(s)) << c;
        EXPECT_EQ(paid, store.paid(s)) << c;
    }

    const std::vector<std::string> kMunicipalities{"0193", "0166"};
    const std::vector<std::string> kCategories{"02", "03"};
    dbtest::ScratchDatabase scratch_;
    std::unique_ptr<db::Connection> conn_;
    app::Actor actor_;
    SystemClock clock_;
    app::AppConfig config_;
    std::mt19937 rng_{20261205};
};

TEST_F(BudgetFigureVersionsTest, TheReusedPartsAlwaysEqualTheFiguresThroughRandomChanges) {
    for (int step = 0; step < 150; ++step) {
        const bool commit = pick(4) != 0;
        {
            db::Transaction tx(*conn_);
            for (std::size_t i = 1 + pick(3); i > 0; --i)
                pick(3) == 0 ? changeFigure() : addFigure();
            expectPartsAsQueries("step " + std::to_string(step) + " inside its transaction");
            if (commit) tx.commit();
        }
        expectPartsAsQueries("step " + std::to_string(step) +
                             (commit ? " committed" : " rolled back"));
        expectPartsAsQueries("step " + std::to_string(step) + " read again");
        if (HasFailure()) return;
    }
    EXPECT_GT(invoicing::figurePartsMemo().size(), 0u);
}

// The memo is what answers while the version stands (a wrong entry planted under the current
// version is answered), and no longer once any figure of the municipality and category changes.
TEST_F(BudgetFigureVersionsTest, AnyChangeOfAFigureEndsTheReuseOfWhatWasReadBefore) {
    conn_->execute(
        "INSERT INTO budget_claim_figures (municipality_code, category, status, service_month,"
        " received_on, district_id, team_id, amount_cents, line_count)"
        " VALUES ('0193', '02', 'accepted', '2026-03-01', '2026-03-10', 1, 1, 5000, 1)");
    app::RequestContext ctx{*conn_, actor_, "test", clock_, config_};
    invoicing::MariaDbBudgets store(ctx);
    invoicing::BudgetScope s;
    s.municipality = "0193";
    s.category = "02";
    s.year_begin = Date{year{2026}, January, std::chrono::day{1}};
    s.year_end = Date{year{2027}, January, std::chrono::day{1}};
    s.received = "2026-12-01";
    s.from = parseDate(s.received);
    const auto first = store.figureParts(s);
    ASSERT_EQ(first.accepted.size(), 1u);
    EXPECT_EQ(first.accepted.begin()->second, Money::fromCents(5000));

    const std::string version = invoicing::figureVersion(*conn_, "0193", "02");
    invoicing::FigureParts planted;
    planted.paid[{9, 9}] = Money::fromCents(1);
    invoicing::figurePartsMemo().keep(invoicing::figurePartsKey(s), version, planted);
    EXPECT_EQ(store.figureParts(s).paid.size(), 1u) << "the memo answers while the version stands";

    // Another category's change leaves this version; this category's paid figure ends it.
    conn_->execute(
        "INSERT INTO budget_paid_figures (municipality_code, category, service_month, paid_on,"
        " district_id, team_id, amount_cents) VALUES ('0193', '03', '2026-03-01', '2026-04-01',"
        " 1, 1, 700)");
    EXPECT_EQ(store.figureParts(s).paid.size(), 1u);
    conn_->execute(
        "INSERT INTO budget_paid_figures (municipality_code, category, service_month, paid_on,"
        " district_id, team_id, amount_cents) VALUES ('0193', '02', '2026-03-01', '2026-04-01',"
        " 1, 1, 700)");
    const auto after = store.figureParts(s);
    ASSERT_EQ(after.paid.size(), 1u);
    EXPECT_EQ(after.paid.begin()->first, std::make_pair(std::int64_t{1}, std::int64_t{1}));
    EXPECT_EQ(after.paid.begin()->second, Money::fromCents(700));
    EXPECT_EQ(after.accepted.begin()->second, Money::fromCents(5000));

    // A change of a claim figure ends it too.
    invoicing::figurePartsMemo().keep(invoicing::figurePartsKey(s),
                                      invoicing::figureVersion(*conn_, "0193", "02"), planted);
    EXPECT_EQ(store.figureParts(s).paid.begin()->second, Money::fromCents(1));
    conn_->execute(
        "UPDATE budget_claim_figures SET amount_cents = 6000 WHERE municipality_code = '0193'");
    const auto last = store.figureParts(s);
    EXPECT_EQ(last.accepted.begin()->second, Money::fromCents(6000));
    EXPECT_EQ(last.paid.begin()->second, Money::fromCents(700));
}

// Migration 0052: a declaration's intake (claim figures) and a bank statement's booking (paid
// figures) of the same municipality and category do not wait for each other's commit, as their
// figure rows never did; two changes of the same figure table still do.
TEST_F(BudgetFigureVersionsTest, ClaimAndPaidFigureChangesDoNotWaitForEachOther) {
    auto other = scratch_.connect();
    other->execute("SET SESSION innodb_lock_wait_timeout = 1");
    db::Transaction intake(*conn_);
    conn_->execute(
        "INSERT INTO budget_claim_figures (municipality_code, category, status, service_month,"
        " received_on, district_id, team_id, amount_cents, line_count)"
        " VALUES ('0193', '02', 'accepted', '2026-03-01', '2026-03-10', 1, 1, 5000, 1)");
    EXPECT_NO_THROW(other->execute(
        "INSERT INTO budget_paid_figures (municipality_code, category, service_month, paid_on,"
        " district_id, team_id, amount_cents) VALUES ('0193', '02', '2026-03-01', '2026-04-01',"
        " 1, 1, 700)"));
    try {
        other->execute(
            "INSERT INTO budget_claim_figures (municipality_code, category, status, service_month,"
            " received_on, district_id, team_id, amount_cents, line_count)"
            " VALUES ('0193', '02', 'accepted', '2026-04-01', '2026-04-10', 2, 2, 100, 1)");
        ADD_FAILURE() << "a second claim figure change of 0193 02 did not wait for the first";
    } catch (const db::DbError& e) {
        EXPECT_EQ(e.code(), 1205) << e.what();
    }
    intake.commit();
}

}  // namespace
}  // namespace zc
