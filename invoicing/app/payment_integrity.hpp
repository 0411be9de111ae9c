#pragma once
// Keeping money back (finance): an integrity block keeps a provider out of payment runs
// (unknown beneficial owner, a sanctions or fraud-register hit); a disputed payable is left out
// of runs. Both need a reason. changeProviderBlock/changePayableDispute are the rules over a
// store (unit-tested in memory); blockProvider/disputePayable are the use cases: one transaction
// with its audit row.
#include <cstdint>
#include <optional>
#include <string>

#include "contracting/kernel/request_context.hpp"
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

// POST /providers/{id}/block|unblock: the rule above in its own transaction, audited
// ("provider.block"/"provider.unblock", before: the earlier reason).
void blockProvider(app::RequestContext& ctx, const IntegrityChange& change);
// POST /payables/{id}/dispute|undispute, audited ("payable.dispute"/"payable.undispute").
void disputePayable(app::RequestContext& ctx, const IntegrityChange& change);

}  // namespace zc::invoicing
