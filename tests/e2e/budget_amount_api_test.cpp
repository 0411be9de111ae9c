// Setting and correcting a budget's amount over HTTP (issue 15): finance sets the amount of a
// budget of 0 without a reason and corrects it with one; bad input is refused with its code and
// changes nothing; the changes are listed newest first and audited; a budget holder may read the
// changes but not change the amount.
#include <gtest/gtest.h>

#include <random>
#include <string>

#include "e2e/session.hpp"
#include "interfaces/mysql/connection_pool.hpp"
#include "support/https_client.hpp"

namespace zc::e2e {
namespace {

using test::jsonObject;
using test::Response;

// A new budget of 0 in a far year that no other test uses (retried on the rare duplicate).
std::int64_t newEmptyBudget() {
    std::mt19937 rng(std::random_device{}());
    for (int attempt = 0; attempt < 5; ++attempt) {
        const int year = 2900 + static_cast<int>(rng() % 99);
        const Response r = client().post("/api/v1/budgets",
                                         jsonObject({{"year", year},
                                                     {"municipality_code", "0193"},
                                                     {"product_category", "02"},
                                                     {"financing_kind", "ZIN"},
                                                     {"amount_cents", 0},
                                                     {"name", "Unbudgeted 02 ZIN e2e"}}),
                                         as("fin.devries"));
        if (r.status == 201) return r.object()->getValue<std::int64_t>("id");
        EXPECT_EQ(r.code(), "DUPLICATE_BUDGET") << r.describe();
    }
    ADD_FAILURE() << "no free budget year";
    return 0;
}

std::int64_t amountOf(std::int64_t budget) {
    return rootConnection()
        .queryOne("SELECT amount_cents FROM budgets WHERE id = ?", {budget})
        ->i64(0);
}

TEST(BudgetAmountApi, FinanceSetsAndCorrectsAnAmountWithAReasonAudited) {
    const std::int64_t budget = newEmptyBudget();
    ASSERT_NE(budget, 0);
    const std::string path = "/api/v1/budgets/" + std::to_string(budget);
    const auto seq =
        rootConnection().queryOne("SELECT COALESCE(MAX(seq), 0) FROM audit_log")->i64(0);

    Response r =
        client().post(path + "/amount", jsonObject({{"amount_cents", -100}}), as("fin.devries"));
    EXPECT_EQ(r.status, 400) << r.describe();
    EXPECT_EQ(r.code(), "INVALID_AMOUNT");
    r = client().post(path + "/amount", jsonObject({{"amount_cents", 5000000}}), as("bh.visser"));
    EXPECT_EQ(r.status, 403) << r.describe();
    EXPECT_EQ(amountOf(budget), 0);

    r = client().post(path + "/amount", jsonObject({{"amount_cents", 5000000}}), as("fin.devries"));
    ASSERT_EQ(r.status, 200) << r.describe();
    EXPECT_EQ(r.object()->getObject("budget")->getValue<std::int64_t>("amount_cents"), 5000000);
    EXPECT_EQ(r.object()->getValue<std::int64_t>("realised_cents"), 0);
    EXPECT_FALSE(r.object()->getValue<bool>("below_exhaustion"));

    r = client().post(path + "/amount", jsonObject({{"amount_cents", 4000000}}), as("fin.mulder"));
    EXPECT_EQ(r.status, 400) << r.describe();
    EXPECT_EQ(r.code(), "REASON_REQUIRED");
    r = client().post(path + "/amount",
                      jsonObject({{"amount_cents", 4000000}, {"reason", "voorjaarsnota"}}),
                      as("fin.mulder"));
    ASSERT_EQ(r.status, 200) << r.describe();
    EXPECT_EQ(amountOf(budget), 4000000);

    const Response changes = client().get(path + "/amount-changes", as("aud.smit"));
    ASSERT_EQ(changes.status, 200) << changes.describe();
    ASSERT_EQ(changes.array()->size(), 2u);
    const auto newest = changes.array()->getObject(0);
    EXPECT_EQ(newest->getValue<std::int64_t>("before_cents"), 5000000);
    EXPECT_EQ(newest->getValue<std::int64_t>("after_cents"), 4000000);
    EXPECT_EQ(newest->getValue<std::string>("reason"), "voorjaarsnota");
    EXPECT_EQ(newest->getValue<std::string>("changed_by"), "fin.mulder");
    EXPECT_EQ(rootConnection()
                  .queryOne("SELECT COUNT(*) FROM audit_log WHERE seq > ? AND action ="
                            " 'budget.amount' AND object_id = ?",
                            {seq, std::to_string(budget)})
                  ->i64(0),
              2);
    EXPECT_EQ(client().get("/api/v1/budgets/99999999/amount-changes", as("fin.devries")).status,
              404);
}

}  // namespace
}  // namespace zc::e2e
