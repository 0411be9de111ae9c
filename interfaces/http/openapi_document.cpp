#include "openapi_document.hpp"

#include <Poco/JSON/Array.h>

#include <cctype>
#include <map>
#include <sstream>

#include "contracting/kernel/outcome_codes.hpp"
#include "error_mapping.hpp"
#include "json_output.hpp"
#include "openapi_notation.hpp"
#include "openapi_shapes.hpp"
#include "routes.hpp"

#ifndef ZC_PROJECT_VERSION
#define ZC_PROJECT_VERSION "0.0.0"
#endif

namespace zc::http {
namespace {

using openapi::schemaOf;
using Poco::JSON::Array;
using Poco::JSON::Object;

constexpr std::string_view kPrefix = "/api/v1";

const std::vector<app::Role> kEveryRole = {app::Role::Admin,         app::Role::ContractManager,
                                           app::Role::AccessOfficer, app::Role::Finance,
                                           app::Role::BudgetHolder,  app::Role::Auditor,
                                           app::Role::Provider};

Object::Ptr schemaRef(const std::string& name) {
    auto o = newObject();
    o->set("$ref", "#/components/schemas/" + name);
    return o;
}

// The path after /api/v1 ("/contracts/{id}").
std::string relativePath(const std::string& pattern) {
    return pattern.rfind(kPrefix, 0) == 0 ? pattern.substr(kPrefix.size()) : pattern;
}

std::vector<std::string> placeholders(const std::string& pattern) {
    std::vector<std::string> out;
    for (std::size_t open = pattern.find('{'); open != std::string::npos;
         open = pattern.find('{', open + 1)) {
        out.push_back(pattern.substr(open + 1, pattern.find('}', open) - open - 1));
    }
    return out;
}

std::string operationId(const Route& r) {
    std::string id;
    for (char c : r.method) id += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::stringstream path(relativePath(r.pattern));
    std::string seg;
    while (std::getline(path, seg, '/')) {
        if (seg.empty()) continue;
        if (seg.front() == '{') seg = "by_" + seg.substr(1, seg.size() - 2);
        for (auto& c : seg) {
            if (c == '-' || c == '.') c = '_';
        }
        id += "_" + seg;
    }
    return id;
}

std::vector<app::Role> rolesOf(const Route& r) {
    if (r.access == Access::Public) return {};
    if (r.access == Access::Authenticated) return kEveryRole;
    return r.roles;
}

bool providerMayCall(const Route& r) {
    for (const auto role : rolesOf(r)) {
        if (role == app::Role::Provider) return true;
    }
    return false;
}

Object::Ptr requirement(std::initializer_list<const char*> schemes) {
    auto o = newObject();
    for (const char* s : schemes) o->set(s, newArray());
    return o;
}

// Who may call: none for public routes; mutual TLS for the message routes; else a session
// (bearer token, or the web application's cookie with the CSRF header on changes) or, where a
// provider may call, the provider's API key.
Array::Ptr securityOf(const Route& r) {
    auto out = newArray();
    if (r.access == Access::Public) return out;
    if (r.client_certificate) {
        out->add(requirement({"clientCertificate"}));
        return out;
    }
    out->add(requirement({"bearerToken"}));
    out->add(r.method == "GET" ? requirement({"sessionCookie"})
                               : requirement({"sessionCookie", "csrfHeader"}));
    if (providerMayCall(r)) out->add(requirement({"providerApiKey"}));
    return out;
}

Array::Ptr parameters(const Route& r, const openapi::OperationShape* shape) {
    auto out = newArray();
    for (const auto& name : placeholders(r.pattern)) {
        auto p = newObject();
        p->set("name", name);
        p->set("in", "path");
        p->set("required", true);
        auto s = newObject();
        s->set("type", name == "code" ? "string" : "integer");
        if (name == "code") s->set("description", "municipality code (CBS), 4 digits");
        p->set("schema", s);
        out->add(p);
    }
    if (!shape || shape->query.empty()) return out;
    const auto query = schemaOf("{" + shape->query + "}", false);
    const auto props = query->getObject("properties");
    const auto required = query->getArray("required");
    for (const auto& name : props->getNames()) {
        bool needed = false;
        for (std::size_t i = 0; required && i < required->size(); ++i) {
            needed = needed || required->getElement<std::string>(static_cast<unsigned>(i)) == name;
        }
        auto p = newObject();
        p->set("name", name);
        p->set("in", "query");
        p->set("required", needed);
        p->set("schema", props->getObject(name));
        out->add(p);
    }
    return out;
}

Object::Ptr content(const std::string& media, Object::Ptr schema) {
    auto m = newObject();
    m->set("schema", schema);
    auto c = newObject();
    c->set(media, m);
    return c;
}

Object::Ptr fileSchema() {
    auto s = newObject();
    s->set("type", "string");
    return s;
}

Object::Ptr requestBody(const openapi::OperationShape& shape) {
    auto b = newObject();
    b->set("required", true);
    if (shape.request == "xml") {
        b->set("description", "An XML document (iWmo 3.2 or camt.053)");
        b->set("content", content("application/xml", fileSchema()));
    } else if (shape.request == "csv") {
        b->set("description", "CSV rows (docs/api.md)");
        b->set("content", content("text/csv", fileSchema()));
    } else {
        b->set("content", content("application/json", schemaOf(shape.request, false)));
    }
    return b;
}

// The error statuses the outcome registry gives, each with the codes of that status.
std::map<int, std::vector<std::string>> errorCodesByStatus() {
    std::map<int, std::vector<std::string>> out;
    for (const auto& c : outcomeCodes()) {
        const int status = statusOf(c.kind);
        if (status != 0) out[status].emplace_back(c.code);
    }
    return out;
}

std::string statusText(int status) {
    static const std::map<int, std::string> texts = {
        {200, "OK"},          {201, "Created"},         {202, "Accepted"},
        {400, "Bad request"}, {401, "Unauthenticated"}, {403, "Forbidden"},
        {404, "Not found"},   {409, "Conflict"},        {422, "Unprocessable"},
        {429, "Too many"},    {500, "Internal error"},  {503, "Unavailable"}};
    const auto it = texts.find(status);
    return it == texts.end() ? "Status " + std::to_string(status) : it->second;
}

// The header of a paged list's answer (docs/api.md, "Lists").
Object::Ptr totalCountHeader() {
    auto schema = newObject();
    schema->set("type", "integer");
    schema->set("minimum", 0);
    auto h = newObject();
    h->set("description",
           "How many items match the filters and the search, before limit and offset.");
    h->set("required", true);
    h->set("schema", schema);
    auto headers = newObject();
    headers->set("X-Total-Count", h);
    return headers;
}

Object::Ptr responses(const openapi::OperationShape* shape) {
    std::map<int, Object::Ptr> contents;
    if (shape) {
        for (const auto& a : shape->answers) {
            auto& c = contents[a.status];
            if (!c) c = newObject();
            auto m = newObject();
            m->set("schema", a.schema.empty() ? fileSchema() : schemaOf(a.schema, true));
            c->set(a.media, m);
        }
    }
    auto out = newObject();
    for (const auto& [status, codes] : errorCodesByStatus()) {
        auto& c = contents[status];
        const auto error = schemaRef("Error" + std::to_string(status));
        if (!c) {
            c = content("application/json", error);
        } else if (c->has("application/json")) {
            // An answer with an error status (a declaration refused as a whole) or an error.
            auto either = newObject();
            auto any = newArray();
            any->add(c->getObject("application/json")->getObject("schema"));
            any->add(error);
            either->set("anyOf", any);
            c->getObject("application/json")->set("schema", either);
        }
    }
    for (const auto& [status, c] : contents) {
        auto r = newObject();
        r->set("description", statusText(status));
        r->set("content", c);
        if (status == 200 && shape && shape->paged) r->set("headers", totalCountHeader());
        out->set(std::to_string(status), r);
    }
    return out;
}

std::string describe(const Route& r) {
    if (r.access == Access::Public) return "Public: no credentials.";
    std::string text =
        r.access == Access::Authenticated ? "Any logged-in user or provider." : "Roles:";
    if (r.access == Access::Roles) {
        for (const auto role : r.roles) text += " " + app::roleName(role);
        text += ".";
    }
    if (r.allowed_before_mfa) text += " Also before the second factor is enrolled.";
    if (r.client_certificate) text += " Mutual TLS: a client certificate with the AGB code.";
    return text;
}

Object::Ptr operation(const Route& r, const openapi::OperationShape* shape) {
    auto op = newObject();
    op->set("operationId", operationId(r));
    std::stringstream path(relativePath(r.pattern));
    std::string tag;
    std::getline(path, tag, '/');
    std::getline(path, tag, '/');
    auto tags = newArray();
    tags->add(tag);
    op->set("tags", tags);
    if (shape) op->set("summary", shape->summary);
    if (!shape) op->set("x-undescribed", true);
    op->set("description", describe(r));
    op->set("x-access", r.access == Access::Public          ? "public"
                        : r.access == Access::Authenticated ? "authenticated"
                                                            : "roles");
    auto roles = newArray();
    for (const auto role : rolesOf(r)) roles->add(app::roleName(role));
    op->set("x-roles", roles);
    if (r.allowed_before_mfa) op->set("x-before-second-factor", true);
    op->set("parameters", parameters(r, shape));
    if (shape && !shape->request.empty() && shape->request != "-") {
        op->set("requestBody", requestBody(*shape));
    }
    op->set("responses", responses(shape));
    op->set("security", securityOf(r));
    return op;
}

Object::Ptr errorSchema(const std::vector<std::string>& codes) {
    auto code = newObject();
    code->set("type", "string");
    code->set("description", "reason code of the outcome registry (docs/errors.md)");
    auto values = newArray();
    for (const auto& c : codes) values->add(c);
    code->set("enum", values);
    auto s = schemaOf(
        "{code:str, message:str, field:str? \"the request field at fault\", "
        "request_id~:str \"the answer's X-Request-Id, to quote to the operator\", "
        "problems~:[{row:int, column:str, code:str, message:str}] "
        "\"INVALID_CSV: every problem of the file (row 0: the whole file)\"}",
        true);
    s->getObject("properties")->set("code", code);
    return s;
}

Object::Ptr scheme(const char* type, const char* in, const char* name, const char* text) {
    auto s = newObject();
    s->set("type", type);
    if (*in) s->set("in", in);
    if (*name) s->set("name", name);
    s->set("description", text);
    return s;
}

Object::Ptr components() {
    auto schemas = newObject();
    for (const auto& n : openapi::namedShapes()) schemas->set(n.name, schemaOf(n.schema, n.closed));
    for (const auto& [status, codes] : errorCodesByStatus()) {
        schemas->set("Error" + std::to_string(status), errorSchema(codes));
    }
    auto security = newObject();
    auto bearer = scheme("http", "", "", "A session token from POST /auth/login.");
    bearer->set("scheme", "bearer");
    security->set("bearerToken", bearer);
    security->set("sessionCookie",
                  scheme("apiKey", "cookie", "__Host-zc_session",
                         "The web application's session (HttpOnly cookie from POST /auth/login "
                         "with session: cookie)."));
    security->set("csrfHeader", scheme("apiKey", "header", "X-ZC-Web",
                                       "Must be 1 on every change made with the session cookie."));
    security->set("providerApiKey",
                  scheme("apiKey", "header", "X-Api-Key",
                         "A provider's API key (POST /providers/{id}/api-keys)."));
    security->set("clientCertificate",
                  scheme("mutualTLS", "", "",
                         "A client certificate issued to the provider's AGB code (iWmo)."));
    auto out = newObject();
    out->set("schemas", schemas);
    out->set("securitySchemes", security);
    return out;
}

Object::Ptr info() {
    auto i = newObject();
    i->set("title", "zorgcontract API");
    i->set("version", ZC_PROJECT_VERSION);
    i->set("description",
           "Contracting, allocations (toewijzingen), declarations and payments of the social "
           "support act (Wmo). Paths, methods, roles and parameters are generated from the "
           "server's route table; see docs/api.md.");
    return i;
}

}  // namespace

Poco::JSON::Object::Ptr openApiDocument() {
    std::map<std::string, const openapi::OperationShape*> by_op;
    const auto shapes = openapi::operationShapes();
    for (const auto& s : shapes) by_op[s.op] = &s;
    auto paths = newObject();
    for (const auto& r : routes()) {
        const std::string path = relativePath(r.pattern);
        const auto it = by_op.find(r.method + " " + path);
        if (!paths->has(path)) paths->set(path, newObject());
        std::string method;
        for (char c : r.method) {
            method += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        }
        paths->getObject(path)->set(method, operation(r, it == by_op.end() ? nullptr : it->second));
    }
    auto doc = newObject();
    doc->set("openapi", "3.1.0");
    doc->set("jsonSchemaDialect", "https://json-schema.org/draft/2020-12/schema");
    doc->set("info", info());
    auto server = newObject();
    server->set("url", std::string(kPrefix));
    auto servers = newArray();
    servers->add(server);
    doc->set("servers", servers);
    doc->set("paths", paths);
    doc->set("components", components());
    return doc;
}

ApiResponse openApiJson(RequestContext&, const ApiRequest&) { return openApiAnswer(); }

ApiResponse openApiAnswer() {
    static const std::string text = toJson(openApiDocument());
    ApiResponse res;
    res.content_type = "application/json; charset=utf-8";
    res.raw = text;
    res.cache_control = "public, max-age=3600";
    return res;
}

}  // namespace zc::http
