// The route table is the single source of who may do what; docs/api.md documents it.
#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>

#include "interfaces/http/routes.hpp"

namespace {

using zc::http::Access;
using zc::http::routes;

TEST(RouteTable, EveryRouteHasAHandlerAndAUniqueMethodAndPath) {
    std::set<std::string> seen;
    for (const auto& r : routes()) {
        EXPECT_TRUE(static_cast<bool>(r.handler)) << r.method << " " << r.pattern;
        EXPECT_TRUE(seen.insert(r.method + " " + r.pattern).second) << r.pattern;
    }
}

TEST(RouteTable, RestrictedRoutesNameAtLeastOneRole) {
    for (const auto& r : routes()) {
        if (r.access == Access::Roles) {
            EXPECT_FALSE(r.roles.empty()) << r.pattern;
        }
    }
}

// Issue 15: the API's description (OpenAPI) is public too.
TEST(RouteTable, OnlyLoginAndTheApiDescriptionArePublic) {
    for (const auto& r : routes()) {
        if (r.access == Access::Public) {
            EXPECT_TRUE(r.pattern == "/api/v1/auth/login" || r.pattern == "/api/v1/openapi.json")
                << r.pattern;
        }
    }
}

TEST(RouteTable, MatchesPlaceholdersAndTellsWrongMethodFromUnknownPath) {
    std::map<std::string, std::string> params;
    bool exists = false;
    const auto* r = zc::http::matchRoute("POST", "/api/v1/contracts/42/status", params, exists);
    ASSERT_NE(r, nullptr);
    EXPECT_EQ(params.at("id"), "42");
    EXPECT_EQ(zc::http::matchRoute("DELETE", "/api/v1/contracts/42", params, exists), nullptr);
    EXPECT_TRUE(exists);
    EXPECT_EQ(zc::http::matchRoute("GET", "/api/v1/nothing", params, exists), nullptr);
    EXPECT_FALSE(exists);
}

TEST(RouteTable, DocsApiDocumentsEveryEndpointWithItsRoles) {
    std::ifstream in(ZC_SOURCE_DIR "/docs/api.md");
    ASSERT_TRUE(in) << "docs/api.md not found";
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string readme = ss.str();
    for (const auto& r : routes()) {
        const std::string path = r.pattern.substr(std::string("/api/v1").size());
        const std::string needle = "| " + r.method + " | `" + path + "` |";
        EXPECT_NE(readme.find(needle), std::string::npos) << "docs/api.md lacks the row " << needle;
    }
}

}  // namespace
