// The answers of the main changes against the served OpenAPI document: the contracting flow
// (procedure to contract, indexation, blocks, API keys), a client's decision, allocation and
// declaration, and a payment run and budget (see openapi_test.cpp for the reading routes).
#include <gtest/gtest.h>

#include <map>

#include "contracting/kernel/civil_date.hpp"
#include "e2e/declarations.hpp"
#include "e2e/openapi_conformance.hpp"
#include "e2e/session.hpp"
#include "interfaces/http/routes.hpp"

namespace zc::e2e {
namespace {

using test::Headers;
using test::jsonArray;
using test::jsonObject;
using test::Response;

constexpr const char* kMunicipality = "0193";

TEST(OpenApiConformance, TheContractingFlowAnswersConform) {
    const auto admin = as("admin");
    const auto cm = as("cm.jansen");
    const int year = currentYear();
    const std::string product = uniqueProductCode();
    ASSERT_EQ(checkedPost("/products",
                          jsonObject({{"code", product},
                                      {"category", "10"},
                                      {"name", "OpenAPI " + product},
                                      {"unit", "hours"},
                                      {"kind", "per_client"}}),
                          admin)
                  .status,
              201);
    const std::string agb = uniqueAgb();
    const Response provider = checkedPost("/providers",
                                          jsonObject({{"agb", agb},
                                                      {"kvk", uniqueDigits(8)},
                                                      {"name", "OpenAPI Zorg " + agb},
                                                      {"iban", "NL91ABNA0417164300"}}),
                                          admin);
    ASSERT_EQ(provider.status, 201) << provider.describe();
    const std::string provider_id = std::to_string(provider.num("id"));
    const Response key = checkedPost("/providers/{id}/api-keys", jsonObject({{"label", "openapi"}}),
                                     admin, {provider_id});
    ASSERT_EQ(key.status, 201) << key.describe();
    const Headers as_provider = {{"X-Api-Key", key.str("api_key")}};
    const std::string from = std::to_string(year) + "-01-01";
    const Response proc =
        checkedPost("/procedures",
                    jsonObject({{"municipality_code", kMunicipality},
                                {"kind", "open"},
                                {"name", "OpenAPI " + product},
                                {"term_start", from},
                                {"term_end", std::to_string(year + 4) + "-01-01"}}),
                    cm);
    ASSERT_EQ(proc.status, 201) << proc.describe();
    const std::string pid = std::to_string(proc.num("id"));
    const Response lot = checkedPost(
        "/procedures/{id}/lots",
        jsonObject({{"name", "Perceel 1"}, {"products", jsonArray({product})}}), cm, {pid});
    const Response req =
        checkedPost("/procedures/{id}/requirements", jsonObject({{"text", "Keurmerk"}}), cm, {pid});
    ASSERT_EQ(req.status, 201) << req.describe();
    EXPECT_EQ(
        checkedPost(
            "/procedures/{id}/tariffs",
            jsonObject({{"product_code", product}, {"tariff_cents", 6580}, {"valid_from", from}}),
            cm, {pid})
            .status,
        201);
    checkedGet("/procedures/{id}", cm, {pid});
    const Response applied = checkedPost(
        "/procedures/{id}/applications",
        jsonObject({{"lots", jsonArray({lot.num("id")})},
                    {"answers", jsonArray({jsonObject({{"requirement_id", req.num("id")},
                                                       {"answer", "Sinds 2019"}})})}}),
        as_provider, {pid});
    ASSERT_EQ(applied.status, 201) << applied.describe();
    const std::string aid = std::to_string(applied.num("id"));
    checkedPost("/applications/{id}/assessments",
                jsonObject({{"requirement_id", req.num("id")}, {"met", true}}), cm, {aid});
    const Response admitted =
        checkedPost("/applications/{id}/decision", jsonObject({{"decision", "admit"}}), cm, {aid});
    ASSERT_EQ(admitted.status, 200) << admitted.describe();
    const std::string cid =
        std::to_string(admitted.object()->getArray("contracts")->getElement<std::int64_t>(0));
    checkedGet("/contracts/{id}", as_provider, {cid});
    EXPECT_EQ(checkedPost("/contracts/{id}/indexations",
                          jsonObject({{"percentage", "2.5"},
                                      {"from", std::to_string(year + 1) + "-01-01"}}),
                          cm, {cid})
                  .status,
              201);
    checkedPost("/contracts/{id}/status", jsonObject({{"status", "draft"}}), cm, {cid});  // a 409
    EXPECT_LT(checkedPost("/procedures/{id}/indexations",
                          jsonObject({{"percentage", "1.0"},
                                      {"from", std::to_string(year + 2) + "-01-01"}}),
                          cm, {pid})
                  .status,
              500);
    EXPECT_EQ(checkedPost("/providers/{id}/block", jsonObject({{"reason", "onderzoek"}}),
                          as("fin.devries"), {provider_id})
                  .status,
              200);
    checkedGet("/providers/{id}", as("aud.smit"), {provider_id});
    EXPECT_EQ(checkedPost("/providers/{id}/unblock", jsonObject({{"reason", "afgerond"}}),
                          as("fin.devries"), {provider_id})
                  .status,
              200);
    const std::string key_id = std::to_string(key.num("id"));
    EXPECT_EQ(checkedPost("/providers/{id}/api-keys/{key_id}/revoke", jsonObject({}), admin,
                          {provider_id, key_id})
                  .status,
              200);
}

// A fresh BSN that passes the elfproef, starting with 7 (outside the demo's and other tests').
std::string uniqueBsn() {
    for (;;) {
        std::string digits = "7" + uniqueDigits(7);
        int sum = 0;
        for (int i = 0; i < 8; ++i) sum += (9 - i) * (digits[static_cast<std::size_t>(i)] - '0');
        if (sum % 11 == 10) continue;
        return digits + std::to_string(sum % 11);
    }
}

TEST(OpenApiConformance, TheAllocationAndDeclarationFlowAnswersConform) {
    const auto ao = as("ao.bakker");
    const std::string bsn = uniqueBsn();
    const Response created = checkedPost("/clients",
                                         jsonObject({{"bsn", bsn},
                                                     {"surname", "Openapi"},
                                                     {"initials", "O."},
                                                     {"birth_date", "1950-03-01"},
                                                     {"gender", "1"},
                                                     {"house_number", "3"},
                                                     {"postcode", "8011AB"},
                                                     {"municipality_code", kMunicipality}}),
                                         ao);
    ASSERT_EQ(created.status, 201) << created.describe();
    const std::string client_id = std::to_string(created.num("id"));
    checkedGet("/clients", ao, {}, "?bsn=" + bsn);
    const Date today = parseDate(todayText());
    const Response decision =
        checkedPost("/clients/{id}/decisions",
                    jsonObject({{"number", 100000000 + std::stoll(uniqueDigits(8))},
                                {"decision_date", todayText()},
                                {"valid_from", todayText()},
                                {"valid_to", formatDate(addDays(today, 120))},
                                {"products", jsonArray({jsonObject({{"product_code", "02A01"},
                                                                    {"volume", 4},
                                                                    {"unit", "hours"},
                                                                    {"frequency", "week"},
                                                                    {"financing", "ZIN"}})})}}),
                    ao, {client_id});
    ASSERT_EQ(decision.status, 201) << decision.describe();
    const auto granted =
        decision.object()->getArray("products")->getObject(0)->getValue<std::int64_t>("id");
    const std::int64_t provider = providerIdOf("73000101");
    const Response allocation =
        checkedPost("/allocations",
                    jsonObject({{"granted_product_id", granted},
                                {"provider_id", provider},
                                {"start_date", todayText()},
                                {"volume", 3},
                                {"referentie_aanbieder", "OA-" + uniqueDigits(6)}}),
                    ao);
    ASSERT_EQ(allocation.status, 201) << allocation.describe();
    const std::string number = std::to_string(allocation.num("number"));
    checkedGet("/allocations/{number}", asProvider(provider), {number});
    EXPECT_LT(checkedPost("/allocations/{number}/changes",
                          jsonObject({{"end_date", formatDate(addDays(today, 100))},
                                      {"reason_code", "01"}}),
                          as("cm.jansen"), {number})
                  .status,
              500);
    checkedPost("/clients/{id}/message-safety", jsonObject({{"withhold", false}}), ao, {client_id});

    // A one-hour declaration of the allocation's first day: dry run, then for real.
    const std::string day = todayText();
    const std::string next = formatDate(addDays(today, 1));
    const std::int64_t tariff = ibTariffOn(day);
    auto line = jsonObject({{"reference", "OA" + uniqueDigits(8)},
                            {"allocation_number", allocation.num("number")},
                            {"bsn", bsn},
                            {"category", "02"},
                            {"product_code", "02A01"},
                            {"period_start", day},
                            {"period_end", next},
                            {"volume", 1},
                            {"unit", "hours"},
                            {"tariff_cents", tariff},
                            {"amount_cents", tariff}});
    auto declaration =
        jsonObject({{"number", "OA" + uniqueDigits(8)},
                    {"period_start", day.substr(0, 8) + "01"},
                    {"period_end", formatDate(addMonths(parseDate(day.substr(0, 8) + "01"), 1))},
                    {"total_submitted_cents", tariff},
                    {"lines", jsonArray({line})}});
    const Response dry = checkedPost("/declarations/dry-run", declaration, asProvider(provider));
    EXPECT_LT(dry.status, 500) << dry.describe();
    const Response real = checkedPost("/declarations", declaration, asProvider(provider));
    EXPECT_LT(real.status, 500) << real.describe();
    if (real.object()->has("declaration_id")) {
        checkedGet("/declarations/{id}", as("aud.smit"),
                   {std::to_string(real.num("declaration_id"))});
    }
    EXPECT_LT(checkedPost(
                  "/allocations/{number}/end",
                  jsonObject({{"end_date", formatDate(addDays(today, 50))}, {"reason_code", "01"}}),
                  as("cm.jansen"), {number})
                  .status,
              500);
}

TEST(OpenApiConformance, ThePaymentAndBudgetAnswersConform) {
    const auto fin = as("fin.devries");
    const std::int64_t provider = providerIdOf("73000101");
    const Response run = checkedPost("/payment-runs",
                                     jsonObject({{"municipality_codes", jsonArray({kMunicipality})},
                                                 {"due_until", todayText()},
                                                 {"provider_ids", jsonArray({provider})}}),
                                     fin);
    if (run.status == 201) {
        const std::string id = std::to_string(run.num("id"));
        checkedGet("/payment-runs/{id}", fin, {id});
        EXPECT_LT(checkedPost("/payment-runs/{id}/cancel", jsonObject({{"reason", "openapi test"}}),
                              fin, {id})
                      .status,
                  500);
    }
    const int year = 2900 + static_cast<int>(std::stoi(uniqueDigits(4)) % 99);
    const Response budget = checkedPost("/budgets",
                                        jsonObject({{"year", year},
                                                    {"municipality_code", kMunicipality},
                                                    {"product_category", "02"},
                                                    {"financing_kind", "ZIN"},
                                                    {"amount_cents", 1000000}}),
                                        fin);
    EXPECT_LT(budget.status, 500) << budget.describe();
    if (budget.status == 201) {
        checkedGet("/budgets/{id}/exhaustion", fin, {std::to_string(budget.num("id"))},
                   "?date=" + std::to_string(year) + "-06-30");
    }
    EXPECT_LT(checkedPost("/advances/post-due", jsonObject({{"date", "2000-01-01"}}), fin).status,
              500);
}

}  // namespace
}  // namespace zc::e2e
