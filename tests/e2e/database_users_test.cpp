// Issue 14 (#6): the service's database user cannot rewrite the audit trail. The fixture splits
// the users as scripts/run.sh does (scripts/lib.sh zc_db_split_users): a migration user owns the
// schema and grants the service's role its privileges table by table (app_grants.hpp); the
// whole e2e tier runs with that role, so what the service needs it has.
#include <gtest/gtest.h>

#include <string>

#include "e2e/session.hpp"
#include "interfaces/mysql/connection.hpp"
#include "interfaces/mysql/connection_pool.hpp"

namespace zc::e2e {
namespace {

// The server's error number of `sql` run as the service's user, 0 when it succeeded.
int errorOf(db::Connection& app, const std::string& sql) {
    try {
        app.execute(sql, {});
    } catch (const db::DbError& e) {
        return e.code();
    }
    return 0;
}

constexpr int kCommandDenied = 1142;  // ER_TABLEACCESS_DENIED_ERROR

TEST(DatabaseUsers, TheServicesUserCannotChangeOrDeleteAuditRows) {
    db::ensureThreadInit();
    db::Connection app(test::appDbConfig());
    ASSERT_GT(app.queryOne("SELECT COUNT(*) FROM audit_log")->i64(0), 0);

    EXPECT_EQ(errorOf(app, "UPDATE audit_log SET actor = 'mallory' WHERE seq = 1"), kCommandDenied);
    EXPECT_EQ(errorOf(app, "DELETE FROM audit_log WHERE seq = 1"), kCommandDenied);
    EXPECT_EQ(errorOf(app, "TRUNCATE TABLE audit_log"), kCommandDenied);
    EXPECT_EQ(errorOf(app, "DROP TABLE audit_log"), kCommandDenied);
    EXPECT_EQ(errorOf(app, "DELETE FROM schema_migrations"), kCommandDenied);
    EXPECT_EQ(errorOf(app, "CREATE TABLE zc_probe (x INT)"), kCommandDenied);
    // Its own tables it writes as before (no row matches: nothing changes).
    EXPECT_EQ(errorOf(app, "UPDATE providers SET name = name WHERE id = -1"), 0);

    const auto verified = client().get("/api/v1/audit/verify", as("aud.smit"));
    ASSERT_EQ(verified.status, 200) << verified.describe();
    EXPECT_NE(verified.text.find("\"ok\":true"), std::string::npos) << verified.text;
    // The server wrote a checkpoint of the head when it started (after the demo was loaded), and
    // the verification checked the chain against it.
    EXPECT_GE(verified.num("checkpoints_checked"), 1) << verified.text;
}

}  // namespace
}  // namespace zc::e2e
