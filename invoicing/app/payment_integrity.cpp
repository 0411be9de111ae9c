#include "payment_integrity.hpp"

#include "contracting/kernel/errors.hpp"

namespace zc::invoicing {
namespace {

void requireReason(const IntegrityChange& change) {
    if (change.reason.size() < 3) {
        throw ValidationError("REASON_REQUIRED", "Give a reason (at least 3 characters).",
                              "reason");
    }
}

}  // namespace

std::optional<std::string> changeProviderBlock(IntegrityStore& store,
                                               const IntegrityChange& change) {
    requireReason(change);
    const auto block = store.lockProviderBlock(change.id);
    if (!block) {
        throw ValidationError("NOT_FOUND",
                              "Provider " + std::to_string(change.id) + " does not exist.", "id");
    }
    store.setProviderBlock(change.id,
                           change.on ? std::optional<std::string>(change.reason) : std::nullopt,
                           change.actor);
    return block->reason;
}

void changePayableDispute(IntegrityStore& store, const IntegrityChange& change) {
    requireReason(change);
    const auto status = store.lockPayableStatus(change.id);
    if (!status) {
        throw ValidationError("NOT_FOUND",
                              "Payable " + std::to_string(change.id) + " does not exist.", "id");
    }
    if (*status != PayableStatus::Open) {
        throw ValidationError("PAYABLE_NOT_OPEN",
                              "Payable " + std::to_string(change.id) + " is " +
                                  std::string(payableStatusName(*status)) +
                                  "; only open payables can be disputed.",
                              "id");
    }
    store.setPayableDispute(change.id,
                            change.on ? std::optional<std::string>(change.reason) : std::nullopt);
}

}  // namespace zc::invoicing
