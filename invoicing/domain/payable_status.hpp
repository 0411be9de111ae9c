#pragma once
// The status of a payable (crediteur): open (owed, in no sent payment; open again after a
// returned transfer), in_run (in an approved run's transfer, not yet booked by the bank), paid
// (the bank booked it). One text form, at the edge.
#include <optional>
#include <string_view>

namespace zc::invoicing {

enum class PayableStatus { Open, InRun, Paid };

std::string_view payableStatusName(PayableStatus status);
// The status named `text`, or nothing.
std::optional<PayableStatus> parsePayableStatus(std::string_view text);

}  // namespace zc::invoicing
