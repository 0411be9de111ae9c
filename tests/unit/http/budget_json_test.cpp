// A budget's exhaustion figures written member by member (JsonObjectWriter): the same bytes as
// the Poco objects the budget answers were built of before (issue 17), for thousands of seeded
// random budgets and figures, with and without the exhaustion report's own members.
#include "interfaces/http/budget_json.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <gtest/gtest.h>

#include <random>
#include <sstream>

#include "interfaces/http/json_text.hpp"

namespace zc::http {
namespace {

Poco::Dynamic::Var optionalInt(const std::optional<std::int64_t>& v) {
    return v ? Poco::Dynamic::Var(*v) : Poco::Dynamic::Var();
}

// The oracle: the figures as the Poco object the answers were built of before.
Poco::JSON::Object::Ptr pocoFigures(const invoicing::BudgetRow& b,
                                    const invoicing::BudgetFigures& f) {
    const auto& r = f.report;
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
    o->set("amount_cents", f.amount.cents());
    o->set("paid_cents", f.paid.cents());
    o->set("accepted_unpaid_cents", f.accepted_unpaid.cents());
    o->set("committed_cents", f.committed.cents());
    o->set("exhaustion_cents", r.exhaustion.cents());
    o->set("remaining_cents", r.remaining.cents());
    o->set("exhaustion_bp", optionalInt(r.exhaustion_bp));
    Poco::JSON::Array::Ptr months = new Poco::JSON::Array;
    Money realised;
    for (std::size_t i = 0; i < f.monthly_realised.size(); ++i) {
        Poco::JSON::Object::Ptr m = new Poco::JSON::Object;
        std::ostringstream label;
        label << b.year << (i < 9 ? "-0" : "-") << i + 1;
        m->set("month", label.str());
        m->set("accepted_cents", f.monthly_realised[i].cents());
        months->add(m);
        realised += f.monthly_realised[i];
    }
    o->set("monthly_realised", months);
    o->set("realised_cents", realised.cents());
    o->set("complete_months", r.complete_months);
    o->set("run_rate_cents",
           optionalInt(r.run_rate ? std::optional(r.run_rate->cents()) : std::nullopt));
    o->set("forecast_cents", r.forecast.cents());
    o->set("deviation_bp", optionalInt(r.deviation_bp));
    o->set("signal", r.signal);
    o->set("allocations_counted", f.allocations_counted);
    o->set("allocations_without_tariff", f.allocations_without_tariff);
    o->set("budget", budgetJson(b));
    return o;
}

class RandomBudgets {
  public:
    explicit RandomBudgets(unsigned seed) : rng_(seed) {}

    invoicing::BudgetRow budget() {
        invoicing::BudgetRow b;
        b.id = cents();
        b.year = 2000 + static_cast<int>(rng_() % 1000);
        b.municipality = "0" + std::to_string(rng_() % 1000);
        if (rng_() % 2) b.district_id = cents();
        if (rng_() % 2) b.team_id = cents();
        b.category = "0" + std::to_string(rng_() % 10);
        b.financing = rng_() % 2 ? "ZIN" : "PGB";
        b.amount = Money::fromCents(cents());
        b.name = "Budget \"" + std::to_string(rng_()) + "\"\n";
        if (rng_() % 2) b.holder = cents();
        b.district_name = rng_() % 2 ? "" : "Wijk Zuid";
        b.team_name = rng_() % 2 ? "" : "Team 7";
        return b;
    }

    invoicing::BudgetFigures figures() {
        invoicing::BudgetFigures f;
        f.amount = Money::fromCents(cents());
        f.paid = Money::fromCents(cents());
        f.accepted_unpaid = Money::fromCents(cents());
        f.committed = Money::fromCents(cents());
        for (int i = static_cast<int>(rng_() % 13); i > 0; --i) {
            f.monthly_realised.push_back(Money::fromCents(cents() / 16));
        }
        f.allocations_counted = cents();
        f.allocations_without_tariff = cents();
        auto& r = f.report;
        r.exhaustion = Money::fromCents(cents());
        r.remaining = Money::fromCents(cents());
        if (rng_() % 2) r.exhaustion_bp = cents();
        r.complete_months = static_cast<int>(rng_() % 13);
        if (rng_() % 2) r.run_rate = Money::fromCents(cents());
        r.forecast = Money::fromCents(cents());
        if (rng_() % 2) r.deviation_bp = cents();
        r.signal = rng_() % 2 == 1;
        return f;
    }

  private:
    std::int64_t cents() {
        return static_cast<std::int64_t>(rng_() % 2000000000000ULL) - 1000000000000LL;
    }
    std::mt19937_64 rng_;
};

TEST(BudgetJson, TheFiguresAreWrittenAsThePocoObjectWasForThousandsOfRandomBudgets) {
    RandomBudgets random(20261204);
    for (int i = 0; i < 3000; ++i) {
        const auto b = random.budget();
        const auto f = random.figures();
        std::string text;
        appendBudgetFiguresJson({b, f}, text);
        ASSERT_EQ(text, jsonText(pocoFigures(b, f))) << "budget " << i;
    }
}

TEST(BudgetJson, TheExhaustionReportAddsItsDateAndThreshold) {
    RandomBudgets random(11);
    for (int i = 0; i < 300; ++i) {
        const auto b = random.budget();
        const auto f = random.figures();
        const std::string date = "2026-11-30", percent = "10.5";
        auto expected = pocoFigures(b, f);
        expected->set("report_date", date);
        expected->set("signal_threshold_percent", percent);
        std::string text;
        appendBudgetFiguresJson({b, f, &date, &percent}, text);
        ASSERT_EQ(text, jsonText(expected)) << "budget " << i;
    }
}

}  // namespace
}  // namespace zc::http
