#include "openapi_conformance.hpp"

#include <gtest/gtest.h>

#include <cctype>
#include <sstream>
#include <stdexcept>

#include "e2e/session.hpp"
#include "interfaces/http/json_schema_check.hpp"

namespace zc::e2e {
namespace {

using Poco::JSON::Object;
using test::Headers;
using test::Response;

std::string lower(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

// `pattern` with its placeholders replaced by `values` in order.
std::string fill(const std::string& pattern, const std::vector<std::string>& values) {
    std::string out = pattern;
    for (const auto& v : values) {
        const auto open = out.find('{');
        if (open == std::string::npos) break;
        out.replace(open, out.find('}', open) - open + 1, v);
    }
    return out;
}

}  // namespace

const Object::Ptr& servedOpenApi() {
    static const Object::Ptr doc = [] {
        const Response r = client().get("/api/v1/openapi.json");
        if (r.status != 200) throw std::runtime_error("no OpenAPI document: " + r.describe());
        return r.object();
    }();
    return doc;
}

void expectConforms(const std::string& method, const std::string& pattern, const Response& r) {
    const std::string op = method + " " + pattern;
    const auto item = servedOpenApi()->getObject("paths")->getObject(pattern);
    ASSERT_FALSE(item.isNull()) << op << " is not in the document";
    const auto operation = item->getObject(lower(method));
    ASSERT_FALSE(operation.isNull()) << op << " is not in the document";
    const auto answer = operation->getObject("responses")->getObject(std::to_string(r.status));
    ASSERT_FALSE(answer.isNull()) << op << " answered an undocumented status: " << r.describe();
    const std::string type = r.header("Content-Type");
    const std::string media = type.substr(0, type.find(';'));
    const auto content = answer->getObject("content");
    ASSERT_TRUE(content->has(media)) << op << " answered " << media << ": " << r.describe();
    if (media != "application/json") return;
    const auto schema = content->getObject(media)->getObject("schema");
    const auto problems = http::openapi::schemaProblems(r.json, schema, servedOpenApi());
    std::ostringstream text;
    for (const auto& p : problems) text << "\n  " << p;
    EXPECT_TRUE(problems.empty()) << op << " (" << r.status
                                  << ") differs from the document:" << text.str() << "\n"
                                  << r.text.substr(0, 2000);
}

Response checkedGet(const std::string& pattern, const Headers& who,
                    const std::vector<std::string>& values, const std::string& query) {
    const Response r = client().get("/api/v1" + fill(pattern, values) + query, who);
    expectConforms("GET", pattern, r);
    EXPECT_EQ(r.status, 200) << "GET " << pattern << ": " << r.describe();
    return r;
}

Response checkedPost(const std::string& pattern, const Poco::Dynamic::Var& body, const Headers& who,
                     const std::vector<std::string>& values) {
    const Response r = client().post("/api/v1" + fill(pattern, values), body, who);
    expectConforms("POST", pattern, r);
    return r;
}

std::string firstId(const Response& list, const std::string& key) {
    if (!list.isArray() || list.array()->size() == 0) return "";
    return list.array()->getObject(0)->get(key).toString();
}

std::int64_t providerIdOf(const std::string& agb) {
    const Response r = client().get("/api/v1/providers?limit=1000", as("admin"));
    for (std::size_t i = 0; r.isArray() && i < r.array()->size(); ++i) {
        const auto p = r.array()->getObject(static_cast<unsigned>(i));
        if (p->getValue<std::string>("agb") == agb) return p->getValue<std::int64_t>("id");
    }
    throw std::runtime_error("no provider " + agb);
}

}  // namespace zc::e2e
