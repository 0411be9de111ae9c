#pragma once
// Persistence of tariff versions owned by a procedure or a contract.
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <string>

#include "contracting/domain/tariff_schedule.hpp"
#include "interfaces/mysql/connection.hpp"

namespace zc::app {

enum class TariffOwner { Procedure, Contract };

// Loads (and locks, inside a transaction) the versions of one product.
contracting::TariffSchedule loadTariffSchedule(db::Connection& db, TariffOwner owner,
                                               std::int64_t owner_id, const std::string& product);
void insertTariff(db::Connection& db, TariffOwner owner, std::int64_t owner_id,
                  const std::string& product, const contracting::TariffVersion& v,
                  const std::string& reason);
// All versions of the owner, ordered by product and valid_from.
Poco::JSON::Array::Ptr tariffsJson(db::Connection& db, TariffOwner owner, std::int64_t owner_id);
// Products that have tariff versions for the owner.
std::vector<std::string> tariffProducts(db::Connection& db, TariffOwner owner,
                                        std::int64_t owner_id);
Poco::JSON::Object::Ptr tariffVersionJson(const std::string& product,
                                          const contracting::TariffVersion& v);

}  // namespace zc::app
