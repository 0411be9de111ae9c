// A claim line's JSON written member by member (JsonObjectWriter): the same bytes as the Poco
// object the answers built before (issue 17), for thousands of seeded random lines with and
// without cap figures, texts with every byte, and integers at their limits.
#include "interfaces/http/declaration_json.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <random>

#include "interfaces/http/json_text.hpp"

namespace zc::http {
namespace {

// The oracle: the line as the Poco object the answer was built of before.
Poco::Dynamic::Var pocoLine(const billing::ClaimLineRow& r) {
    auto optional = [](const std::optional<std::string>& v) {
        return v ? Poco::Dynamic::Var(*v) : Poco::Dynamic::Var();
    };
    Poco::JSON::Object::Ptr l = new Poco::JSON::Object;
    l->set("id", r.id);
    l->set("reference", r.reference);
    l->set("credit", r.credit);
    l->set("allocation_number", r.allocation_number);
    l->set("product_code", r.product_code);
    l->set("period_start", r.period_start);
    l->set("period_end", r.period_end);
    l->set("volume", r.volume);
    l->set("unit", r.unit);
    l->set("amount_cents", r.amount_cents);
    l->set("status", r.status);
    l->set("code", optional(r.code));
    l->set("codes", optional(r.codes));
    l->set("review", optional(r.review));
    l->set("review_reason", optional(r.review_reason));
    l->set("credited", r.credited);
    l->set("municipality_code", r.municipality_code);
    if (r.cap) {
        Poco::JSON::Object::Ptr c = new Poco::JSON::Object;
        c->set("scope", r.cap->scope);
        c->set("cap_unit", r.cap->cap_unit);
        c->set("counting_unit", r.cap->counting_unit);
        c->set("limit", r.cap->limit);
        c->set("used_before", r.cap->before);
        c->set("claimed", r.cap->claimed);
        c->set("window_start", optional(r.cap->window_first));
        c->set("window_end", optional(r.cap->window_last));
        l->set("cap_figures", c);
    } else {
        l->set("cap_figures", Poco::Dynamic::Var());
    }
    return l;
}

class RandomLines {
  public:
    explicit RandomLines(unsigned seed) : rng_(seed) {}

    billing::ClaimLineRow line() {
        billing::ClaimLineRow r;
        r.id = integer();
        r.reference = text();
        r.credit = pick(2) == 1;
        r.allocation_number = integer();
        r.product_code = text();
        r.period_start = text();
        r.period_end = text();
        r.volume = integer();
        r.unit = text();
        r.amount_cents = integer();
        r.status = text();
        r.code = optionalText();
        r.codes = optionalText();
        r.review = optionalText();
        r.review_reason = optionalText();
        r.credited = pick(2) == 1;
        r.municipality_code = text();
        if (pick(3) == 0) {
            r.cap = billing::StoredCapFigures{text(),    text(),    text(),         integer(),
                                              integer(), integer(), optionalText(), optionalText()};
        }
        return r;
    }

  private:
    int pick(int n) { return static_cast<int>(rng_() % static_cast<unsigned>(n)); }
    std::int64_t integer() {
        switch (pick(4)) {
            case 0:
                return std::numeric_limits<std::int64_t>::min();
            case 1:
                return std::numeric_limits<std::int64_t>::max();
            default:
                return static_cast<std::int64_t>(rng_()) - (1LL << 31);
        }
    }
    std::string text() {
        std::string s;
        for (int i = pick(12); i > 0; --i) s += static_cast<char>(rng_() % 256);
        return s;
    }
    std::optional<std::string> optionalText() {
        if (pick(3) == 0) return std::nullopt;
        return text();
    }
    std::mt19937_64 rng_;
};

TEST(DeclarationJson, AClaimLineIsWrittenAsThePocoObjectWasForThousandsOfRandomLines) {
    RandomLines random(20261204);
    for (int i = 0; i < 5000; ++i) {
        const auto line = random.line();
        std::string text;
        appendClaimLineJson(line, text);
        ASSERT_EQ(text, jsonText(pocoLine(line))) << "line " << i;
    }
}

TEST(DeclarationJson, APageOfLinesIsAnArrayThatReadsBack) {
    RandomLines random(7);
    std::vector<billing::ClaimLineRow> lines;
    Poco::JSON::Array::Ptr expected = new Poco::JSON::Array;
    for (int i = 0; i < 50; ++i) {
        lines.push_back(random.line());
        expected->add(pocoLine(lines.back()));
    }
    std::string text;
    appendClaimLinesJson(lines, text);
    EXPECT_EQ(text, jsonText(expected));
    std::string empty;
    appendClaimLinesJson({}, empty);
    EXPECT_EQ(empty, "[]");
}

TEST(JsonObjectWriterDeathTest, AMemberOutOfPocosKeyOrderIsAnAssertion) {
    auto out_of_order = [] {
        std::string out;
        JsonObjectWriter o(out);
        o.integer("b", 1).integer("a", 2);
    };
    EXPECT_DEATH(out_of_order(), "assertion failed");
    auto twice = [] {
        std::string out;
        JsonObjectWriter o(out);
        o.boolean("a", true).null("a");
    };
    EXPECT_DEATH(twice(), "assertion failed");
}

}  // namespace
}  // namespace zc::http
