#include "payment_run_cancellation.hpp"

#include "contracting/kernel/errors.hpp"

namespace zc::invoicing {

void cancelPaymentRun(PaymentRunStore& store, const RunCancellation& cancellation) {
    if (cancellation.reason.find_first_not_of(" \t\r\n") == std::string::npos) {
        throw ValidationError("REASON_REQUIRED", "Say why the payment run is cancelled.", "reason");
    }
    const std::string name = "Payment run " + std::to_string(cancellation.run_id);
    const auto run = store.lockRun(cancellation.run_id);
    if (!run) throw ValidationError("NOT_FOUND", name + " does not exist.", "id");
    if (run->status != PaymentRunStatus::Prepared) {
        throw ValidationError("RUN_NOT_PREPARED",
                              name + " is " + std::string(paymentRunStatusName(run->status)) +
                                  "; only a prepared run can be cancelled.",
                              "id");
    }
    store.recordCancellation(run->id, cancellation.cancelled_by, cancellation.reason);
}

std::optional<std::string> staleReasonOf(PaymentRunStore& store, std::int64_t run_id,
                                         PaymentRunStatus status) {
    if (status != PaymentRunStatus::Prepared) return std::nullopt;
    return store.staleReason(run_id);
}

}  // namespace zc::invoicing
