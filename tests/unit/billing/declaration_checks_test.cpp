// The in-message rules of a WMO323 (control level 2), one table row per rule.
#include "billing/domain/declaration_checks.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "claim_fixture.hpp"

namespace zc::billing {
namespace {

using testing::cents;
using testing::d;
using testing::p;

// A March 2025 declaration with two good debits of different allocations, and a credit.
struct Message {
    DeclarationHeader header{"D1", p("2025-03-01", "2025-04-01"), d("2025-04-02"), cents(0),
                             "0193"};
    std::optional<std::int64_t> total;  // computed from the lines when not set
    std::optional<bool> total_credit;
    Date dated = d("2025-04-02");
    std::vector<ClaimLine> lines;

    Message() {
        ClaimLine a = testing::validCase().line;
        ClaimLine b = a;
        b.reference = "R2";
        b.allocation_number = 1002;
        ClaimLine c = a;
        c.reference = "C1";
        c.credit = true;
        c.previous_reference = "EARLIER";
        c.period = p("2025-02-01", "2025-03-01");
        lines = {a, b, c};
    }

    std::string run() {
        InMessageRules rules;
        std::int64_t net = 0;
        for (const auto& l : lines) net += l.credit ? -l.amount.cents() : l.amount.cents();
        rules.head(header, total.value_or(net < 0 ? -net : net), total_credit.value_or(net < 0),
                   dated);
        int n = 10;
        for (const auto& l : lines) rules.line(l, n++);
        std::vector<std::string> seen;  // each rule once, in the order found
        for (const auto& problem : rules.finish()) {
            if (std::find(seen.begin(), seen.end(), problem.rule) == seen.end()) {
                seen.push_back(problem.rule);
            }
        }
        std::string out;
        for (const auto& r : seen) out += (out.empty() ? "" : " ") + r;
        return out.empty() ? "ok" : out;
    }
};

TEST(InMessageRules, EachRuleWithItsCode) {
    struct Row {
        const char* name;
        std::function<void(Message&)> change;
        const char* expected;
    };
    const std::vector<Row> rows{
        {"valid", [](Message&) {}, "ok"},
        {"total one cent off", [](Message& m) { m.total = 60001; }, "TR358"},
        {"declaration period of two months",
         [](Message& m) { m.header.declaration_period = p("2025-03-01", "2025-05-01"); }, "CS340"},
        {"declaration period before 2021",
         [](Message& m) { m.header.declaration_period = p("2020-12-01", "2021-01-01"); },
         "CS100 TR319"},  // the March 2025 lines now lie after it
        {"zero total as credit",
         [](Message& m) {
             m.lines.pop_back();
             m.lines[1].credit = true;
             m.lines[1].previous_reference = "X";
             m.total_credit = true;
         },
         "CS325"},
        {"line spans two months",
         [](Message& m) { m.lines[0].period = p("2025-02-20", "2025-03-10"); }, "CS337"},
        {"line after the declaration period",
         [](Message& m) { m.lines[0].period = p("2025-04-01", "2025-05-01"); }, "TR319"},
        {"line more than 60 months back",
         [](Message& m) {
             m.dated = d("2030-04-02");
             m.header.declaration_period = p("2030-03-01", "2030-04-01");
         },
         "TR335"},
        {"debit with a previous reference",
         [](Message& m) { m.lines[0].previous_reference = "R0"; }, "CD060"},
        {"credit without one", [](Message& m) { m.lines[2].previous_reference.reset(); }, "CD060"},
        {"hours without tariff", [](Message& m) { m.lines[0].tariff.reset(); }, "CD087"},
        {"euros with a tariff", [](Message& m) { m.lines[0].unit = Unit::Euros; }, "CD087 CS339"},
        {"euros: amount ≠ volume",
         [](Message& m) {
             m.lines[0].unit = Unit::Euros;
             m.lines[0].tariff.reset();
         },
         "CS339"},
        {"a prestatie twice",
         [](Message& m) {
             ClaimLine again = m.lines[0];
             again.period = p("2025-02-01", "2025-03-01");
             m.lines.push_back(again);
         },
         "TR101"},
        {"a previous reference twice",
         [](Message& m) {
             ClaimLine c = m.lines[2];
             c.reference = "C2";
             c.period = p("2025-01-01", "2025-02-01");
             m.lines.push_back(c);
         },
         "TR315"},
        {"a credit of a debit in the same message",
         [](Message& m) { m.lines[2].previous_reference = m.lines[0].reference; }, "TR316"},
        {"two debits for one allocation, product and period",
         [](Message& m) { m.lines[1].allocation_number = m.lines[0].allocation_number; }, "TR416"},
        {"the same allocation in two periods is fine",
         [](Message& m) {
             m.lines[1].allocation_number = m.lines[0].allocation_number;
             m.lines[1].period = p("2025-02-01", "2025-03-01");
         },
         "ok"},
    };
    for (const auto& row : rows) {
        Message m;
        row.change(m);
        EXPECT_EQ(m.run(), row.expected) << row.name;
    }
}

}  // namespace
}  // namespace zc::billing
