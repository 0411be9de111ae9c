#pragma once
// Billing's read model of the allocations (toewijzingen) it adjudicates against: each current
// allocation's facts with its client's BSN hash and its links to the contract and to the access
// decision's granted product, read in one query; and what accepted lines used of it. The SQL
// forces its join order and indexes (the adjudication of a large WMO323 depends on it).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "billing/domain/adjudication.hpp"

namespace zc::db {
class Connection;
}

namespace zc::billing {

// A current allocation as adjudication reads it.
struct AllocationRow {
    AllocationFacts facts;
    std::string client_hash;  // clients.bsn_hash
    std::int64_t contract_id = 0;
    std::int64_t granted_id = 0;  // the granted product (toegekend product)
    Cap granted_cap;
    Period decision_period;  // the access decision's validity
};

// Accepted, uncredited debit volume of an allocation over one line period, in one unit.
struct UsageRow {
    std::int64_t allocation_number = 0;
    Period period;
    Unit unit = Unit::Hours;
    std::int64_t volume = 0;
};

// What a CSV row takes from its allocation: product, unit and the contract that prices it.
struct AllocationProductRow {
    std::string category;  // the product's category
    std::string product_code;
    Unit unit = Unit::Hours;
    std::int64_t contract_id = 0;
};

// The current allocation's product; nothing when there is none.
std::optional<AllocationProductRow> allocationProduct(db::Connection& db, std::int64_t number);
// The current allocation with this number; nothing when there is none.
std::optional<AllocationRow> currentAllocation(db::Connection& db, std::int64_t number);
// The current allocations with these numbers (an IN list of exactly these values: callers pad
// it to a power of two so that few statements are prepared).
std::vector<AllocationRow> currentAllocations(db::Connection& db,
                                              const std::vector<std::int64_t>& numbers);
// What accepted lines use of the allocation, per period and unit.
std::vector<UsageRow> acceptedUsage(db::Connection& db, std::int64_t number);
// The same for these allocations (an IN list of exactly these values).
std::vector<UsageRow> acceptedUsage(db::Connection& db, const std::vector<std::int64_t>& numbers);

}  // namespace zc::billing
