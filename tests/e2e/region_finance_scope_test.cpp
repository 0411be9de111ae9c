// Issue 13 (S8), the staff scope for money over HTTPS: a finance user who works for Kampen (0166)
// only may not pay from Zwolle (0193). Preparing a Zwolle run is refused with 403 OUT_OF_SCOPE and
// recorded as "access.denied"; the runs list, a Zwolle run itself, Zwolle's debtor account and
// Zwolle's budgets stay out of reach. The test makes its own Zwolle run (for a provider id that
// has no payables, so it pays nothing) with the demo's fin.devries, who keeps every
// municipality, and cancels it at the end.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "contracting/kernel/civil_date.hpp"
#include "e2e/session.hpp"

namespace zc::e2e {
namespace {

using test::Headers;
using test::jsonArray;
using test::jsonObject;
using test::Response;

constexpr const char* kPassword = "e2e-region-finance-battery";
constexpr std::int64_t kNoSuchProvider = 2000000000;  // a run for it pays nothing

// Creates a finance user scoped to `own` as admin, logs in and sets up the second factor that
// the finance role requires; returns the user's headers.
Headers scopedFinanceUser(const std::string& own) {
    const std::string username = "fin.scope-" + uniqueDigits(8);
    const Response created = client().post("/api/v1/users",
                                           jsonObject({{"username", username},
                                                       {"display_name", "E2E finance " + own},
                                                       {"role", "finance"},
                                                       {"password", kPassword},
                                                       {"municipalities", jsonArray({own})}}),
                                           as("admin"));
    EXPECT_EQ(created.status, 201) << created.describe();
    const Response session = login(username, kPassword);
    EXPECT_EQ(session.status, 200) << session.describe();
    const Headers headers = bearer(session.str("token"));
    const Response enrol = client().post("/api/v1/auth/totp/enrol", jsonObject({}), headers);
    EXPECT_EQ(enrol.status, 200) << enrol.describe();
    const Response confirm = client().post(
        "/api/v1/auth/totp/confirm",
        jsonObject({{"code", freshTotpCode(username, enrol.str("secret"))}}), headers);
    EXPECT_EQ(confirm.status, 200) << confirm.describe();
    return headers;
}

Poco::JSON::Object::Ptr runRequest(const std::string& municipality) {
    const std::string until = formatDate(addDays(parseDate(todayText()), 30));
    return jsonObject({{"municipality_code", municipality},
                       {"due_until", until},
                       {"provider_ids", jsonArray({kNoSuchProvider})}});
}

Poco::JSON::Object::Ptr budgetRequest(const std::string& municipality, const std::string& year) {
    return jsonObject({{"year", std::stoi(year)},
                       {"municipality_code", municipality},
                       {"product_category", "01"},
                       {"financing_kind", "ZIN"},
                       {"amount_cents", 100000}});
}

std::size_t deniedRows(const std::string& object_type, const std::string& object_id) {
    const Response r =
        client().get("/api/v1/audit?action=access.denied&object_type=" + object_type +
                         "&object_id=" + object_id + "&limit=1000",
                     as("aud.smit"));
    EXPECT_EQ(r.status, 200) << r.describe();
    return r.array()->size();
}

// The municipality_code of each object of a list answer.
std::vector<std::string> municipalitiesOf(const Response& list) {
    std::vector<std::string> out;
    const auto a = list.array();
    for (std::size_t i = 0; i < a->size(); ++i) {
        out.push_back(
            a->getObject(static_cast<unsigned>(i))->getValue<std::string>("municipality_code"));
    }
    return out;
}

bool listsId(const Response& list, std::int64_t id) {
    const auto a = list.array();
    for (std::size_t i = 0; i < a->size(); ++i) {
        if (a->getObject(static_cast<unsigned>(i))->getValue<std::int64_t>("id") == id) return true;
    }
    return false;
}

TEST(RegionFlow, AKampenFinanceUserCannotPayZwolle) {
    // A Zwolle run by a finance user of every municipality: it is in their list.
    const Response zwolle_run =
        client().post("/api/v1/payment-runs", runRequest("0193"), as("fin.devries"));
    ASSERT_EQ(zwolle_run.status, 201) << zwolle_run.describe();
    const std::int64_t run_id = zwolle_run.num("id");
    const std::string run_path = "/api/v1/payment-runs/" + std::to_string(run_id);
    EXPECT_TRUE(
        listsId(client().get("/api/v1/payment-runs?limit=1000", as("fin.devries")), run_id));
    // A Zwolle budget of a far year that no other test uses.
    const std::string year = std::to_string(2100 + std::stoi(uniqueDigits(4)) % 800);
    const Response zwolle_budget =
        client().post("/api/v1/budgets", budgetRequest("0193", year), as("fin.devries"));
    ASSERT_EQ(zwolle_budget.status, 201) << zwolle_budget.describe();
    const std::int64_t budget_id = zwolle_budget.num("id");
    const std::string budgets_of_year = "/api/v1/budgets?limit=1000&year=" + year;
    EXPECT_TRUE(listsId(client().get(budgets_of_year, as("fin.devries")), budget_id));

    const Headers kampen = scopedFinanceUser("0166");

    // Preparing a Zwolle run: refused, recorded once, nothing prepared.
    const std::size_t denied_before = deniedRows("municipality", "0193");
    const std::size_t runs_before =
        client().get("/api/v1/payment-runs?limit=1000", as("fin.devries")).array()->size();
    const Response refused = client().post("/api/v1/payment-runs", runRequest("0193"), kampen);
    EXPECT_EQ(refused.status, 403) << refused.describe();
    EXPECT_EQ(refused.code(), "OUT_OF_SCOPE");
    EXPECT_EQ(deniedRows("municipality", "0193"), denied_before + 1);
    EXPECT_EQ(client().get("/api/v1/payment-runs?limit=1000", as("fin.devries")).array()->size(),
              runs_before);

    // The runs list leaves Zwolle's runs out; the Zwolle run itself is refused.
    const Response runs = client().get("/api/v1/payment-runs?limit=1000", kampen);
    ASSERT_EQ(runs.status, 200) << runs.describe();
    EXPECT_FALSE(listsId(runs, run_id));
    for (const auto& code : municipalitiesOf(runs)) EXPECT_EQ(code, "0166");
    EXPECT_EQ(client().get(run_path, kampen).code(), "OUT_OF_SCOPE");
    EXPECT_EQ(client().post(run_path + "/approve", jsonObject({}), kampen).code(), "OUT_OF_SCOPE");
    EXPECT_EQ(deniedRows("payment_run", std::to_string(run_id)), 2u);

    // Zwolle's debtor account and budgets are out of reach too.
    const Response account = client().post(
        "/api/v1/municipalities/0193/debtor-account",
        jsonObject({{"iban", "NL91ABNA0417164300"}, {"bic", "ABNANL2A"}, {"name", "Not mine"}}),
        kampen);
    EXPECT_EQ(account.code(), "OUT_OF_SCOPE") << account.describe();
    const Response budgets = client().get(budgets_of_year, kampen);
    ASSERT_EQ(budgets.status, 200) << budgets.describe();
    EXPECT_FALSE(listsId(budgets, budget_id));
    for (const auto& code : municipalitiesOf(budgets)) EXPECT_EQ(code, "0166");
    const Response exhaustion =
        client().get("/api/v1/budgets/" + std::to_string(budget_id) + "/exhaustion", kampen);
    EXPECT_EQ(exhaustion.code(), "OUT_OF_SCOPE") << exhaustion.describe();
    const Response overview = client().get("/api/v1/budgets/overview?year=" + year, kampen);
    ASSERT_EQ(overview.status, 200) << overview.describe();
    const Response full_overview =
        client().get("/api/v1/budgets/overview?year=" + year, as("fin.devries"));
    EXPECT_NE(full_overview.text.find("\"id\":" + std::to_string(budget_id)), std::string::npos);
    EXPECT_EQ(overview.text.find("\"id\":" + std::to_string(budget_id)), std::string::npos);
    const Response other = client().post("/api/v1/budgets", budgetRequest("0193", year), kampen);
    EXPECT_EQ(other.code(), "OUT_OF_SCOPE") << other.describe();

    // Kampen's own run the user may prepare (Kampen may have no debtor account yet: then the
    // refusal is about the account, not the scope).
    const Response own = client().post("/api/v1/payment-runs", runRequest("0166"), kampen);
    EXPECT_NE(own.code(), "OUT_OF_SCOPE") << own.describe();

    const Response cancelled =
        client().post(run_path + "/cancel",
                      jsonObject({{"reason", "e2e: a run that pays nothing"}}), as("fin.devries"));
    EXPECT_EQ(cancelled.status, 200) << cancelled.describe();
    if (own.status == 201) {
        client().post("/api/v1/payment-runs/" + std::to_string(own.num("id")) + "/cancel",
                      jsonObject({{"reason", "e2e: a run that pays nothing"}}), kampen);
    }
}

}  // namespace
}  // namespace zc::e2e
