#include "tariff_json.hpp"

#include "contracting/kernel/unit.hpp"
#include "json_output.hpp"

namespace zc::http {

Poco::JSON::Object::Ptr tariffVersionJson(const std::string& product,
                                          const contracting::TariffVersion& v) {
    auto o = newObject();
    o->set("product_code", product);
    o->set("unit", unitName(v.unit));
    o->set("tariff_cents", v.tariff.cents());
    o->set("tariff", v.tariff.toString());
    o->set("valid_from", formatDate(v.valid_from));
    setOptional(o, "valid_to", v.valid_to ? std::optional(formatDate(*v.valid_to)) : std::nullopt);
    return o;
}

Poco::JSON::Array::Ptr tariffsJson(const std::vector<contracting::StoredTariff>& tariffs) {
    auto out = newArray();
    for (const auto& t : tariffs) {
        auto o = tariffVersionJson(t.product_code, t.version);
        o->set("reason", t.reason);
        out->add(o);
    }
    return out;
}

}  // namespace zc::http
