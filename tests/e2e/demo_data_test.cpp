// The demo region that `load-demo` puts in place, read back through the API.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "e2e/session.hpp"

namespace zc::e2e {
namespace {

using test::Response;

constexpr const char* kCentral = "0193";
constexpr int kFirstYear = 2015;

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
                                                      {"aud.smit", "auditor"}};
    for (const auto& [user, role] : roles) {
        const Response me = client().get("/api/v1/auth/me", as(user));
        ASSERT_EQ(me.status, 200) << user << ": " << me.describe();
        EXPECT_EQ(me.str("role"), role) << user;
    }
}

TEST(DemoData, CentralMunicipalityHasRegionMembersAndDistricts) {
    const Response municipalities = client().get("/api/v1/municipalities", as("ao.bakker"));
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
}

TEST(DemoData, HasTwentyProvidersAndTheProductCatalogue) {
    const Response providers = client().get("/api/v1/providers?limit=1000", as("cm.jansen"));
    ASSERT_EQ(providers.status, 200) << providers.describe();
    EXPECT_GE(providers.array()->size(), 20u);

    const Response products = client().get("/api/v1/products", as("cm.jansen"));
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
    const Response procedures = client().get("/api/v1/procedures", cm);
    ASSERT_EQ(procedures.status, 200) << procedures.describe();
    std::set<std::int64_t> open;
    for (const auto& p : objects(procedures)) {
        if (text(p, "kind") == "open" && text(p, "municipality_code") == kCentral &&
            text(p, "term_start").rfind(std::to_string(kFirstYear), 0) == 0) {
            open.insert(p->getValue<std::int64_t>("id"));
        }
    }
    ASSERT_FALSE(open.empty()) << procedures.describe();

    const Response admitted = client().get("/api/v1/applications?status=admitted", cm);
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

}  // namespace
}  // namespace zc::e2e
