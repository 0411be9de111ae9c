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

// The municipality that pays for care of `product_code` to a client of `client_municipality`
// (contracting/domain/paying_municipality.hpp over `municipalities` and `regional_placements`).
std::string payingMunicipalityOf(db::Connection& db, const std::string& client_municipality,
                                 const std::string& product_code);

// Current versions of the client's allocations of `product_code` (in kind), as periods.
std::vector<ExistingAllocation> currentAllocationPeriods(db::Connection& db, std::int64_t client_id,
                                                         const std::string& product_code);

// Validity periods of the client's PGB grants of `product_code`.
std::vector<Period> pgbGrantPeriods(db::Connection& db, std::int64_t client_id,
                                    const std::string& product_code);

// The highest tariff on `date` among the active contracts for `product_code` serving the paying
// municipality whose tariff is in `unit_name`, or nothing when there is none.
std::optional<Money> highestContractedTariff(db::Connection& db,
                                             const std::string& paying_municipality,
                                             const std::string& product_code,
                                             const std::string& unit_name, Date date);

// The active contract of `provider_id` for `product_code` on `date` serving the paying
// municipality (`contract_municipalities`), or nothing: the paying municipality's own contract
// first, then the lowest id.
std::optional<std::int64_t> activeContractOf(db::Connection& db, std::int64_t provider_id,
                                             const std::string& paying_municipality,
                                             const std::string& product_code, Date date);

}  // namespace zc::contracting
