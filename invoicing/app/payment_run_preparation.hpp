#pragma once
// Preparing a payment run (betaalrun): the open payables due by a date of the providers the
// municipality contracts, composed into one transfer per provider (claw-backs offset, blocked
// providers and disputed payables left out with the reason; invoicing/domain/payment_run).
// Nothing is paid or locked yet: a second finance user approves it
// (payment_run_approval.hpp). One transaction: the caller's.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "invoicing/store/payment_run_store.hpp"

namespace zc::invoicing {

struct RunRequest {
    std::string municipality_code;
    Date due_until;
    std::optional<Date> execution_date;                     // default: today
    std::optional<std::vector<std::int64_t>> provider_ids;  // default: every provider
    std::string preparer;                                   // the finance user's name
    Date today;
};

// Refuses with EXECUTION_DATE_PAST, NOT_FOUND (municipality) or NO_DEBTOR_ACCOUNT before
// anything is recorded. Returns the new run's id.
std::int64_t preparePaymentRun(PaymentRunStore& store, const RunRequest& request);

}  // namespace zc::invoicing
