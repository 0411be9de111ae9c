#pragma once
// Tariff versions as the API shows them (procedures, contracts and the tariff query).
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <string>
#include <vector>

#include "contracting/domain/tariff_schedule.hpp"

namespace zc::http {

// {product_code, unit, tariff_cents, tariff, valid_from, valid_to}
Poco::JSON::Object::Ptr tariffVersionJson(const std::string& product,
                                          const contracting::TariffVersion& v);
// Each version as above plus its reason.
Poco::JSON::Array::Ptr tariffsJson(const std::vector<contracting::StoredTariff>& tariffs);

}  // namespace zc::http
