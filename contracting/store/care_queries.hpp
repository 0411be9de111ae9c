#pragma once
// Store queries shared by the decision and allocation use cases (contracts serving a client,
// the client's current allocations and PGB grants, the contracted tariff to compare a PGB with).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "contracting/domain/allocation_rules.hpp"
#include "contracting/kernel/civil_date.hpp"
#include "contracting/kernel/money.hpp"

namespace zc::db {
class Connection;
}

namespace zc::contracting {

// The municipalities whose contracts serve a client of `municipality_code`: the municipality
// itself and its central municipality (which contracts for the region), if any.
std::vector<std::string> contractingMunicipalities(db::Connection& db,
                                                   const std::string& municipality_code);

// Current versions of the client's allocations of `product_code` (in kind), as periods.
std::vector<ExistingAllocation> currentAllocationPeriods(db::Connection& db, std::int64_t client_id,
                                                         const std::string& product_code);

// Validity periods of the client's PGB grants of `product_code`.
std::vector<Period> pgbGrantPeriods(db::Connection& db, std::int64_t client_id,
                                    const std::string& product_code);

// The highest tariff on `date` among the active contracts for `product_code` of the given
// municipalities whose tariff is in `unit_name`, or nothing when there is none.
std::optional<Money> highestContractedTariff(db::Connection& db,
                                             const std::vector<std::string>& municipalities,
                                             const std::string& product_code,
                                             const std::string& unit_name, Date date);

// The active contract (lowest id) of `provider_id` for `product_code` on `date` with one of the
// municipalities, or nothing.
std::optional<std::int64_t> activeContractOf(db::Connection& db, std::int64_t provider_id,
                                             const std::vector<std::string>& municipalities,
                                             const std::string& product_code, Date date);

}  // namespace zc::contracting
