#pragma once
// iWmo OP003 — berichtenverkeer achterwege laten: when an access officer judges that sending a
// client's data puts the client at serious risk (e.g. a stay in a shelter), no standard message
// about the client is queued (no WMO301); the provider learns of the allocations outside the
// message traffic (the provider API lists them as always). Releasing the client announces the
// client's allocations for every provider that has one through the AllocationChanges port (the
// message layer queues a WMO301 per provider and paying municipality).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "contracting/app/allocation_changes.hpp"
#include "contracting/kernel/request_context.hpp"
#include "contracting/store/message_safety_store.hpp"

namespace zc::contracting {

struct MessageSafetyChange {
    std::int64_t client_id = 0;
    bool withhold = false;
    std::optional<std::string> reason;  // required to withhold (the professional's judgement)
};

struct MessageSafetyOutcome {
    bool before = false;  // whether the messages were withheld before
    // The providers to send the current allocations to, per paying municipality: only when
    // withheld messages are released.
    std::vector<ProviderToInform> providers_to_inform;
};

// The rule over a store: MISSING_FIELD (reason) when withholding without a reason, then
// NOT_FOUND for an unknown client; withholds or releases.
MessageSafetyOutcome changeMessageSafety(MessageSafetyStore& store, const MessageSafetyChange& c,
                                         const std::string& now);

// POST /clients/{id}/message-safety: the rule in one transaction, audited
// ("client.messages_withheld" / "client.messages_released", before and after
// {"messages_withheld": ...}), then the released allocations announced to `changes`.
void setMessageSafety(app::RequestContext& ctx, const MessageSafetyChange& c,
                      AllocationChanges& changes);

}  // namespace zc::contracting
