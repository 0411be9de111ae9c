// A provider's bank account changes over HTTP (issue 15): finance proposes a new IBAN valid from
// a date, the same user may not decide it (FOUR_EYES), another finance user approves or rejects
// it; bad input is refused with its reason code and changes nothing; each step is audited; the
// provider reads its own account history (and no other's), an auditor reads any, other roles
// none.
#include <gtest/gtest.h>

#include <string>

#include "e2e/region_seed.hpp"
#include "e2e/session.hpp"
#include "interfaces/mysql/connection_pool.hpp"
#include "support/https_client.hpp"

namespace zc::e2e {
namespace {

using test::jsonObject;
using test::Response;

std::int64_t lastSeq() {
    return rootConnection().queryOne("SELECT COALESCE(MAX(seq), 0) FROM audit_log")->i64(0);
}

// The actors of `action` on change `id` written after `seq`, comma-separated.
std::string auditActors(std::int64_t seq, const std::string& action, std::int64_t id) {
    std::string out;
    for (const auto& r : rootConnection().query(
             "SELECT actor FROM audit_log WHERE seq > ? AND action = ? AND object_id = ?"
             " ORDER BY seq",
             {seq, action, std::to_string(id)})) {
        out += (out.empty() ? "" : ",") + r.str(0);
    }
    return out;
}

std::int64_t newProvider(const std::string& iban) {
    const std::string agb = uniqueAgb();
    const Response r = client().post(
        "/api/v1/providers",
        jsonObject({{"agb", agb}, {"kvk", agb}, {"name", "Bankzorg " + agb}, {"iban", iban}}),
        as("admin"));
    EXPECT_EQ(r.status, 201) << r.describe();
    return r.object()->getValue<std::int64_t>("id");
}

std::string accountsPath(std::int64_t provider) {
    return "/api/v1/providers/" + std::to_string(provider) + "/bank-accounts";
}

std::string changePath(std::int64_t id, const std::string& step) {
    return "/api/v1/provider-bank-accounts/" + std::to_string(id) + "/" + step;
}

std::int64_t changeCount(std::int64_t provider) {
    return rootConnection()
        .queryOne("SELECT COUNT(*) FROM provider_bank_accounts WHERE provider_id = ?", {provider})
        ->i64(0);
}

TEST(ProviderAccountsApi, AChangeIsProposedByOneAndApprovedByAnotherFinanceUserAudited) {
    const std::string registered = dutchIban("ABNA", uniqueDigits(10));
    const std::string next = dutchIban("INGB", uniqueDigits(10));
    const std::int64_t provider = newProvider(registered);
    const auto seq = lastSeq();

    // At first the history is the registration account, current.
    Response history = client().get(accountsPath(provider), as("fin.devries"));
    ASSERT_EQ(history.status, 200) << history.describe();
    ASSERT_EQ(history.array()->size(), 1u);
    EXPECT_EQ(history.array()->getObject(0)->getValue<std::string>("iban"), registered);
    EXPECT_TRUE(history.array()->getObject(0)->getValue<bool>("current"));

    // Bad input: refused with its code, nothing recorded.
    const auto body = [&](const std::string& iban, const std::string& from) {
        return jsonObject({{"iban", iban}, {"holder_name", "Bankzorg BV"}, {"valid_from", from}});
    };
    Response bad = client().post(accountsPath(provider), body("NL00ABNA0123456789", todayText()),
                                 as("fin.devries"));
    EXPECT_EQ(bad.status, 400) << bad.describe();
    EXPECT_EQ(bad.code(), "INVALID_IBAN");
    bad = client().post(accountsPath(provider), body(next, "2020-01-01"), as("fin.devries"));
    EXPECT_EQ(bad.status, 422) << bad.describe();
    EXPECT_EQ(bad.code(), "VALID_FROM_PAST");
    EXPECT_EQ(changeCount(provider), 0);
    bad = client().post(accountsPath(provider), body(next, todayText()), as("cm.jansen"));
    EXPECT_EQ(bad.status, 403) << bad.describe();

    const Response proposed =
        client().post(accountsPath(provider), body(next, todayText()), as("fin.devries"));
    ASSERT_EQ(proposed.status, 201) << proposed.describe();
    const auto id = proposed.object()->getValue<std::int64_t>("id");
    EXPECT_EQ(proposed.object()->getValue<std::string>("status"), "proposed");
    const Response twice =
        client().post(accountsPath(provider), body(next, todayText()), as("fin.mulder"));
    EXPECT_EQ(twice.status, 409) << twice.describe();
    EXPECT_EQ(twice.code(), "BANK_ACCOUNT_PENDING");

    // Four eyes: the proposer may neither approve nor reject; a rejection needs a reason.
    Response refused = client().post(changePath(id, "approve"), jsonObject({}), as("fin.devries"));
    EXPECT_EQ(refused.status, 403) << refused.describe();
    EXPECT_EQ(refused.code(), "FOUR_EYES");
    refused = client().post(changePath(id, "reject"), jsonObject({{"reason", "typo"}}),
                            as("fin.devries"));
    EXPECT_EQ(refused.code(), "FOUR_EYES");
    refused =
        client().post(changePath(id, "reject"), jsonObject({{"reason", " "}}), as("fin.mulder"));
    EXPECT_EQ(refused.status, 400) << refused.describe();
    const Response approved =
        client().post(changePath(id, "approve"), jsonObject({}), as("fin.mulder"));
    ASSERT_EQ(approved.status, 200) << approved.describe();
    EXPECT_EQ(approved.object()->getValue<std::string>("status"), "approved");
    EXPECT_EQ(approved.object()->getValue<std::string>("decided_by"), "fin.mulder");
    const Response again =
        client().post(changePath(id, "reject"), jsonObject({{"reason", "late"}}), as("fin.mulder"));
    EXPECT_EQ(again.status, 409) << again.describe();
    EXPECT_EQ(again.code(), "BANK_ACCOUNT_DECIDED");

    history = client().get(accountsPath(provider), as("aud.smit"));
    ASSERT_EQ(history.status, 200) << history.describe();
    ASSERT_EQ(history.array()->size(), 2u);
    EXPECT_EQ(history.array()->getObject(0)->getValue<std::string>("iban"), next);
    EXPECT_TRUE(history.array()->getObject(0)->getValue<bool>("current"));
    EXPECT_FALSE(history.array()->getObject(1)->getValue<bool>("current"));

    EXPECT_EQ(auditActors(seq, "provider_bank_account.propose", id), "fin.devries");
    EXPECT_EQ(auditActors(seq, "provider_bank_account.approve", id), "fin.mulder");
    EXPECT_EQ(auditActors(seq, "provider_bank_account.reject", id), "");
    EXPECT_GE(rootConnection()
                  .queryOne("SELECT COUNT(*) FROM audit_log WHERE seq > ? AND action ="
                            " 'access.denied' AND actor = 'fin.devries'",
                            {seq})
                  ->i64(0),
              2);
}

TEST(ProviderAccountsApi, AProviderReadsItsOwnAccountHistoryOnly) {
    const auto rows = rootConnection().query("SELECT id FROM providers ORDER BY agb LIMIT 2");
    ASSERT_EQ(rows.size(), 2u);
    const std::int64_t own = rows[0].i64(0), other = rows[1].i64(0);
    const Response mine = client().get(accountsPath(own), asProvider(own));
    ASSERT_EQ(mine.status, 200) << mine.describe();
    EXPECT_GE(mine.array()->size(), 1u);
    const Response theirs = client().get(accountsPath(other), asProvider(own));
    EXPECT_EQ(theirs.status, 404) << theirs.describe();
    const Response propose =
        client().post(accountsPath(own),
                      jsonObject({{"iban", dutchIban("ABNA", uniqueDigits(10))},
                                  {"holder_name", "X"},
                                  {"valid_from", todayText()}}),
                      asProvider(own));
    EXPECT_EQ(propose.status, 403) << propose.describe();
    EXPECT_EQ(client().get(accountsPath(own), as("cm.jansen")).status, 403);
}

}  // namespace
}  // namespace zc::e2e
