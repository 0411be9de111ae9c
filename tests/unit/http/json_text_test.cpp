// The answers' JSON text: the same bytes as Poco's stringifier wrote before, for every value the
// answers are built of (a seeded random hunt over nested objects, arrays, strings with every
// byte, whole numbers at their limits, booleans and nulls), and valid JSON that reads back.
#include "interfaces/http/json_text.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/JSON/Stringifier.h>
#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <random>
#include <sstream>

namespace zc::http {
namespace {

std::string pocoText(const Poco::Dynamic::Var& v) {
    std::ostringstream out;
    Poco::JSON::Stringifier::condense(v, out);
    return out.str();
}

class RandomJson {
  public:
    explicit RandomJson(unsigned seed) : rng_(seed) {}

    Poco::Dynamic::Var value(int depth) {
        switch (pick(depth > 0 ? 9 : 6)) {
            case 0:
                return text();
            case 1:
                return static_cast<std::int64_t>(rng_());
            case 2:
                return extremeInteger();
            case 3:
                return pick(2) == 1;
            case 4:
                return Poco::Dynamic::Var();
            case 5:
                return static_cast<int>(rng_() % 2000000001U) - 1000000000;  // ints of either sign
            case 6:
                return object(depth - 1);
            case 7:
                return array(depth - 1);
            default:
                return static_cast<std::size_t>(rng_());
        }
    }

    Poco::JSON::Object::Ptr object(int depth) {
        Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
        for (int i = pick(6); i > 0; --i) o->set(text(), value(depth));
        return o;
    }

  private:
    int pick(int n) { return static_cast<int>(rng_() % static_cast<unsigned>(n)); }

    // Any bytes: control characters, quotes, slashes, backslashes, UTF-8 and stray high bytes.
    std::string text() {
        static const std::string kSpecial = "\"\\/\b\f\n\r\t\x01\x1f\x7f <>&'";
        std::string s;
        for (int i = pick(12); i > 0; --i) {
            switch (pick(4)) {
                case 0:
                    s +=
                        kSpecial[static_cast<std::size_t>(pick(static_cast<int>(kSpecial.size())))];
                    break;
                case 1:
                    s += "\xc3\xa9\xe2\x82\xac";
                    break;  // é €
                case 2:
                    s += static_cast<char>(pick(256));
                    break;
                default:
                    s += static_cast<char>('a' + pick(26));
            }
        }
        return s;
    }

    Poco::Dynamic::Var extremeInteger() {
        switch (pick(4)) {
            case 0:
                return std::numeric_limits<std::int64_t>::min();
            case 1:
                return std::numeric_limits<std::int64_t>::max();
            case 2:
                return std::numeric_limits<std::uint64_t>::max();
            default:
                return std::int64_t{0};
        }
    }

    Poco::JSON::Array::Ptr array(int depth) {
        Poco::JSON::Array::Ptr a = new Poco::JSON::Array;
        for (int i = pick(5); i > 0; --i) a->add(value(depth));
        return a;
    }

    std::mt19937 rng_;
};

TEST(JsonText, WritesTheSameBytesAsPocosStringifierForThousandsOfRandomAnswers) {
    RandomJson random(20261204);
    for (int i = 0; i < 5000; ++i) {
        const Poco::Dynamic::Var v = random.object(4);
        ASSERT_EQ(jsonText(v), pocoText(v)) << "case " << i;
    }
}

TEST(JsonText, AnAnswerReadsBackAsTheSameValue) {
    Poco::JSON::Object::Ptr line = new Poco::JSON::Object;
    line->set("reference", std::string("REF/2026\"1\"\n\xc3\xa9"));
    line->set("amount_cents", std::int64_t{-123456789012});
    line->set("credit", false);
    line->set("cap_figures", Poco::Dynamic::Var());
    Poco::JSON::Array::Ptr lines = new Poco::JSON::Array;
    lines->add(line);
    const std::string text = jsonText(lines);
    EXPECT_EQ(text, R"([{"amount_cents":-123456789012,"cap_figures":null,"credit":false,)"
                    "\"reference\":\"REF/2026\\\"1\\\"\\n\xc3\xa9\"}]");
    Poco::JSON::Parser parser;
    const auto back = parser.parse(text).extract<Poco::JSON::Array::Ptr>()->getObject(0);
    EXPECT_EQ(back->getValue<std::string>("reference"), "REF/2026\"1\"\n\xc3\xa9");
    EXPECT_EQ(back->getValue<std::int64_t>("amount_cents"), -123456789012);
}

TEST(JsonText, ATypeTheAnswersDoNotUseIsWrittenByPoco) {
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
    o->set("ratio", 0.25);
    o->set("small", static_cast<std::int16_t>(-7));
    EXPECT_EQ(jsonText(o), pocoText(o));
    EXPECT_EQ(jsonText(Poco::Dynamic::Var()), "null");
}

}  // namespace
}  // namespace zc::http
