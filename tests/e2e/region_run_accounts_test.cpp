// Choosing the accounts of a run over several municipalities (issue 13, S5 web; ctest label
// `region`): finance prepares one run over Kampen (0166) and Zwolle (0193) and pays Kampen's
// transfers from a second, non-default Kampen account ("accounts": {"0166": id}). The run's
// page shows its municipalities and per municipality the account, and each transfer its
// municipality and the account it is paid from; the run list finds the run under either
// municipality. An account of another municipality, or one for a municipality the run does not
// pay for, is refused with INVALID_FIELD and records nothing.
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <gtest/gtest.h>

#include "declarations.hpp"
#include "e2e/region_seed.hpp"
#include "interfaces/mysql/connection.hpp"
#include "session.hpp"
#include "support/https_client.hpp"

namespace zc {
namespace {

using test::jsonArray;
using test::jsonObject;
using test::Response;

constexpr const char* kKampen = "0166";
constexpr const char* kZwolle = "0193";
constexpr const char* kKampenIban = "NL13BNGH0285170032";  // as RegionFlow sets it

Poco::JSON::Object::Ptr runRequest(std::int64_t provider, Poco::JSON::Object::Ptr accounts) {
    auto body =
        jsonObject({{"municipality_codes", jsonArray({std::string(kKampen), std::string(kZwolle)})},
                    {"due_until", formatDate(addDays(parseDate(e2e::todayText()), 60))},
                    {"provider_ids", jsonArray({provider})}});
    body->set("accounts", accounts);
    return body;
}

std::int64_t runs(db::Connection& db) {
    return db.queryOne("SELECT COUNT(*) FROM payment_runs")->i64(0);
}

bool listedUnder(const std::string& municipality, std::int64_t run_id) {
    const Response list = e2e::client().get(
        "/api/v1/payment-runs?limit=200&municipality=" + municipality, e2e::as("fin.devries"));
    EXPECT_EQ(list.status, 200) << list.describe();
    const auto rows = list.array();
    for (std::size_t i = 0; i < rows->size(); ++i) {
        if (rows->getObject(static_cast<unsigned>(i))->getValue<std::int64_t>("id") == run_id) {
            return true;
        }
    }
    return false;
}

TEST(RegionFlow, ARunPaysEachMunicipalityFromTheAccountChosenForIt) {
    db::Connection db(test::appDbConfig());
    const auto& client = e2e::client();
    const auto fin = e2e::as("fin.devries");
    const auto provider = e2e::providerId(db, e2e::kAgb);
    const std::string bsn = e2e::elfproefBsn('4');
    const auto number =
        e2e::householdHelpAllocation(kKampen, bsn, provider)->getValue<std::int64_t>("number");
    const std::string ref = "K" + e2e::uniqueDigits(9);
    e2e::declareJune(ref, kKampen,
                     e2e::juneHouseholdHelp(ref, bsn, number, 2, e2e::householdHelpTariff()));
    ASSERT_NE(e2e::declarationPayable(db, ref), 0);
    e2e::setDebtorAccount(kKampen, kKampenIban, "Gemeente Kampen");
    const std::string second_iban = e2e::dutchIban("ZCRA", e2e::uniqueDigits(10));
    const Response second =
        client.post("/api/v1/municipalities/" + std::string(kKampen) + "/debtor-accounts",
                    jsonObject({{"iban", second_iban},
                                {"name", "Gemeente Kampen"},
                                {"label", "Wmo-rekening"},
                                {"is_default", false}}),
                    fin);
    ASSERT_EQ(second.status, 201) << second.describe();
    const auto second_id = second.num("id");
    const Response zwolle_accounts =
        client.get("/api/v1/municipalities/" + std::string(kZwolle) + "/debtor-accounts", fin);
    ASSERT_EQ(zwolle_accounts.status, 200) << zwolle_accounts.describe();
    std::int64_t zwolle_account = 0;  // its default (the demo sets one)
    for (std::size_t i = 0; i < zwolle_accounts.array()->size(); ++i) {
        const auto a = zwolle_accounts.array()->getObject(static_cast<unsigned>(i));
        if (a->getValue<bool>("is_default")) zwolle_account = a->getValue<std::int64_t>("id");
    }
    ASSERT_NE(zwolle_account, 0) << zwolle_accounts.describe();

    // Refused, recording nothing: Zwolle's account for Kampen, and an account for Dalfsen,
    // which the run does not pay for.
    const auto before = runs(db);
    const Response foreign = client.post(
        "/api/v1/payment-runs", runRequest(provider, jsonObject({{kKampen, zwolle_account}})), fin);
    EXPECT_EQ(foreign.status, 400) << foreign.describe();
    EXPECT_EQ(foreign.code(), "INVALID_FIELD");
    EXPECT_EQ(foreign.field(), "accounts.0166");
    const Response outside = client.post(
        "/api/v1/payment-runs", runRequest(provider, jsonObject({{"0148", second_id}})), fin);
    EXPECT_EQ(outside.status, 400) << outside.describe();
    EXPECT_EQ(outside.field(), "accounts.0148");
    EXPECT_EQ(runs(db), before);

    // Kampen from its second account, Zwolle from its default.
    const Response run = client.post("/api/v1/payment-runs",
                                     runRequest(provider, jsonObject({{kKampen, second_id}})), fin);
    ASSERT_EQ(run.status, 201) << run.describe();
    const auto detail = run.object();
    const auto codes = detail->getArray("municipality_codes");
    ASSERT_EQ(codes->size(), 2u);
    EXPECT_EQ(codes->getElement<std::string>(0), kKampen);
    EXPECT_EQ(codes->getElement<std::string>(1), kZwolle);
    const auto accounts = detail->getArray("accounts");
    ASSERT_EQ(accounts->size(), 2u);
    EXPECT_EQ(accounts->getObject(0)->getValue<std::string>("municipality_code"), kKampen);
    EXPECT_EQ(accounts->getObject(0)->getValue<std::string>("iban"), second_iban);
    EXPECT_EQ(accounts->getObject(0)->getValue<std::int64_t>("debtor_account_id"), second_id);
    EXPECT_EQ(accounts->getObject(1)->getValue<std::int64_t>("debtor_account_id"), zwolle_account);
    const auto transfers = detail->getArray("transfers");
    int kampen_transfers = 0;
    for (std::size_t i = 0; i < transfers->size(); ++i) {
        const auto t = transfers->getObject(static_cast<unsigned>(i));
        if (t->getValue<std::string>("municipality_code") != kKampen) continue;
        ++kampen_transfers;
        EXPECT_EQ(t->getValue<std::string>("debtor_iban"), second_iban);
        EXPECT_EQ(t->getValue<std::int64_t>("debtor_account_id"), second_id);
    }
    EXPECT_EQ(kampen_transfers, 1) << run.describe();

    // Listed under either municipality; the run's page says the same.
    const auto id = run.num("id");
    EXPECT_TRUE(listedUnder(kKampen, id));
    EXPECT_TRUE(listedUnder(kZwolle, id));
    EXPECT_FALSE(listedUnder("0148", id));
    const Response shown = client.get("/api/v1/payment-runs/" + std::to_string(id), fin);
    ASSERT_EQ(shown.status, 200) << shown.describe();
    EXPECT_EQ(shown.object()->getArray("accounts")->size(), 2u);

    // Left for nobody: cancelled, so its payables stay open for the other tests' runs.
    const Response cancelled = client.post("/api/v1/payment-runs/" + std::to_string(id) + "/cancel",
                                           jsonObject({{"reason", "account choice tested"}}), fin);
    EXPECT_EQ(cancelled.status, 200) << cancelled.describe();
}

}  // namespace
}  // namespace zc
