// The rules of the request work queue (WMO315/317): a request is decided once, a WMO317 is
// honoured as a whole (IV093), and when a request is overdue.
#include "contracting/app/allocation_requests.hpp"

#include <gtest/gtest.h>

#include <functional>

#include "contracting/kernel/errors.hpp"

namespace zc::contracting {
namespace {

Date ymd(int y, unsigned m, unsigned d) {
    return std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d};
}

ValidationError refusal(const std::function<void()>& call) {
    try {
        call();
    } catch (const ValidationError& e) {
        return e;
    }
    return ValidationError("", "", "");
}

RequestRow request(const std::string& status) {
    RequestRow r;
    r.id = 9;
    r.kind = "317";
    r.status = status;
    r.answer_due = "2025-03-10";
    return r;
}

TEST(AllocationRequestsTest, ARequestIsDecidedOnce) {
    EXPECT_NO_THROW(checkUndecided(request("open")));
    EXPECT_NO_THROW(checkUndecided(request("in_onderzoek")));
    EXPECT_EQ(refusal([] { checkUndecided(request("granted")); }).code(), "REQUEST_DECIDED");
    EXPECT_EQ(refusal([] { checkUndecided(request("rejected")); }).code(), "REQUEST_DECIDED");
}

TEST(AllocationRequestsTest, EveryAllocationAskedToChangeGetsExactlyOneChange) {
    const std::set<std::string> asked{"1001", "1002"};
    EXPECT_NO_THROW(checkChangesWhole(asked, {"1001", "1002"}, 2));
    const auto missing = refusal([&] { checkChangesWhole(asked, {"1001"}, 1); });
    EXPECT_EQ(missing.code(), "REQUEST_NOT_WHOLE");
    EXPECT_EQ(missing.field(), "changes");
    EXPECT_NE(std::string(missing.what()).find("missing: 1002"), std::string::npos);
    const auto extra = refusal([&] { checkChangesWhole(asked, {"1001", "1002", "7"}, 3); });
    EXPECT_NE(std::string(extra.what()).find("not asked for: 7"), std::string::npos);
    // The same allocation changed twice is not a whole answer either.
    EXPECT_EQ(refusal([&] {
                  checkChangesWhole(asked, {"1001", "1002"}, 3);
              }).code(),
              "REQUEST_NOT_WHOLE");
}

TEST(AllocationRequestsTest, EveryNewProductGetsOneAllocationOfItsCodeOrCategory) {
    const std::vector<RequestedProduct> asked{{"02A08", "02"}, {"", "04"}};
    EXPECT_NO_THROW(checkProductsWhole(asked, {{"04A01", "04"}, {"02A08", "02"}}));
    const auto wrong = refusal([&] {
        checkProductsWhole(asked, {{"02A08", "02"}, {"03A01", "03"}});
    });
    EXPECT_EQ(wrong.code(), "REQUEST_NOT_WHOLE");
    EXPECT_EQ(wrong.field(), "allocations");
    EXPECT_NE(std::string(wrong.what()).find("missing: category 04; not asked for: 03A01"),
              std::string::npos)
        << wrong.what();
    EXPECT_EQ(refusal([&] {
                  checkProductsWhole({}, {{"02A08", "02"}});
              }).code(),
              "REQUEST_NOT_WHOLE");
}

TEST(AllocationRequestsTest, OverdueAfterTheAnswerOrDecisionDate) {
    auto r = request("open");
    EXPECT_FALSE(isOverdue(r, ymd(2025, 3, 10)));
    EXPECT_TRUE(isOverdue(r, ymd(2025, 3, 11)));
    r.status = "in_onderzoek";
    EXPECT_FALSE(isOverdue(r, ymd(2025, 3, 11)));  // no decision date yet
    r.decision_due = "2025-05-05";
    EXPECT_TRUE(isOverdue(r, ymd(2025, 5, 6)));
    r.status = "granted";
    EXPECT_FALSE(isOverdue(r, ymd(2026, 1, 1)));
}

TEST(AllocationRequestsTest, NumbersAreComparedWithoutLeadingZeros) {
    EXPECT_EQ(numberText("0001001"), "1001");
    EXPECT_EQ(numberText("000"), "0");
}

}  // namespace
}  // namespace zc::contracting
