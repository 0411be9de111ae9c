#include "review_json.hpp"

#include "json_text.hpp"

namespace zc::http {
namespace {

void appendCap(const billing::CapUse& c, std::string& out) {
    JsonObjectWriter o(out);
    o.text("counting_unit", unitName(c.counting_unit))
        .text("frequency", frequencyName(c.cap.frequency))
        .optionalInteger("max_in_period", c.max_in_period)
        .optionalInteger("max_total", c.max_total)
        .text("unit", unitName(c.cap.unit))
        .integer("used_in_period", c.used_in_period)
        .integer("used_total", c.used_total)
        .integer("volume", c.cap.volume)
        .close();
}

}  // namespace

void appendReviewJson(const billing::ReviewView& v, std::string& out) {
    const auto& r = v.review;
    JsonObjectWriter o(out);
    o.integer("allocation_number", r.allocation_number).integer("amount_cents", r.amount_cents);
    if (v.cap) {
        appendCap(*v.cap, o.nested("cap"));
    } else {
        o.null("cap");  // the allocation is unknown
    }
    o.integer("claim_line_id", r.claim_line_id)
        .text("code", r.code)
        .optionalText("decided_by", r.decided_by)
        .integer("declaration_id", r.declaration_id)
        .text("declaration_number", r.declaration_number)
        .text("due_date", r.due_date)
        .boolean("escalated", r.escalated)
        .integer("id", r.id)
        .text("message", r.message)
        .boolean("overdue", v.overdue)
        .text("period_end", r.period_end)
        .text("period_start", r.period_start)
        .text("product_code", r.product_code)
        .text("provider_agb", r.provider_agb)
        .text("provider_name", r.provider_name)
        .optionalText("reason", r.reason)
        .text("reference", r.reference)
        .text("status", billing::reviewStatusName(r.status))
        .text("unit", r.unit)
        .integer("volume", r.volume)
        .close();
}

void appendReviewsJson(const std::vector<billing::ReviewView>& reviews, std::string& out) {
    appendJsonArray(reviews, appendReviewJson, out);
}

}  // namespace zc::http
