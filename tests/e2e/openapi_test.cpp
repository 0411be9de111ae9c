// The OpenAPI document as served (GET /api/v1/openapi.json) against the real server: it is
// public and cacheable, lists every route, and the real JSON answers of the reading routes of
// every area conform to the documented answer schema of their status, so a handler that adds,
// drops or retypes a field fails here until interfaces/http/openapi_shapes_*.cpp says so. The
// answers of the main changes: openapi_flows_test.cpp.
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

TEST(OpenApiConformance, TheDocumentIsPublicCacheableAndListsEveryRoute) {
    const Response r = client().get("/api/v1/openapi.json");
    ASSERT_EQ(r.status, 200) << r.describe();
    EXPECT_NE(r.header("Cache-Control").find("max-age"), std::string::npos);
    EXPECT_EQ(r.str("openapi"), "3.1.0");
    std::size_t operations = 0;
    const auto paths = r.object()->getObject("paths");
    for (const auto& p : paths->getNames()) operations += paths->getObject(p)->size();
    EXPECT_EQ(operations, http::routes().size());
    // The document describes itself, and its error bodies.
    expectConforms("GET", "/openapi.json", r);
    expectConforms("GET", "/contracts/{id}",
                   client().get("/api/v1/contracts/999999999", as("aud.smit")));
    expectConforms("GET", "/payment-runs", client().get("/api/v1/payment-runs", as("cm.jansen")));
    expectConforms("GET", "/declarations",
                   client().get("/api/v1/declarations?limit=0", as("aud.smit")));
    expectConforms("GET", "/auth/me", client().get("/api/v1/auth/me"));
}

// The demo user of a staff role, or the demo provider's API key.
Headers callerOf(app::Role role) {
    switch (role) {
        case app::Role::Admin:
            return as("admin");
        case app::Role::ContractManager:
            return as("cm.jansen");
        case app::Role::AccessOfficer:
            return as("ao.bakker");
        case app::Role::Finance:
            return as("fin.devries");
        case app::Role::BudgetHolder:
            return as("bh.visser");
        case app::Role::Auditor:
            return as("aud.smit");
        case app::Role::Provider:
            break;
    }
    return asProvider(providerIdOf("73000101"));
}

// Every reading route without path parameters, as every role that may call it (the answer of
// its role's view, or its documented refusal when a query parameter is required).
TEST(OpenApiConformance, EveryReadingRouteWithoutParametersConformsForEachRole) {
    std::map<app::Role, Headers> callers;
    int checked = 0;
    for (const auto& route : http::routes()) {
        if (route.method != "GET" || route.pattern.find('{') != std::string::npos ||
            route.client_certificate || route.access == http::Access::Public) {
            continue;
        }
        const std::string pattern = route.pattern.substr(std::string("/api/v1").size());
        for (const auto role : {app::Role::Admin, app::Role::ContractManager,
                                app::Role::AccessOfficer, app::Role::Finance,
                                app::Role::BudgetHolder, app::Role::Auditor, app::Role::Provider}) {
            if (!http::roleAllowed(route, role)) continue;
            if (!callers.count(role)) callers[role] = callerOf(role);
            const Response r = client().get(route.pattern, callers.at(role));
            expectConforms("GET", pattern, r);
            EXPECT_LT(r.status, 500) << route.pattern << " as " << app::roleName(role);
            ++checked;
        }
    }
    EXPECT_GT(checked, 60);
}

TEST(OpenApiConformance, ReadingRoutesOfAccessAndContractingConform) {
    const auto admin = as("admin");
    const auto aud = as("aud.smit");
    checkedGet("/auth/me", admin);
    checkedGet("/users", admin);
    checkedGet("/municipalities", admin);
    checkedGet("/districts", admin);
    checkedGet("/teams", admin);
    checkedGet("/products", admin);
    const std::string provider = firstId(checkedGet("/providers", aud));
    ASSERT_FALSE(provider.empty());
    checkedGet("/providers/{id}", aud, {provider});
    checkedGet("/providers/{id}/api-keys", aud, {provider});
    const std::string procedure = firstId(checkedGet("/procedures", aud));
    if (!procedure.empty()) checkedGet("/procedures/{id}", aud, {procedure});
    const std::string application = firstId(checkedGet("/applications", aud));
    if (!application.empty()) checkedGet("/applications/{id}", aud, {application});
    const Response contracts = checkedGet("/contracts", aud, {}, "?limit=1000");
    for (std::size_t i = 0; i < contracts.array()->size(); i += 7) {
        const auto c = contracts.array()->getObject(static_cast<unsigned>(i));
        const std::string id = c->get("id").toString();
        checkedGet("/contracts/{id}", aud, {id});
        if (c->getValue<std::string>("kind") != "budget") continue;
        checkedGet("/contracts/{id}/advances", aud, {id});
        checkedGet("/contracts/{id}/realisations", aud, {id});
        checkedGet("/contracts/{id}/settlements", aud, {id});
    }
    const Response budget = checkedGet("/contracts", aud, {}, "?kind=budget");
    if (!firstId(budget).empty()) {
        checkedGet("/contracts/{id}", aud, {firstId(budget)});
        checkedGet("/contracts/{id}/advances", aud, {firstId(budget)});
        checkedGet("/contracts/{id}/realisations", aud, {firstId(budget)});
        checkedGet("/contracts/{id}/settlements", aud, {firstId(budget)});
    }
    checkedGet("/queries/eligible-providers", aud, {}, "?product=02A01");
    checkedGet("/queries/tariff", aud, {}, "?agb=73000101&product=02A01&date=" + todayText());
    checkedGet("/audit", admin, {}, "?limit=200");
    checkedGet("/audit/verify", admin);
}

TEST(OpenApiConformance, ReadingRoutesOfClientsMessagesAndDeclarationsConform) {
    const auto aud = as("aud.smit");
    const std::string client_id = firstId(checkedGet("/clients", aud));
    ASSERT_FALSE(client_id.empty());
    checkedGet("/clients/{id}", aud, {client_id});
    checkedGet("/clients/{id}", as("ao.bakker"), {client_id});
    checkedGet("/clients/{id}/decisions", aud, {client_id});
    const std::string number = firstId(checkedGet("/allocations", aud), "number");
    ASSERT_FALSE(number.empty());
    checkedGet("/allocations/{number}", aud, {number});
    const std::int64_t provider = providerIdOf("73000101");
    checkedGet("/allocations", asProvider(provider));
    const std::string request = firstId(checkedGet("/requests", aud));
    if (!request.empty()) checkedGet("/requests/{id}", aud, {request});
    checkedGet("/deadlines/overdue", aud);
    checkedGet("/message-log", aud);
    const Response outbox = client().asProvider("73000101").get("/api/v1/outbox?all=true");
    expectConforms("GET", "/outbox", outbox);
    EXPECT_EQ(outbox.status, 200) << outbox.describe();
    const Response declarations = checkedGet("/declarations", aud);
    for (std::size_t i = 0; i < declarations.array()->size(); i += 5) {
        const auto id = declarations.array()
                            ->getObject(static_cast<unsigned>(i))
                            ->get("declaration_id")
                            .toString();
        const Response d = checkedGet("/declarations/{id}", aud, {id});
        const auto lines = d.object()->getArray("lines");
        if (lines && lines->size() > 0) {
            checkedGet("/claim-lines/{id}/trace", aud, {lines->getObject(0)->get("id").toString()});
        }
    }
    checkedGet("/declarations", as("zorg.vechtstroom"));
    const std::string review = firstId(checkedGet("/reviews", aud));
    if (!review.empty()) checkedGet("/reviews/{id}", aud, {review});
}

TEST(OpenApiConformance, ReadingRoutesOfPaymentsAndBudgetsConform) {
    const auto aud = as("aud.smit");
    const auto fin = as("fin.devries");
    const std::int64_t provider = providerIdOf("73000101");
    const std::string p = std::to_string(provider);
    checkedGet("/provider-balances", aud);
    checkedGet("/payables", aud);
    checkedGet("/payables", asProvider(provider));
    const Response runs = checkedGet("/payment-runs", aud);
    for (std::size_t i = 0; i < runs.array()->size() && i < 5; ++i) {
        checkedGet("/payment-runs/{id}", aud,
                   {runs.array()->getObject(static_cast<unsigned>(i))->get("id").toString()});
    }
    checkedGet("/reconciliation/work-list", aud);
    checkedGet("/municipalities/{code}/debtor-accounts", fin, {kMunicipality});
    checkedGet("/providers/{id}/statement", aud, {p});
    checkedGet("/providers/{id}/statement", asProvider(provider), {p});
    const Response csv = client().get("/api/v1/providers/" + p + "/statement?format=csv", aud);
    expectConforms("GET", "/providers/{id}/statement", csv);
    const std::string budget = firstId(checkedGet("/budgets", aud));
    if (!budget.empty()) checkedGet("/budgets/{id}/exhaustion", aud, {budget});
    checkedGet("/budgets/overview", aud);
    checkedGet("/budgets/overview", aud, {},
               "?year=" + std::to_string(currentYear() - 1) + "&month=6");
    checkedGet("/providers/{id}/spending-ceiling", aud, {p});
    checkedGet("/budget-reallocations", aud);
}

}  // namespace
}  // namespace zc::e2e
