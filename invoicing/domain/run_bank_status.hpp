#pragma once
// What the bank made of an approved payment run (issue 15), derived from its transfers'
// statuses after the bank statements (camt.053) were reconciled — not stored, so it can never
// disagree with the transfers:
//   sent           nothing of the run is on a statement yet (or part of it, see below)
//   partly_booked  some transfers are booked, the others still sent, none returned
//   booked         every transfer is booked (betaald); also a run without any transfer (settled
//                  by offset only): nothing of it is left at the bank
//   returned       at least one transfer came back (storno); the count says how many
// A prepared or cancelled run has no bank status: it was never sent.
#include <cstdint>
#include <optional>
#include <string_view>

#include "invoicing/domain/payment_run_status.hpp"

namespace zc::invoicing {

enum class RunBankStatus { Sent, PartlyBooked, Booked, Returned };

// The run's transfers by status (a transfer is sent, booked or returned once its run is
// approved).
struct RunTransferCounts {
    std::int64_t sent = 0, booked = 0, returned = 0;
};

std::optional<RunBankStatus> runBankStatus(PaymentRunStatus status, RunTransferCounts counts);
std::string_view runBankStatusName(RunBankStatus status);

}  // namespace zc::invoicing
