#pragma once
// Called by the allocation use cases inside their transaction whenever a client's allocations
// for a provider change (create, change, end): the message layer then queues a WMO301 with the
// client's allocations for that provider (OP087) in the provider's outbox.
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "context.hpp"

namespace zc::app {

void onAllocationsChanged(RequestContext& ctx, std::int64_t client_id, std::int64_t provider_id);

// While a batch lives on this thread, onAllocationsChanged only notes the client and provider;
// flush() then queues one WMO301 per pair with everything that changed. For one decision that
// changes several allocations: the WMO301 that honours a request carries all of its changes
// (IV093). Destroyed without flush() (an error), it queues nothing.
class Wmo301Batch {
  public:
    Wmo301Batch();
    ~Wmo301Batch();
    Wmo301Batch(const Wmo301Batch&) = delete;
    Wmo301Batch& operator=(const Wmo301Batch&) = delete;

    void note(std::int64_t client_id, std::int64_t provider_id);
    void flush(RequestContext& ctx);

  private:
    std::vector<std::pair<std::int64_t, std::int64_t>> pairs_;
    Wmo301Batch* previous_;
};

}  // namespace zc::app
