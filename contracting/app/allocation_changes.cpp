#include "allocation_changes.hpp"

#include <algorithm>

namespace zc::contracting {

void CollectedAllocationChanges::allocationsChanged(std::int64_t client_id,
                                                    std::int64_t provider_id,
                                                    const std::string& paying_municipality) {
    const Changed c{client_id, provider_id, paying_municipality};
    if (std::find(changed_.begin(), changed_.end(), c) == changed_.end()) changed_.push_back(c);
}

void CollectedAllocationChanges::flushTo(AllocationChanges& target) {
    const auto changed = std::move(changed_);
    changed_.clear();
    for (const auto& c : changed) {
        target.allocationsChanged(c.client_id, c.provider_id, c.paying_municipality);
    }
}

}  // namespace zc::contracting
