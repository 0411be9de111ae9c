// Issue 13: a municipality may hold several debtor accounts; every one of them, not only the
// default, is that municipality's for reconciliation. Kampen (0166) pays from its default account
// and keeps a second one; a statement of the second account is imported by Kampen's finance
// staff, and its unmatched entry lands on Kampen's work list, not on Zwolle's. Zwolle's staff may
// not import it.
#include <gtest/gtest.h>

#include <list>
#include <string>
#include <vector>

#include "db/db_test_env.hpp"
#include "interfaces/http/bank_statements_api.hpp"
#include "interfaces/iso20022/bank_schemas.hpp"
#include "interfaces/mysql/migrations.hpp"

namespace zc {
namespace {

constexpr const char* kKampenDefault = "NL91ABNA0417164300";
constexpr const char* kKampenSecond = "NL02ABNA0123456789";

// A one-day camt.053 of `account` with one unknown incoming credit of 12.50.
std::string statementWithAnUnknownCredit(const std::string& id, const std::string& account) {
    const auto bal = [](const std::string& code, const std::string& amount) {
        return "<Bal><Tp><CdOrPrtry><Cd>" + code + "</Cd></CdOrPrtry></Tp><Amt Ccy=\"EUR\">" +
               amount + "</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2026-11-02</Dt></Dt></Bal>";
    };
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Document "
           "xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.02\"><BkToCstmrStmt><GrpHdr>"
           "<MsgId>" +
           id + "</MsgId><CreDtTm>2026-11-02T23:00:00</CreDtTm></GrpHdr><Stmt><Id>" + id +
           "</Id><CreDtTm>2026-11-02T23:00:00</CreDtTm><FrToDt><FrDtTm>2026-11-02T00:00:00"
           "</FrDtTm><ToDtTm>2026-11-02T23:59:59</ToDtTm></FrToDt><Acct><Id><IBAN>" +
           account + "</IBAN></Id></Acct>" + bal("OPBD", "100.00") + bal("CLBD", "112.50") +
           "<Ntry><Amt Ccy=\"EUR\">12.50</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts>"
           "<BookgDt><Dt>2026-11-02</Dt></BookgDt><ValDt><Dt>2026-11-02</Dt></ValDt><BkTxCd>"
           "<Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>ESCT</SubFmlyCd></Fmly></Domn>"
           "</BkTxCd></Ntry></Stmt></BkToCstmrStmt></Document>\n";
}

class DebtorAccountScopeTest : public ::testing::Test {
  protected:
    void SetUp() override {
        iso20022::setBankSchemas(dbtest::sourceRoot() / "interfaces" / "xml" / "schemas" /
                                 "iso20022");
        conn_ = scratch_.connect();
        db::migrate(*conn_, dbtest::migrationsDir());
        conn_->execute(
            "INSERT INTO municipalities (code, name) VALUES ('0193', 'Zwolle'), ('0166', "
            "'Kampen')");
        conn_->execute(
            "INSERT INTO debtor_accounts (municipality_code, iban, name, is_default, active)"
            " VALUES ('0166', ?, 'Gemeente Kampen', 1, 1), ('0166', ?, 'Kampen sociaal domein',"
            " 0, 1)",
            {std::string(kKampenDefault), std::string(kKampenSecond)});
    }

    app::RequestContext finance(const std::string& municipality) {
        app::Actor a = dbtest::actor(app::Role::Finance, "fin." + municipality);
        a.municipalities = {municipality};
        a.scope_loaded = true;
        actors_.push_back(a);
        return app::RequestContext{*conn_, actors_.back(), "test", clock_, config_};
    }

    static http::ApiRequest xml(const std::string& text) {
        http::ApiRequest r = dbtest::jsonRequest("{}");
        r.raw_body = text;
        return r;
    }

    // The account IBANs of the work list's items.
    static std::vector<std::string> workListAccounts(app::RequestContext& ctx) {
        std::vector<std::string> out;
        const auto items =
            dbtest::array(http::reconciliationWorkList(ctx, dbtest::jsonRequest("{}")));
        for (std::size_t i = 0; i < items->size(); ++i) {
            out.push_back(
                items->getObject(static_cast<unsigned>(i))->getValue<std::string>("account_iban"));
        }
        return out;
    }

    dbtest::ScratchDatabase scratch_;
    std::unique_ptr<db::Connection> conn_;
    SystemClock clock_;
    app::AppConfig config_;
    std::list<app::Actor> actors_;
};

TEST_F(DebtorAccountScopeTest, ASecondAccountIsItsMunicipalitysForReconciliation) {
    auto zwolle = finance("0193");
    EXPECT_EQ(dbtest::errorCode([&] {
                  http::importBankStatement(
                      zwolle, xml(statementWithAnUnknownCredit("S-Z", kKampenSecond)));
              }),
              "OUT_OF_SCOPE");
    EXPECT_EQ(conn_->queryOne("SELECT COUNT(*) FROM bank_statements")->i64(0), 0);

    auto kampen = finance("0166");
    EXPECT_EQ(
        http::importBankStatement(kampen, xml(statementWithAnUnknownCredit("S-K", kKampenSecond)))
            .status,
        201);
    EXPECT_EQ(workListAccounts(kampen), std::vector<std::string>{kKampenSecond})
        << "the unknown credit on Kampen's second account is Kampen's to resolve";
    EXPECT_TRUE(workListAccounts(zwolle).empty());
}

}  // namespace
}  // namespace zc
