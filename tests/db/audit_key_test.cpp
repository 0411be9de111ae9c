// Issue 14 (#6): the audit chain is keyed (HMAC-SHA256 with a key outside the database), so
// someone who can write the tables cannot recompute it; and checkpoints of the chain's head
// written outside the database find a chain cut back or rewritten consistently.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "db/db_test_env.hpp"
#include "interfaces/mysql/migrations.hpp"
#include "interfaces/security/audit_checkpoint.hpp"
#include "interfaces/security/audit_trail.hpp"
#include "interfaces/security/crypto.hpp"

namespace zc {
namespace {

class AuditKeyTest : public ::testing::Test {
  protected:
    void SetUp() override {
        conn_ = scratch_.connect();
        db::migrate(*conn_, dbtest::migrationsDir());
        actor_.role = app::Role::Admin;
        actor_.user_id = 1;
        actor_.name = "tester";
        checkpoints_ = dir_.path() / "checkpoints.log";
        config_.audit_checkpoint_file = checkpoints_.string();
    }

    void append(int n) {
        app::RequestContext ctx{*conn_, actor_, "test", clock_, config_};
        for (int i = 0; i < n; ++i) {
            db::Transaction tx(*conn_);
            security::appendAudit(ctx, {"test.event", "thing", std::to_string(i), "ok",
                                        std::nullopt, "{\"i\":" + std::to_string(i) + "}"});
            tx.commit();
        }
    }

    void keyed() {
        config_.audit_key = dbtest::auditKey();
        security::keyAuditChain(*conn_, config_.audit_key);
    }

    // What someone with write access to the database but without the key can do: rewrite every
    // row's hash from `from` on as plain SHA-256 and move the head along.
    void recomputeWithoutTheKey(std::int64_t from) {
        const auto rows = conn_->query(
            "SELECT seq, at, actor, action, object_type, object_id, result, origin, before_json,"
            " after_json, actor_id, actor_role, prev_hash FROM audit_log WHERE seq >= ? ORDER BY"
            " seq",
            {from});
        std::string prev = rows.front().str(12);
        for (const auto& r : rows) {
            std::ostringstream text;
            text << prev << ';' << r.i64(0) << ';';
            for (std::size_t i = 1; i <= 11; ++i) {
                if (r.isNull(i)) {
                    text << "-;";
                } else {
                    text << r.str(i).size() << ':' << r.str(i) << ';';
                }
            }
            const std::string hash = security::sha256Hex(text.str());
            conn_->execute("UPDATE audit_log SET prev_hash = ?, hash = ? WHERE seq = ?",
                           {prev, hash, r.i64(0)});
            prev = hash;
        }
        conn_->execute("UPDATE audit_head SET last_hash = ? WHERE id = 1", {prev});
    }

    security::AuditVerification verify() {
        return security::verifyAudit(*conn_, config_.audit_key);
    }

    dbtest::ScratchDatabase scratch_;
    dbtest::TempDir dir_;
    std::unique_ptr<db::Connection> conn_;
    SystemClock clock_;
    app::AppConfig config_;
    app::Actor actor_;
    std::filesystem::path checkpoints_;
};

TEST_F(AuditKeyTest, AChangedRowWithTheChainRecomputedWithoutTheKeyIsFound) {
    keyed();
    append(5);
    conn_->execute("UPDATE audit_log SET after_json = '{\"i\":99}' WHERE seq = 3");
    recomputeWithoutTheKey(3);

    const auto v = verify();
    EXPECT_FALSE(v.ok);
    EXPECT_EQ(v.first_bad_seq, 3);
    EXPECT_EQ(v.problem, "altered");
}

TEST_F(AuditKeyTest, AChainMadePlainAgainIsFoundAsNotKeyed) {
    keyed();
    append(3);
    recomputeWithoutTheKey(1);
    conn_->execute("UPDATE audit_head SET keyed = 0 WHERE id = 1");

    const auto v = verify();
    EXPECT_FALSE(v.ok);
    EXPECT_EQ(v.problem, "not keyed");
}

TEST_F(AuditKeyTest, APlainChainIsKeyedOnceAndThenVerifiesWithTheKeyOnly) {
    append(4);  // written before the key was configured: plain SHA-256
    ASSERT_TRUE(security::verifyAudit(*conn_, "").ok);
    const auto plain_hash = conn_->queryOne("SELECT hash FROM audit_log WHERE seq = 4")->str(0);

    config_.audit_key = dbtest::auditKey();
    EXPECT_EQ(security::keyAuditChain(*conn_, config_.audit_key), 4);
    EXPECT_EQ(security::keyAuditChain(*conn_, config_.audit_key), 0);

    EXPECT_NE(conn_->queryOne("SELECT hash FROM audit_log WHERE seq = 4")->str(0), plain_hash);
    const auto v = verify();
    EXPECT_TRUE(v.ok) << v.problem << " at " << v.first_bad_seq;
    EXPECT_EQ(v.rows_checked, 4);
    append(2);  // goes on keyed
    EXPECT_TRUE(verify().ok);
    EXPECT_FALSE(security::verifyAudit(*conn_, std::string(32, 'x')).ok);
}

TEST_F(AuditKeyTest, ABrokenPlainChainIsNotKeyedAndStaysAsItWas) {
    append(3);
    conn_->execute("UPDATE audit_log SET actor = 'mallory' WHERE seq = 2");
    const auto before = conn_->queryOne("SELECT hash FROM audit_log WHERE seq = 3")->str(0);

    EXPECT_THROW(security::keyAuditChain(*conn_, dbtest::auditKey()), security::AuditChainBroken);

    EXPECT_EQ(conn_->queryOne("SELECT keyed FROM audit_head WHERE id = 1")->i64(0), 0);
    EXPECT_EQ(conn_->queryOne("SELECT hash FROM audit_log WHERE seq = 3")->str(0), before);
}

TEST_F(AuditKeyTest, AKeyedChainRefusesToGoOnWithoutTheKey) {
    keyed();
    append(1);
    config_.audit_key.clear();
    EXPECT_THROW(append(1), std::runtime_error);
    EXPECT_EQ(dbtest::countRows(*conn_, "audit_log"), 1);
}

// The newest row deleted and the head moved back: the chain in the database is consistent, but
// the checkpoint written before names the row that is gone.
TEST_F(AuditKeyTest, ACheckpointFindsTheNewestRowDeletedAndTheHeadMovedBack) {
    keyed();
    append(5);
    const auto line =
        security::appendCheckpoint(*conn_, config_.audit_key, checkpoints_.string(), clock_);
    ASSERT_TRUE(line.has_value());
    EXPECT_NE(line->find("seq=5"), std::string::npos) << *line;
    EXPECT_FALSE(
        security::appendCheckpoint(*conn_, config_.audit_key, checkpoints_.string(), clock_))
        << "a second checkpoint of the same head";
    ASSERT_TRUE(security::verifyCheckpoints(*conn_, config_.audit_key, checkpoints_.string()).ok);

    const auto row4 = conn_->queryOne("SELECT hash FROM audit_log WHERE seq = 4")->str(0);
    conn_->execute("DELETE FROM audit_log WHERE seq = 5");
    conn_->execute("UPDATE audit_head SET last_seq = 4, last_hash = ? WHERE id = 1", {row4});
    ASSERT_TRUE(verify().ok) << "the chain alone cannot tell";

    const auto c = security::verifyCheckpoints(*conn_, config_.audit_key, checkpoints_.string());
    EXPECT_FALSE(c.ok);
    EXPECT_EQ(c.first_bad_seq, 5);
    EXPECT_EQ(c.problem, "removed");
}

TEST_F(AuditKeyTest, ACheckpointLineNotSignedWithTheKeyIsFoundForged) {
    keyed();
    append(2);
    const auto head = conn_->queryOne("SELECT last_seq, last_hash FROM audit_head")->str(1);
    std::ofstream(checkpoints_) << security::checkpointLine(std::string(32, 'k'),
                                                            {"2026-12-03T00:00:00Z", 2, head})
                                << "\n";
    const auto c = security::verifyCheckpoints(*conn_, config_.audit_key, checkpoints_.string());
    EXPECT_FALSE(c.ok);
    EXPECT_EQ(c.problem, "checkpoint forged");
}

TEST_F(AuditKeyTest, VerifyAuditCommandChecksTheCheckpointsAndNeedsTheKey) {
    keyed();
    append(3);
    ASSERT_TRUE(security::appendCheckpoint(*conn_, config_.audit_key, checkpoints_.string(),
                                           clock_));
    const std::map<std::string, std::string> env{
        {"ZC_AUDIT_CHECKPOINT_FILE", checkpoints_.string()}};

    const auto intact = dbtest::runCli({"verify-audit"}, scratch_.name(), env);
    EXPECT_EQ(intact.exit_code, 0) << intact.output;
    EXPECT_NE(intact.output.find("3 rows verified, 1 checkpoints matched"), std::string::npos)
        << intact.output;

    conn_->execute("UPDATE audit_log SET hash = REPEAT('0', 64) WHERE seq = 3");
    conn_->execute("UPDATE audit_head SET last_hash = REPEAT('0', 64) WHERE id = 1");
    const auto broken = dbtest::runCli({"verify-audit"}, scratch_.name(), env);
    EXPECT_EQ(broken.exit_code, 1) << broken.output;

    const auto no_key = dbtest::runCli(
        {"verify-audit"}, scratch_.name(),
        {{"ZC_SECURITY_AUDIT_KEY_FILE", (dir_.path() / "missing.key").string()}});
    EXPECT_EQ(no_key.exit_code, 1) << no_key.output;
    EXPECT_NE(no_key.output.find("security.audit_key_file"), std::string::npos) << no_key.output;
}

}  // namespace
}  // namespace zc
