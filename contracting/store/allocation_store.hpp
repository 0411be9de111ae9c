#pragma once
// What the allocation use cases (contracting/app/allocations.hpp) need of the database: the
// versioned rows of `allocations` (toewijzingen), the granted product an allocation draws on,
// the allocation number sequence and the checks' look-ups. AllocationStore is the interface the
// use cases call; MariaDbAllocations implements it in the caller's transaction, the unit tests
// in memory. The free functions read allocations for other use cases (the WMO301, the intake).
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "contracting/domain/allocation_rules.hpp"
#include "contracting/domain/decision_cap.hpp"
#include "contracting/kernel/cap.hpp"
#include "contracting/kernel/civil_date.hpp"
#include "contracting/kernel/list_query.hpp"
#include "contracting/kernel/request_context.hpp"
#include "contracting/kernel/unit.hpp"
#include "interfaces/security/audit_trail.hpp"
#include "scope_sql.hpp"

namespace zc::db {
class Connection;
}

namespace zc::contracting {

// One version of an allocation (a row of `allocations` with its product's category).
struct AllocationRow {
    std::int64_t id = 0;      // this version's row
    std::int64_t number = 0;  // ToewijzingNummer, the same for all versions
    int version = 0;
    std::int64_t client_id = 0;
    std::int64_t provider_id = 0;
    std::string product_code;
    std::string category;  // ProductCategorie "01".."18"
    Date start_date;
    std::optional<Date> end_date;  // exclusive; iWmo writes end_date - 1 day (inclusive)
    std::int64_t volume = 0;
    Unit unit = Unit::Hours;
    Frequency frequency = Frequency::PerWeek;
    std::optional<std::string> reason_change;  // RedenWijziging, absent on version 1
    std::optional<std::string> referentie_aanbieder;
    std::string allocated_at;  // Toewijzingsdatum + tijd, "YYYY-MM-DD HH:MM:SS.ffffff" UTC
    std::int64_t decision_id = 0;
    std::int64_t granted_product_id = 0;
    std::int64_t contract_id = 0;
    std::string created_by;
    bool is_current = false;
    // Who at the provider agreed to a retroactive change, and when (both or neither).
    std::optional<std::string> consent_given_by;
    std::optional<std::string> consent_given_on;  // "YYYY-MM-DD"
    std::string paying_municipality;              // the grant's paying municipality (code)
    // The client as the WMO301 names them to the provider: initials, prefix and surname, and
    // the birth date ("YYYY-MM-DD").
    std::string client_name;
    std::string client_birth_date;
};

// The granted product an allocation draws on, with its decision and client.
struct GrantedProductRow {
    std::int64_t granted_product_id = 0;
    std::int64_t decision_id = 0;
    std::int64_t client_id = 0;
    std::string product_code;
    std::string category;
    std::string municipality;  // the client's municipality code
    Cap granted;
    std::string financing;  // "ZIN" or "PGB"
    Period decision;
    std::string paying_municipality;  // the client's, or the central one of a placement
    bool placed = false;              // the category is placed with the paying municipality
};

// The filter of the allocation list (0 / "": any), with its page, search and sort: `q` searches
// the number, the product code, the provider's reference and the client's surname; sorts:
// number (default), start_date, end_date, product_code, volume.
struct AllocationFilter {
    std::int64_t client_id = 0;
    std::int64_t provider_id = 0;
    std::string product_code;
    app::ListQuery list;
    std::optional<StaffFilter> scope;  // a staff user's scope: what lies outside is left out
};

// The store's side of a transaction: rolled back when destroyed without commit().
class StoreTransaction {
  public:
    virtual ~StoreTransaction() = default;
    virtual void commit() = 0;
};

class AllocationStore {
  public:
    virtual ~AllocationStore() = default;
    // Begins a transaction (nested ones join the outer one).
    virtual std::unique_ptr<StoreTransaction> begin() = 0;
    // The granted product with its decision, or nothing.
    virtual std::optional<GrantedProductRow> grant(std::int64_t granted_product_id) = 0;
    // Locks the client row: allocations of one client are checked one at a time.
    virtual void lockClient(std::int64_t client_id) = 0;
    virtual bool providerExists(std::int64_t provider_id) = 0;
    // The current version of allocation `number` (locked with `lock`), or nothing.
    virtual std::optional<AllocationRow> current(std::int64_t number, bool lock) = 0;
    // All versions of allocation `number`, oldest first.
    virtual std::vector<AllocationRow> versions(std::int64_t number) = 0;
    // The current versions of the client's allocations of the grant with the provider, by number.
    virtual std::vector<AllocationRow> currentOfGrant(std::int64_t client_id,
                                                      std::int64_t provider_id,
                                                      std::int64_t granted_product_id) = 0;
    // What the other current allocations (not `number`) of the grant use of it.
    virtual std::vector<GrantUse> otherUsesOfGrant(std::int64_t granted_product_id,
                                                   std::int64_t number) = 0;
    // The current allocations of the client's product in kind, as periods.
    virtual std::vector<ExistingAllocation> currentPeriods(std::int64_t client_id,
                                                           const std::string& product_code) = 0;
    // The validity of the client's PGB grants of the product.
    virtual std::vector<Period> pgbPeriods(std::int64_t client_id,
                                           const std::string& product_code) = 0;
    // The provider's active contract for the product on `day` serving the paying municipality
    // (its own contract first), or nothing.
    virtual std::optional<std::int64_t> activeContract(std::int64_t provider_id,
                                                       const std::string& paying_municipality,
                                                       const std::string& product_code,
                                                       Date day) = 0;
    // Whether the allocation has accepted claims that were not credited (TR385).
    virtual bool hasUncreditedClaims(std::int64_t number) = 0;
    // The next ToewijzingNummer (locks the sequence).
    virtual std::int64_t nextNumber() = 0;
    // The version with row `id` stops being current.
    virtual void retire(std::int64_t id) = 0;
    // Inserts a current version (`id`, `category` and `is_current` are ignored).
    virtual void insert(const AllocationRow& row) = 0;
    // The current versions matching the filter, by number.
    virtual app::ListPage<AllocationRow> list(const AllocationFilter& filter) = 0;
    // Appends the audit row of a change, in the transaction.
    virtual void audit(const security::AuditEntry& entry) = 0;
};

class MariaDbAllocations final : public AllocationStore {
  public:
    explicit MariaDbAllocations(app::RequestContext& ctx) : ctx_(ctx) {}

    std::unique_ptr<StoreTransaction> begin() override;
    std::optional<GrantedProductRow> grant(std::int64_t granted_product_id) override;
    void lockClient(std::int64_t client_id) override;
    bool providerExists(std::int64_t provider_id) override;
    std::optional<AllocationRow> current(std::int64_t number, bool lock) override;
    std::vector<AllocationRow> versions(std::int64_t number) override;
    std::vector<AllocationRow> currentOfGrant(std::int64_t client_id, std::int64_t provider_id,
                                              std::int64_t granted_product_id) override;
    std::vector<GrantUse> otherUsesOfGrant(std::int64_t granted_product_id,
                                           std::int64_t number) override;
    std::vector<ExistingAllocation> currentPeriods(std::int64_t client_id,
                                                   const std::string& product_code) override;
    std::vector<Period> pgbPeriods(std::int64_t client_id,
                                   const std::string& product_code) override;
    std::optional<std::int64_t> activeContract(std::int64_t provider_id,
                                               const std::string& paying_municipality,
                                               const std::string& product_code, Date day) override;
    bool hasUncreditedClaims(std::int64_t number) override;
    std::int64_t nextNumber() override;
    void retire(std::int64_t id) override;
    void insert(const AllocationRow& row) override;
    app::ListPage<AllocationRow> list(const AllocationFilter& filter) override;
    void audit(const security::AuditEntry& entry) override;

  private:
    app::RequestContext& ctx_;
};

// The current version of every allocation of the client with the provider, by number.
std::vector<AllocationRow> currentAllocationRows(db::Connection& db, std::int64_t client_id,
                                                 std::int64_t provider_id);
// The current version of allocation `number` (locked with `lock`), or nothing.
std::optional<AllocationRow> currentAllocationRow(db::Connection& db, std::int64_t number,
                                                  bool lock = false);

}  // namespace zc::contracting
