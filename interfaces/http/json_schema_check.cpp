#include "json_schema_check.hpp"

#include <Poco/JSON/Array.h>

#include <cctype>

namespace zc::http::openapi {
namespace {

using Poco::Dynamic::Var;
using Poco::JSON::Array;
using Poco::JSON::Object;

Object::Ptr asObject(const Var& v) {
    if (v.type() == typeid(Object::Ptr)) return v.extract<Object::Ptr>();
    if (v.type() == typeid(Object)) return new Object(v.extract<Object>());
    return nullptr;
}

Array::Ptr asArray(const Var& v) {
    if (v.type() == typeid(Array::Ptr)) return v.extract<Array::Ptr>();
    if (v.type() == typeid(Array)) return new Array(v.extract<Array>());
    return nullptr;
}

bool hasType(const Var& v, const std::string& type) {
    if (type == "null") return v.isEmpty();
    if (v.isEmpty()) return false;
    if (type == "string") return v.isString();
    if (type == "boolean") return v.isBoolean();
    if (type == "integer") return v.isInteger() && !v.isBoolean();
    if (type == "number") return v.isNumeric() && !v.isBoolean();
    if (type == "object") return asObject(v) != nullptr;
    if (type == "array") return asArray(v) != nullptr;
    return false;
}

// The value as text for a message (an empty Var has no text of its own).
std::string shown(const Var& v) { return v.isEmpty() ? "null" : v.toString(); }

bool isDate(const std::string& s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
    for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
        if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
    }
    return true;
}

class Checker {
  public:
    explicit Checker(Object::Ptr document) : document_(std::move(document)) {}

    void check(const Var& v, const Object::Ptr& s, const std::string& at) {
        if (s->has("$ref")) return check(v, resolve(s->getValue<std::string>("$ref"), at), at);
        if (s->has("anyOf")) return anyOf(v, s->getArray("anyOf"), at);
        if (s->has("type") && !typeMatches(v, s->get("type"))) {
            problem(at, "expected " + shown(s->get("type")) + ", got " + shown(v));
            return;
        }
        if (s->has("enum")) checkEnum(v, s->getArray("enum"), at);
        if (s->has("format") && s->getValue<std::string>("format") == "date" && v.isString() &&
            !isDate(v.toString())) {
            problem(at, "expected a date YYYY-MM-DD, got " + v.toString());
        }
        if (const auto o = asObject(v)) checkObject(o, s, at);
        if (const auto a = asArray(v); a && s->has("items")) {
            for (std::size_t i = 0; i < a->size(); ++i) {
                check(a->get(static_cast<unsigned>(i)), s->getObject("items"),
                      at + "[" + std::to_string(i) + "]");
            }
        }
    }

    std::vector<std::string> problems;

  private:
    Object::Ptr resolve(const std::string& ref, const std::string& at) {
        const std::string prefix = "#/components/schemas/";
        const auto schemas = document_ ? document_->getObject("components") : nullptr;
        const auto all = schemas ? schemas->getObject("schemas") : nullptr;
        const std::string name = ref.rfind(prefix, 0) == 0 ? ref.substr(prefix.size()) : "";
        if (!all || name.empty() || !all->has(name)) {
            problem(at, "unresolved " + ref);
            return new Object;
        }
        return all->getObject(name);
    }

    static bool typeMatches(const Var& v, const Var& type) {
        if (type.isString()) return hasType(v, type.toString());
        const auto types = asArray(type);
        for (std::size_t i = 0; types && i < types->size(); ++i) {
            if (hasType(v, types->getElement<std::string>(static_cast<unsigned>(i)))) return true;
        }
        return false;
    }

    void anyOf(const Var& v, const Array::Ptr& options, const std::string& at) {
        std::vector<std::string> first;
        for (std::size_t i = 0; i < options->size(); ++i) {
            Checker sub(document_);
            sub.check(v, options->getObject(static_cast<unsigned>(i)), at);
            if (sub.problems.empty()) return;
            if (i == 0) first = sub.problems;
        }
        problem(at, "matches no option of anyOf");
        problems.insert(problems.end(), first.begin(), first.end());
    }

    void checkEnum(const Var& v, const Array::Ptr& values, const std::string& at) {
        for (std::size_t i = 0; i < values->size(); ++i) {
            if (shown(values->get(static_cast<unsigned>(i))) == shown(v)) return;
        }
        problem(at, "'" + shown(v) + "' is none of the allowed values");
    }

    void checkObject(const Object::Ptr& o, const Object::Ptr& s, const std::string& at) {
        const auto props = s->getObject("properties");
        if (const auto required = s->getArray("required")) {
            for (std::size_t i = 0; i < required->size(); ++i) {
                const auto key = required->getElement<std::string>(static_cast<unsigned>(i));
                if (!o->has(key)) problem(at, "missing key '" + key + "'");
            }
        }
        const bool closed = s->has("additionalProperties") &&
                            s->get("additionalProperties").isBoolean() &&
                            !s->getValue<bool>("additionalProperties");
        for (const auto& key : o->getNames()) {
            if (props && props->has(key)) {
                check(o->get(key), props->getObject(key), at + "." + key);
            } else if (closed) {
                problem(at, "undocumented key '" + key + "'");
            }
        }
    }

    void problem(const std::string& at, const std::string& what) {
        problems.push_back(at + ": " + what);
    }

    Object::Ptr document_;
};

}  // namespace

std::vector<std::string> schemaProblems(const Poco::Dynamic::Var& value,
                                        const Poco::JSON::Object::Ptr& schema,
                                        const Poco::JSON::Object::Ptr& document) {
    Checker c(document);
    c.check(value, schema, "$");
    return c.problems;
}

}  // namespace zc::http::openapi
