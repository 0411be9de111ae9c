// A provider statement written member by member (JsonObjectWriter): the same bytes as the Poco
// objects the statement answer was built of before (issue 17), for seeded random statements.
#include "interfaces/http/statement_json.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <gtest/gtest.h>

#include <random>

#include "interfaces/http/json_text.hpp"

namespace zc::http {
namespace {

// The oracle: the statement as the Poco object the answer was built of before.
Poco::JSON::Object::Ptr pocoStatement(const invoicing::ProviderStatement& s) {
    Poco::JSON::Array::Ptr lines = new Poco::JSON::Array;
    for (const auto& l : s.lines) {
        Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
        o->set("payable_id", l.payable_id);
        o->set("date", l.date);
        o->set("type", l.type);
        o->set("declaration", l.declaration);
        o->set("amount_cents", l.amount_cents);
        o->set("status", l.status);
        o->set("due_date", l.due_date);
        o->set("end_to_end_id", l.end_to_end_id);
        o->set("paid_on", l.paid_on);
        o->set("municipality_code", l.municipality_code);
        o->set("source_id", l.source_id);
        o->set("disputed_reason", l.disputed_reason);
        o->set("note", l.note);
        lines->add(o);
    }
    Poco::JSON::Array::Ptr payments = new Poco::JSON::Array;
    for (const auto& p : s.payments) {
        Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
        o->set("instruction_id", p.instruction_id);
        o->set("run_id", p.run_id);
        o->set("end_to_end_id", p.end_to_end_id);
        o->set("amount_cents", p.amount_cents);
        o->set("status", p.status);
        o->set("return_reason", p.return_reason);
        o->set("booked_on", p.booked_on);
        payments->add(o);
    }
    Poco::JSON::Object::Ptr out = new Poco::JSON::Object;
    out->set("provider_id", s.provider_id);
    out->set("from", formatDate(s.from));
    out->set("to", formatDate(s.to));
    out->set("lines", lines);
    out->set("payments", payments);
    out->set("lines_total", s.lines_total);
    out->set("payments_total", s.payments_total);
    out->set("claimed_cents", s.claimed);
    out->set("offsets_cents", s.offsets);
    out->set("paid_cents", s.paid);
    out->set("returned_cents", s.returned);
    out->set("in_transit_cents", s.in_transit);
    out->set("open_balance_cents", s.open);
    return out;
}

class RandomStatements {
  public:
    explicit RandomStatements(unsigned seed) : rng_(seed) {}

    invoicing::ProviderStatement statement() {
        invoicing::ProviderStatement s;
        s.provider_id = number();
        s.from = Date{std::chrono::year{2026}, std::chrono::January, std::chrono::day{1}};
        s.to =
            Date{std::chrono::year{2027},
                 std::chrono::month{1 + static_cast<unsigned>(rng_() % 12)}, std::chrono::day{1}};
        for (int i = static_cast<int>(rng_() % 8); i > 0; --i) {
            s.lines.push_back({number(), text(), text(), text(), number(), text(), text(), text(),
                               text(), text(), number(), text(), 0, 0, 0, 0, text()});
        }
        for (int i = static_cast<int>(rng_() % 8); i > 0; --i) {
            s.payments.push_back({number(), number(), text(), number(), text(), text(), text()});
        }
        s.lines_total = number();
        s.payments_total = number();
        s.claimed = number();
        s.offsets = number();
        s.paid = number();
        s.returned = number();
        s.in_transit = number();
        s.open = number();
        return s;
    }

  private:
    std::int64_t number() { return static_cast<std::int64_t>(rng_()); }
    std::string text() {
        std::string s;
        for (int i = static_cast<int>(rng_() % 10); i > 0; --i)
            s += static_cast<char>(rng_() % 256);
        return s;
    }
    std::mt19937_64 rng_;
};

TEST(StatementJson, AStatementIsWrittenAsThePocoObjectWasForThousandsOfRandomStatements) {
    RandomStatements random(20261204);
    for (int i = 0; i < 2000; ++i) {
        const auto s = random.statement();
        std::string text;
        appendStatementJson(s, text);
        ASSERT_EQ(text, jsonText(pocoStatement(s))) << "statement " << i;
    }
}

}  // namespace
}  // namespace zc::http
