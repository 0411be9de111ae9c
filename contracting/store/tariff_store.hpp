#pragma once
// Tariff versions owned by a procedure or a contract (tariefversies): read, locked and added in
// the caller's transaction.
#include <cstdint>
#include <string>
#include <vector>

#include "contracting/domain/tariff_schedule.hpp"

namespace zc::db {
class Connection;
}

namespace zc::contracting {

// Loads (and locks, inside a transaction) the versions of one product.
TariffSchedule loadTariffSchedule(db::Connection& db, TariffOwner owner, std::int64_t owner_id,
                                  const std::string& product);
void insertTariff(db::Connection& db, TariffOwner owner, std::int64_t owner_id,
                  const std::string& product, const TariffVersion& v, const std::string& reason);
// All versions of the owner, ordered by product and valid_from.
std::vector<StoredTariff> storedTariffs(db::Connection& db, TariffOwner owner,
                                        std::int64_t owner_id);
// Products that have tariff versions for the owner.
std::vector<std::string> tariffProducts(db::Connection& db, TariffOwner owner,
                                        std::int64_t owner_id);

}  // namespace zc::contracting
