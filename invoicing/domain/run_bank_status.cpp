#include "run_bank_status.hpp"

namespace zc::invoicing {

std::optional<RunBankStatus> runBankStatus(PaymentRunStatus status, RunTransferCounts c) {
    if (status != PaymentRunStatus::Approved) return std::nullopt;
    if (c.returned > 0) return RunBankStatus::Returned;
    if (c.sent == 0) return RunBankStatus::Booked;
    return c.booked > 0 ? RunBankStatus::PartlyBooked : RunBankStatus::Sent;
}

std::string_view runBankStatusName(RunBankStatus status) {
    switch (status) {
        case RunBankStatus::Sent:
            return "sent";
        case RunBankStatus::PartlyBooked:
            return "partly_booked";
        case RunBankStatus::Booked:
            return "booked";
        case RunBankStatus::Returned:
            return "returned";
    }
    return "sent";
}

}  // namespace zc::invoicing
