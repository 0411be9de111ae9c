// Issue 17: the review queue's kept counts (review_day_counts, migration 0049) against a
// migrated scratch database. A seeded random hunt inserts, decides, moves and deletes review
// items of two municipalities (and of none) over three weeks of due dates; after each round the
// kept counts equal a recomputation from review_items, and pages of the queue (status filter,
// scope, due-date order either way, offsets up to past the end) hold exactly the items, in
// order, and the total that a plain ORDER BY ... LIMIT ... OFFSET over review_items gives.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "billing/store/review_queue_store.hpp"
#include "db/db_test_env.hpp"
#include "interfaces/http/reference_api.hpp"
#include "interfaces/mysql/migrations.hpp"

namespace zc {
namespace {

using Strings = std::vector<std::string>;

class ReviewDayCountsTest : public ::testing::Test {
  protected:
    void SetUp() override {
        dbtest::giveRandomBsnKeys(config_);
        conn_ = scratch_.connect();
        db::migrate(*conn_, dbtest::migrationsDir());
        app::Actor admin;
        admin.role = app::Role::Admin;
        admin.user_id = 1;
        admin.name = "admin";
        app::RequestContext system{*conn_, admin, "test", clock_, config_};
        http::createMunicipality(system, dbtest::jsonRequest(R"({"code":"0193","name":"Zwolle"})"));
        http::createMunicipality(system, dbtest::jsonRequest(R"({"code":"0166","name":"Kampen"})"));
        provider_ =
            dbtest::object(http::createProvider(
                               system, dbtest::jsonRequest(R"({"agb":"12345670","kvk":"12345678",)"
                                                           R"("name":"Zorg BV",)"
                                                           R"("iban":"NL91ABNA0417164300"})")))
                ->getValue<std::int64_t>("id");
        conn_->execute(
            "INSERT INTO declarations (provider_id, source, declaratie_nummer, period_begin,"
            " period_end, received_at, total_submitted_cents, status, answer_due,"
            " municipality_code) VALUES (?, 'json', 'D1', '2026-05-01', '2026-06-01',"
            " '2026-06-05 09:00:00', 6500, 'awaiting_review', '2026-06-19', '0193')",
            {provider_});
        declaration_ = conn_->lastInsertId();
    }

    std::size_t pick(std::size_t n) { return rng_() % n; }

    // A review item's municipality; NULL as for an item written before migration 0044.
    db::Param randomMunicipality() {
        const char* codes[] = {"0193", "0193", "0166", ""};
        const std::string code = codes[pick(4)];
        return code.empty() ? db::Param(nullptr) : db::Param(code);
    }

    std::string randomDay() { return "2026-06-" + std::to_string(10 + pick(21)); }

    void insertItem() {
        const auto municipality = randomMunicipality();
        conn_->execute(
            "INSERT INTO claim_lines (declaration_id, provider_id, reference, credit,"
            " allocation_number, bsn_hash, category, product_code, period_begin, period_end,"
            " volume, unit, tariff_cents, amount_cents, status, code, credited, municipality_code)"
            " VALUES (?,?,?,0,1,REPEAT('a', 64),'02','02A01','2026-05-01','2026-06-01',1,"
            " 'hours',6500,6500,'review','8001',0,?)",
            {declaration_, provider_, "L" + std::to_string(++lines_),
             municipality.index() == 0 ? db::Param(std::string("0193")) : municipality});
        const auto line = conn_->lastInsertId();
        const char* statuses[] = {"open", "open", "accepted", "rejected", "answered_not_accepted"};
        conn_->execute(
            "INSERT INTO review_items (claim_line_id, declaration_id, code, message, status,"
            " due_date, municipality_code, provider_id) VALUES (?, ?, '8001', 'held', ?, ?, ?, ?)",
            {line, declaration_, std::string(statuses[pick(5)]), randomDay(), municipality,
             provider_});
    }

    // Decides, moves, touches or deletes a random item (the triggers' paths).
    void changeItem() {
        const auto row = conn_->queryOne("SELECT id FROM review_items ORDER BY id LIMIT 1 OFFSET ?",
                                         {static_cast<std::int64_t>(pick(40))});
        if (!row) return;
        const auto id = row->i64(0);
        switch (pick(4)) {
            case 0:
                conn_->execute("UPDATE review_items SET status = ?, decided_by = 'cm' WHERE id = ?",
                               {std::string(pick(2) ? "accepted" : "rejected"), id});
                break;
            case 1:
                conn_->execute("UPDATE review_items SET due_date = ? WHERE id = ?",
                               {randomDay(), id});
                break;
            case 2:
                conn_->execute("UPDATE review_items SET reason = 'seen' WHERE id = ?", {id});
                break;
            default:
                conn_->execute("DELETE FROM review_items WHERE id = ?", {id});
        }
    }

    Strings rows(const std::string& sql, const db::Params& params = {}) {
        Strings out;
        for (const auto& r : conn_->query(sql, params)) {
            out.push_back(r.str(0) + " " + r.str(1) + " " + r.str(2) + " " + r.str(3));
        }
        return out;
    }

    void expectCountsRecomputed() {
        EXPECT_EQ(rows("SELECT municipality_code, due_date, status, items FROM review_day_counts"
                       " WHERE items <> 0 ORDER BY 1, 2, 3"),
                  rows("SELECT COALESCE(municipality_code, ''), due_date, status, COUNT(*)"
                       " FROM review_items GROUP BY 1, 2, 3 ORDER BY 1, 2, 3"));
    }

    // A random page of the queue against the plain query over review_items.
    void expectPageAsPlainQuery() {
        billing::ReviewFilter f;
        const char* statuses[] = {"", "open", "decided", "accepted"};
        f.status = statuses[pick(4)];
        if (pick(2)) f.scope = std::vector<std::string>{pick(2) ? "0193" : "0166"};
        f.list.limit = 1 + static_cast<std::int64_t>(pick(7));
        f.list.offset = static_cast<std::int64_t>(pick(60));
        if (pick(2)) {
            f.list.sort = "due_date";
            f.list.descending = pick(2) == 1;
        }
        std::string where = " WHERE 1 = 1";
        db::Params params;
        if (f.status == "decided") where += " AND status <> 'open'";
        if (f.status == "open" || f.status == "accepted") {
            where += " AND status = ?";
            params.emplace_back(f.status);
        }
        if (f.scope) {
            where += " AND municipality_code = ?";
            params.emplace_back(f.scope->front());
        }
        const std::string direction = f.list.descending ? " DESC" : "";
        const auto total = conn_->queryOne("SELECT COUNT(*) FROM review_items" + where, params);
        params.emplace_back(f.list.limit);
        params.emplace_back(f.list.offset);
        Strings expected;
        for (const auto& r :
             conn_->query("SELECT id FROM review_items" + where + " ORDER BY due_date" + direction +
                              ", id" + direction + " LIMIT ? OFFSET ?",
                          params)) {
            expected.push_back(r.str(0));
        }
        const auto page = billing::findReviews(*conn_, f);
        Strings got;
        for (const auto& v : page.items) got.push_back(std::to_string(v.id));
        const std::string c = "status '" + f.status + "' offset " + std::to_string(f.list.offset) +
                              " limit " + std::to_string(f.list.limit) + direction;
        EXPECT_EQ(page.total, total->i64(0)) << c;
        EXPECT_EQ(got, expected) << c;
    }

    dbtest::ScratchDatabase scratch_;
    std::unique_ptr<db::Connection> conn_;
    SystemClock clock_;
    app::AppConfig config_;
    std::mt19937 rng_{20261204};
    std::int64_t provider_ = 0, declaration_ = 0, lines_ = 0;
};

TEST_F(ReviewDayCountsTest, TheKeptCountsAndEveryPageAgreeWithReviewItemsThroughRandomChanges) {
    for (int round = 0; round < 12; ++round) {
        for (int i = 0; i < 12; ++i) insertItem();
        for (int i = 0; i < 6; ++i) changeItem();
        expectCountsRecomputed();
        for (int i = 0; i < 40; ++i) expectPageAsPlainQuery();
        if (HasFailure()) return;
    }
}

TEST_F(ReviewDayCountsTest, AnItemInsertedInATransactionThatRollsBackIsNotCounted) {
    insertItem();
    {
        db::Transaction tx(*conn_);
        for (int i = 0; i < 5; ++i) insertItem();
    }  // rolled back
    expectCountsRecomputed();
    EXPECT_EQ(conn_->queryOne("SELECT SUM(items) FROM review_day_counts")->i64(0), 1);
}

}  // namespace
}  // namespace zc
