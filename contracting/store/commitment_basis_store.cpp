#include "commitment_basis_store.hpp"

namespace zc::contracting {
namespace {

const std::string kRaise =
    "INSERT INTO commitment_basis_changes (municipality_code, category, generation) ";
const std::string kRaised = " ON DUPLICATE KEY UPDATE generation = generation + 1";

}  // namespace

void noteAllocationWritten(db::Connection& db, const std::string& municipality,
                           const std::string& product_code) {
    db.execute(kRaise + "SELECT ?, p.category, 1 FROM products p WHERE p.code = ?" + kRaised,
               {municipality, product_code});
}

void noteAllocationRetired(db::Connection& db, std::int64_t allocation_id) {
    db.execute(kRaise +
                   "SELECT a.paying_municipality_code, p.category, 1 FROM allocations a"
                   " JOIN products p ON p.code = a.product_code WHERE a.id = ?" +
                   kRaised,
               {allocation_id});
}

void noteClientMoved(db::Connection& db, std::int64_t client_id) {
    db.execute(kRaise +
                   "SELECT DISTINCT a.paying_municipality_code, '*', 1 FROM allocations a"
                   " WHERE a.client_id = ? AND a.is_current = 1" +
                   kRaised,
               {client_id});
}

void noteContractTariffChanged(db::Connection& db, std::int64_t contract_id) {
    db.execute(kRaise +
                   "SELECT DISTINCT a.paying_municipality_code, '*', 1 FROM allocations a"
                   " WHERE a.contract_id = ? AND a.is_current = 1" +
                   kRaised,
               {contract_id});
}

std::int64_t basisGenerationSum(db::Connection& db, const std::string& municipality,
                                const std::string& category) {
    return db
        .queryOne(
            "SELECT COALESCE(SUM(generation), 0) FROM commitment_basis_changes"
            " WHERE (municipality_code = ? AND category IN (?, '*'))"
            " OR (municipality_code = '*' AND category = '*')",
            {municipality, category})
        ->i64(0);
}

}  // namespace zc::contracting
