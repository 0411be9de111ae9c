// People (issue 15) against a scratch database: migration 0038 gives every existing user its
// role in user_roles (and runs again harmlessly); the last active administrator keeps the admin
// role and the account, whoever asks (e.g. when two administrators remove each other at once),
// and nothing changes on the refusal; deactivation ends every live session in its transaction.
#include <gtest/gtest.h>

#include <chrono>
#include <memory>

#include "contracting/kernel/errors.hpp"
#include "db/db_test_env.hpp"
#include "interfaces/mysql/migrations.hpp"
#include "interfaces/security/crypto.hpp"
#include "interfaces/security/people_admin.hpp"
#include "interfaces/security/user_store.hpp"

namespace zc {
namespace {

TEST(PeopleMigration, ExistingUsersKeepTheirRoleAsTheirOnlyRole) {
    dbtest::ScratchDatabase scratch;
    auto conn = scratch.connect();
    dbtest::migrateBefore(*conn, "0038");
    conn->execute(
        "INSERT INTO users (username, display_name, role, password_hash) VALUES"
        " ('old.admin', 'Old', 'admin', 'x'), ('old.fin', 'Old', 'finance', 'x')");
    db::migrate(*conn, dbtest::migrationsDir());
    const auto roles = conn->query(
        "SELECT u.username, r.role FROM user_roles r JOIN users u ON u.id = r.user_id"
        " ORDER BY u.username");
    ASSERT_EQ(roles.size(), 2u);
    EXPECT_EQ(roles[0].str(1), "admin");
    EXPECT_EQ(roles[1].str(1), "finance");
    const std::string sql = dbtest::readFile(dbtest::migrationsDir() / "0038_people.sql");
    for (const auto& statement : db::splitSqlStatements(sql)) {
        EXPECT_NO_THROW(conn->execute(statement)) << statement;
    }
    EXPECT_EQ(dbtest::countRows(*conn, "user_roles"), 2);
    EXPECT_ANY_THROW(conn->execute(
        "INSERT INTO user_roles (user_id, role) SELECT id, 'janitor' FROM users LIMIT 1"));
}

class PeopleTest : public ::testing::Test {
  protected:
    void SetUp() override {
        conn_ = scratch_.connect();
        db::migrate(*conn_, dbtest::migrationsDir());
        admin_ = security::insertUser(*conn_, {"only.admin", "Only", "admin", std::nullopt, "x"});
        auditor_ = security::insertUser(*conn_, {"aud.one", "Aud", "auditor", std::nullopt, "x"});
    }

    // A system actor with the admin role (user_id 0, as the command line): the rules hold for
    // it too.
    app::RequestContext ctx() {
        app::Actor cli;
        cli.role = app::Role::Admin;
        cli.name = "cli";
        return app::RequestContext{*conn_, cli, "cli", clock_, config_};
    }

    dbtest::ScratchDatabase scratch_;
    std::unique_ptr<db::Connection> conn_;
    SystemClock clock_;
    app::AppConfig config_;
    std::int64_t admin_ = 0, auditor_ = 0;
};

TEST_F(PeopleTest, TheLastActiveAdministratorKeepsTheRoleAndTheAccount) {
    auto c = ctx();
    const auto audit_before = dbtest::countRows(*conn_, "audit_log");
    EXPECT_EQ(dbtest::errorCode([&] {
                  security::changeUser(
                      c, admin_, {std::nullopt, std::vector<std::string>{"auditor"}, std::nullopt});
              }),
              "LAST_ADMIN");
    EXPECT_EQ(dbtest::errorCode([&] { security::setUserActive(c, admin_, false); }), "LAST_ADMIN");
    EXPECT_EQ(conn_->queryOne("SELECT role, active FROM users WHERE id = ?", {admin_})->str(0),
              "admin");
    EXPECT_EQ(dbtest::countRows(*conn_, "audit_log"), audit_before);

    // With a second administrator the first may go.
    security::changeUser(
        c, auditor_, {std::nullopt, std::vector<std::string>{"auditor", "admin"}, std::nullopt});
    const auto changed = security::changeUser(
        c, admin_, {std::nullopt, std::vector<std::string>{"auditor"}, std::nullopt});
    EXPECT_EQ(changed.roles, (std::vector<std::string>{"auditor"}));
    EXPECT_EQ(conn_->queryOne("SELECT role FROM users WHERE id = ?", {auditor_})->str(0),
              "auditor");
}

TEST_F(PeopleTest, DeactivationEndsEveryLiveSessionAndTheSessionUserIsGone) {
    const std::string now = app::timestamp(clock_);
    const std::string later = app::timestampPlus(clock_, std::chrono::hours(8));
    const std::string idle = app::timestampPlus(clock_, -std::chrono::minutes(30));
    for (const char* token : {"t1", "t2"}) {
        security::insertSession(*conn_, security::sha256Hex(token), auditor_, now, later, false);
    }
    ASSERT_TRUE(security::findSessionUser(*conn_, security::sha256Hex("t1"), now, idle));
    auto c = ctx();
    const auto person = security::setUserActive(c, auditor_, false);
    EXPECT_FALSE(person.active);
    for (const char* token : {"t1", "t2"}) {
        EXPECT_FALSE(security::findSessionUser(*conn_, security::sha256Hex(token), now, idle));
        EXPECT_TRUE(security::refusedSession(*conn_, security::sha256Hex(token))->revoked);
    }
    // Reactivated: the ended sessions stay ended.
    security::setUserActive(c, auditor_, true);
    EXPECT_FALSE(security::findSessionUser(*conn_, security::sha256Hex("t1"), now, idle));
}

}  // namespace
}  // namespace zc
