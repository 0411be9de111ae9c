// Reading request bodies: free text under the one rule, whole numbers within 64 bits.
#include "interfaces/http/json_input.hpp"

#include <Poco/JSON/Parser.h>
#include <gtest/gtest.h>

#include "contracting/kernel/errors.hpp"

namespace zc::http {
namespace {

Poco::JSON::Object::Ptr parse(const std::string& text) {
    Poco::JSON::Parser parser;
    return parser.parse(text).extract<Poco::JSON::Object::Ptr>();
}

// The code and field of the ValidationError that `f` throws, "" when it throws none.
template <typename F>
std::pair<std::string, std::string> refusal(F f) {
    try {
        f();
    } catch (const ValidationError& e) {
        return {e.code(), e.field()};
    }
    return {"", ""};
}

TEST(JsonInput, StringsWithControlCharactersOrBidiOverridesAreInvalidFields) {
    const auto o = parse(R"({"name":"Jan\u0000sen","reason":"ok\u202Egnp.exe","note":" \t",)"
                         R"("labels":["fine","bell\u0007"],"good":"Zorg \u00e9\u00e9n\nregel"})");
    using P = std::pair<std::string, std::string>;
    EXPECT_EQ(refusal([&] { requiredString(o, "name"); }), P("INVALID_FIELD", "name"));
    EXPECT_EQ(refusal([&] { optionalString(o, "reason"); }), P("INVALID_FIELD", "reason"));
    EXPECT_EQ(refusal([&] { optionalString(o, "note"); }), P("INVALID_FIELD", "note"));
    EXPECT_EQ(refusal([&] { requiredString(o, "note"); }), P("MISSING_FIELD", "note"))
        << "a required field of only white space is missing, as before";
    EXPECT_EQ(refusal([&] { stringArray(o, "labels"); }), P("INVALID_FIELD", "labels"));
    EXPECT_EQ(requiredString(o, "good"), "Zorg \xC3\xA9\xC3\xA9n\nregel");
}

TEST(JsonInput, WholeNumbersBeyond64BitsAreRefusedNamingTheField) {
    using P = std::pair<std::string, std::string>;
    const auto refused = [](const std::string& json) {
        return refusal([&] { refuseOutOfRangeIntegers(json); });
    };
    EXPECT_EQ(refused(R"({"amount_cents": 18446744073709551616})"),
              P("INVALID_FIELD", "amount_cents"));
    EXPECT_EQ(refused(R"({"a":1,"b":{"c":[1,2,99999999999999999999]}})"), P("INVALID_FIELD", "c"));
    EXPECT_EQ(refused(R"({"n":9223372036854775808})"), P("INVALID_FIELD", "n"));
    EXPECT_EQ(refused(R"({"n":-9223372036854775809})"), P("INVALID_FIELD", "n"));
    // Within range, in strings, or not whole: left to the parser and the field's own rule.
    EXPECT_EQ(refused(R"({"n":9223372036854775807,"m":-9223372036854775808})"), P("", ""));
    EXPECT_EQ(refused(R"({"s":"18446744073709551616","t":"a\"99999999999999999999"})"), P("", ""));
    EXPECT_EQ(refused(R"({"x":1.8446744073709551616e19,"y":-0.5,"z":1e400})"), P("", ""));
    // What the parser would make of 2^64 without this check: 0.
    EXPECT_EQ(parse(R"({"n":18446744073709551616})")->get("n").convert<std::int64_t>(), 0)
        << "POCO wraps 2^64 to 0 (if this changes, the pre-check may go)";
}

TEST(JsonInput, ABodyIsAnObjectOrRefusedWithInvalidJson) {
    using P = std::pair<std::string, std::string>;
    EXPECT_EQ(parseBody(" \r\n")->size(), 0u) << "no body is an empty object";
    EXPECT_EQ(parseBody(R"({"a":1})")->getValue<int>("a"), 1);
    EXPECT_EQ(refusal([] { parseBody("[1]"); }), P("INVALID_JSON", ""));
    EXPECT_EQ(refusal([] { parseBody("{\"a\":"); }), P("INVALID_JSON", ""));
    EXPECT_EQ(refusal([] { parseBody(R"({"n":18446744073709551616})"); }), P("INVALID_FIELD", "n"));
    // Nested deeper than the parser's limit (128): refused, not read by recursion to the end.
    const std::string deep = "{\"a\":" + std::string(5000, '[') + std::string(5000, ']') + "}";
    EXPECT_EQ(refusal([&] { parseBody(deep); }), P("INVALID_JSON", ""));
}

}  // namespace
}  // namespace zc::http
