#include "openapi_notation.hpp"

#include <Poco/JSON/Array.h>

#include <cctype>
#include <stdexcept>
#include <string>

namespace zc::http::openapi {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

Object::Ptr typed(const char* type) {
    Object::Ptr o = new Object;
    o->set("type", type);
    return o;
}

Object::Ptr primitive(const std::string& word) {
    if (word == "str") return typed("string");
    if (word == "int") return typed("integer");
    if (word == "num") return typed("number");
    if (word == "bool") return typed("boolean");
    if (word == "obj") return typed("object");
    if (word == "any") return new Object;
    if (word == "date") {
        auto o = typed("string");
        o->set("format", "date");
        return o;
    }
    if (word == "time") {
        auto o = typed("string");
        o->set("description", "time stamp (UTC)");
        return o;
    }
    if (word == "cents") {
        auto o = typed("integer");
        o->set("description", "amount in euro cents");
        return o;
    }
    throw std::invalid_argument("unknown type '" + word + "'");
}

class Parser {
  public:
    Parser(std::string_view text, bool closed) : text_(text), closed_(closed) {}

    Object::Ptr parseAll() {
        auto s = type();
        skip();
        if (pos_ != text_.size()) fail("unexpected text");
        return s;
    }

  private:
    Object::Ptr type() {
        skip();
        Object::Ptr s;
        if (take('{')) {
            s = object();
        } else if (take('[')) {
            s = typed("array");
            s->set("items", type());
            expect(']');
        } else if (take('@')) {
            s = new Object;
            s->set("$ref", "#/components/schemas/" + word());
        } else if (take('(')) {
            s = typed("string");
            Array::Ptr values = new Array;
            do values->add(word());
            while (take('|'));
            expect(')');
            s->set("enum", values);
        } else {
            s = primitive(word());
        }
        skip();
        if (take('?')) s = nullable(s);
        skip();
        if (take('"')) {
            const auto end = text_.find('"', pos_);
            if (end == std::string_view::npos) fail("unterminated description");
            s->set("description", std::string(text_.substr(pos_, end - pos_)));
            pos_ = end + 1;
        }
        return s;
    }

    // A nullable plain type becomes [type, "null"]; a reference or an enum anyOf with null.
    static Object::Ptr nullable(Object::Ptr s) {
        if (s->has("type") && !s->has("enum") && s->get("type").isString()) {
            Array::Ptr types = new Array;
            types->add(s->getValue<std::string>("type"));
            types->add("null");
            s->set("type", types);
            return s;
        }
        Object::Ptr out = new Object;
        Array::Ptr any = new Array;
        any->add(s);
        any->add(typed("null"));
        out->set("anyOf", any);
        return out;
    }

    Object::Ptr object() {
        auto s = typed("object");
        Object::Ptr props = new Object;
        Array::Ptr required = new Array;
        bool open = !closed_;
        skip();
        while (!take('}')) {
            skip();
            if (take('*')) {
                open = true;
            } else {
                const std::string name = word();
                const bool optional = take('~');
                expect(':');
                props->set(name, type());
                if (!optional) required->add(name);
            }
            skip();
            if (!take(',')) {
                expect('}');
                break;
            }
            skip();
        }
        s->set("properties", props);
        if (required->size() > 0) s->set("required", required);
        if (!open) s->set("additionalProperties", false);
        return s;
    }

    std::string word() {
        skip();
        const auto start = pos_;
        while (pos_ < text_.size() &&
               (std::isalnum(static_cast<unsigned char>(text_[pos_])) || text_[pos_] == '_' ||
                text_[pos_] == '-' || text_[pos_] == '.')) {
            ++pos_;
        }
        if (pos_ == start) fail("a name was expected");
        return std::string(text_.substr(start, pos_ - start));
    }

    void skip() {
        while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_]))) ++pos_;
    }
    bool take(char c) {
        if (pos_ < text_.size() && text_[pos_] == c) {
            ++pos_;
            return true;
        }
        return false;
    }
    void expect(char c) {
        skip();
        if (!take(c)) fail(std::string("'") + c + "' was expected");
    }
    [[noreturn]] void fail(const std::string& what) const {
        throw std::invalid_argument("shape notation: " + what + " at " + std::to_string(pos_) +
                                    " in: " + std::string(text_));
    }

    std::string_view text_;
    bool closed_;
    std::size_t pos_ = 0;
};

}  // namespace

Poco::JSON::Object::Ptr schemaOf(std::string_view notation, bool closed_objects) {
    return Parser(notation, closed_objects).parseAll();
}

}  // namespace zc::http::openapi
