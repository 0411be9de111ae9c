#pragma once
// Keeping money back (finance): an integrity block keeps a provider out of payment runs
// (unknown beneficial owner, a sanctions or fraud-register hit); a disputed payable is left out
// of runs. Both need a reason. One transaction: the caller's.
#include <cstdint>
#include <optional>
#include <string>

#include "invoicing/store/integrity_store.hpp"

namespace zc::invoicing {

struct IntegrityChange {
    std::int64_t id = 0;  // the provider's or the payable's
    bool on = true;       // block / dispute, or lift it
    std::string reason;   // at least 3 characters, either way (REASON_REQUIRED)
    std::string actor;    // the finance user
};

// Blocks or unblocks the provider (NOT_FOUND when unknown). Returns the reason of the block it
// had before, for the audit trail.
std::optional<std::string> changeProviderBlock(IntegrityStore& store,
                                               const IntegrityChange& change);

// Disputes or undisputes the payable: only an open one (PAYABLE_NOT_OPEN; NOT_FOUND when
// unknown).
void changePayableDispute(IntegrityStore& store, const IntegrityChange& change);

}  // namespace zc::invoicing
