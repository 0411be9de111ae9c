// A run's status after the bank (issue 15), as a table: the run's status and its transfers by
// status → the bank status the run list and run screen show.
#include "invoicing/domain/run_bank_status.hpp"

#include <gtest/gtest.h>

#include <string>

namespace zc::invoicing {
namespace {

std::string bankStatusOf(PaymentRunStatus status, RunTransferCounts counts) {
    const auto s = runBankStatus(status, counts);
    return s ? std::string(runBankStatusName(*s)) : "none";
}

TEST(RunBankStatus, FollowsTheTransfersOfAnApprovedRunOnly) {
    struct Row {
        PaymentRunStatus status;
        RunTransferCounts counts;
        const char* expected;
    };
    const Row rows[] = {
        {PaymentRunStatus::Prepared, {3, 0, 0}, "none"},
        {PaymentRunStatus::Cancelled, {0, 0, 0}, "none"},
        {PaymentRunStatus::Approved, {3, 0, 0}, "sent"},
        {PaymentRunStatus::Approved, {2, 1, 0}, "partly_booked"},
        {PaymentRunStatus::Approved, {0, 3, 0}, "booked"},
        {PaymentRunStatus::Approved, {0, 0, 0}, "booked"},
        {PaymentRunStatus::Approved, {0, 2, 1}, "returned"},
        {PaymentRunStatus::Approved, {2, 0, 1}, "returned"},
        {PaymentRunStatus::Approved, {0, 0, 3}, "returned"},
    };
    for (const auto& r : rows) {
        EXPECT_EQ(bankStatusOf(r.status, r.counts), r.expected)
            << r.counts.sent << " sent, " << r.counts.booked << " booked, " << r.counts.returned
            << " returned";
    }
}

}  // namespace
}  // namespace zc::invoicing
