#include "care_queries.hpp"

#include "contracting/kernel/unit.hpp"
#include "contracting/store/tariff_store.hpp"
#include "interfaces/mysql/connection.hpp"

namespace zc::contracting {
namespace {

// Active contracts of a municipality for a product on a date.
constexpr const char* kActiveContracts =
    "SELECT c.id FROM contracts c JOIN contract_products cp ON cp.contract_id = c.id"
    " WHERE c.municipality_code = ? AND cp.product_code = ? AND c.status = 'active'"
    " AND c.term_start <= ? AND c.term_end > ? AND (? = 0 OR c.provider_id = ?) ORDER BY c.id";

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

std::vector<std::string> contractingMunicipalities(db::Connection& db,
                                                   const std::string& municipality_code) {
    std::vector<std::string> out{municipality_code};
    auto r =
        db.queryOne("SELECT central_code FROM municipalities WHERE code = ?", {municipality_code});
    if (r && r->opt(0) && *r->opt(0) != municipality_code) out.push_back(*r->opt(0));
    return out;
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
                                             const std::vector<std::string>& municipalities,
                                             const std::string& product_code,
                                             const std::string& unit_name, Date date) {
    std::optional<Money> best;
    const Unit unit = parseUnit(unit_name);
    for (const auto& municipality : municipalities) {
        for (auto contract : activeContracts(db, municipality, product_code, date, 0)) {
            const auto v =
                loadTariffSchedule(db, TariffOwner::Contract, contract, product_code).at(date);
            if (!v || v->unit != unit) continue;
            if (!best || v->tariff > *best) best = v->tariff;
        }
    }
    return best;
}

std::optional<std::int64_t> activeContractOf(db::Connection& db, std::int64_t provider_id,
                                             const std::vector<std::string>& municipalities,
                                             const std::string& product_code, Date date) {
    for (const auto& municipality : municipalities) {
        const auto ids = activeContracts(db, municipality, product_code, date, provider_id);
        if (!ids.empty()) return ids.front();
    }
    return std::nullopt;
}

}  // namespace zc::contracting
