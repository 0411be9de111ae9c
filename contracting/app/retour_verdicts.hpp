#pragma once
// A provider's verdict on a message of ours (WMO302 on a WMO301, WMO320 on a WMO319) as a use
// case: the retour codes are recorded on the outbox message it names, in the message intake's
// transaction (contracting/app/message_intake.hpp).
#include <cstdint>
#include <set>
#include <string>

#include "contracting/app/message_intake.hpp"
#include "contracting/kernel/request_context.hpp"

namespace zc::contracting {

// Records `codes` (the RetourCodes of the retour) on our message `original_code` (BerichtCode,
// "414" or "482") with `identificatie` to the provider: UNKNOWN_ORIGINAL (no retour, nothing
// stored) when we sent none. Returns the outcome: "retour_rejects" when a code is 0001, else
// "retour_accepts".
std::string recordVerdict(app::RequestContext& ctx, const RegisteredMessage& m,
                          const std::string& original_code, const std::string& identificatie,
                          const std::set<std::string>& codes);

}  // namespace zc::contracting
