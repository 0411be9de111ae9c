#include "json_text.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Stringifier.h>

#include <charconv>
#include <cstdint>
#include <sstream>

#include "contracting/kernel/errors.hpp"

namespace zc::http {
namespace {

// Poco's escapes (Poco::toJSON without JSON_ESCAPE_UNICODE): the short forms of JSON, any other
// character below 0x20 as \u00XX in upper-case hexadecimal; the rest ('/' included) as is.
void appendString(std::string_view s, std::string& out) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    out += '"';
    for (const char c : s) {
        switch (c) {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '\b':
                out += "\\b";
                break;
            case '\f':
                out += "\\f";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                out += "\\r";
                break;
            case '\t':
                out += "\\t";
                break;
            default:
                if (static_cast<unsigned char>(c) < 0x20) {
                    out += "\\u00";
                    out += kHex[(c >> 4) & 0xF];
                    out += kHex[c & 0xF];
                } else {
                    out += c;
                }
        }
    }
    out += '"';
}

template <typename Int>
void appendInteger(Int v, std::string& out) {
    char buf[24];
    const auto r = std::to_chars(buf, buf + sizeof buf, v);
    out.append(buf, r.ptr);
}

void appendObject(const Poco::JSON::Object& o, std::string& out) {
    out += '{';
    bool first = true;
    for (const auto& [key, value] : o) {  // Poco's order: by key
        if (!first) out += ',';
        first = false;
        appendString(key, out);
        out += ':';
        appendJson(value, out);
    }
    out += '}';
}

void appendArray(const Poco::JSON::Array& a, std::string& out) {
    out += '[';
    bool first = true;
    for (const auto& value : a) {
        if (!first) out += ',';
        first = false;
        appendJson(value, out);
    }
    out += ']';
}

// The types the answers are built of; false for any other (written by Poco).
bool appendKnown(const Poco::Dynamic::Var& v, std::string& out) {
    using Poco::JSON::Array;
    using Poco::JSON::Object;
    const auto& t = v.type();
    if (t == typeid(std::string)) {
        appendString(v.extract<std::string>(), out);
    } else if (t == typeid(Object::Ptr)) {
        const auto& o = v.extract<Object::Ptr>();
        if (o.isNull()) return false;
        appendObject(*o, out);
    } else if (t == typeid(Array::Ptr)) {
        const auto& a = v.extract<Array::Ptr>();
        if (a.isNull()) return false;
        appendArray(*a, out);
    } else if (t == typeid(long)) {
        appendInteger(v.extract<long>(), out);
    } else if (t == typeid(int)) {
        appendInteger(v.extract<int>(), out);
    } else if (t == typeid(unsigned long)) {
        appendInteger(v.extract<unsigned long>(), out);
    } else if (t == typeid(bool)) {
        out += v.extract<bool>() ? "true" : "false";
    } else if (t == typeid(Object)) {
        appendObject(v.extract<Object>(), out);
    } else if (t == typeid(Array)) {
        appendArray(v.extract<Array>(), out);
    } else {
        return false;
    }
    return true;
}

}  // namespace

void appendJson(const Poco::Dynamic::Var& value, std::string& out) {
    if (value.isEmpty()) {
        out += "null";
    } else if (!appendKnown(value, out)) {
        std::ostringstream text;
        Poco::JSON::Stringifier::condense(value, text);
        out += text.str();
    }
}

void JsonObjectWriter::key(std::string_view k) {
    ZC_ASSERT(first_ || last_ < k);  // Poco's order, and no key twice
    if (!first_) out_ += ',';
    first_ = false;
    last_ = k;
    appendString(k, out_);
    out_ += ':';
}

JsonObjectWriter& JsonObjectWriter::text(std::string_view k, std::string_view value) {
    key(k);
    appendString(value, out_);
    return *this;
}

JsonObjectWriter& JsonObjectWriter::optionalText(std::string_view k,
                                                 const std::optional<std::string>& value) {
    return value ? text(k, *value) : null(k);
}

JsonObjectWriter& JsonObjectWriter::integer(std::string_view k, std::int64_t value) {
    key(k);
    appendInteger(value, out_);
    return *this;
}

JsonObjectWriter& JsonObjectWriter::optionalInteger(std::string_view k,
                                                    const std::optional<std::int64_t>& value) {
    return value ? integer(k, *value) : null(k);
}

JsonObjectWriter& JsonObjectWriter::boolean(std::string_view k, bool value) {
    key(k);
    out_ += value ? "true" : "false";
    return *this;
}

JsonObjectWriter& JsonObjectWriter::null(std::string_view k) {
    key(k);
    out_ += "null";
    return *this;
}

std::string& JsonObjectWriter::nested(std::string_view k) {
    key(k);
    return out_;
}

}  // namespace zc::http
