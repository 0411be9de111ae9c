#include "budget_json.hpp"

#include "json_output.hpp"
#include "json_text.hpp"

namespace zc::http {
namespace {

std::optional<std::int64_t> centsOf(const std::optional<Money>& m) {
    return m ? std::optional<std::int64_t>(m->cents()) : std::nullopt;
}

// The months of the budget year, January first, each with its accepted claims; adds them up into
// `realised`.
void appendMonths(const invoicing::BudgetFigures& f, int budget_year, Money& realised,
                  std::string& out) {
    out += '[';
    const std::string year = std::to_string(budget_year);
    for (std::size_t i = 0; i < f.monthly_realised.size(); ++i) {
        if (i > 0) out += ',';
        JsonObjectWriter m(out);
        m.integer("accepted_cents", f.monthly_realised[i].cents())
            .text("month", year + (i < 9 ? "-0" : "-") + std::to_string(i + 1))
            .close();
        realised += f.monthly_realised[i];
    }
    out += ']';
}

}  // namespace

Poco::JSON::Object::Ptr budgetJson(const invoicing::BudgetRow& b) {
    auto o = newObject();
    o->set("id", b.id);
    o->set("year", b.year);
    o->set("municipality_code", b.municipality);
    setOptionalInt(o, "district_id", b.district_id);
    o->set("district_name", b.district_name);
    setOptionalInt(o, "team_id", b.team_id);
    o->set("team_name", b.team_name);
    o->set("product_category", b.category);
    o->set("financing_kind", b.financing);
    o->set("amount_cents", b.amount.cents());
    o->set("name", b.name);
    setOptionalInt(o, "budget_holder_user_id", b.holder);
    return o;
}

void appendBudgetFiguresJson(const FiguresJson& in, std::string& out) {
    const auto& f = in.figures;
    const auto& r = f.report;
    std::string months;
    Money realised;
    appendMonths(f, in.budget.year, realised, months);
    JsonObjectWriter o(out);
    o.integer("accepted_unpaid_cents", f.accepted_unpaid.cents())
        .integer("allocations_counted", f.allocations_counted)
        .integer("allocations_without_tariff", f.allocations_without_tariff)
        .integer("amount_cents", f.amount.cents());
    appendJson(budgetJson(in.budget), o.nested("budget"));
    o.integer("committed_cents", f.committed.cents())
        .integer("complete_months", r.complete_months)
        .optionalInteger("deviation_bp", r.deviation_bp)
        .optionalInteger("exhaustion_bp", r.exhaustion_bp)
        .integer("exhaustion_cents", r.exhaustion.cents())
        .integer("forecast_cents", r.forecast.cents());
    o.nested("monthly_realised") += months;
    o.integer("paid_cents", f.paid.cents())
        .integer("realised_cents", realised.cents())
        .integer("remaining_cents", r.remaining.cents());
    if (in.report_date) o.text("report_date", *in.report_date);
    o.optionalInteger("run_rate_cents", centsOf(r.run_rate)).boolean("signal", r.signal);
    if (in.threshold) o.text("signal_threshold_percent", *in.threshold);
    o.close();
}

}  // namespace zc::http
