// The demo region that `load-demo` puts in place, read back through the API.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "e2e/session.hpp"

namespace zc::e2e {
namespace {

using test::Response;

constexpr const char* kCentral = "0193";
constexpr const char* kKampen = "0166";
constexpr const char* kDalfsen = "0148";
constexpr int kFirstYear = 2015;
constexpr const char* kZwolleClientBsn = "999900006";    // Jansen, the demo's first client
constexpr const char* kKampenBwClientBsn = "999900043";  // Yilmaz: household help and BW
constexpr const char* kKampenClientBsn = "999900067";    // Visser: individual support only

std::vector<Poco::JSON::Object::Ptr> objects(const Response& r) {
    std::vector<Poco::JSON::Object::Ptr> out;
    const auto a = r.array();
    for (std::size_t i = 0; i < a->size(); ++i) out.push_back(a->getObject(i));
    return out;
}

std::string text(const Poco::JSON::Object::Ptr& o, const std::string& key) {
    return o->has(key) && !o->isNull(key) ? o->getValue<std::string>(key) : std::string();
}

TEST(DemoData, EveryDemoLoginWorksWithItsRole) {
    const std::map<std::string, std::string> roles = {{"admin", "admin"},
                                                      {"cm.jansen", "contract_manager"},
                                                      {"ao.bakker", "access_officer"},
                                                      {"fin.devries", "finance"},
                                                      {"fin.mulder", "finance"},
                                                      {"bh.visser", "budget_holder"},
                                                      {"aud.smit", "auditor"},
                                                      {"ao.kampen", "access_officer"},
                                                      {"ao.dalfsen", "access_officer"},
                                                      {"bw.zwolle", "access_officer"},
                                                      {"bh.kampen", "budget_holder"}};
    for (const auto& [user, role] : roles) {
        const Response me = client().get("/api/v1/auth/me", as(user));
        ASSERT_EQ(me.status, 200) << user << ": " << me.describe();
        EXPECT_EQ(me.str("role"), role) << user;
    }
}

TEST(DemoData, CentralMunicipalityHasRegionMembersAndDistricts) {
    const Response municipalities =
        client().get("/api/v1/municipalities?limit=1000", as("ao.bakker"));
    ASSERT_EQ(municipalities.status, 200) << municipalities.describe();
    bool central = false;
    int members = 0;
    for (const auto& m : objects(municipalities)) {
        if (text(m, "code") == kCentral) central = true;
        if (text(m, "central_code") == kCentral && text(m, "code") != kCentral) ++members;
    }
    EXPECT_TRUE(central) << municipalities.describe();
    EXPECT_GE(members, 2) << municipalities.describe();

    const Response districts =
        client().get(std::string("/api/v1/districts?municipality=") + kCentral, as("ao.bakker"));
    ASSERT_EQ(districts.status, 200) << districts.describe();
    EXPECT_GE(districts.array()->size(), 5u);
    for (const auto& d : objects(districts)) EXPECT_EQ(text(d, "municipality_code"), kCentral);

    // The members have districts and social teams of their own.
    const Response teams = client().get("/api/v1/teams?limit=1000", as("ao.bakker"));
    ASSERT_EQ(teams.status, 200) << teams.describe();
    std::map<std::string, int> teams_of;
    for (const auto& t : objects(teams)) ++teams_of[text(t, "municipality_code")];
    for (const char* member : {kKampen, kDalfsen}) {
        const Response own =
            client().get(std::string("/api/v1/districts?municipality=") + member, as("ao.bakker"));
        ASSERT_EQ(own.status, 200) << own.describe();
        EXPECT_GE(own.array()->size(), 2u) << member << ": " << own.describe();
        for (const auto& d : objects(own)) EXPECT_EQ(text(d, "municipality_code"), member);
        EXPECT_GE(teams_of[member], 2) << member << ": " << teams.describe();
    }
}

TEST(DemoData, HasTwentyProvidersAndTheProductCatalogue) {
    const Response providers = client().get("/api/v1/providers?limit=1000", as("cm.jansen"));
    ASSERT_EQ(providers.status, 200) << providers.describe();
    EXPECT_GE(providers.array()->size(), 20u);

    const Response products = client().get("/api/v1/products?limit=1000", as("cm.jansen"));
    ASSERT_EQ(products.status, 200) << products.describe();
    bool ib = false;
    for (const auto& p : objects(products)) {
        if (text(p, "code") == "02A01") {
            ib = true;
            EXPECT_EQ(text(p, "unit"), "hours");
        }
    }
    EXPECT_TRUE(ib) << products.describe();
    EXPECT_GE(products.array()->size(), 5u);
}

TEST(DemoData, OpenProcedureContractsHaveOneTariffVersionPerYearSince2015) {
    const auto cm = as("cm.jansen");
    const Response procedures = client().get("/api/v1/procedures?limit=1000", cm);
    ASSERT_EQ(procedures.status, 200) << procedures.describe();
    std::set<std::int64_t> open;
    for (const auto& p : objects(procedures)) {
        if (text(p, "kind") == "open" && text(p, "municipality_code") == kCentral &&
            text(p, "term_start").rfind(std::to_string(kFirstYear), 0) == 0) {
            open.insert(p->getValue<std::int64_t>("id"));
        }
    }
    ASSERT_FALSE(open.empty()) << procedures.describe();

    const Response admitted = client().get("/api/v1/applications?status=admitted&limit=1000", cm);
    ASSERT_EQ(admitted.status, 200) << admitted.describe();
    const int this_year = currentYear();
    int admitted_here = 0;
    int complete_histories = 0;
    for (const auto& a : objects(admitted)) {
        if (!open.count(a->getValue<std::int64_t>("procedure_id"))) continue;
        ++admitted_here;
        const auto contracts = a->getArray("contracts");
        EXPECT_GT(contracts->size(), 0u) << "admitted application without a contract";
        for (std::size_t i = 0; i < contracts->size(); ++i) {
            const auto contract_id = contracts->getElement<std::int64_t>(i);
            const Response c = client().get("/api/v1/contracts/" + std::to_string(contract_id), cm);
            ASSERT_EQ(c.status, 200) << c.describe();
            std::map<std::string, std::map<int, int>> per_product_year;
            const auto tariffs = c.object()->getArray("tariffs");
            for (std::size_t t = 0; t < tariffs->size(); ++t) {
                const auto v = tariffs->getObject(t);
                ++per_product_year[text(v, "product_code")][std::stoi(text(v, "valid_from"))];
            }
            EXPECT_FALSE(per_product_year.empty()) << c.describe();
            bool complete = !per_product_year.empty();
            for (const auto& [product, years] : per_product_year) {
                for (const auto& [year, n] : years) {
                    EXPECT_EQ(n, 1) << "contract " << contract_id << " product " << product
                                    << " has " << n << " versions in " << year;
                }
                for (int y = kFirstYear; y <= this_year; ++y) complete &= years.count(y) == 1;
                complete &= years.size() == static_cast<std::size_t>(this_year - kFirstYear + 1);
            }
            if (complete && text(c.object(), "term_start").rfind("2015", 0) == 0) {
                ++complete_histories;
            }
        }
    }
    EXPECT_GE(admitted_here, 2);
    // The providers admitted in 2015 whose contracts still run carry every yearly indexation.
    EXPECT_GE(complete_histories, 2);
}

TEST(DemoData, HasABudgetContractWithCoalitionAndAdvances) {
    const auto fin = as("fin.devries");
    const Response budget = client().get("/api/v1/contracts?kind=budget", fin);
    ASSERT_EQ(budget.status, 200) << budget.describe();
    ASSERT_GE(budget.array()->size(), 1u) << budget.describe();
    const auto contract_id = budget.array()->getObject(0)->getValue<std::int64_t>("id");
    const std::string path = "/api/v1/contracts/" + std::to_string(contract_id);

    const Response c = client().get(path, fin);
    ASSERT_EQ(c.status, 200) << c.describe();
    const auto coalition = c.object()->getArray("coalition");
    ASSERT_GE(coalition->size(), 2u) << c.describe();
    int leads = 0;
    for (std::size_t i = 0; i < coalition->size(); ++i) {
        leads += coalition->getObject(i)->getValue<std::string>("role") == "lead";
    }
    EXPECT_EQ(leads, 1);
    std::map<int, std::int64_t> budgets;
    const auto years = c.object()->getArray("budgets");
    for (std::size_t i = 0; i < years->size(); ++i) {
        budgets[years->getObject(i)->getValue<int>("year")] =
            years->getObject(i)->getValue<std::int64_t>("budget_cents");
    }
    ASSERT_FALSE(budgets.empty()) << c.describe();

    const Response advances = client().get(path + "/advances", fin);
    ASSERT_EQ(advances.status, 200) << advances.describe();
    ASSERT_GT(advances.array()->size(), 0u);
    std::map<int, std::int64_t> sums;
    for (const auto& a : objects(advances)) {
        sums[a->getValue<int>("year")] += a->getValue<std::int64_t>("amount_cents");
    }
    EXPECT_EQ(sums, budgets);
}

// The id of the demo client with `bsn`, looked up by the access officer of the whole region.
std::int64_t demoClient(const std::string& bsn) {
    const Response found = client().get("/api/v1/clients?bsn=" + bsn, as("ao.bakker"));
    EXPECT_EQ(found.status, 200) << found.describe();
    if (found.status != 200 || found.array()->size() != 1) return 0;
    return found.array()->getObject(0)->getValue<std::int64_t>("id");
}

// ISO 13616: an IBAN read with its first four characters moved to the end, letters as 10..35,
// leaves 1 modulo 97.
bool validIban(const std::string& iban) {
    if (iban.size() < 5) return false;
    const std::string rearranged = iban.substr(4) + iban.substr(0, 4);
    int rest = 0;
    for (char c : rearranged) {
        rest = c >= '0' && c <= '9' ? (rest * 10 + (c - '0')) % 97
                                    : (rest * 100 + (c - 'A' + 10)) % 97;
    }
    return rest == 1;
}

TEST(DemoData, EveryMunicipalityHasADebtorAccount) {
    std::set<std::string> defaults;
    for (const char* code : {kCentral, kKampen, kDalfsen}) {
        const Response accounts = client().get(
            std::string("/api/v1/municipalities/") + code + "/debtor-accounts", as("fin.devries"));
        ASSERT_EQ(accounts.status, 200) << accounts.describe();
        std::string default_iban;
        for (const auto& a : objects(accounts)) {
            EXPECT_EQ(text(a, "municipality_code"), code);
            EXPECT_TRUE(validIban(text(a, "iban"))) << text(a, "iban");
            if (a->getValue<bool>("is_default")) default_iban = text(a, "iban");
        }
        EXPECT_FALSE(default_iban.empty()) << code << " has no default account";
        defaults.insert(default_iban);
    }
    // Each municipality pays from an account of its own.
    EXPECT_EQ(defaults.size(), 3u);
}

TEST(DemoData, BeschermdWonenOfRegionClientsIsPaidByZwolle) {
    const auto id = demoClient(kKampenBwClientBsn);
    ASSERT_NE(id, 0);
    const Response c = client().get("/api/v1/clients/" + std::to_string(id), as("ao.bakker"));
    ASSERT_EQ(c.status, 200) << c.describe();
    EXPECT_EQ(c.str("municipality_code"), kKampen);

    const Response allocations = client().get(
        "/api/v1/allocations?client_id=" + std::to_string(id) + "&limit=100", as("ao.bakker"));
    ASSERT_EQ(allocations.status, 200) << allocations.describe();
    std::map<std::string, Poco::JSON::Object::Ptr> by_product;
    for (const auto& a : objects(allocations)) by_product[text(a, "product_code")] = a;
    ASSERT_TRUE(by_product.count("15A01")) << allocations.describe();
    ASSERT_TRUE(by_product.count("01A01")) << allocations.describe();
    // Beschermd Wonen is placed with Zwolle: Zwolle pays it; Kampen pays its own household help,
    // and one provider delivers both.
    EXPECT_EQ(text(by_product["15A01"], "paying_municipality_code"), kCentral);
    EXPECT_EQ(text(by_product["01A01"], "paying_municipality_code"), kKampen);
    EXPECT_EQ(by_product["15A01"]->getValue<std::int64_t>("provider_id"),
              by_product["01A01"]->getValue<std::int64_t>("provider_id"));
}

bool listed(const Response& list, std::int64_t id) {
    for (const auto& c : objects(list)) {
        if (c->getValue<std::int64_t>("id") == id) return true;
    }
    return false;
}

TEST(DemoData, UsersAreScoped) {
    const auto zwolle_client = demoClient(kZwolleClientBsn);
    const auto kampen_bw_client = demoClient(kKampenBwClientBsn);
    const auto kampen_client = demoClient(kKampenClientBsn);
    ASSERT_NE(zwolle_client, 0);
    ASSERT_NE(kampen_bw_client, 0);
    ASSERT_NE(kampen_client, 0);
    const auto get = [](std::int64_t id, const std::string& user) {
        return client().get("/api/v1/clients/" + std::to_string(id), as(user));
    };

    // Kampen's access officer sees Kampen's clients, and Zwolle's not even in a list.
    const Response kampen_list = client().get("/api/v1/clients?limit=1000", as("ao.kampen"));
    ASSERT_EQ(kampen_list.status, 200) << kampen_list.describe();
    ASSERT_GT(kampen_list.array()->size(), 0u);
    for (const auto& c : objects(kampen_list)) EXPECT_EQ(text(c, "municipality_code"), kKampen);
    EXPECT_EQ(get(kampen_client, "ao.kampen").status, 200);
    EXPECT_EQ(get(kampen_bw_client, "ao.kampen").status, 200);
    const Response refused = get(zwolle_client, "ao.kampen");
    EXPECT_EQ(refused.status, 403) << refused.describe();
    EXPECT_EQ(refused.code(), "OUT_OF_SCOPE");
    const Response by_bsn =
        client().get(std::string("/api/v1/clients?bsn=") + kZwolleClientBsn, as("ao.kampen"));
    ASSERT_EQ(by_bsn.status, 200) << by_bsn.describe();
    EXPECT_EQ(by_bsn.array()->size(), 0u);

    // Dalfsen's sees neither Zwolle's nor Kampen's.
    EXPECT_EQ(get(zwolle_client, "ao.dalfsen").status, 403);
    EXPECT_EQ(get(kampen_client, "ao.dalfsen").status, 403);
    const Response dalfsen_list = client().get("/api/v1/clients?limit=1000", as("ao.dalfsen"));
    ASSERT_EQ(dalfsen_list.status, 200) << dalfsen_list.describe();
    ASSERT_GT(dalfsen_list.array()->size(), 0u);
    for (const auto& c : objects(dalfsen_list)) EXPECT_EQ(text(c, "municipality_code"), kDalfsen);

    // Zwolle's Beschermd Wonen team sees the Kampen client whose Beschermd Wonen Zwolle pays,
    // and no other client of Kampen or Zwolle.
    EXPECT_EQ(get(kampen_bw_client, "bw.zwolle").status, 200);
    EXPECT_EQ(get(kampen_client, "bw.zwolle").status, 403);
    EXPECT_EQ(get(zwolle_client, "bw.zwolle").status, 403);
    const Response bw_list = client().get("/api/v1/clients?limit=1000", as("bw.zwolle"));
    ASSERT_EQ(bw_list.status, 200) << bw_list.describe();
    EXPECT_TRUE(listed(bw_list, kampen_bw_client)) << bw_list.describe();
    EXPECT_FALSE(listed(bw_list, kampen_client));
    EXPECT_FALSE(listed(bw_list, zwolle_client));

    // The shared finance service works for all three; ao.kampen's scope is Kampen alone.
    const Response me = client().get("/api/v1/auth/me", as("ao.kampen"));
    ASSERT_EQ(me.status, 200) << me.describe();
    const auto own = me.object()->getArray("municipalities");
    ASSERT_EQ(own->size(), 1u) << me.describe();
    EXPECT_EQ(own->getElement<std::string>(0), kKampen);
    for (const char* code : {kCentral, kKampen, kDalfsen}) {
        EXPECT_EQ(client()
                      .get(std::string("/api/v1/municipalities/") + code + "/debtor-accounts",
                           as("fin.mulder"))
                      .status,
                  200)
            << code;
    }
}

}  // namespace
}  // namespace zc::e2e

namespace zc::e2e {
namespace {

// Issue 13: the demo's clients belong to a social team, and this year's budgets are kept per
// municipality (one Zwolle team keeps its own household-help budget), each held by the
// municipality's budget holder, so that a holder can propose moves between them.
TEST(DemoData, ClientsHaveTeamsAndBudgetsTheirHolders) {
    const auto team = [](const char* bsn) {
        const Response c =
            client().get("/api/v1/clients/" + std::to_string(demoClient(bsn)), as("ao.bakker"));
        EXPECT_EQ(c.status, 200) << c.describe();
        return c.str("team_name");
    };
    EXPECT_EQ(team(kZwolleClientBsn), "Sociaal wijkteam Assendorp");
    EXPECT_EQ(team(kKampenClientBsn), "Sociaal team Kampen-Noord");

    const std::string year = todayText().substr(0, 4);
    const Response budgets =
        client().get("/api/v1/budgets?limit=1000&year=" + year, as("bh.visser"));
    ASSERT_EQ(budgets.status, 200) << budgets.describe();
    std::set<std::string> held;  // municipality/category/financing/team of held budgets
    for (const auto& b : objects(budgets)) {
        if (!b->has("budget_holder_user_id") || b->isNull("budget_holder_user_id")) continue;
        held.insert(text(b, "municipality_code") + "/" + text(b, "product_category") + "/" +
                    text(b, "financing_kind") + "/" + text(b, "team_name"));
    }
    EXPECT_TRUE(held.count("0193/01/ZIN/")) << budgets.describe();
    EXPECT_TRUE(held.count("0193/01/ZIN/Sociaal wijkteam Stadshagen")) << budgets.describe();
    EXPECT_TRUE(held.count("0193/15/ZIN/")) << budgets.describe();
    EXPECT_TRUE(held.count("0166/01/ZIN/")) << budgets.describe();
}

}  // namespace
}  // namespace zc::e2e
