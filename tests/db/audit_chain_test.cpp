// The audit trail's hash chain (interfaces/security/audit_trail.hpp) and `zorgcontract
// verify-audit` against a migrated scratch database.
#include <gtest/gtest.h>

#include <sstream>

#include "db/db_test_env.hpp"
#include "interfaces/mysql/migrations.hpp"
#include "interfaces/security/audit_trail.hpp"
#include "interfaces/security/crypto.hpp"

namespace zc {
namespace {

class AuditChainTest : public ::testing::Test {
  protected:
    void SetUp() override {
        conn_ = scratch_.connect();
        db::migrate(*conn_, dbtest::migrationsDir());
        // Keyed with the key the command line of the db tests uses, as `migrate` keys it.
        config_.audit_key = dbtest::auditKey();
        security::keyAuditChain(*conn_, config_.audit_key);
        ctx_ = std::make_unique<app::RequestContext>(
            app::RequestContext{*conn_, actor(), "test", clock_, config_});
    }

    static app::Actor actor() {
        app::Actor a;
        a.role = app::Role::Admin;
        a.user_id = 1;
        a.name = "tester";
        return a;
    }

    security::AuditEntry entry(int i) const {
        return {
            "test.event",
            "thing",
            std::to_string(i),
            "ok",
            i % 2 == 0 ? std::optional<std::string>() : "{\"before\":" + std::to_string(i) + "}",
            "{\"i\":" + std::to_string(i) + "}"};
    }

    // Appends `n` rows, each in its own committed transaction.
    void appendCommitted(int n) {
        for (int i = 0; i < n; ++i) {
            db::Transaction tx(*conn_);
            security::appendAudit(*ctx_, entry(i + 1));
            tx.commit();
        }
    }

    std::int64_t maxSeq() {
        return conn_->queryOne("SELECT COALESCE(MAX(seq), 0) FROM audit_log")->i64(0);
    }

    dbtest::ScratchDatabase scratch_;
    std::unique_ptr<db::Connection> conn_;
    SystemClock clock_;
    app::AppConfig config_;
    std::unique_ptr<app::RequestContext> ctx_;
};

TEST_F(AuditChainTest, EmptyChainVerifies) {
    const auto v = security::verifyAudit(*conn_, config_.audit_key);
    EXPECT_TRUE(v.ok);
    EXPECT_EQ(v.rows_checked, 0);
    EXPECT_EQ(v.first_bad_seq, 0);
}

TEST_F(AuditChainTest, AppendedRowsFormAVerifiedChain) {
    appendCommitted(5);

    const auto v = security::verifyAudit(*conn_, config_.audit_key);

    EXPECT_TRUE(v.ok) << v.problem << " at " << v.first_bad_seq;
    EXPECT_EQ(v.rows_checked, 5);
    EXPECT_EQ(v.first_bad_seq, 0);
    const auto rows =
        conn_->query("SELECT seq, actor, origin, prev_hash, hash FROM audit_log ORDER BY seq");
    ASSERT_EQ(rows.size(), 5u);
    EXPECT_EQ(rows[0].str(3), std::string(64, '0'));
    for (std::size_t i = 0; i < rows.size(); ++i) {
        EXPECT_EQ(rows[i].i64(0), static_cast<std::int64_t>(i + 1));
        EXPECT_EQ(rows[i].str(1), "tester");
        EXPECT_EQ(rows[i].str(2), "test");
        if (i > 0) {
            EXPECT_EQ(rows[i].str(3), rows[i - 1].str(4));
        }
    }
    const auto head = conn_->queryOne("SELECT last_seq, last_hash FROM audit_head WHERE id = 1");
    EXPECT_EQ(head->i64(0), 5);
    EXPECT_EQ(head->str(1), rows.back().str(4));
}

TEST_F(AuditChainTest, AlteredRowIsReportedWithItsSeq) {
    appendCommitted(5);
    conn_->execute("UPDATE audit_log SET after_json = '{\"x\":1}' WHERE seq = 3");

    const auto v = security::verifyAudit(*conn_, config_.audit_key);

    EXPECT_FALSE(v.ok);
    EXPECT_EQ(v.first_bad_seq, 3);
    EXPECT_EQ(v.problem, "altered");
    EXPECT_EQ(v.rows_checked, 2);
}

TEST_F(AuditChainTest, AlteredNullFieldIsReported) {
    appendCommitted(5);
    // Row 2 has no before_json; giving it one must break the chain too (NULL is hashed apart
    // from any text).
    conn_->execute("UPDATE audit_log SET before_json = '' WHERE seq = 2");

    const auto v = security::verifyAudit(*conn_, config_.audit_key);

    EXPECT_FALSE(v.ok);
    EXPECT_EQ(v.first_bad_seq, 2);
    EXPECT_EQ(v.problem, "altered");
}

TEST_F(AuditChainTest, RemovedMiddleRowIsReportedWithItsSeq) {
    appendCommitted(5);
    conn_->execute("DELETE FROM audit_log WHERE seq = 3");

    const auto v = security::verifyAudit(*conn_, config_.audit_key);

    EXPECT_FALSE(v.ok);
    EXPECT_EQ(v.first_bad_seq, 3);
    EXPECT_EQ(v.problem, "removed");
    EXPECT_EQ(v.rows_checked, 2);
}

TEST_F(AuditChainTest, RemovedLastRowIsDetectedThroughTheHead) {
    appendCommitted(5);
    conn_->execute("DELETE FROM audit_log WHERE seq = 5");

    const auto v = security::verifyAudit(*conn_, config_.audit_key);

    EXPECT_FALSE(v.ok);
    EXPECT_EQ(v.first_bad_seq, 5);
    EXPECT_EQ(v.problem, "removed");
    EXPECT_EQ(v.rows_checked, 4);
}

TEST_F(AuditChainTest, RolledBackAppendLeavesNoGap) {
    appendCommitted(2);
    {
        db::Transaction tx(*conn_);
        security::appendAudit(*ctx_, entry(99));
        // No commit: the change this row recorded failed, so the row goes too.
    }
    EXPECT_EQ(maxSeq(), 2);

    appendCommitted(1);

    EXPECT_EQ(maxSeq(), 3);
    EXPECT_EQ(dbtest::countRows(*conn_, "audit_log"), 3);
    const auto v = security::verifyAudit(*conn_, config_.audit_key);
    EXPECT_TRUE(v.ok) << v.problem << " at " << v.first_bad_seq;
    EXPECT_EQ(v.rows_checked, 3);
}

TEST_F(AuditChainTest, StandaloneAppendCommitsItsOwnRow) {
    security::appendAuditStandalone(*ctx_, entry(1));

    auto other = scratch_.connect();  // a second session sees the committed row
    EXPECT_EQ(dbtest::countRows(*other, "audit_log"), 1);
    EXPECT_TRUE(security::verifyAudit(*other, config_.audit_key).ok);
}

TEST_F(AuditChainTest, VerifiesAndDetectsTamperingBeyondTheFirstPageOfRows) {
    // verifyAudit() reads the chain 1000 rows at a time; one transaction keeps this quick.
    constexpr int kRows = 1005;
    {
        db::Transaction tx(*conn_);
        for (int i = 1; i <= kRows; ++i) security::appendAudit(*ctx_, entry(i));
        tx.commit();
    }
    const auto intact = security::verifyAudit(*conn_, config_.audit_key);
    EXPECT_TRUE(intact.ok) << intact.problem << " at " << intact.first_bad_seq;
    EXPECT_EQ(intact.rows_checked, kRows);

    conn_->execute("UPDATE audit_log SET actor = 'mallory' WHERE seq = 1003");

    const auto v = security::verifyAudit(*conn_, config_.audit_key);
    EXPECT_FALSE(v.ok);
    EXPECT_EQ(v.first_bad_seq, 1003);
    EXPECT_EQ(v.problem, "altered");
}

TEST_F(AuditChainTest, VerifyAuditCommandReportsIntactThenTheBadRow) {
    appendCommitted(5);

    const auto intact = dbtest::runCli({"verify-audit"}, scratch_.name());
    EXPECT_EQ(intact.exit_code, 0) << intact.output;
    EXPECT_NE(intact.output.find("intact"), std::string::npos) << intact.output;
    EXPECT_NE(intact.output.find("5 rows"), std::string::npos) << intact.output;

    conn_->execute("UPDATE audit_log SET after_json = '{\"x\":1}' WHERE seq = 3");

    const auto broken = dbtest::runCli({"verify-audit"}, scratch_.name());
    EXPECT_EQ(broken.exit_code, 1) << broken.output;
    EXPECT_NE(broken.output.find("row 3"), std::string::npos) << broken.output;
    EXPECT_NE(broken.output.find("altered"), std::string::npos) << broken.output;
}

// Issue 14 (#5): each row names the actor's id and role, and both are part of the chain.
TEST_F(AuditChainTest, RowsNameTheActorsIdAndRoleAndTheChainCoversThem) {
    appendCommitted(3);
    const auto row = conn_->queryOne("SELECT actor_id, actor_role FROM audit_log WHERE seq = 2");
    EXPECT_EQ(row->i64(0), 1);
    EXPECT_EQ(row->str(1), "admin");

    conn_->execute("UPDATE audit_log SET actor_role = 'auditor' WHERE seq = 2");
    const auto v = security::verifyAudit(*conn_, config_.audit_key);
    EXPECT_FALSE(v.ok);
    EXPECT_EQ(v.first_bad_seq, 2);
    EXPECT_EQ(v.problem, "altered");
}

TEST_F(AuditChainTest, ASystemActorIsRecordedAsSystemWithIdZero) {
    app::RequestContext cli{*conn_, {}, "cli", clock_, config_};
    cli.actor.name = "cli";
    db::Transaction tx(*conn_);
    security::appendAudit(cli, entry(1));
    tx.commit();
    const auto row = conn_->queryOne("SELECT actor_id, actor_role FROM audit_log WHERE seq = 1");
    EXPECT_EQ(row->i64(0), 0);
    EXPECT_EQ(row->str(1), "system");
}

// A row written before migration 0035 (no actor id and role, hashed without them) still
// verifies; blanking the fields of a newer row does not pass for such a row.
TEST_F(AuditChainTest, RowsFromBeforeTheActorColumnsStillVerify) {
    appendCommitted(2);
    const auto first = conn_->queryOne(
        "SELECT at, actor, action, object_type, object_id, result, origin, before_json,"
        " after_json FROM audit_log WHERE seq = 1");
    // Re-hash row 1 the old way (nine fields) and chain row 2 onto it as it was.
    std::ostringstream text;
    text << std::string(64, '0') << ";1;";
    for (std::size_t i = 0; i < 9; ++i) {
        if (first->isNull(i)) {
            text << "-;";
        } else {
            text << first->str(i).size() << ':' << first->str(i) << ';';
        }
    }
    conn_->execute("UPDATE audit_log SET actor_id = NULL, actor_role = NULL WHERE seq = 2");
    const auto blanked = security::verifyAudit(*conn_, config_.audit_key);
    EXPECT_FALSE(blanked.ok);
    EXPECT_EQ(blanked.first_bad_seq, 2);

    const std::string legacy_hash = security::hmacSha256Hex(config_.audit_key, text.str());
    conn_->execute("DELETE FROM audit_log WHERE seq = 2");
    conn_->execute(
        "UPDATE audit_log SET actor_id = NULL, actor_role = NULL, hash = ? WHERE seq = 1",
        {legacy_hash});
    conn_->execute("UPDATE audit_head SET last_seq = 1, last_hash = ? WHERE id = 1", {legacy_hash});
    const auto v = security::verifyAudit(*conn_, config_.audit_key);
    EXPECT_TRUE(v.ok) << v.problem << " at " << v.first_bad_seq;
    EXPECT_EQ(v.rows_checked, 1);
}

}  // namespace
}  // namespace zc
