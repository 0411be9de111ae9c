// Paged lists (issue 15): X-Total-Count, q, sort, filters and offsets on the declaration's lines,
// allocations, the review queue and declarations, as a user of each list would page through it.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "e2e/list_seed.hpp"
#include "e2e/openapi_conformance.hpp"
#include "e2e/session.hpp"

namespace zc::e2e {
namespace {

using test::Response;

Response fetch(const std::string& path, const test::Headers& who) {
    return client().get("/api/v1" + path, who);
}

std::int64_t total(const Response& r) {
    const auto text = r.header("X-Total-Count");
    EXPECT_FALSE(text.empty()) << "no X-Total-Count: " << r.describe();
    return text.empty() ? -1 : std::stoll(text);
}

std::vector<std::int64_t> numbers(const Response& r, const std::string& key) {
    std::vector<std::int64_t> out;
    for (std::size_t i = 0; r.isArray() && i < r.array()->size(); ++i) {
        out.push_back(r.array()->getObject(static_cast<unsigned>(i))->getValue<std::int64_t>(key));
    }
    return out;
}

std::vector<std::string> texts(const Response& r, const std::string& key) {
    std::vector<std::string> out;
    for (std::size_t i = 0; r.isArray() && i < r.array()->size(); ++i) {
        out.push_back(r.array()->getObject(static_cast<unsigned>(i))->getValue<std::string>(key));
    }
    return out;
}

void expectBadQuery(const Response& r, const std::string& field) {
    EXPECT_EQ(r.status, 400) << r.describe();
    EXPECT_EQ(r.code(), "INVALID_QUERY");
    EXPECT_EQ(r.field(), field);
}

bool ascending(const std::vector<std::int64_t>& v) { return std::is_sorted(v.begin(), v.end()); }
bool descending(const std::vector<std::int64_t>& v) { return std::is_sorted(v.rbegin(), v.rend()); }

TEST(Lists, DeclarationLinesPageSearchFilterAndSort) {
    const auto seeded = seedDeclaration(60);
    const auto provider = asProvider(seeded.provider_id);
    const std::string lines = "/declarations/" + std::to_string(seeded.id) + "/lines";

    const Response first =
        checkedGet("/declarations/{id}/lines", provider, {std::to_string(seeded.id)}, "?limit=50");
    EXPECT_EQ(total(first), 60);
    EXPECT_EQ(first.array()->size(), 50u);
    const Response rest = fetch(lines + "?limit=50&offset=50", provider);
    EXPECT_EQ(total(rest), 60);
    EXPECT_EQ(rest.array()->size(), 10u);
    const Response beyond = fetch(lines + "?offset=500", provider);
    EXPECT_EQ(beyond.status, 200);
    EXPECT_EQ(total(beyond), 60);
    EXPECT_EQ(beyond.array()->size(), 0u);

    // "Only not accepted" and its opposite.
    const Response open = fetch(lines + "?status=not_accepted&limit=100", provider);
    EXPECT_EQ(total(open), 59);
    for (const auto& s : texts(open, "status")) EXPECT_NE(s, "accepted");
    const Response accepted = fetch(lines + "?status=accepted", provider);
    EXPECT_EQ(total(accepted), 1);
    EXPECT_EQ(texts(accepted, "reference"), std::vector<std::string>{seeded.accepted_reference});

    // A search narrows (case-insensitively); '%' and '_' are matched as themselves.
    const Response one = fetch(lines + "?q=" + seeded.accepted_reference, provider);
    EXPECT_EQ(total(one), 1);
    // The prefix starts with "L": searched as "l…".
    const Response lower = fetch(lines + "?q=l" + seeded.prefix.substr(1) + "00", provider);
    EXPECT_EQ(total(lower), 9);  // 001..009
    EXPECT_EQ(total(fetch(lines + "?q=%25", provider)), 0);
    EXPECT_EQ(total(fetch(lines + "?q=_", provider)), 0);
    EXPECT_EQ(total(fetch(lines + "?q=%5C", provider)), 0);

    // Sorted both ways, with the same total.
    const Response up = fetch(lines + "?sort=amount_cents&limit=100", provider);
    EXPECT_TRUE(ascending(numbers(up, "amount_cents")));
    const Response down = fetch(lines + "?sort=-amount_cents&limit=100", provider);
    EXPECT_TRUE(descending(numbers(down, "amount_cents")));
    EXPECT_EQ(numbers(down, "amount_cents").front(), numbers(up, "amount_cents").back());
    EXPECT_EQ(total(down), 60);

    expectBadQuery(fetch(lines + "?sort=bsn_enc", provider), "sort");
    expectBadQuery(fetch(lines + "?sort=amount%20cents", provider), "sort");
    expectBadQuery(fetch(lines + "?q=" + std::string(101, 'a'), provider), "q");
    expectBadQuery(fetch(lines + "?status=maybe", provider), "status");

    // Same access as the declaration: staff read it, another provider does not see it.
    EXPECT_EQ(total(fetch(lines, as("cm.jansen"))), 60);
    EXPECT_EQ(fetch(lines, asProvider(providerIdOf("73000102"))).status, 404);
    // The declaration's head without its lines, for the web application.
    const Response head =
        fetch("/declarations/" + std::to_string(seeded.id) + "?lines=false", provider);
    EXPECT_EQ(head.object()->getArray("lines")->size(), 0u);
    EXPECT_EQ(fetch("/declarations/" + std::to_string(seeded.id), provider)
                  .object()
                  ->getArray("lines")
                  ->size(),
              60u);
}

TEST(Lists, AllocationsOfAProviderPageSearchAndSort) {
    const auto seeded = seedDeclaration(2);
    const auto provider = asProvider(seeded.provider_id);
    const Response all = checkedGet("/allocations", provider, {}, "?limit=5");
    const auto count = total(all);
    EXPECT_GE(count, 1);
    EXPECT_LE(all.array()->size(), 5u);
    const Response beyond = fetch("/allocations?offset=100000000", provider);
    EXPECT_EQ(beyond.array()->size(), 0u);
    EXPECT_GE(total(beyond), count);  // others may add meanwhile, never remove

    const Response one = fetch("/allocations?q=" + std::to_string(seeded.allocation), provider);
    EXPECT_GE(total(one), 1);
    EXPECT_LE(total(one), count);
    const auto found = numbers(one, "number");
    EXPECT_NE(std::find(found.begin(), found.end(), seeded.allocation), found.end());
    // By the client's surname, case-insensitively.
    EXPECT_GE(total(fetch("/allocations?q=lijstPROEF", provider)), 1);
    EXPECT_EQ(total(fetch("/allocations?q=nobody-is-called-this", provider)), 0);

    EXPECT_TRUE(ascending(numbers(fetch("/allocations?sort=number", provider), "number")));
    EXPECT_TRUE(descending(numbers(fetch("/allocations?sort=-number", provider), "number")));
    const Response product = fetch("/allocations?product=02A01", provider);
    for (const auto& p : texts(product, "product_code")) EXPECT_EQ(p, "02A01");
    EXPECT_EQ(total(fetch("/allocations?product=ZZZZZ", provider)), 0);
    expectBadQuery(fetch("/allocations?sort=client_bsn", provider), "sort");
}

TEST(Lists, TheReviewQueuePagesFiltersAndSorts) {
    const auto cm = as("cm.jansen");
    const Response all = checkedGet("/reviews", cm, {}, "?limit=1000");
    const auto count = total(all);
    EXPECT_EQ(static_cast<std::int64_t>(all.array()->size()), std::min<std::int64_t>(count, 1000));
    const Response open = fetch("/reviews?status=open&limit=1000", cm);
    for (const auto& s : texts(open, "status")) EXPECT_EQ(s, "open");
    EXPECT_LE(total(open), count);
    const Response beyond = fetch("/reviews?offset=100000", cm);
    EXPECT_EQ(beyond.array()->size(), 0u);
    EXPECT_GE(total(beyond), count);  // others may add meanwhile, never remove
    expectBadQuery(fetch("/reviews?sort=secret", cm), "sort");
    expectBadQuery(fetch("/reviews?provider_id=abc", cm), "provider_id");
    const auto up = numbers(fetch("/reviews?sort=amount_cents&limit=1000", cm), "amount_cents");
    const auto down = numbers(fetch("/reviews?sort=-amount_cents&limit=1000", cm), "amount_cents");
    EXPECT_TRUE(ascending(up));
    EXPECT_TRUE(descending(down));
    if (count == 0) return;
    // A search by one item's reference narrows to it; a filter by its provider keeps it.
    const auto item = all.array()->getObject(0);
    const auto reference = item->getValue<std::string>("reference");
    const Response one = fetch("/reviews?q=" + reference, cm);
    EXPECT_GE(total(one), 1);
    EXPECT_LE(total(one), count);
    EXPECT_EQ(texts(one, "reference").front(), reference);
    const auto provider = providerIdOf(item->getValue<std::string>("provider_agb"));
    const Response mine = fetch("/reviews?provider_id=" + std::to_string(provider), cm);
    EXPECT_GE(total(mine), 1);
    for (const auto& agb : texts(mine, "provider_agb")) {
        EXPECT_EQ(agb, item->getValue<std::string>("provider_agb"));
    }
}

TEST(Lists, DeclarationsPageSearchFilterAndSort) {
    const auto seeded = seedDeclaration(3);
    const auto provider = asProvider(seeded.provider_id);
    const Response all = checkedGet("/declarations", provider, {}, "?limit=2");
    const auto count = total(all);
    EXPECT_GE(count, 1);
    const Response one = fetch("/declarations?q=" + seeded.prefix, provider);
    EXPECT_EQ(total(one), 1);
    EXPECT_EQ(numbers(one, "declaration_id"), std::vector<std::int64_t>{seeded.id});
    EXPECT_EQ(total(fetch("/declarations?q=" + seeded.prefix + "&status=rejected", provider)), 0);
    EXPECT_EQ(total(fetch("/declarations?q=" + seeded.prefix + "&status=answered", provider)), 1);
    // Newest first by default; received_at both ways.
    EXPECT_TRUE(descending(numbers(fetch("/declarations", provider), "declaration_id")));
    EXPECT_TRUE(
        ascending(numbers(fetch("/declarations?sort=received_at", provider), "declaration_id")));
    const Response beyond = fetch("/declarations?offset=100000000", provider);
    EXPECT_EQ(beyond.array()->size(), 0u);
    EXPECT_GE(total(beyond), count);  // others may add meanwhile, never remove
    expectBadQuery(fetch("/declarations?sort=-provider_iban", provider), "sort");
}

TEST(Lists, PaymentRunsPageFilterSearchAndSort) {
    const auto fin = as("fin.devries");
    const Response all = checkedGet("/payment-runs", fin, {}, "?limit=1000");
    const auto count = total(all);
    EXPECT_EQ(static_cast<std::int64_t>(all.array()->size()), std::min<std::int64_t>(count, 1000));
    EXPECT_TRUE(descending(numbers(all, "id")));  // newest first
    EXPECT_TRUE(ascending(numbers(fetch("/payment-runs?sort=prepared_at&limit=1000", fin), "id")));
    EXPECT_TRUE(ascending(numbers(fetch("/payment-runs?sort=control_sum_cents&limit=1000", fin),
                                  "control_sum_cents")));
    EXPECT_TRUE(descending(numbers(fetch("/payment-runs?sort=-control_sum_cents&limit=1000", fin),
                                   "control_sum_cents")));
    const Response beyond = fetch("/payment-runs?offset=100000000", fin);
    EXPECT_EQ(beyond.array()->size(), 0u);
    EXPECT_GE(total(beyond), count);  // others may add meanwhile, never remove
    expectBadQuery(fetch("/payment-runs?sort=debtor_iban", fin), "sort");
    expectBadQuery(fetch("/payment-runs?q=%01", fin), "q");
    EXPECT_EQ(total(fetch("/payment-runs?status=no-such-status", fin)), 0);
    if (count == 0) return;
    const auto run = all.array()->getObject(0);
    const auto status = run->getValue<std::string>("status");
    const Response same = fetch("/payment-runs?limit=1000&status=" + status, fin);
    EXPECT_GE(total(same), 1);
    for (const auto& s : texts(same, "status")) EXPECT_EQ(s, status);
    // A search by its message id narrows to it (and runs whose id contains it).
    const Response one = fetch("/payment-runs?q=" + run->getValue<std::string>("message_id"), fin);
    EXPECT_GE(total(one), 1);
    EXPECT_LE(total(one), count);
    const auto ids = numbers(one, "id");
    EXPECT_NE(std::find(ids.begin(), ids.end(), run->getValue<std::int64_t>("id")), ids.end());
}

TEST(Lists, TheRequestQueuePagesFiltersAndSorts) {
    const auto cm = as("cm.jansen");
    const Response all = checkedGet("/requests", cm, {}, "?limit=1000");
    const auto count = total(all);
    EXPECT_EQ(static_cast<std::int64_t>(all.array()->size()), std::min<std::int64_t>(count, 1000));
    const auto up = texts(fetch("/requests?sort=answer_due&limit=1000", cm), "answer_due");
    const auto down = texts(fetch("/requests?sort=-answer_due&limit=1000", cm), "answer_due");
    EXPECT_TRUE(std::is_sorted(up.begin(), up.end()));
    EXPECT_TRUE(std::is_sorted(down.rbegin(), down.rend()));
    EXPECT_EQ(up.size(), down.size());
    const Response open = fetch("/requests?status=open&limit=1000", cm);
    for (const auto& s : texts(open, "status")) EXPECT_EQ(s, "open");
    EXPECT_LE(total(open), count);
    const Response beyond = fetch("/requests?offset=100000000", cm);
    EXPECT_EQ(beyond.array()->size(), 0u);
    EXPECT_GE(total(beyond), count);  // others may add meanwhile, never remove
    EXPECT_EQ(total(fetch("/requests?q=no-reference-is-like-this", cm)), 0);
    expectBadQuery(fetch("/requests?sort=bsn_hash", cm), "sort");
}

TEST(Lists, ClientsPageSearchAndSort) {
    [[maybe_unused]] const auto seeded = seedDeclaration(2);  // a client named "Lijstproef"
    const auto ao = as("ao.bakker");
    const Response all = checkedGet("/clients", ao, {}, "?limit=10");
    const auto count = total(all);
    EXPECT_GE(count, 1);
    EXPECT_LE(all.array()->size(), 10u);
    const Response named = fetch("/clients?q=LIJSTproef&limit=1000", ao);
    EXPECT_GE(total(named), 1);
    EXPECT_LT(total(named), count);
    for (const auto& s : texts(named, "surname")) EXPECT_EQ(s, "Lijstproef");
    EXPECT_TRUE(ascending(numbers(fetch("/clients?sort=id", ao), "id")));
    EXPECT_TRUE(descending(numbers(fetch("/clients?sort=-id", ao), "id")));
    const Response beyond = fetch("/clients?offset=100000000", ao);
    EXPECT_EQ(beyond.array()->size(), 0u);
    EXPECT_GE(total(beyond), count);  // others may add meanwhile, never remove
    expectBadQuery(fetch("/clients?sort=bsn_enc", ao), "sort");
    // A search never looks into the BSN.
    EXPECT_EQ(total(fetch("/clients?q=999900006", ao)), 0);
}

TEST(Lists, ContractsPageFilterSearchAndSort) {
    const auto cm = as("cm.jansen");
    const Response all = checkedGet("/contracts", cm, {}, "?limit=1000");
    const auto count = total(all);
    EXPECT_GE(count, 1);
    const Response active = fetch("/contracts?status=active&limit=1000", cm);
    for (const auto& s : texts(active, "status")) EXPECT_EQ(s, "active");
    EXPECT_LE(total(active), count);
    const Response vecht = fetch("/contracts?q=vechtSTROOM&limit=1000", cm);
    EXPECT_GE(total(vecht), 1);
    EXPECT_LE(total(vecht), count);
    for (const auto& agb : texts(vecht, "provider_agb")) EXPECT_EQ(agb, "73000101");
    EXPECT_TRUE(ascending(numbers(fetch("/contracts?sort=id&limit=1000", cm), "id")));
    EXPECT_TRUE(descending(numbers(fetch("/contracts?sort=-id&limit=1000", cm), "id")));
    const Response beyond = fetch("/contracts?offset=100000000", cm);
    EXPECT_EQ(beyond.array()->size(), 0u);
    EXPECT_GE(total(beyond), count);  // others may add meanwhile, never remove
    expectBadQuery(fetch("/contracts?sort=spending_ceiling", cm), "sort");
    // A provider's total counts its own contracts only.
    const auto own = fetch("/contracts?limit=1000", asProvider(providerIdOf("73000101")));
    EXPECT_EQ(total(own), static_cast<std::int64_t>(own.array()->size()));
    EXPECT_LE(total(own), count);
}

TEST(Lists, TheAuditTrailPagesSearchesAndSorts) {
    const auto auditor = as("aud.smit");
    const Response page = checkedGet("/audit", auditor, {}, "?limit=10");
    const auto count = total(page);
    EXPECT_GE(count, 1);
    EXPECT_EQ(page.array()->size(), static_cast<std::size_t>(std::min<std::int64_t>(count, 10)));
    EXPECT_TRUE(descending(numbers(page, "seq")));  // newest first
    EXPECT_TRUE(ascending(numbers(fetch("/audit?sort=seq&limit=50", auditor), "seq")));
    // A search narrows (case-insensitively) to the log-ins among every row.
    const Response logins = fetch("/audit?q=AUTH.login&limit=1000", auditor);
    EXPECT_GE(total(logins), 1);
    EXPECT_LT(total(logins), total(fetch("/audit?limit=1", auditor)));
    EXPECT_EQ(total(fetch("/audit?q=no-actor-is-called-this", auditor)), 0);
    const Response beyond = fetch("/audit?offset=1000000000", auditor);
    EXPECT_EQ(beyond.array()->size(), 0u);
    EXPECT_GE(total(beyond), count);  // the trail only grows meanwhile
    expectBadQuery(fetch("/audit?sort=hash", auditor), "sort");
}

TEST(Lists, TheReconciliationWorkListPagesAndFilters) {
    const auto fin = as("fin.devries");
    const Response all = checkedGet("/reconciliation/work-list", fin, {}, "?limit=1000");
    const auto count = total(all);
    EXPECT_EQ(static_cast<std::int64_t>(all.array()->size()), std::min<std::int64_t>(count, 1000));
    const Response entries = fetch("/reconciliation/work-list?kind=entry&limit=1000", fin);
    for (const auto& k : texts(entries, "kind")) EXPECT_EQ(k, "entry");
    const Response chains = fetch("/reconciliation/work-list?kind=statement_chain&limit=1000", fin);
    for (const auto& k : texts(chains, "kind")) EXPECT_EQ(k, "statement_chain");
    EXPECT_TRUE(ascending(numbers(
        fetch("/reconciliation/work-list?sort=amount_cents&limit=1000", fin), "amount_cents")));
    EXPECT_TRUE(descending(numbers(
        fetch("/reconciliation/work-list?sort=-amount_cents&limit=1000", fin), "amount_cents")));
    const Response beyond = fetch("/reconciliation/work-list?offset=100000000", fin);
    EXPECT_EQ(beyond.array()->size(), 0u);
    EXPECT_GE(total(beyond), count);  // others may add meanwhile, never remove
    EXPECT_EQ(total(fetch("/reconciliation/work-list?q=NO-SUCH-END-TO-END-ID", fin)), 0);
    expectBadQuery(fetch("/reconciliation/work-list?sort=reason", fin), "sort");
}

}  // namespace
}  // namespace zc::e2e
