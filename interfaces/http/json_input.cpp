#include "json_input.hpp"

#include <Poco/JSON/Parser.h>

#include "contracting/kernel/errors.hpp"
#include "contracting/kernel/free_text.hpp"

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

namespace {

std::optional<std::string> readString(Poco::JSON::Object::Ptr o, const std::string& field,
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

// Every string read from a request is free text under the one rule (kernel/free_text.hpp).
void checkText(const std::string& field, const std::string& s) {
    if (const auto problem = freeTextProblem(s)) {
        throw ValidationError("INVALID_FIELD", "The field '" + field + "' " + *problem + ".",
                              field);
    }
}

bool blank(const std::string& s) { return s.find_first_not_of(" \t\r\n") == std::string::npos; }

}  // namespace

std::optional<std::string> optionalString(Poco::JSON::Object::Ptr o, const std::string& field,
                                          std::size_t max_len) {
    auto s = readString(o, field, max_len);
    if (s) checkText(field, *s);
    return s;
}

std::string requiredString(Poco::JSON::Object::Ptr o, const std::string& field,
                           std::size_t max_len) {
    auto s = readString(o, field, max_len);
    if (!s || blank(*s)) missing(field);
    checkText(field, *s);
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
        checkText(field, out.back());
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

namespace {

// Whether the digits (no sign) exceed the largest magnitude of a 64-bit signed integer.
bool beyondInt64(std::string_view digits, bool negative) {
    while (digits.size() > 1 && digits.front() == '0') digits.remove_prefix(1);
    const std::string_view max = negative ? "9223372036854775808" : "9223372036854775807";
    return digits.size() != max.size() ? digits.size() > max.size() : digits > max;
}

}  // namespace

Poco::JSON::Object::Ptr parseBody(const std::string& text) {
    if (text.find_first_not_of(" \t\r\n") == std::string::npos) return new Poco::JSON::Object;
    refuseOutOfRangeIntegers(text);
    try {
        Poco::JSON::Parser parser;
        auto v = parser.parse(text);
        auto o = v.extract<Poco::JSON::Object::Ptr>();
        if (o) return o;
    } catch (const Poco::Exception&) {
    } catch (const std::exception&) {
    }
    throw ValidationError("INVALID_JSON", "The request body must be a JSON object.", "");
}

void refuseOutOfRangeIntegers(std::string_view json) {
    std::string last_string;
    std::string key;
    for (std::size_t i = 0; i < json.size(); ++i) {
        const char c = json[i];
        if (c == '"') {
            last_string.clear();
            for (++i; i < json.size() && json[i] != '"'; ++i) {
                if (json[i] == '\\')
                    ++i;
                else
                    last_string += json[i];
            }
        } else if (c == ':') {
            key = last_string;
        } else if (c == '-' || (c >= '0' && c <= '9')) {
            const std::size_t start = c == '-' ? i + 1 : i;
            std::size_t end = start;
            while (end < json.size() && json[end] >= '0' && json[end] <= '9') ++end;
            const bool whole =
                end >= json.size() || (json[end] != '.' && json[end] != 'e' && json[end] != 'E');
            if (whole && beyondInt64(json.substr(start, end - start), c == '-')) {
                throw ValidationError("INVALID_FIELD",
                                      "The field '" + key +
                                          "' is a whole number outside the range this service "
                                          "accepts (64-bit).",
                                      key);
            }
            while (end < json.size() &&
                   std::string_view("0123456789.eE+-").find(json[end]) != std::string_view::npos) {
                ++end;
            }
            i = end - 1;
        }
    }
}

void notFound(const std::string& what, const std::string& field) {
    throw ValidationError("NOT_FOUND", what + " does not exist.", field);
}

}  // namespace zc::http
