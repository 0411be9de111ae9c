#include "declaration_json.hpp"

#include "json_text.hpp"

namespace zc::http {
namespace {

// The rule's numbers of a failed cap, in the cap's counting unit (minutes for an hours cap).
void appendCapFigures(const billing::StoredCapFigures& c, std::string& out) {
    JsonObjectWriter o(out);
    o.text("cap_unit", c.cap_unit)
        .integer("claimed", c.claimed)
        .text("counting_unit", c.counting_unit)
        .integer("limit", c.limit)
        .text("scope", c.scope)
        .integer("used_before", c.before)
        .optionalText("window_end", c.window_last)
        .optionalText("window_start", c.window_first)
        .close();
}

}  // namespace

void appendClaimLineJson(const billing::ClaimLineRow& r, std::string& out) {
    JsonObjectWriter l(out);
    l.integer("allocation_number", r.allocation_number).integer("amount_cents", r.amount_cents);
    if (r.cap) {
        appendCapFigures(*r.cap, l.nested("cap_figures"));
    } else {
        l.null("cap_figures");
    }
    l.optionalText("code", r.code)
        .optionalText("codes", r.codes)
        .boolean("credit", r.credit)
        .boolean("credited", r.credited)
        .integer("id", r.id)  // the claim line, for its trace
        .text("municipality_code", r.municipality_code)
        .text("period_end", r.period_end)
        .text("period_start", r.period_start)
        .text("product_code", r.product_code)
        .text("reference", r.reference)
        // "answered_not_accepted": a review decided after the WMO325 had answered the line as
        // not accepted; the line is not paid unless it is sent again.
        .optionalText("review", r.review)
        .optionalText("review_reason", r.review_reason)
        .text("status", r.status)
        .text("unit", r.unit)
        .integer("volume", r.volume)
        .close();
}

void appendClaimLinesJson(const std::vector<billing::ClaimLineRow>& lines, std::string& out) {
    appendJsonArray(lines, appendClaimLineJson, out);
}

}  // namespace zc::http
