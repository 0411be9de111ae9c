#include "invoicing/domain/payable.hpp"

#include <gtest/gtest.h>

#include <vector>

#include "contracting/kernel/errors.hpp"

namespace zc::invoicing {
namespace {

Date d(const char* text) { return parseDate(text); }
Money m(const char* text) { return Money::parse(text); }

TEST(DueDate, AddsThePaymentTermInCalendarDays) {
    struct Row {
        const char* received;
        int term;
        const char* due;
    };
    const std::vector<Row> rows = {
        {"2025-06-30", 30, "2025-07-30"}, {"2025-12-15", 30, "2026-01-14"},  // across the year end
        {"2024-02-01", 30, "2024-03-02"},  // leap year: 1 Feb + 28 = 29 Feb, + 30 = 2 Mar
        {"2025-02-01", 30, "2025-03-03"},  // 1 Feb + 27 = 28 Feb, + 30 = 3 Mar
        {"2025-06-30", 0, "2025-06-30"},  {"2025-06-30", 60, "2025-08-29"},
    };
    for (const Row& row : rows) {
        SCOPED_TRACE(row.received);
        EXPECT_EQ(dueDate(d(row.received), row.term), d(row.due));
    }
    EXPECT_EQ(dueDate(d("2025-06-30")), d("2025-07-30"));  // default 30 days
}

TEST(DueDate, RejectsTermsOutsideZeroToSixtyDays) {
    for (int term : {-1, 61, 365}) {
        SCOPED_TRACE(term);
        try {
            dueDate(d("2025-06-30"), term);
            ADD_FAILURE() << "accepted";
        } catch (const ValidationError& e) {
            EXPECT_EQ(e.code(), "INVALID_PAYMENT_TERM");
            EXPECT_EQ(e.field(), "payment_term_days");
        }
    }
}

// Budget 120,000.00 from 2025-04-01: 9 advances; 12,000,000 cents / 9 = 1,333,333 rest 3, so
// April, May and June get 13,333.34 and July..December 13,333.33.
std::vector<Advance> schedule() {
    return monthlyAdvances(m("120000.00"), 2025, Period{d("2025-04-01"), std::nullopt});
}

TEST(AdvancesDue, AdvancesBecomePayableOnTheirDueDate) {
    std::vector<Payable> due = advancesDue(schedule(), d("2025-06-01"), 42, "DB-2025-007");
    const std::vector<Payable> expected = {
        {42, m("13333.34"), d("2025-04-01"), "advance:DB-2025-007:2025-04"},
        {42, m("13333.34"), d("2025-05-01"), "advance:DB-2025-007:2025-05"},
        {42, m("13333.34"), d("2025-06-01"), "advance:DB-2025-007:2025-06"},
    };
    EXPECT_EQ(due, expected);
}

TEST(AdvancesDue, Table) {
    struct Row {
        const char* today;
        std::size_t count;
    };
    const std::vector<Row> rows = {
        {"2025-03-31", 0},  // before the first advance
        {"2025-04-01", 1},  // on the first due date
        {"2025-05-31", 2},  // the day before June's
        {"2025-12-01", 9}, {"2026-06-01", 9},
    };
    for (const Row& row : rows) {
        SCOPED_TRACE(row.today);
        EXPECT_EQ(advancesDue(schedule(), d(row.today), 42, "C").size(), row.count);
    }
    // All nine add up to the budget.
    Money total;
    for (const Payable& p : advancesDue(schedule(), d("2025-12-31"), 42, "C")) total += p.amount;
    EXPECT_EQ(total, m("120000.00"));
}

TEST(AdvancesDue, ZeroBudgetMakesNoPayables) {
    auto zero = monthlyAdvances(Money(), 2025, Period{d("2025-01-01"), std::nullopt});
    ASSERT_EQ(zero.size(), 12u);
    EXPECT_TRUE(advancesDue(zero, d("2025-12-31"), 42, "C").empty());
}

}  // namespace
}  // namespace zc::invoicing
