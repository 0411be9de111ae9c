#pragma once
// Status of a framework or budget contract (raamovereenkomst) and its allowed transitions:
// draft -> active; active <-> suspended; draft|active|suspended -> terminated;
// active|suspended -> expired. terminated and expired are final.
#include <string>
#include <string_view>

namespace zc::contracting {

enum class ContractStatus { Draft, Active, Suspended, Terminated, Expired };

// "draft", "active", "suspended", "terminated", "expired";
// throws ValidationError{"INVALID_STATUS"} naming `field`.
ContractStatus parseContractStatus(std::string_view text, std::string_view field = "status");
std::string contractStatusName(ContractStatus s);
bool isAllowedTransition(ContractStatus from, ContractStatus to);
// Throws ValidationError{"ILLEGAL_STATUS_CHANGE", ..., "status"} (409 by the registry) when not allowed.
void checkTransition(ContractStatus from, ContractStatus to);

}  // namespace zc::contracting
