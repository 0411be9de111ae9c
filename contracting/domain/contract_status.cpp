#include "contract_status.hpp"

#include <array>
#include <utility>

#include "../kernel/errors.hpp"

namespace zc::contracting {
namespace {

constexpr std::array<std::pair<ContractStatus, std::string_view>, 5> kStatusNames{{
    {ContractStatus::Draft, "draft"},
    {ContractStatus::Active, "active"},
    {ContractStatus::Suspended, "suspended"},
    {ContractStatus::Terminated, "terminated"},
    {ContractStatus::Expired, "expired"},
}};

}  // namespace

ContractStatus parseContractStatus(std::string_view text, std::string_view field) {
    for (const auto& [status, name] : kStatusNames) {
        if (name == text) return status;
    }
    throw ValidationError("INVALID_STATUS",
                          "Status must be one of draft, active, suspended, terminated or "
                          "expired.",
                          std::string(field));
}

std::string contractStatusName(ContractStatus s) {
    for (const auto& [status, name] : kStatusNames) {
        if (status == s) return std::string(name);
    }
    assertionFailed("status missing from kStatusNames", __FILE__, __LINE__);
}

bool isAllowedTransition(ContractStatus from, ContractStatus to) {
    using enum ContractStatus;
    switch (from) {
        case Draft:
            return to == Active || to == Terminated;
        case Active:
            return to == Suspended || to == Terminated || to == Expired;
        case Suspended:
            return to == Active || to == Terminated || to == Expired;
        case Terminated:
        case Expired:
            return false;  // Final states.
    }
    return false;
}

void checkTransition(ContractStatus from, ContractStatus to) {
    if (isAllowedTransition(from, to)) return;
    throw ValidationError("ILLEGAL_STATUS_CHANGE",
                          "A contract cannot change from " + contractStatusName(from) + " to " +
                              contractStatusName(to) + ".",
                          "status");
}

}  // namespace zc::contracting
