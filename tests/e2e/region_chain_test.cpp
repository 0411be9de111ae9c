// Issue 13, statement chaining end to end: consecutive camt.053 statements of one account must
// chain (opening balance = previous closing balance, no bank business day missing). A break lands
// on the reconciliation work list until finance resolves it with a reason (audited); a statement
// imported out of order re-checks the one after it. Self-seeded: Kampen's debtor account is set
// to an IBAN of this test (the previous account is put back at the end), and the statements
// carry ids no other test uses.
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "e2e/region_seed.hpp"
#include "e2e/session.hpp"
#include "interfaces/mysql/connection.hpp"
#include "interfaces/mysql/connection_pool.hpp"
#include "support/https_client.hpp"

namespace zc {
namespace {

const std::string kKampen = "0166";

// A one-day statement of `account` without entries: its opening balance is its closing one.
std::string camt053(const std::string& id, const std::string& account, const std::string& day,
                    const std::string& balance) {
    auto bal = [&](const std::string& code) {
        return "<Bal><Tp><CdOrPrtry><Cd>" + code + "</Cd></CdOrPrtry></Tp><Amt Ccy=\"EUR\">" +
               balance + "</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>" + day + "</Dt></Dt></Bal>";
    };
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Document "
           "xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.02\"><BkToCstmrStmt><GrpHdr>"
           "<MsgId>" +
           id + "</MsgId><CreDtTm>" + day + "T23:00:00</CreDtTm></GrpHdr><Stmt><Id>" + id +
           "</Id><CreDtTm>" + day + "T23:00:00</CreDtTm><FrToDt><FrDtTm>" + day +
           "T00:00:00</FrDtTm><ToDtTm>" + day + "T23:59:59</ToDtTm></FrToDt><Acct><Id><IBAN>" +
           account + "</IBAN></Id></Acct>" + bal("OPBD") + bal("CLBD") +
           "</Stmt></BkToCstmrStmt></Document>\n";
}

// Imports the statement; returns its chain verdict {status, detail}.
std::pair<std::string, std::string> import(const std::string& xml, const test::Headers& who) {
    test::Headers headers = who;
    headers.emplace_back("Content-Type", "application/xml");
    const auto r = e2e::client().request("POST", "/api/v1/bank-statements", xml, headers);
    EXPECT_EQ(r.status, 201) << r.describe();
    if (r.status != 201) return {};
    const auto chain = r.object()->getArray("statements")->getObject(0)->getObject("chain");
    return {chain->getValue<std::string>("status"),
            chain->has("detail") ? chain->getValue<std::string>("detail") : ""};
}

// The work list's statement_chain item of statement `statement_id`, if any.
Poco::JSON::Object::Ptr chainItem(const std::string& statement_id, const test::Headers& who) {
    const auto list = e2e::client().get("/api/v1/reconciliation/work-list", who);
    EXPECT_EQ(list.status, 200) << list.describe();
    for (std::size_t i = 0; i < list.array()->size(); ++i) {
        const auto o = list.array()->getObject(static_cast<unsigned>(i));
        if (o->getValue<std::string>("kind") == "statement_chain" &&
            o->getValue<std::string>("statement_id") == statement_id)
            return o;
    }
    return nullptr;
}

struct DebtorAccount {
    std::string iban, bic, name;
};

std::optional<DebtorAccount> debtorAccountOf(db::Connection& db, const std::string& code) {
    const auto r = db.queryOne(
        "SELECT iban, COALESCE(bic, ''), name FROM debtor_accounts"
        " WHERE municipality_code = ? AND is_default = 1",
        {code});
    if (!r) return std::nullopt;
    return DebtorAccount{r->str(0), r->str(1), r->str(2)};
}

void setDebtorAccount(const std::string& code, const DebtorAccount& a, const test::Headers& who) {
    Poco::JSON::Object::Ptr body = new Poco::JSON::Object;
    body->set("iban", a.iban);
    if (!a.bic.empty()) body->set("bic", a.bic);
    body->set("name", a.name);
    const auto r =
        e2e::client().post("/api/v1/municipalities/" + code + "/debtor-account", body, who);
    ASSERT_EQ(r.status, 200) << r.describe();
}

TEST(RegionFlow, ABrokenStatementChainLandsOnTheWorkList) {
    db::ensureThreadInit();
    db::Connection root(test::rootDbConfig());
    const auto fin = e2e::as("fin.devries");
    const auto auditor = e2e::as("aud.smit");
    const auto before = debtorAccountOf(root, kKampen);
    const std::string n = e2e::uniqueDigits(10);
    const std::string iban = e2e::dutchIban("ABNA", n);
    setDebtorAccount(kKampen, {iban, "ABNANL2A", "Gemeente Kampen (chain test)"}, fin);
    const std::string id = "ZC-CHAIN-" + n + "-";

    // Monday 2 and Tuesday 3 November 2026: the second opens at 400.00 where the first closed
    // at 500.00.
    EXPECT_EQ(import(camt053(id + "1", iban, "2026-11-02", "500.00"), fin).first, "first");
    const auto [status, detail] = import(camt053(id + "2", iban, "2026-11-03", "400.00"), fin);
    EXPECT_EQ(status, "mismatch");
    EXPECT_NE(detail.find("500.00"), std::string::npos) << detail;
    EXPECT_EQ(chainItem(id + "1", fin), nullptr) << "the account's first statement is no item";
    const auto item = chainItem(id + "2", fin);
    ASSERT_NE(item, nullptr) << "the mismatch is on the work list";
    EXPECT_EQ(item->getValue<std::string>("match_status"), "mismatch");
    EXPECT_EQ(item->getValue<std::string>("account_iban"), iban);
    EXPECT_EQ(item->getValue<std::int64_t>("amount_cents"), -10000);
    EXPECT_EQ(item->getValue<std::string>("booking_date"), "2026-11-03");
    EXPECT_NE(item->getValue<std::string>("detail").find(id + "1"), std::string::npos);
    EXPECT_NE(chainItem(id + "2", auditor), nullptr) << "the auditor sees the work list too";

    // Thursday 5 November follows on in balance, but Wednesday 4 is missing: a gap. Then the
    // statement of the 4th arrives late: it chains, and so does the 5th now.
    EXPECT_EQ(import(camt053(id + "4", iban, "2026-11-05", "400.00"), fin).first, "gap");
    ASSERT_NE(chainItem(id + "4", fin), nullptr);
    EXPECT_EQ(import(camt053(id + "3", iban, "2026-11-04", "400.00"), fin).first, "ok");
    EXPECT_EQ(chainItem(id + "4", fin), nullptr) << "the late statement closed the gap";
    EXPECT_EQ(chainItem(id + "3", fin), nullptr);

    // Finance resolves the mismatch with a reason; without one it is refused.
    const auto path = "/api/v1/bank-statements/" +
                      std::to_string(item->getValue<std::int64_t>("id")) + "/chain/resolve";
    const auto empty =
        e2e::client().post(path, Poco::JSON::Object::Ptr(new Poco::JSON::Object), fin);
    EXPECT_EQ(empty.status, 400) << empty.describe();
    ASSERT_NE(chainItem(id + "2", fin), nullptr) << "a refusal changes nothing";
    Poco::JSON::Object::Ptr resolve = new Poco::JSON::Object;
    const std::string reason =
        "Bank correction of 100.00 on 3 November, confirmed by ABN AMRO " + n;
    resolve->set("reason", reason);
    EXPECT_EQ(e2e::client().post(path, resolve, auditor).status, 403) << "finance only";
    const auto resolved = e2e::client().post(path, resolve, fin);
    ASSERT_EQ(resolved.status, 200) << resolved.describe();
    EXPECT_EQ(resolved.str("chain_status"), "mismatch");
    EXPECT_EQ(chainItem(id + "2", fin), nullptr) << "a resolved chain leaves the work list";
    EXPECT_EQ(e2e::client().post(path, resolve, fin).code(), "CHAIN_NOT_BROKEN");
    const auto audit = root.queryOne(
        "SELECT actor, after_json FROM audit_log WHERE action = 'bank_statement.chain_resolve'"
        " AND object_type = 'bank_statement' AND object_id = ?",
        {std::to_string(item->getValue<std::int64_t>("id"))});
    ASSERT_TRUE(audit.has_value()) << "the resolution is audited";
    EXPECT_EQ(audit->str(0), "fin.devries");
    EXPECT_NE(audit->str(1).find(reason), std::string::npos) << audit->str(1);

    if (before) setDebtorAccount(kKampen, *before, fin);
}

}  // namespace
}  // namespace zc
