// The contracting flow over HTTPS, each step as the role that does it in practice: reference
// data (admin), an open procedure (contract manager), an application (the provider, by API key),
// admission into a contract, indexation, queries, budget contracts and the audit trail.
#include <gtest/gtest.h>

#include <map>
#include <tuple>
#include <vector>

#include "e2e/session.hpp"

namespace zc::e2e {
namespace {

using test::jsonArray;
using test::jsonObject;
using test::Response;

constexpr const char* kMunicipality = "0193";
constexpr const char* kIban = "NL91ABNA0417164300";

std::string id(std::int64_t v) { return std::to_string(v); }

void ensureMunicipality() {
    const Response list = client().get("/api/v1/municipalities?limit=1000", as("admin"));
    if (list.text.find(std::string("\"") + kMunicipality + "\"") != std::string::npos) return;
    const Response r =
        client().post("/api/v1/municipalities",
                      jsonObject({{"code", kMunicipality}, {"name", "Zwolle"}}), as("admin"));
    ASSERT_EQ(r.status, 201) << r.describe();
}

std::string createProduct() {
    const std::string code = uniqueProductCode();
    const Response r = client().post("/api/v1/products",
                                     jsonObject({{"code", code},
                                                 {"category", "10"},
                                                 {"name", "E2E begeleiding " + code},
                                                 {"unit", "hours"},
                                                 {"kind", "per_client"}}),
                                     as("admin"));
    EXPECT_EQ(r.status, 201) << r.describe();
    return code;
}

struct Provider {
    std::int64_t id = 0;
    std::string agb;
};

Provider createProvider(const std::string& name) {
    Provider p;
    p.agb = uniqueAgb();
    const Response r = client().post("/api/v1/providers",
                                     jsonObject({{"agb", p.agb},
                                                 {"kvk", uniqueDigits(8)},
                                                 {"name", name + " " + p.agb},
                                                 {"iban", kIban},
                                                 {"contact_email", "info@example.nl"}}),
                                     as("admin"));
    EXPECT_EQ(r.status, 201) << r.describe();
    if (r.status == 201) p.id = r.num("id");
    return p;
}

// How many the list holds (X-Total-Count: every list is paged).
std::size_t totalOf(const std::string& list, const test::Headers& who) {
    const Response r = client().get("/api/v1/" + list + "?limit=1", who);
    EXPECT_EQ(r.status, 200) << r.describe();
    return std::stoul(r.header("X-Total-Count"));
}

std::size_t providerCount() { return totalOf("providers", as("admin")); }

std::size_t procedureCount() { return totalOf("procedures", as("cm.jansen")); }

Poco::JSON::Array::Ptr contractTariffs(std::int64_t contract_id, const test::Headers& who) {
    const Response r = client().get("/api/v1/contracts/" + id(contract_id), who);
    EXPECT_EQ(r.status, 200) << r.describe();
    return r.object()->getArray("tariffs");
}

TEST(ContractingApi, InvalidOrDuplicateProvidersAreRefusedAndNothingIsWritten) {
    const std::size_t before = providerCount();
    auto body = jsonObject(
        {{"agb", "1234"}, {"kvk", "12345678"}, {"name", "Zorg zonder AGB"}, {"iban", kIban}});
    const Response bad_agb = client().post("/api/v1/providers", body, as("admin"));
    EXPECT_EQ(bad_agb.status, 400) << bad_agb.describe();
    EXPECT_EQ(bad_agb.code(), "INVALID_AGB");
    EXPECT_EQ(bad_agb.field(), "agb");
    EXPECT_EQ(providerCount(), before);

    body->set("agb", uniqueAgb());
    body->set("iban", "NL00ABNA0417164300");
    const Response bad_iban = client().post("/api/v1/providers", body, as("admin"));
    EXPECT_EQ(bad_iban.status, 400) << bad_iban.describe();
    EXPECT_EQ(bad_iban.code(), "INVALID_IBAN");
    EXPECT_EQ(bad_iban.field(), "iban");
    EXPECT_EQ(providerCount(), before);

    const Provider first = createProvider("Zorg Eerst");
    ASSERT_GT(first.id, 0);
    EXPECT_EQ(providerCount(), before + 1);
    body->set("agb", first.agb);
    body->set("iban", kIban);
    const Response duplicate = client().post("/api/v1/providers", body, as("cm.jansen"));
    EXPECT_EQ(duplicate.status, 409) << duplicate.describe();
    EXPECT_EQ(duplicate.code(), "DUPLICATE_AGB");
    EXPECT_EQ(duplicate.field(), "agb");
    EXPECT_EQ(providerCount(), before + 1);
}

TEST(ContractingApi, OpenProcedureAdmitsAProviderIntoAContractWithIndexedTariffs) {
    ensureMunicipality();
    const int year = currentYear();
    const std::string today = todayText();
    const std::string product = createProduct();
    const Provider provider = createProvider("Zorg Toegelaten");
    const Provider outsider = createProvider("Zorg Buitenstaander");
    ASSERT_GT(provider.id, 0);
    ASSERT_GT(outsider.id, 0);
    const auto cm = as("cm.jansen");

    // The contract manager sets up an open procedure: lot, two requirements, a tariff.
    const Response proc =
        client().post("/api/v1/procedures",
                      jsonObject({{"municipality_code", kMunicipality},
                                  {"kind", "open"},
                                  {"name", "E2E bestuurlijke aanbesteding " + product},
                                  {"term_start", std::to_string(year) + "-01-01"},
                                  {"term_end", std::to_string(year + 4) + "-01-01"}}),
                      cm);
    ASSERT_EQ(proc.status, 201) << proc.describe();
    EXPECT_TRUE(proc.object()->getValue<bool>("applications_open"));
    const std::string base = "/api/v1/procedures/" + id(proc.num("id"));
    const Response lot =
        client().post(base + "/lots",
                      jsonObject({{"name", "Perceel 1"}, {"products", jsonArray({product})}}), cm);
    ASSERT_EQ(lot.status, 201) << lot.describe();
    const Response req1 =
        client().post(base + "/requirements", jsonObject({{"text", "Kwaliteitskeurmerk"}}), cm);
    const Response req2 =
        client().post(base + "/requirements", jsonObject({{"text", "VOG voor medewerkers"}}), cm);
    ASSERT_EQ(req1.status, 201) << req1.describe();
    ASSERT_EQ(req2.status, 201) << req2.describe();
    const Response tariff =
        client().post(base + "/tariffs",
                      jsonObject({{"product_code", product},
                                  {"tariff_cents", 6580},
                                  {"valid_from", std::to_string(year) + "-01-01"}}),
                      cm);
    ASSERT_EQ(tariff.status, 201) << tariff.describe();

    // Recorded tariffs are never changed: same or earlier start dates overlap.
    for (const std::string& from :
         {std::to_string(year) + "-01-01", std::to_string(year - 1) + "-06-01"}) {
        const Response overlap = client().post(
            base + "/tariffs",
            jsonObject({{"product_code", product}, {"tariff_cents", 7000}, {"valid_from", from}}),
            cm);
        EXPECT_EQ(overlap.status, 409) << overlap.describe();
        EXPECT_EQ(overlap.code(), "TARIFF_OVERLAP");
    }
    const Response proc_view = client().get(base, cm);
    ASSERT_EQ(proc_view.status, 200) << proc_view.describe();
    ASSERT_EQ(proc_view.object()->getArray("tariffs")->size(), 1u);
    EXPECT_EQ(proc_view.object()->getArray("tariffs")->getObject(0)->getValue<std::int64_t>(
                  "tariff_cents"),
              6580);

    // The provider applies by API key; an incomplete application is refused.
    const auto as_provider = asProvider(provider.id);
    const std::int64_t lot_id = lot.num("id");
    const Response incomplete = client().post(
        base + "/applications",
        jsonObject({{"lots", jsonArray({lot_id})},
                    {"answers", jsonArray({jsonObject({{"requirement_id", req1.num("id")},
                                                       {"answer", "Keurmerk sinds 2019"}})})}}),
        as_provider);
    EXPECT_TRUE(incomplete.status == 400 || incomplete.status == 422) << incomplete.describe();
    EXPECT_EQ(incomplete.code(), "MISSING_ANSWER");
    EXPECT_EQ(client().get("/api/v1/applications", as_provider).array()->size(), 0u);

    const Response applied = client().post(
        base + "/applications",
        jsonObject({{"lots", jsonArray({lot_id})},
                    {"answers", jsonArray({jsonObject({{"requirement_id", req1.num("id")},
                                                       {"answer", "Keurmerk sinds 2019"}}),
                                           jsonObject({{"requirement_id", req2.num("id")},
                                                       {"answer", "Alle medewerkers"}})})}}),
        as_provider);
    ASSERT_EQ(applied.status, 201) << applied.describe();
    EXPECT_EQ(applied.str("status"), "submitted");
    const std::string application = "/api/v1/applications/" + id(applied.num("id"));

    // The contract manager assesses both requirements and admits.
    for (const auto& req : {req1, req2}) {
        const Response assessed =
            client().post(application + "/assessments",
                          jsonObject({{"requirement_id", req.num("id")}, {"met", true}}), cm);
        ASSERT_EQ(assessed.status, 200) << assessed.describe();
    }
    const Response admitted =
        client().post(application + "/decision", jsonObject({{"decision", "admit"}}), cm);
    ASSERT_EQ(admitted.status, 200) << admitted.describe();
    EXPECT_EQ(admitted.str("status"), "admitted");
    const auto contracts = admitted.object()->getArray("contracts");
    ASSERT_EQ(contracts->size(), 1u) << admitted.describe();
    const std::int64_t contract_id = contracts->getElement<std::int64_t>(0);
    const std::string contract = "/api/v1/contracts/" + id(contract_id);

    // The provider sees its contract and its tariff; another provider does not.
    const Response own = client().get(contract, as_provider);
    ASSERT_EQ(own.status, 200) << own.describe();
    EXPECT_EQ(own.str("status"), "active");
    EXPECT_EQ(own.str("provider_agb"), provider.agb);
    auto tariffs = own.object()->getArray("tariffs");
    ASSERT_EQ(tariffs->size(), 1u) << own.describe();
    EXPECT_EQ(tariffs->getObject(0)->getValue<std::string>("product_code"), product);
    EXPECT_EQ(tariffs->getObject(0)->getValue<std::int64_t>("tariff_cents"), 6580);
    EXPECT_EQ(tariffs->getObject(0)->getValue<std::string>("valid_from"), today);
    const Response foreign = client().get(contract, asProvider(outsider.id));
    EXPECT_EQ(foreign.status, 404) << foreign.describe();
    EXPECT_EQ(foreign.code(), "NOT_FOUND");
    EXPECT_EQ(client().get(contract + "/advances", asProvider(outsider.id)).status, 404);

    // Indexation by 2.5 %: 6580 * 1.025 = 6744.5 cents, rounded half up to 6745 (half-even or
    // truncation would give 6744). The old version stays as it was.
    const std::string next_year = std::to_string(year + 1) + "-01-01";
    const Response indexed = client().post(
        contract + "/indexations", jsonObject({{"percentage", "2.5"}, {"from", next_year}}), cm);
    ASSERT_EQ(indexed.status, 201) << indexed.describe();
    EXPECT_EQ(indexed.num("new_versions"), 1);
    tariffs = contractTariffs(contract_id, cm);
    ASSERT_EQ(tariffs->size(), 2u);
    EXPECT_EQ(tariffs->getObject(0)->getValue<std::int64_t>("tariff_cents"), 6580);
    EXPECT_EQ(tariffs->getObject(0)->getValue<std::string>("valid_from"), today);
    EXPECT_EQ(tariffs->getObject(1)->getValue<std::int64_t>("tariff_cents"), 6745);
    EXPECT_EQ(tariffs->getObject(1)->getValue<std::string>("valid_from"), next_year);

    // Status: an active contract never goes back to draft.
    const Response illegal =
        client().post(contract + "/status", jsonObject({{"status", "draft"}}), cm);
    EXPECT_EQ(illegal.status, 409) << illegal.describe();
    EXPECT_EQ(illegal.code(), "ILLEGAL_STATUS_CHANGE");
    EXPECT_EQ(client().get(contract, cm).str("status"), "active");

    // Queries for later flows.
    const std::string q = "/api/v1/queries/tariff?agb=" + provider.agb + "&product=" + product;
    const Response now = client().get(q + "&date=" + today, as("ao.bakker"));
    ASSERT_EQ(now.status, 200) << now.describe();
    EXPECT_EQ(now.num("tariff_cents"), 6580);
    EXPECT_EQ(now.num("contract_id"), contract_id);
    const Response later =
        client().get(q + "&date=" + std::to_string(year + 1) + "-06-01", as("fin.devries"));
    ASSERT_EQ(later.status, 200) << later.describe();
    EXPECT_EQ(later.num("tariff_cents"), 6745);
    const Response before = client().get(q + "&date=2000-01-01", as("ao.bakker"));
    EXPECT_EQ(before.status, 404) << before.describe();
    EXPECT_TRUE(before.code() == "NO_CONTRACT" || before.code() == "NO_TARIFF")
        << before.describe();

    const Response eligible =
        client().get("/api/v1/queries/eligible-providers?product=" + product + "&date=" + today,
                     as("ao.bakker"));
    ASSERT_EQ(eligible.status, 200) << eligible.describe();
    ASSERT_EQ(eligible.array()->size(), 1u) << eligible.describe();
    EXPECT_EQ(eligible.array()->getObject(0)->getValue<std::string>("agb"), provider.agb);
    EXPECT_EQ(eligible.array()->getObject(0)->getValue<std::int64_t>("contract_id"), contract_id);
    const Response none =
        client().get("/api/v1/queries/eligible-providers?product=" + product + "&date=2000-01-01",
                     as("ao.bakker"));
    ASSERT_EQ(none.status, 200) << none.describe();
    EXPECT_EQ(none.array()->size(), 0u);

    // Every change of the flow is in the audit trail, under the actor who made it.
    const std::vector<std::tuple<std::string, std::string, std::string, std::string>> expected = {
        {"procedure", id(proc.num("id")), "procedure.create", "cm.jansen"},
        {"procedure", id(proc.num("id")), "procedure.add_tariff", "cm.jansen"},
        {"application", id(applied.num("id")), "application.submit", "provider:" + provider.agb},
        {"application", id(applied.num("id")), "application.admit", "cm.jansen"},
        {"contract", id(contract_id), "contract.create", "cm.jansen"},
        {"contract", id(contract_id), "contract.indexation", "cm.jansen"},
    };
    for (const auto& [type, object_id, action, actor] : expected) {
        const Response audit = client().get(
            "/api/v1/audit?object_type=" + type + "&object_id=" + object_id + "&action=" + action,
            as("aud.smit"));
        ASSERT_EQ(audit.status, 200) << audit.describe();
        ASSERT_EQ(audit.array()->size(), 1u) << action << ": " << audit.describe();
        EXPECT_EQ(audit.array()->getObject(0)->getValue<std::string>("actor"), actor) << action;
    }
}

TEST(ContractingApi, BadJsonAndImpossibleDatesAreRefusedWithTheirField) {
    ensureMunicipality();
    const std::size_t providers = providerCount();
    for (const char* body : {"{\"agb\": ", "[1, 2]", "not json at all"}) {
        const Response r =
            client().request("POST", "/api/v1/providers", std::string(body), as("admin"));
        EXPECT_EQ(r.status, 400) << body << ": " << r.describe();
        EXPECT_EQ(r.code(), "INVALID_JSON") << body;
    }
    EXPECT_EQ(providerCount(), providers);

    const std::size_t procedures = procedureCount();
    const Response bad_date = client().post("/api/v1/procedures",
                                            jsonObject({{"municipality_code", kMunicipality},
                                                        {"kind", "open"},
                                                        {"name", "E2E onmogelijke datum"},
                                                        {"term_start", "2025-02-30"},
                                                        {"term_end", "2029-01-01"}}),
                                            as("cm.jansen"));
    EXPECT_EQ(bad_date.status, 400) << bad_date.describe();
    EXPECT_EQ(bad_date.code(), "INVALID_DATE");
    EXPECT_EQ(bad_date.field(), "term_start");
    EXPECT_EQ(procedureCount(), procedures);

    const Response bad_query = client().get(
        "/api/v1/queries/tariff?agb=12345678&product=02A01&date=2025-02-30", as("ao.bakker"));
    EXPECT_EQ(bad_query.status, 400) << bad_query.describe();
    EXPECT_EQ(bad_query.code(), "INVALID_DATE");
    EXPECT_EQ(bad_query.field(), "date");
}

TEST(ContractingApi, BudgetContractAdvancesSumToTheBudgetOfEachYear) {
    ensureMunicipality();
    const int year = currentYear();
    const std::string product = createProduct();
    const Provider lead = createProvider("Zorg Penvoerder");
    const Provider member = createProvider("Zorg Partner");
    ASSERT_GT(lead.id, 0);
    ASSERT_GT(member.id, 0);
    const std::map<int, std::int64_t> budgets = {{year, 1200007}, {year + 1, 999999}};
    auto budget_array = jsonArray({});
    for (const auto& [y, cents] : budgets) {
        budget_array->add(jsonObject({{"year", y}, {"budget_cents", cents}}));
    }
    const Response created = client().post(
        "/api/v1/budget-contracts",
        jsonObject({{"lead_provider_id", lead.id},
                    {"member_provider_ids", jsonArray({member.id})},
                    {"municipality_code", kMunicipality},
                    {"term_start", std::to_string(year) + "-01-01"},
                    {"term_end", std::to_string(year + 2) + "-01-01"},
                    {"products", jsonArray({product})},
                    {"budgets", budget_array},
                    {"performance_agreements",
                     jsonArray({jsonObject(
                         {{"indicator", "Wachttijd"}, {"target", 28}, {"unit", "dagen"}})})}}),
        as("cm.jansen"));
    ASSERT_EQ(created.status, 201) << created.describe();
    EXPECT_EQ(created.str("kind"), "budget");
    EXPECT_EQ(created.object()->getArray("coalition")->size(), 2u);
    const std::string advances = "/api/v1/contracts/" + id(created.num("id")) + "/advances";

    const Response r = client().get(advances, as("fin.devries"));
    ASSERT_EQ(r.status, 200) << r.describe();
    std::map<int, std::int64_t> sums;
    std::map<int, int> months;
    for (std::size_t i = 0; i < r.array()->size(); ++i) {
        const auto a = r.array()->getObject(i);
        const int y = a->getValue<int>("year");
        sums[y] += a->getValue<std::int64_t>("amount_cents");
        ++months[y];
    }
    EXPECT_EQ(sums.size(), budgets.size()) << r.describe();
    for (const auto& [y, cents] : budgets) {
        EXPECT_EQ(sums[y], cents) << "year " << y;
        EXPECT_EQ(months[y], 12) << "year " << y;
    }
    // The coalition member sees the advances too; an outsider does not.
    EXPECT_EQ(client().get(advances, asProvider(member.id)).status, 200);
    const Provider outsider = createProvider("Zorg Elders");
    EXPECT_EQ(client().get(advances, asProvider(outsider.id)).status, 404);
}

TEST(ContractingApi, ChangesAreInTheAuditTrailAndTheChainVerifies) {
    const Provider provider = createProvider("Zorg Gecontroleerd");
    ASSERT_GT(provider.id, 0);
    const Response audit = client().get(
        "/api/v1/audit?object_type=provider&object_id=" + id(provider.id), as("aud.smit"));
    ASSERT_EQ(audit.status, 200) << audit.describe();
    bool created = false;
    for (std::size_t i = 0; i < audit.array()->size(); ++i) {
        const auto row = audit.array()->getObject(i);
        if (row->getValue<std::string>("action") != "provider.create") continue;
        created = true;
        EXPECT_EQ(row->getValue<std::string>("actor"), "admin");
        EXPECT_EQ(row->getValue<std::string>("result"), "ok");
        EXPECT_NE(row->getValue<std::string>("after").find(provider.agb), std::string::npos);
    }
    EXPECT_TRUE(created) << audit.describe();

    const Response verify = client().get("/api/v1/audit/verify", as("aud.smit"));
    ASSERT_EQ(verify.status, 200) << verify.describe();
    EXPECT_TRUE(verify.object()->getValue<bool>("ok")) << verify.describe();
    EXPECT_GT(verify.num("rows_checked"), 0);
}

}  // namespace
}  // namespace zc::e2e
