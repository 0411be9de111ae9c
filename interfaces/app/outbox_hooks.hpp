#pragma once
// Called by the allocation use cases inside their transaction whenever a client's allocations
// for a provider change (create, change, end): the message layer then queues a WMO301 with all
// valid allocations of that client for that provider in the provider's outbox.
#include <cstdint>
#include <optional>
#include <string>

#include "context.hpp"

namespace zc::app {

void onAllocationsChanged(RequestContext& ctx, std::int64_t client_id, std::int64_t provider_id);

}  // namespace zc::app
