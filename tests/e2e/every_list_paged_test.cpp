// Every list the API returns is paged with its total (issue 17): for each list, paging through
// it with a small limit gives as many rows as X-Total-Count says, each row once; the total is the
// same on every page; a limit above 1000 and a negative offset are refused as on the other lists;
// and the answer conforms to the OpenAPI document (which names the header).
#include <Poco/JSON/Stringifier.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "e2e/openapi_conformance.hpp"
#include "e2e/session.hpp"

namespace zc::e2e {
namespace {

using test::Response;

struct PagedList {
    std::string pattern;              // as in the OpenAPI document
    std::vector<std::string> values;  // its path parameters
    std::string filter;               // the list's own filters, "" or "a=b&"
    std::string user;                 // a demo user, or "" for the provider below
    std::int64_t provider_id = 0;     // with user "": this provider's API key
};

test::Headers who(const PagedList& l) {
    return l.user.empty() ? asProvider(l.provider_id) : as(l.user);
}

std::string pathOf(const PagedList& l) {
    std::string path = l.pattern;
    for (const auto& v : l.values) {
        const auto open = path.find('{');
        path.replace(open, path.find('}', open) - open + 1, v);
    }
    return "/api/v1" + path;
}

std::int64_t totalOf(const Response& r) {
    const auto text = r.header("X-Total-Count");
    EXPECT_FALSE(text.empty()) << "no X-Total-Count: " << r.describe();
    return text.empty() ? -1 : std::stoll(text);
}

std::string rowText(const Poco::JSON::Array::Ptr& a, std::size_t i) {
    std::ostringstream out;
    Poco::JSON::Stringifier::stringify(a->get(static_cast<unsigned>(i)), out);
    return out.str();
}

// One pass through the list with `limit`: the totals seen and the rows, in order.
struct Pass {
    std::set<std::int64_t> totals;
    std::vector<std::string> rows;
};

Pass pageThrough(const PagedList& l, std::int64_t limit) {
    Pass pass;
    const auto base = pathOf(l) + "?" + l.filter + "limit=" + std::to_string(limit);
    for (std::int64_t offset = 0;; offset += limit) {
        const Response r = client().get(base + "&offset=" + std::to_string(offset), who(l));
        EXPECT_EQ(r.status, 200) << l.pattern << ": " << r.describe();
        if (r.status != 200 || !r.isArray()) break;
        pass.totals.insert(totalOf(r));
        const auto a = r.array();
        EXPECT_LE(a->size(), static_cast<std::size_t>(limit)) << l.pattern;
        for (std::size_t i = 0; i < a->size(); ++i) pass.rows.push_back(rowText(a, i));
        // Ends at a short page; a server that ignored offset still ends past the total.
        if (a->size() < static_cast<std::size_t>(limit) || offset > *pass.totals.rbegin()) break;
    }
    return pass;
}

void expectPaged(const PagedList& l) {
    SCOPED_TRACE(l.pattern + " as " + (l.user.empty() ? "provider" : l.user));
    const Response first = checkedGet(l.pattern, who(l), l.values, "?" + l.filter + "limit=1000");
    const auto total = totalOf(first);
    ASSERT_GE(total, 0);
    EXPECT_EQ(static_cast<std::int64_t>(first.array()->size()),
              std::min<std::int64_t>(total, 1000));
    // About ten pages; other tests may add rows meanwhile, so a pass whose totals moved is run
    // again (up to three times).
    const std::int64_t limit = std::max<std::int64_t>(1, std::min<std::int64_t>(total, 1000) / 9);
    Pass pass;
    for (int attempt = 0; attempt < 3; ++attempt) {
        pass = pageThrough(l, limit);
        if (pass.totals.size() == 1) break;
    }
    ASSERT_EQ(pass.totals.size(), 1u) << "the total moved while paging";
    const auto seen = *pass.totals.begin();
    EXPECT_EQ(static_cast<std::int64_t>(pass.rows.size()), seen);
    // Each row once: no page repeats or skips a row of another.
    const std::set<std::string> distinct(pass.rows.begin(), pass.rows.end());
    EXPECT_EQ(distinct.size(), pass.rows.size());

    const auto base = pathOf(l) + "?" + l.filter;
    for (const auto* bad : {"limit=1001", "limit=0", "offset=-1"}) {
        const Response r = client().get(base + bad, who(l));
        EXPECT_EQ(r.status, 400) << bad << ": " << r.describe();
        EXPECT_EQ(r.code(), "INVALID_QUERY") << bad;
    }
    const Response beyond = client().get(base + "offset=100000000", who(l));
    EXPECT_EQ(beyond.status, 200) << beyond.describe();
    EXPECT_EQ(beyond.array()->size(), 0u);
    EXPECT_GE(totalOf(beyond), seen);  // others may add meanwhile, never remove
}

TEST(EveryListPaged, FinanceListsPageWithTheirTotal) {
    for (const auto& l : std::vector<PagedList>{
             {"/bank-statements", {}, "", "fin.devries"},
             {"/reconciliation/resolved", {}, "", "fin.devries"},
             {"/payables", {}, "", "fin.devries"},
             {"/payables", {}, "source_type=declaration&", "fin.devries"},
             {"/payables", {}, "", "", providerIdOf("73000101")},
             {"/provider-balances", {}, "", "fin.devries"},
             {"/budgets", {}, "", "fin.devries"},
             {"/budget-reallocations", {}, "", "fin.devries"},
             {"/budget-reallocations", {}, "status=requested&", "aud.smit"},
         }) {
        expectPaged(l);
    }
}

TEST(EveryListPaged, MessageAndReferenceListsPageWithTheirTotal) {
    for (const auto& l : std::vector<PagedList>{
             {"/message-log", {}, "", "cm.jansen"},
             {"/message-log", {}, "agb=73000101&", "aud.smit"},
             {"/providers", {}, "", "cm.jansen"},
             {"/municipalities", {}, "", "ao.bakker"},
             {"/products", {}, "", "cm.jansen"},
             {"/districts", {}, "", "ao.bakker"},
             {"/districts", {}, "municipality=0193&", "ao.bakker"},
             {"/teams", {}, "", "ao.bakker"},
         }) {
        expectPaged(l);
    }
}

TEST(EveryListPaged, AProvidersOutboxPagesOldestFirstWithItsTotal) {
    const auto tls = client().asProvider("73000101");
    for (const std::string all : {"", "all=true&"}) {
        const Response r = tls.get("/api/v1/outbox?" + all + "limit=1000");
        ASSERT_EQ(r.status, 200) << r.describe();
        expectConforms("GET", "/outbox", r);
        const auto total = totalOf(r);
        EXPECT_EQ(static_cast<std::int64_t>(r.array()->size()),
                  std::min<std::int64_t>(total, 1000));
        // Two halves of a small page: the second starts where the first ended.
        const Response one = tls.get("/api/v1/outbox?" + all + "limit=2");
        const Response two = tls.get("/api/v1/outbox?" + all + "limit=2&offset=2");
        EXPECT_EQ(one.array()->size(), static_cast<std::size_t>(std::min<std::int64_t>(total, 2)));
        EXPECT_EQ(two.array()->size(),
                  static_cast<std::size_t>(std::clamp<std::int64_t>(total - 2, 0, 2)));
        if (two.array()->size() > 0) {
            EXPECT_LT(one.array()->getObject(1)->getValue<std::int64_t>("id"),
                      two.array()->getObject(0)->getValue<std::int64_t>("id"));
        }
        const Response bad = tls.get("/api/v1/outbox?" + all + "limit=1001");
        EXPECT_EQ(bad.status, 400) << bad.describe();
    }
    const auto waiting = totalOf(tls.get("/api/v1/outbox?limit=1"));
    EXPECT_LE(waiting, totalOf(tls.get("/api/v1/outbox?all=true&limit=1")));
}

// The id of the first item of a list, "" when it is empty.
std::string firstOf(const std::string& path, const test::Headers& who,
                    const std::string& key = "id") {
    const Response r = client().get("/api/v1" + path, who);
    EXPECT_EQ(r.status, 200) << path << ": " << r.describe();
    return r.status == 200 ? firstId(r, key) : "";
}

TEST(EveryListPaged, ListsOfOneThingPageWithTheirTotal) {
    std::vector<PagedList> lists{
        {"/applications", {}, "", "cm.jansen"},
        {"/applications", {}, "status=admitted&", "aud.smit"},
        {"/totp-resets", {}, "", "admin"},
        {"/queries/eligible-providers", {}, "product=02A01&", "ao.bakker"},
        {"/queries/eligible-providers", {}, "product=02A01&municipality=0193&", "cm.jansen"},
        {"/municipalities/{code}/debtor-accounts", {"0193"}, "", "fin.devries"},
        {"/providers/{id}/api-keys", {std::to_string(providerIdOf("73000101"))}, "", "admin"},
    };
    if (const auto client_id = firstOf("/clients?limit=1", as("ao.bakker")); !client_id.empty()) {
        lists.push_back({"/clients/{id}/decisions", {client_id}, "", "ao.bakker"});
    }
    if (const auto budget = firstOf("/budgets?limit=1", as("fin.devries")); !budget.empty()) {
        lists.push_back({"/budgets/{id}/amount-changes", {budget}, "", "fin.devries"});
    }
    const auto contract = firstOf("/contracts?kind=budget&limit=1", as("cm.jansen"));
    ASSERT_FALSE(contract.empty()) << "the demo has a budget contract";
    lists.push_back({"/contracts/{id}/advances", {contract}, "", "cm.jansen"});
    lists.push_back({"/contracts/{id}/settlements", {contract}, "", "cm.jansen"});
    for (const auto& l : lists) expectPaged(l);
}

TEST(EveryListPaged, OverdueWorkPagesBothListsAndCountsThem) {
    const auto cm = as("cm.jansen");
    const Response all = checkedGet("/deadlines/overdue", cm, {}, "?limit=1000");
    const auto requests = all.object()->getValue<std::int64_t>("requests_total");
    const auto retours = all.object()->getValue<std::int64_t>("missing_retours_total");
    EXPECT_EQ(static_cast<std::int64_t>(all.object()->getArray("requests")->size()),
              std::min<std::int64_t>(requests, 1000));
    EXPECT_EQ(static_cast<std::int64_t>(all.object()->getArray("missing_retours")->size()),
              std::min<std::int64_t>(retours, 1000));
    const Response one = client().get("/api/v1/deadlines/overdue?limit=1&offset=1", cm);
    ASSERT_EQ(one.status, 200) << one.describe();
    EXPECT_EQ(one.object()->getArray("requests")->size(),
              static_cast<std::size_t>(std::clamp<std::int64_t>(requests - 1, 0, 1)));
    EXPECT_EQ(one.object()->getArray("missing_retours")->size(),
              static_cast<std::size_t>(std::clamp<std::int64_t>(retours - 1, 0, 1)));
    EXPECT_GE(one.object()->getValue<std::int64_t>("missing_retours_total"), retours);
    EXPECT_EQ(client().get("/api/v1/deadlines/overdue?limit=1001", cm).code(), "INVALID_QUERY");
}

}  // namespace
}  // namespace zc::e2e
