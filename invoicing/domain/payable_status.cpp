#include "payable_status.hpp"

namespace zc::invoicing {

std::string_view payableStatusName(PayableStatus status) {
    switch (status) {
        case PayableStatus::Open:
            return "open";
        case PayableStatus::InRun:
            return "in_run";
        case PayableStatus::Paid:
            return "paid";
    }
    return "open";
}

std::optional<PayableStatus> parsePayableStatus(std::string_view text) {
    for (auto s : {PayableStatus::Open, PayableStatus::InRun, PayableStatus::Paid}) {
        if (payableStatusName(s) == text) return s;
    }
    return std::nullopt;
}

}  // namespace zc::invoicing
