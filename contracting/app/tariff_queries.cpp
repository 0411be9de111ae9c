#include "tariff_queries.hpp"

#include "contracting/store/tariff_store.hpp"

namespace zc::contracting {

TariffSchedule contractTariffSchedule(db::Connection& db, std::int64_t contract_id,
                                      const std::string& product) {
    return loadTariffSchedule(db, TariffOwner::Contract, contract_id, product);
}

}  // namespace zc::contracting
