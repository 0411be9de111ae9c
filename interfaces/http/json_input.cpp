#include "json_input.hpp"

#include "contracting/kernel/errors.hpp"

namespace zc::http {
namespace {

[[noreturn]] void missing(const std::string& field) {
    throw ValidationError("MISSING_FIELD", "The field '" + field + "' is required.", field);
}

[[noreturn]] void invalid(const std::string& field, const std::string& expected) {
    throw ValidationError("INVALID_FIELD", "The field '" + field + "' must be " + expected + ".",
                          field);
}

bool present(Poco::JSON::Object::Ptr o, const std::string& field) {
    return o && o->has(field) && !o->isNull(field);
}

}  // namespace

std::optional<std::string> optionalString(Poco::JSON::Object::Ptr o, const std::string& field,
                                          std::size_t max_len) {
    if (!present(o, field)) return std::nullopt;
    const auto v = o->get(field);
    if (!v.isString()) invalid(field, "a string");
    std::string s = v.extract<std::string>();
    if (s.size() > max_len) {
        invalid(field, "at most " + std::to_string(max_len) + " characters long");
    }
    return s;
}

std::string requiredString(Poco::JSON::Object::Ptr o, const std::string& field,
                           std::size_t max_len) {
    auto s = optionalString(o, field, max_len);
    if (!s) missing(field);
    if (s->find_first_not_of(" \t\r\n") == std::string::npos) missing(field);
    return *s;
}

std::optional<std::int64_t> optionalInt(Poco::JSON::Object::Ptr o, const std::string& field) {
    if (!present(o, field)) return std::nullopt;
    const auto v = o->get(field);
    if (!v.isInteger()) invalid(field, "a whole number");
    try {
        return v.convert<std::int64_t>();
    } catch (const Poco::Exception&) {
        invalid(field, "a whole number within range");
    }
}

std::int64_t requiredInt(Poco::JSON::Object::Ptr o, const std::string& field) {
    auto v = optionalInt(o, field);
    if (!v) missing(field);
    return *v;
}

bool optionalBool(Poco::JSON::Object::Ptr o, const std::string& field, bool fallback) {
    if (!present(o, field)) return fallback;
    const auto v = o->get(field);
    if (!v.isBoolean()) invalid(field, "true or false");
    return v.convert<bool>();
}

std::optional<Date> optionalDate(Poco::JSON::Object::Ptr o, const std::string& field) {
    auto s = optionalString(o, field, 10);
    if (!s) return std::nullopt;
    return parseDate(*s, field);
}

Date requiredDate(Poco::JSON::Object::Ptr o, const std::string& field) {
    if (!present(o, field)) missing(field);
    return *optionalDate(o, field);
}

Money requiredCents(Poco::JSON::Object::Ptr o, const std::string& field) {
    return Money::fromCents(requiredInt(o, field));
}

Poco::JSON::Array::Ptr optionalArray(Poco::JSON::Object::Ptr o, const std::string& field,
                                     std::size_t max_items) {
    if (!present(o, field)) return nullptr;
    auto a = o->getArray(field);
    if (!a) invalid(field, "a list");
    if (a->size() > max_items) {
        invalid(field, "a list of at most " + std::to_string(max_items) + " items");
    }
    return a;
}

Poco::JSON::Array::Ptr requiredArray(Poco::JSON::Object::Ptr o, const std::string& field,
                                     std::size_t max_items) {
    auto a = optionalArray(o, field, max_items);
    if (!a) missing(field);
    return a;
}

Poco::JSON::Object::Ptr objectAt(Poco::JSON::Array::Ptr a, std::size_t i,
                                 const std::string& field) {
    auto o = a->getObject(static_cast<unsigned int>(i));
    if (!o) invalid(field, "a list of objects");
    return o;
}

std::vector<std::string> stringArray(Poco::JSON::Object::Ptr o, const std::string& field,
                                     std::size_t max_items) {
    std::vector<std::string> out;
    auto a = optionalArray(o, field, max_items);
    if (!a) return out;
    for (std::size_t i = 0; i < a->size(); ++i) {
        const auto v = a->get(static_cast<unsigned int>(i));
        if (!v.isString()) invalid(field, "a list of strings");
        out.push_back(v.extract<std::string>());
    }
    return out;
}

std::vector<std::int64_t> intArray(Poco::JSON::Object::Ptr o, const std::string& field,
                                   std::size_t max_items) {
    std::vector<std::int64_t> out;
    auto a = optionalArray(o, field, max_items);
    if (!a) return out;
    for (std::size_t i = 0; i < a->size(); ++i) {
        const auto v = a->get(static_cast<unsigned int>(i));
        if (!v.isInteger()) invalid(field, "a list of whole numbers");
        out.push_back(v.convert<std::int64_t>());
    }
    return out;
}

void notFound(const std::string& what, const std::string& field) {
    throw ValidationError("NOT_FOUND", what + " does not exist.", field);
}

}  // namespace zc::http
