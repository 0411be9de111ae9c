#pragma once
// The port through which the allocation use cases announce, inside their transaction, that a
// client's allocations for a provider changed (created, changed, ended). Allocations own it;
// the message layer implements it by queueing a WMO301 with the client's allocations for that
// provider that one municipality pays (OP087; the paying municipality is the WMO301's Afzender).
// The caller passes the implementation in: no hook, no hidden loop.
#include <cstdint>
#include <string>
#include <vector>

namespace zc::contracting {

class AllocationChanges {
  public:
    virtual ~AllocationChanges() = default;
    // `paying_municipality`: the changed allocation's (allocations.paying_municipality_code).
    virtual void allocationsChanged(std::int64_t client_id, std::int64_t provider_id,
                                    const std::string& paying_municipality) = 0;
};

// Collects the changes of several allocation use cases that one decision makes, so that one
// WMO301 per client, provider and paying municipality carries all of them (IV093): pass it to
// the use cases, then flushTo() the real port once they all succeeded. Dropped without
// flushTo(), it announces nothing.
class CollectedAllocationChanges final : public AllocationChanges {
  public:
    void allocationsChanged(std::int64_t client_id, std::int64_t provider_id,
                            const std::string& paying_municipality) override;
    // Announces each client, provider and paying municipality once, in the order first seen,
    // and forgets them.
    void flushTo(AllocationChanges& target);

  private:
    struct Changed {
        std::int64_t client_id = 0;
        std::int64_t provider_id = 0;
        std::string paying_municipality;
        bool operator==(const Changed&) const = default;
    };
    std::vector<Changed> changed_;
};

}  // namespace zc::contracting
