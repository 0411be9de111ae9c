// The first administrator is created on the command line; the CLI refuses a second one.
#include <gtest/gtest.h>

#include "db_test_env.hpp"
#include "interfaces/security/password_hash.hpp"

namespace zc {
namespace {

TEST(CreateAdminCli, CreatesTheFirstAdministratorWithAHashedPasswordOnce) {
    dbtest::ScratchDatabase scratch;
    ASSERT_EQ(dbtest::runCli({"migrate"}, scratch.name()).exit_code, 0);

    const auto first = dbtest::runCli({"create-admin", "beheerder"}, scratch.name(),
                                      {{"ZC_ADMIN_PASSWORD", "een-lang-wachtwoord"}});
    EXPECT_EQ(first.exit_code, 0) << first.output;

    auto db = scratch.connect();
    auto row =
        db->queryOne("SELECT role, password_hash, totp_enabled FROM users WHERE username = ?",
                     {std::string("beheerder")});
    ASSERT_TRUE(row);
    EXPECT_EQ(row->str(0), "admin");
    EXPECT_EQ(row->str(1).find("een-lang-wachtwoord"), std::string::npos);
    EXPECT_TRUE(security::verifyPassword("een-lang-wachtwoord", row->str(1)));
    EXPECT_EQ(row->i64(2), 0) << "the admin enrols TOTP at first log-in";

    const auto second = dbtest::runCli({"create-admin", "tweede"}, scratch.name(),
                                       {{"ZC_ADMIN_PASSWORD", "nog-een-lang-wachtwoord"}});
    EXPECT_NE(second.exit_code, 0);
    EXPECT_NE(second.output.find("ADMIN_EXISTS"), std::string::npos) << second.output;
    EXPECT_EQ(dbtest::countRows(*db, "users"), 1);
}

TEST(CreateAdminCli, RefusesAWeakPassword) {
    dbtest::ScratchDatabase scratch;
    ASSERT_EQ(dbtest::runCli({"migrate"}, scratch.name()).exit_code, 0);
    const auto run = dbtest::runCli({"create-admin", "beheerder"}, scratch.name(),
                                    {{"ZC_ADMIN_PASSWORD", "kort"}});
    EXPECT_NE(run.exit_code, 0);
    EXPECT_NE(run.output.find("WEAK_PASSWORD"), std::string::npos) << run.output;
    auto db = scratch.connect();
    EXPECT_EQ(dbtest::countRows(*db, "users"), 0);
}

}  // namespace
}  // namespace zc
