#include "e2e/list_seed.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

#include "contracting/kernel/civil_date.hpp"
#include "e2e/declarations.hpp"
#include "e2e/session.hpp"

namespace zc::e2e {
namespace {

using test::jsonArray;
using test::jsonObject;
using test::Response;

// A fresh BSN that passes the elfproef, starting with 6 (outside the demo's and other tests').
std::string freshBsn() {
    for (;;) {
        std::string digits = "6" + uniqueDigits(7);
        int sum = 0;
        for (int i = 0; i < 8; ++i) sum += (9 - i) * (digits[static_cast<std::size_t>(i)] - '0');
        if (sum % 11 == 10) continue;
        return digits + std::to_string(sum % 11);
    }
}

Response posted(const std::string& path, const Poco::Dynamic::Var& body, const test::Headers& who) {
    const Response r = client().post("/api/v1" + path, body, who);
    if (r.status != 200 && r.status != 201) {
        throw std::runtime_error("POST " + path + ": " + r.describe());
    }
    return r;
}

std::int64_t providerId(const std::string& agb) {
    const Response r = client().get("/api/v1/providers?limit=1000", as("admin"));
    for (std::size_t i = 0; r.isArray() && i < r.array()->size(); ++i) {
        const auto p = r.array()->getObject(static_cast<unsigned>(i));
        if (p->getValue<std::string>("agb") == agb) return p->getValue<std::int64_t>("id");
    }
    throw std::runtime_error("no provider " + agb);
}

// A client with 40 hours a month of IB (02A01) from `first` for three months, allocated to
// `provider` from `first` on; the allocation's number.
std::int64_t freshAllocation(const std::string& bsn, Date first, std::int64_t provider) {
    const auto ao = as("ao.bakker");
    const Response created = posted("/clients",
                                    jsonObject({{"bsn", bsn},
                                                {"surname", "Lijstproef"},
                                                {"initials", "L."},
                                                {"birth_date", "1958-05-06"},
                                                {"gender", "2"},
                                                {"house_number", "9"},
                                                {"postcode", "8011AB"},
                                                {"municipality_code", "0193"}}),
                                    ao);
    const Response decision =
        posted("/clients/" + std::to_string(created.num("id")) + "/decisions",
               jsonObject({{"number", 100000000 + std::stoll(uniqueDigits(8))},
                           {"decision_date", formatDate(first)},
                           {"valid_from", formatDate(first)},
                           {"valid_to", formatDate(addMonths(first, 3))},
                           {"products", jsonArray({jsonObject({{"product_code", "02A01"},
                                                               {"volume", 40},
                                                               {"unit", "hours"},
                                                               {"frequency", "month"},
                                                               {"financing", "ZIN"}})})}}),
               ao);
    const auto granted =
        decision.object()->getArray("products")->getObject(0)->getValue<std::int64_t>("id");
    const Response allocation = posted("/allocations",
                                       jsonObject({{"granted_product_id", granted},
                                                   {"provider_id", provider},
                                                   {"start_date", formatDate(first)}}),
                                       ao);
    return allocation.num("number");
}

std::string reference(const std::string& prefix, int k) {
    const std::string n = std::to_string(k);
    return prefix + std::string(n.size() < 3 ? 3 - n.size() : 0, '0') + n;
}

Poco::JSON::Object::Ptr line(const std::string& ref, std::int64_t allocation,
                             const std::string& bsn, Date first, std::int64_t hours,
                             std::int64_t tariff) {
    return jsonObject({{"reference", ref},
                       {"allocation_number", allocation},
                       {"bsn", bsn},
                       {"category", "02"},
                       {"product_code", "02A01"},
                       {"period_start", formatDate(first)},
                       {"period_end", formatDate(addMonths(first, 1))},
                       {"volume", hours},
                       {"unit", "hours"},
                       {"tariff_cents", tariff},
                       {"amount_cents", hours * tariff}});
}

}  // namespace

SeededDeclaration seedDeclaration(int lines) {
    SeededDeclaration out;
    const Date today = parseDate(todayText());
    const Date first = addMonths(Date{today.year(), today.month(), std::chrono::day{1}}, -1);
    const std::string bsn = freshBsn();
    out.provider_id = providerId(kAgb);
    out.allocation = freshAllocation(bsn, first, out.provider_id);
    out.prefix = "L" + uniqueDigits(10);
    out.lines = lines;
    const std::int64_t tariff = ibTariffOn(formatDate(first));
    auto all = jsonArray({});
    std::int64_t total = 0;
    for (int k = 1; k <= lines; ++k) {
        // Line 1: 6 hours of the fresh allocation; the others: k hours of no allocation.
        const std::int64_t hours = k == 1 ? 6 : k;
        const std::int64_t number = k == 1 ? out.allocation : 990000000 + k;
        all->add(line(reference(out.prefix, k), number, bsn, first, hours, tariff));
        total += hours * tariff;
    }
    out.accepted_reference = reference(out.prefix, 1);
    const Response r = posted("/declarations",
                              jsonObject({{"number", out.prefix},
                                          {"period_start", formatDate(first)},
                                          {"period_end", formatDate(addMonths(first, 1))},
                                          {"total_submitted_cents", total},
                                          {"lines", all}}),
                              asProvider(out.provider_id));
    out.id = r.num("declaration_id");
    return out;
}

}  // namespace zc::e2e
