#include "payment_run_status.hpp"

namespace zc::invoicing {

std::string_view paymentRunStatusName(PaymentRunStatus status) {
    switch (status) {
        case PaymentRunStatus::Prepared:
            return "prepared";
        case PaymentRunStatus::Approved:
            return "approved";
        case PaymentRunStatus::Cancelled:
            return "cancelled";
    }
    return "prepared";
}

std::optional<PaymentRunStatus> parsePaymentRunStatus(std::string_view text) {
    for (auto s :
         {PaymentRunStatus::Prepared, PaymentRunStatus::Approved, PaymentRunStatus::Cancelled}) {
        if (paymentRunStatusName(s) == text) return s;
    }
    return std::nullopt;
}

}  // namespace zc::invoicing
