#pragma once
// Preparing a payment run (betaalrun): the open payables due by a date that one or more
// municipalities owe, composed into one transfer per provider and municipality, each paid from
// that municipality's (default or chosen) debtor account (claw-backs offset within the same
// municipality only, blocked providers and disputed payables left out with the reason;
// invoicing/domain/payment_run).
// Nothing is paid or locked yet: a second finance user approves it
// (payment_run_approval.hpp). One transaction: the caller's.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "invoicing/store/payment_run_store.hpp"

namespace zc::invoicing {

struct RunRequest {
    std::vector<std::string> municipality_codes;  // one or more; a repeated code counts once
    Date due_until;
    std::optional<Date> execution_date;                     // default: today
    std::optional<std::vector<std::int64_t>> provider_ids;  // default: every provider
    std::string preparer;                                   // the finance user's name
    Date today;
    // Per municipality the debtor account to pay from; default: the municipality's default.
    std::map<std::string, std::int64_t> accounts = {};
};

// Refuses with EXECUTION_DATE_PAST, MISSING_FIELD (no municipality), INVALID_FIELD (an account
// chosen for a municipality the run does not pay for, field "accounts.<code>"), NOT_FOUND
// (municipality), NO_DEBTOR_ACCOUNT (none) or INVALID_FIELD (a chosen account that is not an
// active account of the municipality, "accounts.<code>") before anything is recorded. Returns the
// new run's id.
std::int64_t preparePaymentRun(PaymentRunStore& store, const RunRequest& request);

}  // namespace zc::invoicing
