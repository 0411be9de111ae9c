// A provider's message inbox in the web application (issue 15, Providers): the WMO301, WMO319
// and WMO325 messages the municipalities sent it, newest first, filtered, searched and paged with
// their total, each downloadable as XML — without fetching or acknowledging it for the
// provider's software, and never another provider's.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "interfaces/mysql/connection.hpp"
#include "session.hpp"

namespace zc {
namespace {

const std::string kProvider = "zorg.vechtstroom";  // AGB 73000101: WMO301s of the demo

test::Response inbox(const std::string& query, const std::string& user = kProvider) {
    return e2e::client().get("/api/v1/inbox" + query, e2e::as(user));
}

std::int64_t totalOf(const test::Response& r) { return std::stoll(r.header("X-Total-Count")); }

TEST(ProviderInbox, ListsTheProvidersMessagesNewestFirstWithTheirTotal) {
    const auto all = inbox("?limit=1000");
    ASSERT_EQ(all.status, 200) << all.describe();
    const auto items = all.array();
    ASSERT_GT(items->size(), 0u) << "the demo's allocations sent WMO301s";
    EXPECT_EQ(totalOf(all), static_cast<std::int64_t>(items->size()));
    std::string previous = "9999";
    for (std::size_t i = 0; i < items->size(); ++i) {
        const auto m = items->getObject(static_cast<unsigned>(i));
        EXPECT_TRUE(std::set<std::string>({"wmo301", "wmo319", "wmo325"})
                        .count(m->getValue<std::string>("message")))
            << m->getValue<std::string>("message");
        const auto at = m->getValue<std::string>("created_at");
        EXPECT_LE(at, previous) << "newest first";
        previous = at;
    }
}

TEST(ProviderInbox, FiltersByMessageSearchesTheIdentificatieAndPages) {
    const auto all = inbox("");
    ASSERT_EQ(all.status, 200) << all.describe();
    const auto wmo301 = inbox("?message=wmo301");
    ASSERT_EQ(wmo301.status, 200) << wmo301.describe();
    EXPECT_GT(totalOf(wmo301), 0);
    EXPECT_LE(totalOf(wmo301), totalOf(all));
    for (std::size_t i = 0; i < wmo301.array()->size(); ++i) {
        EXPECT_EQ(
            wmo301.array()->getObject(static_cast<unsigned>(i))->getValue<std::string>("message"),
            "wmo301");
    }
    const auto first = all.array()->getObject(0);
    const auto id = first->getValue<std::string>("identificatie");
    const auto found = inbox("?q=" + id);
    ASSERT_EQ(found.status, 200) << found.describe();
    ASSERT_GE(found.array()->size(), 1u);
    bool listed = false;
    for (std::size_t i = 0; i < found.array()->size(); ++i) {
        const auto m = found.array()->getObject(static_cast<unsigned>(i));
        EXPECT_NE(m->getValue<std::string>("identificatie").find(id), std::string::npos);
        listed = listed || m->getValue<std::int64_t>("id") == first->getValue<std::int64_t>("id");
    }
    EXPECT_TRUE(listed);
    const auto second = inbox("?limit=1&offset=1");
    ASSERT_EQ(second.status, 200) << second.describe();
    if (totalOf(all) > 1) {
        ASSERT_EQ(second.array()->size(), 1u);
        EXPECT_EQ(second.array()->getObject(0)->getValue<std::int64_t>("id"),
                  all.array()->getObject(1)->getValue<std::int64_t>("id"));
    }
    const auto beyond = inbox("?offset=" + std::to_string(totalOf(all)));
    ASSERT_EQ(beyond.status, 200) << beyond.describe();
    EXPECT_EQ(beyond.array()->size(), 0u);
    EXPECT_EQ(totalOf(beyond), totalOf(all));
}

TEST(ProviderInbox, RefusesAnUnknownMessageKindAndStaff) {
    const auto bad = inbox("?message=wmo999");
    EXPECT_EQ(bad.status, 400) << bad.describe();
    EXPECT_EQ(bad.code(), "INVALID_QUERY");
    EXPECT_EQ(bad.field(), "message");
    EXPECT_EQ(inbox("?q=" + std::string(101, '1')).code(), "INVALID_QUERY");
    EXPECT_EQ(inbox("", "cm.jansen").status, 403);
}

TEST(ProviderInbox, DownloadsAMessageWithoutFetchingItAndAuditsTheRead) {
    const auto list = inbox("?message=wmo301&limit=1");
    ASSERT_EQ(list.status, 200) << list.describe();
    ASSERT_EQ(list.array()->size(), 1u);
    const auto m = list.array()->getObject(0);
    const auto id = m->getValue<std::int64_t>("id");
    db::Connection db(test::appDbConfig());
    const auto fetched = [&] {
        return db.queryOne("SELECT fetched_at IS NULL FROM outbox_messages WHERE id = ?", {id})
            ->i64(0);
    };
    const auto reads = [&] {
        return db
            .queryOne(
                "SELECT COUNT(*) FROM audit_log WHERE action = 'message.read'"
                " AND object_id = ?",
                {"414/" + m->getValue<std::string>("identificatie")})
            ->i64(0);
    };
    const auto unfetched_before = fetched();
    const auto reads_before = reads();
    const auto xml = e2e::client().get("/api/v1/inbox/" + std::to_string(id), e2e::as(kProvider));
    ASSERT_EQ(xml.status, 200) << xml.describe();
    EXPECT_NE(xml.header("Content-Type").find("application/xml"), std::string::npos);
    EXPECT_NE(xml.text.find("wmo301"), std::string::npos);
    EXPECT_NE(xml.text.find(m->getValue<std::string>("identificatie")), std::string::npos);
    EXPECT_EQ(fetched(), unfetched_before) << "the provider's software still has to fetch it";
    EXPECT_EQ(reads(), reads_before + 1);
    // Another provider's user gets it as unknown.
    const auto other =
        e2e::client().get("/api/v1/inbox/" + std::to_string(id), e2e::as("zorg.ijsseldelta"));
    EXPECT_EQ(other.status, 404) << other.describe();
    EXPECT_EQ(other.code(), "NOT_FOUND");
}

}  // namespace
}  // namespace zc
