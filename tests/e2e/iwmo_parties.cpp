#include "e2e/iwmo_parties.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <set>
#include <stdexcept>

#include "e2e/session.hpp"

namespace zc::e2e {

using test::jsonArray;
using test::jsonObject;
using test::Response;

// --- dates --------------------------------------------------------------------------------

Date today() { return parseDate(todayText()); }
std::string day(int offset) { return formatDate(addDays(today(), offset)); }

// Monday to Friday, counted independently of the server's implementation.
std::string workingDaysAfter(const std::string& from, int n) {
    std::chrono::sys_days d{parseDate(from)};
    auto weekend = [](std::chrono::sys_days x) {
        const std::chrono::weekday w{x};
        return w == std::chrono::Saturday || w == std::chrono::Sunday;
    };
    while (n > 0) {
        d += std::chrono::days{1};
        if (!weekend(d)) --n;
    }
    return formatDate(Date{d});
}

// --- providers, clients, decisions, allocations --------------------------------------------

bool hasCertificate(const std::string& agb) {
    return std::filesystem::exists(test::testEnvDir() + "/tls/clients/" + agb + ".crt");
}

// Providers with an active contract for `product` today in our municipality, with a
// certificate from the fixture, in a stable order.
std::vector<Provider> eligible(const std::string& product) {
    const Response r = client().get("/api/v1/queries/eligible-providers?product=" + product +
                                        "&municipality=" + kMunicipality + "&limit=1000",
                                    as("cm.jansen"));
    EXPECT_EQ(r.status, 200) << r.describe();
    std::vector<Provider> out;
    std::set<std::string> seen;
    const auto a = r.array();
    for (std::size_t i = 0; i < a->size(); ++i) {
        const auto o = a->getObject(i);
        const std::string agb = o->getValue<std::string>("agb");
        if (!hasCertificate(agb) || !seen.insert(agb).second) continue;
        out.push_back({o->getValue<std::int64_t>("provider_id"), agb});
    }
    std::sort(out.begin(), out.end(),
              [](const Provider& x, const Provider& y) { return x.agb < y.agb; });
    return out;
}

// 9 digits passing the elfproef: 9·d1 + 8·d2 + … + 2·d8 − d9 ≡ 0 (mod 11).
std::string elfproefBsn() {
    for (;;) {
        const std::string digits = "7" + uniqueDigits(7);
        int sum = 0;
        for (int i = 0; i < 8; ++i) sum += (9 - i) * (digits[static_cast<std::size_t>(i)] - '0');
        const int check = sum % 11;
        if (check <= 9) return digits + std::to_string(check);
    }
}

// A fresh client with an address (a WMO301 needs one) and a decision from 30 days ago to 90
// days ahead: 4 hours a week of IB, and with `with_hh` also 3 hours a week of HH-1.
Person newPerson(bool with_hh) {
    Person p;
    for (int attempt = 0; attempt < 5 && p.id == 0; ++attempt) {
        p.bsn = elfproefBsn();
        const Response r = client().post("/api/v1/clients",
                                         jsonObject({{"bsn", p.bsn},
                                                     {"surname", kSurname},
                                                     {"initials", "P.B."},
                                                     {"birth_date", kBirthDate},
                                                     {"gender", "1"},
                                                     {"street", "Melkmarkt"},
                                                     {"house_number", "17"},
                                                     {"postcode", "8011MC"},
                                                     {"city", "Zwolle"},
                                                     {"municipality_code", kMunicipality}}),
                                         as("ao.bakker"));
        if (r.code() == "DUPLICATE_CLIENT") continue;
        EXPECT_EQ(r.status, 201) << r.describe();
        if (r.status != 201) throw std::runtime_error("client not created: " + r.describe());
        p.id = r.num("id");
    }
    auto products = jsonArray({jsonObject({{"product_code", "02A01"},
                                           {"volume", 4},
                                           {"unit", "hours"},
                                           {"frequency", "week"},
                                           {"financing", "ZIN"}})});
    if (with_hh) {
        products->add(jsonObject({{"product_code", "01A01"},
                                  {"volume", 3},
                                  {"unit", "hours"},
                                  {"frequency", "week"},
                                  {"financing", "ZIN"}}));
    }
    const Response d =
        client().post("/api/v1/clients/" + std::to_string(p.id) + "/decisions",
                      jsonObject({{"number", 100000000 + std::stoll(uniqueDigits(8))},
                                  {"decision_date", day(-30)},
                                  {"valid_from", day(-30)},
                                  {"valid_to", day(90)},
                                  {"products", products}}),
                      as("ao.bakker"));
    if (d.status != 201) throw std::runtime_error("decision not created: " + d.describe());
    const auto granted = d.object()->getArray("products");
    for (std::size_t i = 0; i < granted->size(); ++i) {
        const auto g = granted->getObject(i);
        (g->getValue<std::string>("product_code") == "02A01" ? p.granted_ib : p.granted_hh) =
            g->getValue<std::int64_t>("id");
    }
    return p;
}

Allocation allocate(std::int64_t granted_id, const Provider& provider, const std::string& start,
                    std::int64_t volume) {
    const Response r = client().post("/api/v1/allocations",
                                     jsonObject({{"granted_product_id", granted_id},
                                                 {"provider_id", provider.id},
                                                 {"start_date", start},
                                                 {"volume", volume}}),
                                     as("ao.bakker"));
    if (r.status != 201) throw std::runtime_error("allocation not created: " + r.describe());
    return {r.num("number"), r.str("start_date")};
}

}  // namespace zc::e2e
