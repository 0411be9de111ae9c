// Issue 17: the declarations list reads a page's ids first and then only those rows (a deferred
// join, db::countedPageByIds), with the total in the same statement. Paging through the list with
// a small limit, for every sort, direction, filter and search, gives exactly the rows of one large
// page in the same order, and the same total on every page (also past the end).
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "billing/store/declaration_store.hpp"
#include "db/db_test_env.hpp"
#include "interfaces/mysql/migrations.hpp"

namespace zc {
namespace {

class DeclarationPagingTest : public ::testing::Test {
  protected:
    void SetUp() override {
        conn_ = scratch_.connect();
        db::migrate(*conn_, dbtest::migrationsDir());
        for (const auto& [code, name] : {std::pair{"0193", "Zwolle"}, {"0166", "Kampen"}}) {
            conn_->execute("INSERT IGNORE INTO municipalities (code, name) VALUES (?, ?)",
                           {std::string(code), std::string(name)});
        }
        const std::vector<std::pair<std::string, std::string>> providers{
            {"12345670", "Bravo Zorg"}, {"12345671", "Alfa Zorg"}, {"12345672", "Charlie Zorg"}};
        for (const auto& [agb, name] : providers) {
            conn_->execute(
                "INSERT INTO providers (agb, kvk, name, iban) VALUES (?, '12345678', ?,"
                " 'NL91ABNA0417164300')",
                {agb, name});
            provider_ids_.push_back(conn_->lastInsertId());
        }
        std::mt19937 rng(20261204);
        const std::vector<std::string> statuses{"answered", "awaiting_review", "rejected"};
        for (int i = 0; i < 40; ++i) {
            conn_->execute(
                "INSERT INTO declarations (provider_id, source, declaratie_nummer, period_begin,"
                " period_end, received_at, total_submitted_cents, total_awarded_cents, status,"
                " answer_due, municipality_code) VALUES (?, 'json', ?, ?, '2026-06-01',"
                " '2026-06-05 09:00:00', ?, ?, ?, '2026-06-19', ?)",
                {provider_ids_[rng() % 3], "D" + std::to_string(1000 + (i * 37) % 40),
                 std::string("2026-0") + std::to_string(1 + rng() % 5) + "-01",
                 static_cast<std::int64_t>(rng() % 5000), static_cast<std::int64_t>(rng() % 3000),
                 statuses[rng() % statuses.size()], std::string(rng() % 4 ? "0193" : "0166")});
        }
    }

    billing::DeclarationFilter filter(const std::string& sort, bool descending) const {
        billing::DeclarationFilter f;
        f.list.sort = sort;
        f.list.descending = descending;
        return f;
    }

    void expectPagesAreTheWholeList(billing::DeclarationFilter f, const std::string& what) {
        f.list.limit = 1000;
        f.list.offset = 0;
        const auto whole = billing::findDeclarations(*conn_, f);
        std::vector<std::int64_t> expected;
        for (const auto& d : whole.items) expected.push_back(d.id);
        std::vector<std::int64_t> paged;
        f.list.limit = 3;
        for (f.list.offset = 0; f.list.offset <= whole.total + 3; f.list.offset += 3) {
            const auto page = billing::findDeclarations(*conn_, f);
            EXPECT_EQ(page.total, whole.total) << what << " offset " << f.list.offset;
            for (const auto& d : page.items) paged.push_back(d.id);
        }
        EXPECT_EQ(paged, expected) << what;
    }

    dbtest::ScratchDatabase scratch_;
    std::unique_ptr<db::Connection> conn_;
    std::vector<std::int64_t> provider_ids_;
};

TEST_F(DeclarationPagingTest, PagingThroughGivesTheWholeListForEverySortFilterAndSearch) {
    for (const std::string sort : {"", "received_at", "number", "provider_name", "period_start",
                                   "submitted_cents", "awarded_cents", "status"}) {
        for (const bool descending : {false, true}) {
            const std::string what = "sort '" + sort + "'" + (descending ? " descending" : "");
            auto f = filter(sort, descending);
            expectPagesAreTheWholeList(f, what);
            f.municipalities = std::vector<std::string>{"0193"};
            expectPagesAreTheWholeList(f, what + ", Zwolle's");
            f.status = "answered";
            expectPagesAreTheWholeList(f, what + ", Zwolle's answered");
            f.status = "";
            f.list.search = "alfa";
            expectPagesAreTheWholeList(f, what + ", Zwolle's searched");
            f.list.search = "";
            f.agb = "12345672";
            expectPagesAreTheWholeList(f, what + ", Zwolle's of one AGB");
        }
    }
}

}  // namespace
}  // namespace zc
