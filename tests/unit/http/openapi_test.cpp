// The OpenAPI document (interfaces/http/openapi_document.cpp) lists exactly the routes of the
// route table, each with its roles, parameters, request and answer shapes; it is valid
// OpenAPI 3.1 in structure; and the schema check the e2e test relies on can fail.
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "contracting/kernel/outcome_codes.hpp"
#include "interfaces/http/error_mapping.hpp"
#include "interfaces/http/json_output.hpp"
#include "interfaces/http/json_schema_check.hpp"
#include "interfaces/http/openapi_document.hpp"
#include "interfaces/http/openapi_notation.hpp"
#include "interfaces/http/openapi_shapes.hpp"
#include "interfaces/http/routes.hpp"

namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;
using zc::http::Access;
using zc::http::routes;
using zc::http::openapi::schemaOf;
using zc::http::openapi::schemaProblems;

// Routes whose shapes are not written yet: may only shrink (like scripts/check-sizes.sh KNOWN).
const std::set<std::string> kNotYetDescribed = {};

std::string opOf(const zc::http::Route& r) {
    return r.method + " " + r.pattern.substr(std::string("/api/v1").size());
}

std::string lower(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

std::map<std::string, zc::http::openapi::OperationShape> shapesByOp() {
    std::map<std::string, zc::http::openapi::OperationShape> out;
    for (const auto& s : zc::http::openapi::operationShapes()) {
        EXPECT_TRUE(out.emplace(s.op, s).second) << "described twice: " << s.op;
    }
    return out;
}

const Object::Ptr& document() {
    static const Object::Ptr doc = zc::http::openApiDocument();
    return doc;
}

Poco::Dynamic::Var parse(const std::string& json) { return Poco::JSON::Parser().parse(json); }

TEST(OpenApi, EveryRouteIsDescribedWithItsBodyAndAnswers) {
    const auto shapes = shapesByOp();
    for (const auto& r : routes()) {
        const std::string op = opOf(r);
        const auto it = shapes.find(op);
        if (kNotYetDescribed.count(op)) {
            EXPECT_EQ(it, shapes.end()) << op << " is described now: remove it from the list";
            continue;
        }
        ASSERT_NE(it, shapes.end())
            << "no shape for " << op << " (interfaces/http/openapi_shapes_*)";
        const auto& s = it->second;
        EXPECT_FALSE(s.summary.empty()) << op;
        EXPECT_FALSE(s.answers.empty()) << op;
        if (r.method == "GET") {
            EXPECT_TRUE(s.request.empty()) << op << ": a GET takes no body";
        } else {
            EXPECT_FALSE(s.request.empty()) << op << ": say the body, or \"-\" when none is read";
        }
        const bool file = s.request == "xml" || s.request == "csv";
        EXPECT_EQ(file, r.xml_body) << op << ": a file body exactly where the route reads one";
        for (const auto& a : s.answers) {
            EXPECT_EQ(a.schema.empty(), a.media != "application/json") << op;
        }
    }
}

TEST(OpenApi, NoOperationIsDescribedWithoutItsRoute) {
    std::set<std::string> ops;
    for (const auto& r : routes()) ops.insert(opOf(r));
    for (const auto& [op, shape] : shapesByOp()) EXPECT_TRUE(ops.count(op)) << "no route: " << op;
    for (const auto& op : kNotYetDescribed) EXPECT_TRUE(ops.count(op)) << "no route: " << op;
}

TEST(OpenApi, TheDocumentListsExactlyTheRoutesWithRolesAndPathParameters) {
    const auto paths = document()->getObject("paths");
    std::size_t operations = 0;
    for (const auto& p : paths->getNames()) operations += paths->getObject(p)->size();
    EXPECT_EQ(operations, routes().size());
    for (const auto& r : routes()) {
        const std::string path = r.pattern.substr(std::string("/api/v1").size());
        ASSERT_TRUE(paths->has(path)) << path;
        const auto op = paths->getObject(path)->getObject(lower(r.method));
        ASSERT_FALSE(op.isNull()) << opOf(r);
        std::set<std::string> roles;
        const auto listed = op->getArray("x-roles");
        for (std::size_t i = 0; i < listed->size(); ++i)
            roles.insert(listed->getElement<std::string>(i));
        if (r.access == Access::Roles) {
            std::set<std::string> expected;
            for (const auto role : r.roles) expected.insert(zc::app::roleName(role));
            EXPECT_EQ(roles, expected) << opOf(r);
        } else if (r.access == Access::Public) {
            EXPECT_TRUE(roles.empty()) << opOf(r);
            EXPECT_EQ(op->getArray("security")->size(), 0u) << opOf(r) << " needs no credentials";
        } else {
            EXPECT_EQ(roles.size(), 7u) << opOf(r);
        }
        // Every {placeholder} is a required path parameter, and no other path parameter.
        std::set<std::string> in_path;
        const std::regex placeholder("\\{([a-z_]+)\\}");
        for (std::sregex_iterator m(path.begin(), path.end(), placeholder), end; m != end; ++m) {
            in_path.insert((*m)[1]);
        }
        std::set<std::string> declared;
        const auto params = op->getArray("parameters");
        for (std::size_t i = 0; i < params->size(); ++i) {
            const auto p = params->getObject(i);
            if (p->getValue<std::string>("in") != "path") continue;
            EXPECT_TRUE(p->getValue<bool>("required")) << opOf(r);
            declared.insert(p->getValue<std::string>("name"));
        }
        EXPECT_EQ(declared, in_path) << opOf(r);
        EXPECT_EQ(op->has("requestBody"), r.method != "GET" && !op->has("x-undescribed") &&
                                              shapesByOp().at(opOf(r)).request != "-")
            << opOf(r);
    }
}

TEST(OpenApi, MessageRoutesNeedTheClientCertificateAndProviderRoutesTakeTheApiKey) {
    const auto paths = document()->getObject("paths");
    for (const auto& r : routes()) {
        const auto op = paths->getObject(r.pattern.substr(7))->getObject(lower(r.method));
        const std::string security = zc::http::toJson(op->getArray("security"));
        if (r.client_certificate) {
            EXPECT_EQ(security, R"([{"clientCertificate":[]}])") << opOf(r);
        } else if (r.access != Access::Public) {
            EXPECT_NE(security.find("bearerToken"), std::string::npos) << opOf(r);
            EXPECT_EQ(security.find("providerApiKey") != std::string::npos,
                      r.access == Access::Authenticated ||
                          zc::http::roleAllowed(r, zc::app::Role::Provider))
                << opOf(r);
        }
    }
}

// Walks every value: each "$ref" must name a schema of the document.
void collectRefs(const Poco::Dynamic::Var& v, std::vector<std::string>& refs) {
    if (v.type() == typeid(Object::Ptr)) {
        const auto o = v.extract<Object::Ptr>();
        for (const auto& k : o->getNames()) {
            if (k == "$ref") refs.push_back(o->getValue<std::string>(k));
            collectRefs(o->get(k), refs);
        }
    } else if (v.type() == typeid(Array::Ptr)) {
        const auto a = v.extract<Array::Ptr>();
        for (std::size_t i = 0; i < a->size(); ++i) collectRefs(a->get(i), refs);
    }
}

TEST(OpenApi, TheDocumentIsOpenApi31InStructureAndEveryRefResolves) {
    // Checked on the served text, parsed back.
    const auto served = zc::http::openApiAnswer();
    EXPECT_EQ(served.content_type.rfind("application/json", 0), 0u);
    EXPECT_NE(served.cache_control.find("max-age"), std::string::npos) << "cacheable";
    const auto doc = parse(served.raw).extract<Object::Ptr>();
    EXPECT_EQ(doc->getValue<std::string>("openapi"), "3.1.0");
    const auto info = doc->getObject("info");
    ASSERT_FALSE(info.isNull());
    EXPECT_FALSE(info->getValue<std::string>("title").empty());
    // info.version is the project's version (CMakeLists.txt: project(... VERSION x.y.z ...)).
    std::ifstream in(ZC_SOURCE_DIR "/CMakeLists.txt");
    std::stringstream cmake;
    cmake << in.rdbuf();
    std::smatch m;
    const std::string text = cmake.str();
    ASSERT_TRUE(std::regex_search(text, m, std::regex("project\\(zorgcontract VERSION ([0-9.]+)")));
    EXPECT_EQ(info->getValue<std::string>("version"), m[1].str());
    EXPECT_EQ(doc->getArray("servers")->getObject(0)->getValue<std::string>("url"), "/api/v1");
    const auto schemas = doc->getObject("components")->getObject("schemas");
    std::vector<std::string> refs;
    collectRefs(doc, refs);
    EXPECT_GT(refs.size(), 100u);
    for (const auto& ref : refs) {
        ASSERT_EQ(ref.rfind("#/components/schemas/", 0), 0u) << ref;
        EXPECT_TRUE(schemas->has(ref.substr(21))) << "unresolved " << ref;
    }
    const auto paths = doc->getObject("paths");
    for (const auto& p : paths->getNames()) {
        for (const auto& method : paths->getObject(p)->getNames()) {
            const auto op = paths->getObject(p)->getObject(method);
            EXPECT_TRUE(op->has("operationId") && op->has("responses")) << method << " " << p;
            bool success = false;
            for (const auto& status : op->getObject("responses")->getNames()) {
                success = success || status[0] == '2';
                EXPECT_TRUE(op->getObject("responses")->getObject(status)->has("description"));
            }
            EXPECT_TRUE(success) << method << " " << p << " has an answer";
        }
    }
}

TEST(OpenApi, EveryRefusalCodeOfTheRegistryIsInTheErrorBodyOfItsStatus) {
    const auto schemas = document()->getObject("components")->getObject("schemas");
    for (const auto& c : zc::outcomeCodes()) {
        if (c.kind == zc::ErrorKind::Reason) continue;
        const std::string body =
            "{\"code\":\"" + std::string(c.code) + "\",\"message\":\"m\",\"field\":null}";
        const int status = zc::http::statusOf(c.kind);
        const auto schema = schemas->getObject("Error" + std::to_string(status));
        ASSERT_FALSE(schema.isNull()) << status;
        EXPECT_TRUE(schemaProblems(parse(body), schema, document()).empty()) << c.code;
    }
    const auto e404 = schemas->getObject("Error404");
    EXPECT_FALSE(schemaProblems(parse(R"({"code":"FORBIDDEN","message":"m","field":null})"), e404,
                                document())
                     .empty())
        << "a code of another status is not a 404 body";
}

TEST(OpenApiNotation, ObjectsAreClosedForAnswersAndOpenForRequests) {
    const auto answer = schemaOf("{id:int, name~:str?, kind:(a|b), at:date, xs:[@Thing]}", true);
    EXPECT_EQ(zc::http::toJson(answer->getArray("required")), R"(["id","kind","at","xs"])");
    EXPECT_FALSE(answer->getValue<bool>("additionalProperties"));
    const auto name = answer->getObject("properties")->getObject("name");
    EXPECT_EQ(zc::http::toJson(name->get("type")), R"(["string","null"])");
    const auto xs = answer->getObject("properties")->getObject("xs");
    EXPECT_EQ(xs->getValue<std::string>("type"), "array");
    EXPECT_EQ(xs->getObject("items")->getValue<std::string>("$ref"), "#/components/schemas/Thing");
    EXPECT_FALSE(schemaOf("{id:int}", false)->has("additionalProperties"));
    EXPECT_FALSE(schemaOf("{id:int, *}", true)->has("additionalProperties"));
    EXPECT_THROW(schemaOf("{id:integer}", true), std::invalid_argument);
    EXPECT_THROW(schemaOf("{id:int", true), std::invalid_argument);
    EXPECT_THROW(schemaOf("{id int}", true), std::invalid_argument);
}

TEST(JsonSchemaCheck, FindsAddedDroppedAndMistypedFields) {
    Object::Ptr doc = new Object;
    Object::Ptr components = new Object;
    Object::Ptr schemas = new Object;
    schemas->set("Line", schemaOf("{ref:str, amount_cents:cents, status:(ok|refused)}", true));
    components->set("schemas", schemas);
    doc->set("components", components);
    const auto s = schemaOf("{id:int, due:date, note:str?, lines:[@Line], cap:@Line?}", true);
    const auto ok = parse(
        R"({"id":1,"due":"2026-01-31","note":null,"lines":[{"ref":"a","amount_cents":5,"status":"ok"}],"cap":null})");
    EXPECT_TRUE(schemaProblems(ok, s, doc).empty());
    const std::map<std::string, std::string> bad = {
        {"added", R"({"id":1,"due":"2026-01-31","note":null,"lines":[],"cap":null,"extra":1})"},
        {"dropped", R"({"id":1,"due":"2026-01-31","lines":[],"cap":null})"},
        {"mistyped", R"({"id":"1","due":"2026-01-31","note":null,"lines":[],"cap":null})"},
        {"bool for int", R"({"id":true,"due":"2026-01-31","note":null,"lines":[],"cap":null})"},
        {"not a date", R"({"id":1,"due":"31-01-2026","note":null,"lines":[],"cap":null})"},
        {"enum",
         R"({"id":1,"due":"2026-01-31","note":null,"lines":[{"ref":"a","amount_cents":5,"status":"x"}],"cap":null})"},
        {"in an item",
         R"({"id":1,"due":"2026-01-31","note":null,"lines":[{"ref":"a","status":"ok"}],"cap":null})"},
        {"anyOf", R"({"id":1,"due":"2026-01-31","note":null,"lines":[],"cap":{"ref":1}})"},
    };
    for (const auto& [what, json] : bad) {
        EXPECT_FALSE(schemaProblems(parse(json), s, doc).empty()) << what;
    }
    EXPECT_FALSE(schemaProblems(parse("{}"), schemaOf("@Missing", true), doc).empty());
}

// Issue 15: every paged list documents X-Total-Count on its 200 answer and its q, sort, limit
// and offset parameters, sort with every allowed value both ways.
TEST(OpenApi, PagedListsDocumentTheirTotalHeaderAndQueryParameters) {
    const auto paths = document()->getObject("paths");
    int paged = 0;
    for (const auto& shape : zc::http::openapi::operationShapes()) {
        if (!shape.paged) continue;
        ++paged;
        const auto space = shape.op.find(' ');
        const std::string method = shape.op.substr(0, space);
        const auto op = paths->getObject(shape.op.substr(space + 1))->getObject("get");
        ASSERT_EQ(method, "GET") << shape.op;
        const auto ok = op->getObject("responses")->getObject("200");
        ASSERT_TRUE(ok->has("headers")) << shape.op;
        EXPECT_TRUE(ok->getObject("headers")->has("X-Total-Count")) << shape.op;
        std::set<std::string> names;
        Poco::JSON::Object::Ptr sort;
        const auto params = op->getArray("parameters");
        for (std::size_t i = 0; i < params->size(); ++i) {
            const auto p = params->getObject(static_cast<unsigned>(i));
            names.insert(p->getValue<std::string>("name"));
            if (p->getValue<std::string>("name") == "sort") sort = p->getObject("schema");
        }
        for (const char* n : {"limit", "offset"}) {
            EXPECT_TRUE(names.count(n)) << shape.op << " lacks " << n;
        }
        // A list that sorts (issue 15) searches too; the lists that issue 17 paged take limit
        // and offset, and some a search of their own (the inbox).
        if (!names.count("sort")) continue;
        EXPECT_TRUE(names.count("q")) << shape.op << " lacks q";
        ASSERT_TRUE(sort && sort->has("enum")) << shape.op;
        const auto values = sort->getArray("enum");
        for (std::size_t i = 0; i < values->size(); ++i) {
            const auto v = values->getElement<std::string>(static_cast<unsigned>(i));
            if (v[0] == '-') continue;
            bool both = false;
            for (std::size_t j = 0; j < values->size(); ++j) {
                both = both || values->getElement<std::string>(static_cast<unsigned>(j)) == "-" + v;
            }
            EXPECT_TRUE(both) << shape.op << " sorts by " << v << " one way only";
        }
    }
    EXPECT_GE(paged, 4);  // declaration lines, allocations, reviews, declarations
    const auto plain = paths->getObject("/contracts/{id}")->getObject("get");
    EXPECT_FALSE(plain->getObject("responses")->getObject("200")->has("headers"));
}

// Issue 17: every list the API returns is paged with its total. A GET whose 200 answer is a JSON
// array is a paged list, except a provider's account history (a handful of accounts, the current
// one marked among them).
TEST(OpenApi, EveryGetAnsweringAListIsPaged) {
    const std::set<std::string> not_paged{"GET /providers/{id}/bank-accounts"};
    int lists = 0;
    for (const auto& shape : zc::http::openapi::operationShapes()) {
        if (shape.op.rfind("GET ", 0) != 0) continue;
        for (const auto& answer : shape.answers) {
            if (answer.status != 200 || answer.schema.empty() || answer.schema[0] != '[') continue;
            ++lists;
            EXPECT_EQ(shape.paged, !not_paged.count(shape.op)) << shape.op;
        }
    }
    EXPECT_GE(lists, 30);
}

}  // namespace
