#pragma once
// The message layer's side of the allocations' AllocationChanges port (OP087): each change
// queues a WMO301 with the client's allocations for that provider that the changed allocation's
// paying municipality pays, sent by that municipality (Afzender), in the caller's transaction.
// What it carries comes from contracting (wmo301Content); the XML from the codecs (writers.hpp).
#include <cstdint>
#include <string>

#include "contracting/app/allocation_changes.hpp"
#include "contracting/kernel/request_context.hpp"

namespace zc::iwmo {

// Queues a WMO301 from `municipality` with the client's current allocations for the provider
// that it pays (none when nothing is to be carried or the client's messages are withheld).
// CLIENT_ADDRESS_INCOMPLETE when the client's address cannot be sent.
void queueWmo301(app::RequestContext& ctx, std::int64_t client_id, std::int64_t provider_id,
                 const std::string& municipality);

class Wmo301Outbox final : public contracting::AllocationChanges {
  public:
    explicit Wmo301Outbox(app::RequestContext& ctx) : ctx_(ctx) {}
    void allocationsChanged(std::int64_t client_id, std::int64_t provider_id,
                            const std::string& paying_municipality) override {
        queueWmo301(ctx_, client_id, provider_id, paying_municipality);
    }

  private:
    app::RequestContext& ctx_;
};

}  // namespace zc::iwmo
