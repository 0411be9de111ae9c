#pragma once
// Cancelling a prepared payment run (issue 13), and whether a prepared run has gone stale. A
// prepared run has sent nothing and its payables are still open, so a cancellation only closes
// the run and its transfers: the next run pays the payables. One transaction: the caller's.
#include <cstdint>
#include <optional>
#include <string>

#include "invoicing/store/payment_run_store.hpp"

namespace zc::invoicing {

struct RunCancellation {
    std::int64_t run_id = 0;
    std::string cancelled_by;  // the finance user's name; four eyes are not needed
    std::string reason;        // required
};

// Refuses with REASON_REQUIRED (field "reason", blank), NOT_FOUND (no such run) or
// RUN_NOT_PREPARED (approved or cancelled already); then nothing changes.
void cancelPaymentRun(PaymentRunStore& store, const RunCancellation& cancellation);

// Why a run can no longer be approved as prepared (PaymentRunStore::staleReason), for a run
// that is still prepared; nothing for an approved or cancelled run, which cannot go stale.
std::optional<std::string> staleReasonOf(PaymentRunStore& store, std::int64_t run_id,
                                         PaymentRunStatus status);

}  // namespace zc::invoicing
