// Statement chaining (issue 13): consecutive statements of one account chain when the opening
// balance is the previous closing balance and no working day lies between them.
#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "invoicing/domain/reconciliation.hpp"

namespace zc::invoicing {
namespace {

Money m(const char* text) { return Money::parse(text); }

StatementBounds statement(const char* id, const char* from, const char* to, const char* opening,
                          const char* closing) {
    return {id, parseDate(from), parseDate(to), m(opening), m(closing)};
}

TEST(StatementChain, TheAccountsFirstStatementIsFirst) {
    const auto v = checkStatementChain(
        std::nullopt, statement("S1", "2026-12-01", "2026-12-01", "10.00", "5.00"));
    EXPECT_EQ(v.status, ChainStatus::First);
    EXPECT_EQ(chainStatusCode(v.status), "first");
    EXPECT_EQ(v.detail, "");
}

TEST(StatementChain, TheNextWorkingDayWithTheSameBalanceChains) {
    const auto prev = statement("S1", "2026-12-01", "2026-12-01", "10.00", "7.50");
    const auto v =
        checkStatementChain(prev, statement("S2", "2026-12-02", "2026-12-02", "7.50", "9.00"));
    EXPECT_EQ(v.status, ChainStatus::Ok);
    EXPECT_EQ(chainStatusCode(v.status), "ok");
    EXPECT_EQ(v.detail, "");
}

TEST(StatementChain, AWeekendIsNotAGap) {
    // Friday 4 December 2026, then Monday 7 December.
    const auto friday = statement("S5", "2026-12-04", "2026-12-04", "10.00", "7.50");
    EXPECT_EQ(
        checkStatementChain(friday, statement("S6", "2026-12-07", "2026-12-07", "7.50", "7.50"))
            .status,
        ChainStatus::Ok);
}

TEST(StatementChain, ChristmasAndAWeekendAreNotAGap) {
    // Thursday 24 December 2026; 25 December (a Friday) is a general holiday.
    const auto thursday = statement("S9", "2026-12-24", "2026-12-24", "10.00", "7.50");
    EXPECT_EQ(
        checkStatementChain(thursday, statement("S10", "2026-12-28", "2026-12-28", "7.50", "1.00"))
            .status,
        ChainStatus::Ok);
}

// Banks keep the TARGET2 calendar, not the Dutch holidays: Good Friday and Easter Monday (3 and
// 6 April 2026) are no bank days; Koningsdag (Monday 27 April 2026) and Ascension Day (Thursday
// 14 May 2026) are.
TEST(StatementChain, BankHolidaysFollowTarget2NotTheDutchHolidays) {
    const auto thursday = statement("S1", "2026-04-02", "2026-04-02", "10.00", "7.50");
    EXPECT_EQ(
        checkStatementChain(thursday, statement("S2", "2026-04-07", "2026-04-07", "7.50", "7.50"))
            .status,
        ChainStatus::Ok);
    const auto friday = statement("S3", "2026-04-24", "2026-04-24", "7.50", "7.50");
    const auto kings =
        checkStatementChain(friday, statement("S4", "2026-04-28", "2026-04-28", "7.50", "7.50"));
    EXPECT_EQ(kings.status, ChainStatus::Gap);
    EXPECT_NE(kings.detail.find("2026-04-27"), std::string::npos) << kings.detail;
    const auto wednesday = statement("S5", "2026-05-13", "2026-05-13", "7.50", "7.50");
    EXPECT_EQ(
        checkStatementChain(wednesday, statement("S6", "2026-05-15", "2026-05-15", "7.50", "7.50"))
            .status,
        ChainStatus::Gap);
}

TEST(StatementChain, AMissingWorkingDayIsAGap) {
    // Tuesday 1 December, then Thursday 3 December: Wednesday 2 December is missing.
    const auto tuesday = statement("S1", "2026-12-01", "2026-12-01", "10.00", "7.50");
    const auto v =
        checkStatementChain(tuesday, statement("S3", "2026-12-03", "2026-12-03", "7.50", "7.50"));
    EXPECT_EQ(v.status, ChainStatus::Gap);
    EXPECT_EQ(chainStatusCode(v.status), "gap");
    EXPECT_NE(v.detail.find("1 bank business day from 2026-12-02"), std::string::npos) << v.detail;
    EXPECT_NE(v.detail.find("S1"), std::string::npos) << v.detail;
}

TEST(StatementChain, AFridayMissingOverAWeekendIsAGap) {
    // Thursday 3 December, then Monday 7 December: Friday 4 December is missing.
    const auto v = checkStatementChain(statement("S3", "2026-12-03", "2026-12-03", "1.00", "2.00"),
                                       statement("S6", "2026-12-07", "2026-12-07", "2.00", "2.00"));
    EXPECT_EQ(v.status, ChainStatus::Gap);
    EXPECT_NE(v.detail.find("2026-12-04"), std::string::npos) << v.detail;
}

TEST(StatementChain, AnOpeningThatIsNotThePreviousClosingIsAMismatch) {
    const auto prev = statement("S1", "2026-12-01", "2026-12-01", "10.00", "7.50");
    const auto v =
        checkStatementChain(prev, statement("S2", "2026-12-02", "2026-12-02", "10.00", "12.00"));
    EXPECT_EQ(v.status, ChainStatus::Mismatch);
    EXPECT_EQ(chainStatusCode(v.status), "mismatch");
    EXPECT_NE(v.detail.find("10.00"), std::string::npos) << v.detail;
    EXPECT_NE(v.detail.find("7.50"), std::string::npos) << v.detail;
    EXPECT_NE(v.detail.find("S1"), std::string::npos) << v.detail;
}

TEST(StatementChain, AMismatchWinsOverAGapAndNamesIt) {
    const auto prev = statement("S1", "2026-12-01", "2026-12-01", "10.00", "7.50");
    const auto v =
        checkStatementChain(prev, statement("S4", "2026-12-04", "2026-12-04", "8.00", "8.00"));
    EXPECT_EQ(v.status, ChainStatus::Mismatch);
    EXPECT_NE(v.detail.find("2 bank business days from 2026-12-02"), std::string::npos) << v.detail;
}

TEST(StatementChain, StatementsOfTheSameDayChainOnBalancesOnly) {
    const auto morning = statement("S1", "2026-12-02", "2026-12-02", "10.00", "7.50");
    EXPECT_EQ(
        checkStatementChain(morning, statement("S2", "2026-12-02", "2026-12-02", "7.50", "1.00"))
            .status,
        ChainStatus::Ok);
    EXPECT_EQ(
        checkStatementChain(morning, statement("S2", "2026-12-02", "2026-12-02", "7.49", "1.00"))
            .status,
        ChainStatus::Mismatch);
}

}  // namespace
}  // namespace zc::invoicing
