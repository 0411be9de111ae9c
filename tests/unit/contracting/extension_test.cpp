// OP380: an unchanged, unexpired allocation is extended instead of renumbered
// (contracting/domain/extension.hpp).
#include "contracting/domain/extension.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <vector>

namespace zc::contracting {
namespace {

Date d(const char* text) { return parseDate(text); }

const Date kToday = d("2025-03-10");
const Cap kWeekly{4, Unit::Hours, Frequency::PerWeek};

ExtendableAllocation existing() { return {7, 100, kWeekly, d("2025-01-06"), d("2025-04-01"), {}}; }
RequestedAllocation requested() { return {7, 100, kWeekly, d("2025-04-01"), d("2025-07-01")}; }

struct Row {
    const char* name;
    std::function<void(ExtendableAllocation&, RequestedAllocation&)> change;
    const char* expected;
};

TEST(Extension, TableOfRequests) {
    const std::vector<Row> rows = {
        {"same terms, adjacent, running", [](auto&, auto&) {}, "extend"},
        {"running, reason 04 on the current version",
         [](auto& e, auto&) { e.reason_change = "04"; }, "extend"},
        {"to an open end", [](auto&, auto& r) { r.end.reset(); }, "extend"},
        {"last day is today",
         [](auto& e, auto& r) {
             e.end = d("2025-03-11");
             r.start = d("2025-03-11");
         },
         "extend"},
        {"other provider (a switch)", [](auto&, auto& r) { r.provider_id = 8; }, "other_provider"},
        {"other grant", [](auto&, auto& r) { r.granted_product_id = 101; }, "other_grant"},
        {"other volume", [](auto&, auto& r) { r.cap.volume = 3; }, "other_volume"},
        {"other frequency", [](auto&, auto& r) { r.cap.frequency = Frequency::PerMonth; },
         "other_volume"},
        {"other unit", [](auto&, auto& r) { r.cap.unit = Unit::Minutes; }, "other_volume"},
        {"withdrawn", [](auto& e, auto&) { e.reason_change = "13"; }, "withdrawn"},
        {"existing open-ended", [](auto& e, auto&) { e.end.reset(); }, "open_ended"},
        {"gap of a day", [](auto&, auto& r) { r.start = d("2025-04-02"); }, "not_adjacent"},
        {"overlapping start", [](auto&, auto& r) { r.start = d("2025-03-15"); }, "not_adjacent"},
        {"expired yesterday",
         [](auto& e, auto& r) {
             e.end = d("2025-03-10");
             r.start = d("2025-03-10");
         },
         "expired"},
        {"new end not later", [](auto&, auto& r) { r.end = d("2025-04-01"); }, "no_longer_end"},
    };
    for (const auto& row : rows) {
        auto e = existing();
        auto r = requested();
        row.change(e, r);
        EXPECT_EQ(verdictName(extensionVerdict(e, r, kToday)), row.expected) << row.name;
    }
}

}  // namespace
}  // namespace zc::contracting
