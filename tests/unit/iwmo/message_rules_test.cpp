// The in-message rules (control level 2) of received messages on their typed content: a start
// or stop with a wrong StatusAanlevering, dates after the Dagtekening or an end before its
// begin, a key twice; a WMO315 with a reference twice; a BSN that fails the elfproef; a WMO317
// that lists no current allocation or asks for no change.
#include "interfaces/iwmo/exchange/message_rules.hpp"

#include <gtest/gtest.h>

namespace zc::iwmo {
namespace {

xml::Element element(std::string name, int line, std::string text = {}) {
    xml::Element e;
    e.name = std::move(name);
    e.line = line;
    e.text = std::move(text);
    return e;
}

// A 305/307 whose items sit on lines 10, 20, ...
class CareReportRules : public ::testing::Test {
  protected:
    void add(const std::string& number, const std::string& status, const std::string& begin,
             const std::string& end = "2026-03-05") {
        contracting::CareItem item;
        item.allocation_number = number;
        item.status = status;
        item.begin = parseDate(begin);
        item.end = parseDate(end);
        report.report.items.push_back(item);
        elements.push_back(element("StopProduct", 10 * static_cast<int>(elements.size() + 1)));
    }
    std::vector<std::string> problems(bool stop) {
        report.report.stop = stop;
        report.targets.items.clear();
        for (const auto& e : elements) report.targets.items.push_back(&e);
        return careReportProblems(report, parseDate("2026-03-10"));
    }
    std::vector<xml::Element> elements;
    ReceivedCareReport report;
};

using Lines = std::vector<std::string>;

TEST_F(CareReportRules, AValidStopHasNoProblems) {
    elements.reserve(4);
    add("123", "1", "2026-03-01");
    add("124", "1", "2026-03-10", "2026-03-10");  // on the Dagtekening itself
    EXPECT_EQ(problems(true), Lines{});
}

TEST_F(CareReportRules, StatusDatesAndRepeatedKeysAreNamedWithTheirLine) {
    elements.reserve(4);
    add("123", "2", "2026-03-01");
    add("124", "1", "2026-03-11", "2026-03-12");
    add("125", "1", "2026-03-06");
    add("125", "1", "2026-03-06", "2026-03-08");
    EXPECT_EQ(problems(true),
              (Lines{"0001 at line 10: StatusAanlevering must be 1 or 3",
                     "0001 at line 20: Begindatum after Dagtekening",
                     "0001 at line 20: Einddatum after Dagtekening",
                     "0001 at line 30: Einddatum before Begindatum",
                     "0001 at line 40: the same key appears twice in the message"}));
}

TEST_F(CareReportRules, AStartHasNoEndToCheck) {
    elements.reserve(4);
    add("124", "1", "2026-03-06", "2026-01-01");
    EXPECT_EQ(problems(false), Lines{});
    add("124", "3", "2026-03-06");
    EXPECT_EQ(problems(false), Lines{}) << "another status is another key";
}

TEST(AllocationRequestRules, AReferenceTwiceIsNamedAtItsSecondProduct) {
    const xml::Element first = element("AangevraagdProduct", 12);
    const xml::Element second = element("AangevraagdProduct", 19);
    ReceivedAllocationRequest r;
    r.request.items = {{"REF-1", "{}"}, {"REF-1", "{}"}};
    r.targets.items = {&first, &second};
    EXPECT_EQ(allocationRequestProblems(r),
              Lines{"0001 at line 19: ReferentieAanbieder used twice in the message"});
    r.request.items[1].reference = "REF-2";
    EXPECT_EQ(allocationRequestProblems(r), Lines{});
}

TEST(BsnRules, EveryBsnInTheMessagePassesTheElfproef) {
    xml::Element root = element("Bericht", 1);
    xml::Element client = element("Client", 5);
    client.children.push_back(element("Bsn", 6, "999999990"));
    client.children.push_back(element("Bsn", 7, "123456789"));
    root.children.push_back(client);
    EXPECT_EQ(bsnProblems(root), Lines{"0001 at line 7: BSN 123456789 fails the elfproef"});
}

TEST(ChangeRequestRules, ARequestListsACurrentAllocationAndAsksForAChange) {
    xml::Element root = element("Bericht", 1);
    xml::Element client = element("Client", 2);
    client.children.push_back(element("Verzoek", 3));
    root.children.push_back(client);
    EXPECT_EQ(changeRequestProblems(root),
              (Lines{"0001: a request for a change lists no current allocation",
                     "0001: a request for a change asks for no change"}));
    root.children[0].children[0].children.push_back(element("TeWijzigenProducten", 4));
    EXPECT_EQ(changeRequestProblems(root), Lines{});
}

}  // namespace
}  // namespace zc::iwmo
