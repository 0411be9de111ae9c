// Issue 14 (#7): a connection that the server drops (as when mariadbd is killed) never turns a
// transaction into a reported success. The server side of the connection is ended with KILL
// CONNECTION from a root session: the server rolls back what was not committed, as after a crash.
#include <gtest/gtest.h>

#include "db/db_test_env.hpp"

namespace zc {
namespace {

class ConnectionLossTest : public ::testing::Test {
  protected:
    void SetUp() override {
        app_ = scratch_.connect();
        app_->execute(
            "CREATE TABLE probe (id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY, v BIGINT NOT NULL)"
            " ENGINE=InnoDB");
    }

    // Ends the application connection's session on the server.
    void killAppSession() {
        const std::int64_t id = app_->queryOne("SELECT CONNECTION_ID()")->i64(0);
        db::Connection root(dbtest::rootDbConfig());
        root.execute("KILL CONNECTION ?", {id});
    }

    // What an independent session sees.
    std::int64_t rowsWithValue(std::int64_t v) {
        auto other = scratch_.connect();
        return other->queryOne("SELECT COUNT(*) FROM probe WHERE v = ?", {v})->i64(0);
    }

    dbtest::ScratchDatabase scratch_;
    std::unique_ptr<db::Connection> app_;
};

TEST_F(ConnectionLossTest, CommitOnALostConnectionIsNeverReportedAsDone) {
    db::Transaction tx(*app_);
    app_->execute("INSERT INTO probe (v) VALUES (?)", {std::int64_t{41}});
    killAppSession();  // between the last statement and the COMMIT

    bool unknown = false;
    try {
        tx.commit();
        ADD_FAILURE() << "the commit of a transaction whose connection is gone returned normally";
    } catch (const db::DbError& e) {
        unknown = e.outcomeUnknown();
    }
    EXPECT_TRUE(unknown) << "a lost connection during COMMIT is an unknown outcome";
    EXPECT_EQ(rowsWithValue(41), 0) << "the server rolled the write back";
    EXPECT_FALSE(app_->inTransaction());
    // The connection is replaced on its next use: the next write is committed and visible.
    db::Transaction again(*app_);
    app_->execute("INSERT INTO probe (v) VALUES (?)", {std::int64_t{42}});
    again.commit();
    EXPECT_EQ(rowsWithValue(42), 1);
}

TEST_F(ConnectionLossTest, ATransactionOnADroppedIdleConnectionFailsAndTheNextOneWorks) {
    killAppSession();  // an idle pooled connection whose server went away and came back
    try {
        db::Transaction tx(*app_);
        app_->execute("INSERT INTO probe (v) VALUES (?)", {std::int64_t{51}});
        tx.commit();
        ADD_FAILURE() << "a transaction on a dropped connection reported success";
    } catch (const db::DbError& e) {
        EXPECT_FALSE(e.outcomeUnknown()) << "it failed before COMMIT: certainly not saved";
    }
    EXPECT_EQ(rowsWithValue(51), 0);
    db::Transaction tx(*app_);
    app_->execute("INSERT INTO probe (v) VALUES (?)", {std::int64_t{52}});
    tx.commit();
    EXPECT_EQ(rowsWithValue(52), 1) << "the connection was replaced after the failure";
}

TEST_F(ConnectionLossTest, AWriteOutsideATransactionIsNotRepeatedSilentlyAfterALoss) {
    killAppSession();
    EXPECT_THROW(app_->execute("INSERT INTO probe (v) VALUES (?)", {std::int64_t{61}}),
                 db::DbError);
    EXPECT_EQ(rowsWithValue(61), 0);
    app_->execute("INSERT INTO probe (v) VALUES (?)", {std::int64_t{62}});
    EXPECT_EQ(rowsWithValue(62), 1);
}

}  // namespace
}  // namespace zc

namespace zc {
namespace {

// Issue 17: statements built per call (IN lists of every length, multi-row inserts) do not stay
// prepared on the server for the connection's life: the connection keeps at most 512.
TEST(PreparedStatements, AConnectionKeepsABoundedNumberPrepared) {
    dbtest::ScratchDatabase scratch;
    auto conn = scratch.connect();
    // The statements this session holds prepared: its own prepares less its own closes (the
    // server-wide Prepared_stmt_count also counts the tests running beside this one).
    const auto prepared = [&] {
        const auto count = [&](const char* name) {
            return conn->queryOne(std::string("SHOW SESSION STATUS LIKE '") + name + "'")->i64(1);
        };
        return count("Com_stmt_prepare") - count("Com_stmt_close");
    };
    const auto before = prepared();
    for (int i = 0; i < 2000; ++i) {
        EXPECT_EQ(conn->queryOne("SELECT ? + " + std::to_string(i), {std::int64_t{1}})->i64(0),
                  i + 1);
    }
    EXPECT_LE(prepared() - before, 520);
}

}  // namespace
}  // namespace zc
