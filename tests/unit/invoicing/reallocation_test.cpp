#include "invoicing/domain/reallocation.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "contracting/kernel/errors.hpp"

namespace zc::invoicing {
namespace {

Money m(const char* text) { return Money::parse(text); }

// The code thrown, or nothing when accepted.
std::optional<std::string> codeOf(const ReallocationRequest& r, Money remaining) {
    try {
        checkReallocation(r, remaining);
        return std::nullopt;
    } catch (const ValidationError& e) {
        return e.code();
    }
}

TEST(Reallocation, RequestTable) {
    struct Row {
        const char* name;
        ReallocationRequest request;
        const char* remaining;
        std::optional<std::string> code;
    };
    const std::vector<Row> rows = {
        {"fits", {1, 2, m("25000.00"), 7}, "30000.00", std::nullopt},
        {"all that is left", {1, 2, m("25000.00"), 7}, "25000.00", std::nullopt},
        {"one cent short", {1, 2, m("25000.01"), 7}, "25000.00", "INSUFFICIENT_BUDGET"},
        {"overdrawn source", {1, 2, m("0.01"), 7}, "-500.00", "INSUFFICIENT_BUDGET"},
        {"zero amount", {1, 2, Money(), 7}, "25000.00", "INVALID_AMOUNT"},
        {"negative amount", {1, 2, m("-1.00"), 7}, "25000.00", "INVALID_AMOUNT"},
        {"same budget", {1, 1, m("1.00"), 7}, "25000.00", "SAME_BUDGET"},
        // Precedence: the amount first, then the budgets, then the remaining budget.
        {"zero and same", {1, 1, Money(), 7}, "0", "INVALID_AMOUNT"},
        {"same and short", {1, 1, m("2.00"), 7}, "1.00", "SAME_BUDGET"},
    };
    for (const Row& row : rows) {
        SCOPED_TRACE(row.name);
        EXPECT_EQ(codeOf(row.request, m(row.remaining)), row.code);
    }
}

TEST(Reallocation, InsufficientBudgetNamesAmountsAndField) {
    try {
        checkReallocation({1, 2, m("25000.01"), 7}, m("25000.00"));
        ADD_FAILURE() << "accepted";
    } catch (const ValidationError& e) {
        EXPECT_EQ(e.code(), "INSUFFICIENT_BUDGET");
        EXPECT_EQ(e.field(), "amount");
        EXPECT_EQ(e.kind(), ErrorKind::Unprocessable);
        EXPECT_NE(std::string(e.what()).find("25000.00"), std::string::npos);
    }
}

TEST(Reallocation, ApprovalNeedsASecondPerson) {
    const ReallocationRequest request{1, 2, m("25000.00"), 7};
    EXPECT_NO_THROW(checkReallocationApproval(request, 8, m("30000.00")));
    try {
        checkReallocationApproval(request, 7, m("30000.00"));
        ADD_FAILURE() << "requester approved own reallocation";
    } catch (const ValidationError& e) {
        EXPECT_EQ(e.code(), "FOUR_EYES");
        EXPECT_EQ(e.field(), "approved_by");
        EXPECT_EQ(e.kind(), ErrorKind::Forbidden);
    }
}

TEST(Reallocation, ApprovalRechecksTheRemainingBudgetNow) {
    // Proposed with 30,000.00 left; by approval claims have used all but 20,000.00.
    const ReallocationRequest request{1, 2, m("25000.00"), 7};
    try {
        checkReallocationApproval(request, 8, m("20000.00"));
        ADD_FAILURE() << "approved beyond the remaining budget";
    } catch (const ValidationError& e) {
        EXPECT_EQ(e.code(), "INSUFFICIENT_BUDGET");
    }
    // FOUR_EYES comes first.
    try {
        checkReallocationApproval(request, 7, m("20000.00"));
        ADD_FAILURE() << "accepted";
    } catch (const ValidationError& e) {
        EXPECT_EQ(e.code(), "FOUR_EYES");
    }
}

}  // namespace
}  // namespace zc::invoicing
