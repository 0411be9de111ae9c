#pragma once
// Contracting's published queries on tariffs, for the contexts downstream (billing prices claim
// lines, invoicing forecasts budgets): they call these, never contracting's store.
#include <cstdint>
#include <string>

#include "contracting/domain/tariff_schedule.hpp"

namespace zc::db {
class Connection;
}

namespace zc::contracting {

// The tariff versions of the contract's product (locked when inside a transaction).
TariffSchedule contractTariffSchedule(db::Connection& db, std::int64_t contract_id,
                                      const std::string& product);

}  // namespace zc::contracting
