#include "tariff_store.hpp"

#include "context.hpp"

namespace zc::app {
namespace {

std::string ownerColumn(TariffOwner owner) {
    return owner == TariffOwner::Procedure ? "procedure_id" : "contract_id";
}

contracting::TariffVersion versionFrom(const db::Row& r, std::size_t first) {
    contracting::TariffVersion v;
    v.unit = parseUnit(r.str(first));
    v.tariff = Money::fromCents(r.i64(first + 1));
    v.valid_from = parseDate(r.str(first + 2));
    if (!r.isNull(first + 3)) v.valid_to = parseDate(r.str(first + 3));
    return v;
}

}  // namespace

contracting::TariffSchedule loadTariffSchedule(db::Connection& db, TariffOwner owner,
                                               std::int64_t owner_id, const std::string& product) {
    const std::string sql = "SELECT unit, tariff_cents, valid_from, valid_to FROM tariffs WHERE " +
                            ownerColumn(owner) + " = ? AND product_code = ? ORDER BY valid_from" +
                            (db.inTransaction() ? " FOR UPDATE" : "");
    std::vector<contracting::TariffVersion> versions;
    for (const auto& r : db.query(sql, {owner_id, product})) versions.push_back(versionFrom(r, 0));
    return contracting::TariffSchedule(std::move(versions));
}

void insertTariff(db::Connection& db, TariffOwner owner, std::int64_t owner_id,
                  const std::string& product, const contracting::TariffVersion& v,
                  const std::string& reason) {
    db.execute("INSERT INTO tariffs (" + ownerColumn(owner) +
                   ", product_code, unit, tariff_cents, valid_from, valid_to, reason)"
                   " VALUES (?,?,?,?,?,?,?)",
               {owner_id, product, unitName(v.unit), v.tariff.cents(), formatDate(v.valid_from),
                v.valid_to ? db::Param(formatDate(*v.valid_to)) : db::Param(nullptr), reason});
}

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

Poco::JSON::Array::Ptr tariffsJson(db::Connection& db, TariffOwner owner, std::int64_t owner_id) {
    auto out = newArray();
    for (const auto& r : db.query(
             "SELECT product_code, unit, tariff_cents, valid_from, valid_to, reason FROM tariffs"
             " WHERE " +
                 ownerColumn(owner) + " = ? ORDER BY product_code, valid_from",
             {owner_id})) {
        auto o = tariffVersionJson(r.str(0), versionFrom(r, 1));
        o->set("reason", r.str(5));
        out->add(o);
    }
    return out;
}

std::vector<std::string> tariffProducts(db::Connection& db, TariffOwner owner,
                                        std::int64_t owner_id) {
    std::vector<std::string> out;
    for (const auto& r : db.query("SELECT DISTINCT product_code FROM tariffs WHERE " +
                                      ownerColumn(owner) + " = ? ORDER BY product_code",
                                  {owner_id})) {
        out.push_back(r.str(0));
    }
    return out;
}

}  // namespace zc::app
