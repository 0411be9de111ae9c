#pragma once
// The status of a payment run (betaalrun): prepared by one finance user, approved by another
// (then its pain.001 exists), or cancelled. One text form, at the edge: the database column and
// the API use paymentRunStatusName().
#include <optional>
#include <string_view>

namespace zc::invoicing {

enum class PaymentRunStatus { Prepared, Approved, Cancelled };

std::string_view paymentRunStatusName(PaymentRunStatus status);
// The status named `text` ("prepared", "approved", "cancelled"), or nothing.
std::optional<PaymentRunStatus> parsePaymentRunStatus(std::string_view text);

}  // namespace zc::invoicing
