// Nothing non-conforming reaches the outbox: a declaration's WMO325, written to a file, is checked
// against our iWmo XSD on a second thread while it is sealed and stored (issue 17: the check no
// longer waits before the storing). A message that fails the check still fails the call, and the
// caller's transaction stores nothing.
#include <gtest/gtest.h>

#include <fstream>
#include <stdexcept>
#include <string>

#include "contracting/kernel/civil_date.hpp"
#include "db/db_test_env.hpp"
#include "interfaces/iwmo/exchange/outgoing.hpp"
#include "interfaces/mysql/migrations.hpp"
#include "interfaces/security/scratch_file.hpp"

namespace zc {
namespace {

class OutgoingCheckTest : public ::testing::Test {
  protected:
    void SetUp() override {
        conn_ = scratch_.connect();
        db::migrate(*conn_, dbtest::migrationsDir());
        conn_->execute("INSERT INTO municipalities (code, name) VALUES ('0193', 'Zwolle')");
        conn_->execute(
            "INSERT INTO providers (id, agb, kvk, name, iban) VALUES"
            " (1, '12345670', '12345678', 'Zorg', 'NL91ABNA0417164300')");
        dbtest::giveRandomBsnKeys(config_);
    }

    // Queues `xml`, written to a file as the intake writes its WMO325, in a transaction that
    // commits when the call returns.
    void queue(const std::string& xml) {
        security::ScratchFile file;
        {
            std::ofstream out(file.path(), std::ios::binary);
            out << xml;
        }
        SystemClock clock;
        app::RequestContext ctx{*conn_, dbtest::actor(app::Role::Admin, "admin", 1), "test", clock,
                                config_};
        db::Transaction tx(*conn_);
        iwmo::queueOutgoing(ctx, 1, "0193", "485", "A1", file, std::nullopt, std::nullopt);
        tx.commit();
    }

    dbtest::ScratchDatabase scratch_;
    std::unique_ptr<db::Connection> conn_;
    app::AppConfig config_;
};

TEST_F(OutgoingCheckTest, AWmo325FileThatIsNotValidFailsAndNothingIsStored) {
    // Well-formed, the right namespace, but no Header and no Client: not a WMO325.
    const std::string xml =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<wmo325:Bericht xmlns:wmo325=\"http://www.istandaarden.nl/iwmo/3_2/wmo325/schema\"/>\n";
    try {
        queue(xml);
        FAIL() << "an invalid WMO325 was queued";
    } catch (const std::logic_error& e) {
        EXPECT_NE(std::string(e.what()).find("outgoing message 485/A1 is not valid against our"
                                             " iWmo XSD"),
                  std::string::npos)
            << e.what();
    }
    EXPECT_EQ(dbtest::countRows(*conn_, "outbox_messages"), 0);
}

TEST_F(OutgoingCheckTest, AWmo325FileWithAByteOrderMarkFailsAndNothingIsStored) {
    EXPECT_THROW(queue("\xEF\xBB\xBF<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<a/>\n"),
                 std::logic_error);
    EXPECT_EQ(dbtest::countRows(*conn_, "outbox_messages"), 0);
}

}  // namespace
}  // namespace zc
