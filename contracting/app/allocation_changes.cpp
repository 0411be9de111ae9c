#include "allocation_changes.hpp"

#include <algorithm>

namespace zc::contracting {

void CollectedAllocationChanges::allocationsChanged(std::int64_t client_id,
                                                    std::int64_t provider_id) {
    const std::pair<std::int64_t, std::int64_t> p{client_id, provider_id};
    if (std::find(pairs_.begin(), pairs_.end(), p) == pairs_.end()) pairs_.push_back(p);
}

void CollectedAllocationChanges::flushTo(AllocationChanges& target) {
    const auto pairs = std::move(pairs_);
    pairs_.clear();
    for (const auto& [client_id, provider_id] : pairs) {
        target.allocationsChanged(client_id, provider_id);
    }
}

}  // namespace zc::contracting
