// A review item written member by member (JsonObjectWriter): the same bytes as the Poco object the
// review queue's answers were built of before (issue 17), for thousands of seeded random items
// with and without their allocation's cap.
#include "interfaces/http/review_json.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <gtest/gtest.h>

#include <random>

#include "interfaces/http/json_text.hpp"

namespace zc::http {
namespace {

Poco::Dynamic::Var optional(const std::optional<std::string>& v) {
    return v ? Poco::Dynamic::Var(*v) : Poco::Dynamic::Var();
}

Poco::Dynamic::Var optional(const std::optional<std::int64_t>& v) {
    return v ? Poco::Dynamic::Var(*v) : Poco::Dynamic::Var();
}

// The oracle: the item as the Poco object the answer was built of before.
Poco::JSON::Object::Ptr pocoReview(const billing::ReviewView& v) {
    const auto& r = v.review;
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
    o->set("id", r.id);
    o->set("declaration_id", r.declaration_id);
    o->set("code", r.code);
    o->set("message", r.message);
    o->set("status", std::string(billing::reviewStatusName(r.status)));
    o->set("due_date", r.due_date);
    o->set("overdue", v.overdue);
    o->set("provider_agb", r.provider_agb);
    o->set("reference", r.reference);
    o->set("allocation_number", r.allocation_number);
    o->set("product_code", r.product_code);
    o->set("period_start", r.period_start);
    o->set("period_end", r.period_end);
    o->set("volume", r.volume);
    o->set("unit", r.unit);
    o->set("amount_cents", r.amount_cents);
    o->set("decided_by", optional(r.decided_by));
    o->set("reason", optional(r.reason));
    o->set("escalated", r.escalated);
    o->set("claim_line_id", r.claim_line_id);
    if (v.cap) {
        const auto& c = *v.cap;
        Poco::JSON::Object::Ptr cap = new Poco::JSON::Object;
        cap->set("volume", c.cap.volume);
        cap->set("unit", unitName(c.cap.unit));
        cap->set("frequency", frequencyName(c.cap.frequency));
        cap->set("counting_unit", unitName(c.counting_unit));
        cap->set("max_in_period", optional(c.max_in_period));
        cap->set("used_in_period", c.used_in_period);
        cap->set("max_total", optional(c.max_total));
        cap->set("used_total", c.used_total);
        o->set("cap", cap);
    } else {
        o->set("cap", Poco::Dynamic::Var());
    }
    o->set("provider_name", r.provider_name);
    o->set("declaration_number", r.declaration_number);
    return o;
}

class RandomReviews {
  public:
    explicit RandomReviews(unsigned seed) : rng_(seed) {}

    billing::ReviewView review() {
        billing::ReviewView v;
        auto& r = v.review;
        r.id = number();
        r.declaration_id = number();
        r.code = text();
        r.message = text();
        r.status = pick(2) ? billing::ReviewStatus::Open : billing::ReviewStatus::Accepted;
        r.due_date = text();
        r.provider_agb = text();
        r.reference = text();
        r.allocation_number = number();
        r.product_code = text();
        r.period_start = text();
        r.period_end = text();
        r.volume = number();
        r.unit = text();
        r.amount_cents = number();
        if (pick(2)) r.decided_by = text();
        if (pick(2)) r.reason = text();
        r.escalated = pick(2) == 1;
        r.claim_line_id = number();
        r.provider_name = text();
        r.declaration_number = text();
        v.overdue = pick(2) == 1;
        if (pick(3)) {
            billing::CapUse c;
            c.cap = {number(), pick(2) ? Unit::Hours : Unit::Minutes,
                     pick(2) ? Frequency::PerWeek : Frequency::PerMonth};
            c.counting_unit = pick(2) ? Unit::Minutes : Unit::Hours;
            if (pick(2)) c.max_in_period = number();
            c.used_in_period = number();
            if (pick(2)) c.max_total = number();
            c.used_total = number();
            v.cap = c;
        }
        return v;
    }

  private:
    int pick(int n) { return static_cast<int>(rng_() % static_cast<unsigned>(n)); }
    std::int64_t number() { return static_cast<std::int64_t>(rng_()); }
    std::string text() {
        std::string s;
        for (int i = pick(10); i > 0; --i) s += static_cast<char>(rng_() % 256);
        return s;
    }
    std::mt19937_64 rng_;
};

TEST(ReviewJson, AReviewItemIsWrittenAsThePocoObjectWasForThousandsOfRandomItems) {
    RandomReviews random(20261204);
    for (int i = 0; i < 3000; ++i) {
        const auto v = random.review();
        std::string text;
        appendReviewJson(v, text);
        ASSERT_EQ(text, jsonText(pocoReview(v))) << "item " << i;
    }
    std::vector<billing::ReviewView> page{random.review(), random.review()};
    Poco::JSON::Array::Ptr expected = new Poco::JSON::Array;
    for (const auto& v : page) expected->add(pocoReview(v));
    std::string text;
    appendReviewsJson(page, text);
    EXPECT_EQ(text, jsonText(expected));
}

}  // namespace
}  // namespace zc::http
