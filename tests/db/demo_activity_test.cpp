// The demo's recent work (issue 15, Demo): after command 1's `load-demo` a newcomer finds
// something on every home screen — an open request for the contract manager, declarations with
// accepted and rejected lines for the providers, an open review, a paid and a prepared payment
// run for finance, budgets with money spent — made through the use cases, so the audit chain
// and the ledger hold.
#include <gtest/gtest.h>

#include <string>

#include "db/demo_database.hpp"

namespace zc {
namespace {

std::int64_t count(db::Connection& db, const std::string& sql) { return db.queryOne(sql)->i64(0); }

// One demo database with the activity for all tests of this file (in the test body, so that a
// failing load fails the test rather than skipping it).
class DemoActivityTest : public ::testing::Test {
  protected:
    static dbtest::DemoDatabase& demo() {
        static dbtest::DemoDatabase database(dbtest::DemoDatabase::Activity::With);
        return database;
    }
    static db::Connection& db() { return demo().db(); }
    // Complete months of this year before today: the months the demo declares (at most 3).
    static std::int64_t monthsDeclared() {
        return std::min<std::int64_t>(3, count(db(), "SELECT MONTH(CURRENT_DATE) - 1"));
    }
};

TEST_F(DemoActivityTest, TheContractManagerHasAnOpenRequestFromAProvider) {
    EXPECT_EQ(count(db(), "SELECT COUNT(*) FROM allocation_requests WHERE status = 'open'"), 1);
}

TEST_F(DemoActivityTest, ProvidersSeeDeclarationsWithAcceptedAndRejectedLines) {
    if (monthsDeclared() == 0) GTEST_SKIP() << "in January the demo declares no month";
    EXPECT_GE(count(db(), "SELECT COUNT(DISTINCT period_begin) FROM declarations"),
              monthsDeclared());
    EXPECT_GT(count(db(), "SELECT COUNT(*) FROM claim_lines WHERE status = 'accepted'"), 5);
    EXPECT_EQ(count(db(), "SELECT COUNT(*) FROM claim_lines WHERE status = 'rejected'"), 1);
    EXPECT_EQ(count(db(), "SELECT COUNT(*) FROM declarations WHERE status = 'rejected'"), 0)
        << "no declaration is refused as a whole";
}

TEST_F(DemoActivityTest, OneLineALittleOverItsCapAwaitsReview) {
    if (monthsDeclared() == 0) GTEST_SKIP() << "in January the demo declares no month";
    EXPECT_EQ(count(db(), "SELECT COUNT(*) FROM review_items WHERE status = 'open'"), 1);
    EXPECT_EQ(count(db(), "SELECT COUNT(*) FROM declarations WHERE status = 'awaiting_review'"), 1);
}

TEST_F(DemoActivityTest, FinanceHasAPaidRunAndAPreparedOne) {
    if (monthsDeclared() == 0) GTEST_SKIP() << "in January the demo declares no month";
    EXPECT_EQ(count(db(), "SELECT COUNT(*) FROM payment_runs WHERE status = 'approved'"), 1);
    EXPECT_EQ(count(db(), "SELECT COUNT(*) FROM payment_runs WHERE status = 'prepared'"),
              monthsDeclared() >= 2 ? 1 : 0);
    // The bank booked every transfer of the approved run: its payables are paid.
    EXPECT_EQ(count(db(), "SELECT COUNT(*) FROM bank_entries WHERE match_status = 'booked'"),
              count(db(),
                    "SELECT COUNT(*) FROM payment_instructions i JOIN payment_runs r"
                    " ON r.id = i.run_id WHERE r.status = 'approved'"));
    EXPECT_GT(count(db(), "SELECT COUNT(*) FROM payables WHERE status = 'paid'"), 0);
    EXPECT_EQ(count(db(),
                    "SELECT COUNT(*) FROM payables p JOIN payment_run_items i"
                    " ON i.payable_id = p.id JOIN payment_runs r ON r.id = i.run_id"
                    " WHERE r.status = 'approved' AND p.status <> 'paid'"),
              0);
    // Four eyes: prepared by one finance user, approved by the other.
    EXPECT_EQ(count(db(),
                    "SELECT COUNT(*) FROM payment_runs WHERE status = 'approved'"
                    " AND prepared_by = 'fin.devries' AND approved_by = 'fin.mulder'"),
              1);
}

TEST_F(DemoActivityTest, TheAuditChainAndTheLedgerHold) {
    const auto audit = demo().cli({"verify-audit"});
    EXPECT_EQ(audit.exit_code, 0) << audit.output;
    const auto ledger = demo().cli({"check-ledger"});
    EXPECT_EQ(ledger.exit_code, 0) << ledger.output;
}

TEST_F(DemoActivityTest, LoadingTheDemoAgainChangesNothing) {
    const auto before = count(db(), "SELECT COUNT(*) FROM audit_log");
    const auto again = demo().cli({"load-demo"});
    EXPECT_EQ(again.exit_code, 0) << again.output;
    EXPECT_NE(again.output.find("present already"), std::string::npos) << again.output;
    EXPECT_EQ(count(db(), "SELECT COUNT(*) FROM audit_log"), before);
}

}  // namespace
}  // namespace zc
