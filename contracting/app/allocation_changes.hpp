#pragma once
// The port through which the allocation use cases announce, inside their transaction, that a
// client's allocations for a provider changed (created, changed, ended). Allocations own it;
// the message layer implements it by queueing a WMO301 with the client's allocations for that
// provider (OP087). The caller passes the implementation in: no hook, no hidden loop.
#include <cstdint>
#include <utility>
#include <vector>

namespace zc::contracting {

class AllocationChanges {
  public:
    virtual ~AllocationChanges() = default;
    virtual void allocationsChanged(std::int64_t client_id, std::int64_t provider_id) = 0;
};

// Collects the changes of several allocation use cases that one decision makes, so that one
// WMO301 per client and provider carries all of them (IV093): pass it to the use cases, then
// flushTo() the real port once they all succeeded. Dropped without flushTo(), it announces
// nothing.
class CollectedAllocationChanges final : public AllocationChanges {
  public:
    void allocationsChanged(std::int64_t client_id, std::int64_t provider_id) override;
    // Announces each client and provider once, in the order first seen, and forgets them.
    void flushTo(AllocationChanges& target);

  private:
    std::vector<std::pair<std::int64_t, std::int64_t>> pairs_;
};

}  // namespace zc::contracting
