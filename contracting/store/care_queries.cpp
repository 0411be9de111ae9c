#include "care_queries.hpp"

#include "contracting/domain/paying_municipality.hpp"
#include "contracting/kernel/unit.hpp"
#include "contracting/store/tariff_store.hpp"
#include "interfaces/mysql/connection.hpp"

namespace zc::contracting {
namespace {

// Active contracts serving a municipality for a product on a date: its own first, then by id.
constexpr const char* kActiveContracts =
    "SELECT c.id FROM contracts c JOIN contract_products cp ON cp.contract_id = c.id"
    " JOIN contract_municipalities cm ON cm.contract_id = c.id"
    " WHERE cm.municipality_code = ? AND cp.product_code = ? AND c.status = 'active'"
    " AND c.term_start <= ? AND c.term_end > ? AND (? = 0 OR c.provider_id = ?)"
    " ORDER BY c.municipality_code = cm.municipality_code DESC, c.id";

std::vector<std::int64_t> activeContracts(db::Connection& db, const std::string& municipality,
                                          const std::string& product, Date date,
                                          std::int64_t provider_id) {
    std::vector<std::int64_t> out;
    const std::string day = formatDate(date);
    for (const auto& r :
         db.query(kActiveContracts, {municipality, product, day, day, provider_id, provider_id})) {
        out.push_back(r.i64(0));
    }
    return out;
}

}  // namespace

std::string payingMunicipalityOf(db::Connection& db, const std::string& client_municipality,
                                 const std::string& product_code) {
    auto m = db.queryOne("SELECT code, central_code FROM municipalities WHERE code = ?",
                         {client_municipality});
    auto p = db.queryOne("SELECT category FROM products WHERE code = ?", {product_code});
    if (!m || !p) return client_municipality;
    const ClientMunicipality client{m->str(0), m->opt(1)};
    std::vector<RegionalPlacement> placements;
    for (const auto& r : db.query("SELECT region_code, product_category, central_code"
                                  " FROM regional_placements WHERE region_code = ?",
                                  {regionOf(client)})) {
        placements.push_back({r.str(0), r.str(1), r.str(2)});
    }
    return payingMunicipality(client, p->str(0), placements);
}

std::vector<ExistingAllocation> currentAllocationPeriods(db::Connection& db, std::int64_t client_id,
                                                         const std::string& product_code) {
    std::vector<ExistingAllocation> out;
    for (const auto& r :
         db.query("SELECT number, start_date, end_date FROM allocations WHERE client_id = ?"
                  " AND product_code = ? AND is_current = 1 ORDER BY number",
                  {client_id, product_code})) {
        std::optional<Date> end;
        if (r.opt(2)) end = parseDate(*r.opt(2));
        out.push_back({r.i64(0), Period{parseDate(r.str(1)), end}});
    }
    return out;
}

std::vector<Period> pgbGrantPeriods(db::Connection& db, std::int64_t client_id,
                                    const std::string& product_code) {
    std::vector<Period> out;
    for (const auto& r :
         db.query("SELECT d.valid_from, d.valid_to FROM granted_products g"
                  " JOIN access_decisions d ON d.id = g.decision_id"
                  " WHERE d.client_id = ? AND g.product_code = ? AND g.financing = 'PGB'",
                  {client_id, product_code})) {
        std::optional<Date> end;
        if (r.opt(1)) end = parseDate(*r.opt(1));
        out.push_back(Period{parseDate(r.str(0)), end});
    }
    return out;
}

std::optional<Money> highestContractedTariff(db::Connection& db,
                                             const std::string& paying_municipality,
                                             const std::string& product_code,
                                             const std::string& unit_name, Date date) {
    std::optional<Money> best;
    const Unit unit = parseUnit(unit_name);
    for (auto contract : activeContracts(db, paying_municipality, product_code, date, 0)) {
        const auto v =
            loadTariffSchedule(db, TariffOwner::Contract, contract, product_code).at(date);
        if (!v || v->unit != unit) continue;
        if (!best || v->tariff > *best) best = v->tariff;
    }
    return best;
}

std::optional<std::int64_t> activeContractOf(db::Connection& db, std::int64_t provider_id,
                                             const std::string& paying_municipality,
                                             const std::string& product_code, Date date) {
    const auto ids = activeContracts(db, paying_municipality, product_code, date, provider_id);
    if (ids.empty()) return std::nullopt;
    return ids.front();
}

}  // namespace zc::contracting
