#include "allocation_facts_store.hpp"

#include "interfaces/mysql/connection.hpp"

namespace zc::billing {
namespace {

constexpr const char* kAllocationColumns =
    "SELECT STRAIGHT_JOIN a.number, a.provider_id, c.bsn_hash, p.category, a.product_code,"
    " a.start_date, a.end_date, a.unit, a.volume, a.frequency, COALESCE(a.reason_change, ''),"
    " a.contract_id, a.granted_product_id, g.volume, g.unit, g.frequency, d.valid_from,"
    " d.valid_to, g.financing, a.paying_municipality_code"
    " FROM allocations a FORCE INDEX (uq_allocation_version) JOIN clients c ON c.id = a.client_id"
    " JOIN products p ON p.code = a.product_code"
    " JOIN granted_products g ON g.id = a.granted_product_id"
    " JOIN access_decisions d ON d.id = a.decision_id"
    " WHERE a.is_current = 1 AND a.number ";

constexpr const char* kUsageColumns =
    "SELECT allocation_number, product_code, period_begin, period_end, unit, SUM(volume)"
    " FROM claim_lines WHERE status = 'accepted' AND credit = 0 AND credited = 0"
    " AND allocation_number ";

// In the order of ix_claim_allocation (status, credit and credited are fixed by the WHERE), which
// covers the sum (migration 0050): read from the index alone, without a temporary table or sort.
constexpr const char* kUsageGroup =
    " GROUP BY allocation_number, period_begin, product_code, period_end, unit";

// "IN (?,?,…)" for n values.
std::string inList(std::size_t n) {
    std::string sql = "IN (";
    for (std::size_t i = 0; i < n; ++i) sql += i == 0 ? "?" : ",?";
    return sql + ")";
}

AllocationRow allocationFrom(const db::Row& r) {
    AllocationRow a;
    AllocationFacts& f = a.facts;
    f.number = r.i64(0);
    f.provider_id = r.i64(1);
    f.category = r.str(3);
    f.product_code = r.str(4);
    f.period.begin = parseDate(r.str(5));
    if (!r.isNull(6)) f.period.end = parseDate(r.str(6));
    f.unit = parseUnit(r.str(7));
    f.cap = Cap{r.i64(8), f.unit, parseFrequency(r.str(9))};
    f.removed = r.str(10) == "13";
    f.zin = r.str(18) == "ZIN";
    f.paying_municipality = r.str(19);
    a.client_hash = r.str(2);
    a.contract_id = r.i64(11);
    a.granted_id = r.i64(12);
    a.granted_cap = Cap{r.i64(13), parseUnit(r.str(14)), parseFrequency(r.str(15))};
    a.decision_period.begin = parseDate(r.str(16));
    if (!r.isNull(17)) a.decision_period.end = parseDate(r.str(17));
    return a;
}

UsageRow usageFrom(const db::Row& r) {
    return {r.i64(0), Period{parseDate(r.str(2)), parseDate(r.str(3))}, parseUnit(r.str(4)),
            r.i64(5)};
}

}  // namespace

std::optional<AllocationProductRow> allocationProduct(db::Connection& db, std::int64_t number) {
    const auto a = db.queryOne(
        "SELECT p.category, a.product_code, a.unit, a.contract_id FROM allocations a"
        " JOIN products p ON p.code = a.product_code WHERE a.number = ? AND a.is_current = 1",
        {number});
    if (!a) return std::nullopt;
    return AllocationProductRow{a->str(0), a->str(1), parseUnit(a->str(2)), a->i64(3)};
}

std::optional<AllocationRow> currentAllocation(db::Connection& db, std::int64_t number) {
    auto r = db.queryOne(std::string(kAllocationColumns) + "= ?", {number});
    if (!r) return std::nullopt;
    return allocationFrom(*r);
}

std::vector<AllocationRow> currentAllocations(db::Connection& db,
                                              const std::vector<std::int64_t>& numbers) {
    const db::Params params(numbers.begin(), numbers.end());
    std::vector<AllocationRow> out;
    for (const auto& r : db.query(kAllocationColumns + inList(params.size()), params)) {
        out.push_back(allocationFrom(r));
    }
    return out;
}

std::vector<UsageRow> acceptedUsage(db::Connection& db, std::int64_t number) {
    std::vector<UsageRow> out;
    for (const auto& r : db.query(std::string(kUsageColumns) + "= ?" + kUsageGroup, {number})) {
        out.push_back(usageFrom(r));
    }
    return out;
}

std::vector<UsageRow> acceptedUsage(db::Connection& db, const std::vector<std::int64_t>& numbers) {
    const db::Params params(numbers.begin(), numbers.end());
    std::vector<UsageRow> out;
    for (const auto& r : db.query(kUsageColumns + inList(params.size()) + kUsageGroup, params)) {
        out.push_back(usageFrom(r));
    }
    return out;
}

}  // namespace zc::billing
