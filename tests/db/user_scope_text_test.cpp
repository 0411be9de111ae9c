// Issue 17: a staff session's municipalities are read from users.municipality_scope, kept by
// triggers on user_municipalities (migration 0054). A seeded random hunt replaces, adds, moves and
// deletes scope rows of three users (through the store's replaceUserScope and as plain SQL, in
// transactions that commit or roll back) and compares, after every change, inside the transaction
// and after it, the session's scope with the user's rows read plainly.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "db/db_test_env.hpp"
#include "interfaces/mysql/migrations.hpp"
#include "interfaces/security/user_store.hpp"

namespace zc {
namespace {

const std::vector<std::string> kCodes{"0193", "0166", "0148", "0363", "0599"};

class UserScopeTextTest : public ::testing::Test {
  protected:
    void SetUp() override {
        conn_ = scratch_.connect();
        db::migrate(*conn_, dbtest::migrationsDir());
        for (const auto& code : kCodes) {
            conn_->execute("INSERT IGNORE INTO municipalities (code, name) VALUES (?, ?)",
                           {code, "Gemeente " + code});
        }
        for (int i = 0; i < 3; ++i) {
            const std::string name = "scope" + std::to_string(i);
            users_.push_back(
                security::insertUser(*conn_, {name, name, "finance", std::nullopt, "not-a-hash"}));
            const std::string token = "token" + std::to_string(i);
            security::insertSession(*conn_, token, users_.back(), "2026-12-04 10:00:00",
                                    "2026-12-05 10:00:00", false);
        }
    }

    std::size_t pick(std::size_t n) { return rng_() % n; }

    security::UserScope randomScope() {
        security::UserScope s;
        for (const auto& code : kCodes) {
            if (pick(3) == 0) s.municipalities.push_back(code);
            if (pick(4) == 0) s.regional_for.push_back(code);
        }
        return s;
    }

    // One change to one user's rows: the store's replacement, or a row added, moved to another
    // municipality or role, or deleted as plain SQL.
    void change() {
        const auto user = users_[pick(users_.size())];
        const std::string code = kCodes[pick(kCodes.size())];
        const auto regional = static_cast<std::int64_t>(pick(2));
        switch (pick(4)) {
            case 0:
                security::replaceUserScope(*conn_, user, randomScope());
                break;
            case 1:
                conn_->execute(
                    "INSERT IGNORE INTO user_municipalities (user_id, municipality_code, regional)"
                    " VALUES (?, ?, ?)",
                    {user, code, regional});
                break;
            case 2:
                conn_->execute(
                    "UPDATE IGNORE user_municipalities SET municipality_code = ?, regional = ?,"
                    " user_id = ? WHERE user_id = ? ORDER BY municipality_code LIMIT 1",
                    {code, regional, users_[pick(users_.size())], user});
                break;
            default:
                conn_->execute(
                    "DELETE FROM user_municipalities WHERE user_id = ? AND municipality_code = ?",
                    {user, code});
        }
    }

    void expectSessionsMatchRows(const std::string& when) {
        for (std::size_t i = 0; i < users_.size(); ++i) {
            const auto session = security::findSessionUser(
                *conn_, "token" + std::to_string(i), "2026-12-04 11:00:00", "2026-12-04 09:00:00");
            ASSERT_TRUE(session.has_value()) << when;
            const auto rows = security::userScope(*conn_, users_[i]);
            EXPECT_EQ(session->scope.municipalities, rows.municipalities) << when << " user " << i;
            EXPECT_EQ(session->scope.regional_for, rows.regional_for) << when << " user " << i;
        }
    }

    dbtest::ScratchDatabase scratch_;
    std::unique_ptr<db::Connection> conn_;
    std::vector<std::int64_t> users_;
    std::mt19937 rng_{20261204};
};

TEST_F(UserScopeTextTest, ASessionsScopeIsTheUsersRowsThroughRandomChangesCommittedOrNot) {
    for (int round = 0; round < 300; ++round) {
        const bool commit = pick(3) != 0;
        {
            db::Transaction tx(*conn_);
            for (int i = 1 + static_cast<int>(pick(4)); i > 0; --i) {
                change();
                expectSessionsMatchRows("round " + std::to_string(round) + " inside");
            }
            if (commit) tx.commit();
        }
        expectSessionsMatchRows("round " + std::to_string(round) +
                                (commit ? " committed" : " rolled back"));
        if (HasFatalFailure()) return;
    }
}

TEST_F(UserScopeTextTest, AUserWithoutMunicipalitiesHasAnEmptyScope) {
    security::replaceUserScope(*conn_, users_[0], {{"0193"}, {"0363"}});
    security::replaceUserScope(*conn_, users_[0], {});
    const auto session =
        security::findSessionUser(*conn_, "token0", "2026-12-04 11:00:00", "2026-12-04 09:00:00");
    ASSERT_TRUE(session.has_value());
    EXPECT_TRUE(session->scope.municipalities.empty());
    EXPECT_TRUE(session->scope.regional_for.empty());
    EXPECT_TRUE(conn_->queryOne("SELECT municipality_scope FROM users WHERE id = ?", {users_[0]})
                    ->isNull(0));
}

}  // namespace
}  // namespace zc
