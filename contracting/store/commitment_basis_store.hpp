#pragma once
// What allocations commit to budgets depends on contracting's data: the current allocations,
// their clients' districts and teams, and the contract tariffs. Each change to those raises a
// generation in commitment_basis_changes (migration 0045), in the transaction of the change, so
// that invoicing's kept commitments (invoicing/store/commitment_store.hpp) know they are out of
// date. Generations only grow.
#include <cstdint>
#include <string>

#include "interfaces/mysql/connection.hpp"

namespace zc::contracting {

// An allocation of `product_code` paid by `municipality` was written.
void noteAllocationWritten(db::Connection& db, const std::string& municipality,
                           const std::string& product_code);
// The allocation with row id `allocation_id` was retired (is_current = 0).
void noteAllocationRetired(db::Connection& db, std::int64_t allocation_id);
// The client moved: every category of each municipality that pays one of its allocations.
void noteClientMoved(db::Connection& db, std::int64_t client_id);
// A tariff of the contract was added: every category of each municipality that pays one of the
// contract's current allocations.
void noteContractTariffChanged(db::Connection& db, std::int64_t contract_id);

// The sum of the generations that concern `municipality` and `category` (its own, the
// municipality's and everyone's).
std::int64_t basisGenerationSum(db::Connection& db, const std::string& municipality,
                                const std::string& category);

}  // namespace zc::contracting
