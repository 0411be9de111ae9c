#include "tariff_store.hpp"

#include "contracting/kernel/unit.hpp"
#include "contracting/store/commitment_basis_store.hpp"
#include "interfaces/mysql/connection.hpp"

namespace zc::contracting {
namespace {

std::string ownerColumn(TariffOwner owner) {
    return owner == TariffOwner::Procedure ? "procedure_id" : "contract_id";
}

TariffVersion versionFrom(const db::Row& r, std::size_t first) {
    TariffVersion v;
    v.unit = parseUnit(r.str(first));
    v.tariff = Money::fromCents(r.i64(first + 1));
    v.valid_from = parseDate(r.str(first + 2));
    if (!r.isNull(first + 3)) v.valid_to = parseDate(r.str(first + 3));
    return v;
}

}  // namespace

TariffSchedule loadTariffSchedule(db::Connection& db, TariffOwner owner, std::int64_t owner_id,
                                  const std::string& product) {
    const std::string sql = "SELECT unit, tariff_cents, valid_from, valid_to FROM tariffs WHERE " +
                            ownerColumn(owner) + " = ? AND product_code = ? ORDER BY valid_from" +
                            (db.inTransaction() ? " FOR UPDATE" : "");
    std::vector<TariffVersion> versions;
    for (const auto& r : db.query(sql, {owner_id, product})) versions.push_back(versionFrom(r, 0));
    return TariffSchedule(std::move(versions));
}

void insertTariff(db::Connection& db, TariffOwner owner, std::int64_t owner_id,
                  const std::string& product, const TariffVersion& v, const std::string& reason) {
    db.execute("INSERT INTO tariffs (" + ownerColumn(owner) +
                   ", product_code, unit, tariff_cents, valid_from, valid_to, reason)"
                   " VALUES (?,?,?,?,?,?,?)",
               {owner_id, product, unitName(v.unit), v.tariff.cents(), formatDate(v.valid_from),
                v.valid_to ? db::Param(formatDate(*v.valid_to)) : db::Param(nullptr), reason});
    if (owner == TariffOwner::Contract) noteContractTariffChanged(db, owner_id);
}

std::vector<StoredTariff> storedTariffs(db::Connection& db, TariffOwner owner,
                                        std::int64_t owner_id) {
    std::vector<StoredTariff> out;
    for (const auto& r : db.query(
             "SELECT product_code, unit, tariff_cents, valid_from, valid_to, reason FROM tariffs"
             " WHERE " +
                 ownerColumn(owner) + " = ? ORDER BY product_code, valid_from",
             {owner_id})) {
        out.push_back({r.str(0), versionFrom(r, 1), r.str(5)});
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

}  // namespace zc::contracting
