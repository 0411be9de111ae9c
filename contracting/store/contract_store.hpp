#pragma once
// Contracts (framework contracts: raamovereenkomsten; budget contracts) in the database, as
// named rows. ContractStore is what the checked use cases need (contracting/app/contracts.hpp);
// MariaDbContracts implements it in the caller's transaction and the unit tests with a fake in
// memory. The free functions are the plain reads.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "contracting/domain/contract_status.hpp"
#include "contracting/kernel/advance_schedule.hpp"
#include "contracting/kernel/civil_date.hpp"
#include "contracting/kernel/list_query.hpp"
#include "interfaces/mysql/scope_filter.hpp"

namespace zc::db {
class Connection;
}

namespace zc::contracting {

// What status changes and extensions check, read locked.
struct ContractHead {
    std::string kind;  // "framework" or "budget"
    ContractStatus status = ContractStatus::Draft;
    Period term;
};

// How often a contract may still be extended (verlengingsopties).
struct ExtensionTerms {
    std::int64_t options = 0;
    std::int64_t used = 0;
    std::int64_t months = 0;
};

// One row of a contract's status history.
struct StatusChange {
    std::optional<std::string> from;
    std::string to;
    std::string reason;
    std::string by;
    std::string at;  // "YYYY-MM-DD HH:MM:SS"
};

// A contract as listed (products by code).
struct ContractSummary {
    std::int64_t id = 0;
    std::string kind;
    std::int64_t provider_id = 0;
    std::string provider_agb;
    std::string provider_name;
    std::string municipality_code;
    std::optional<std::int64_t> procedure_id;
    std::optional<std::int64_t> lot_id;
    std::string status;
    std::string term_start;  // "YYYY-MM-DD"
    std::string term_end;
    std::int64_t extension_options = 0;
    std::int64_t extension_months = 0;
    std::optional<std::int64_t> spending_ceiling_cents;
    std::optional<std::int64_t> application_id;
    std::int64_t extensions_used = 0;
    std::vector<std::string> products;
};

struct CoalitionMember {
    std::int64_t provider_id = 0;
    std::string agb;
    std::string name;
    std::string role;  // "lead" or "member"
};

struct ContractBudget {
    std::int64_t year = 0;
    std::int64_t budget_cents = 0;
};

struct PerformanceAgreement {
    std::int64_t id = 0;
    std::string indicator;
    std::int64_t target = 0;
    std::string unit;
    std::string kind;         // count, percentage, amount
    std::string aggregation;  // sum, mean, last
};

// What a budget contract (dagbesteding) has besides the summary.
struct BudgetDetails {
    std::vector<CoalitionMember> coalition;
    std::vector<ContractBudget> budgets;
    std::vector<PerformanceAgreement> performance_agreements;
    std::string settlement_rule;
};

struct Advance {
    std::int64_t year = 0;
    std::int64_t month = 0;
    std::string due_date;  // "YYYY-MM-DD"
    std::int64_t amount_cents = 0;
};

// A provider with an active contract for a product on a date.
struct EligibleProvider {
    std::int64_t provider_id = 0;
    std::string agb;
    std::string name;
    std::int64_t contract_id = 0;
    std::string municipality_code;
};

// A contract of a provider for a product (the tariff query).
struct ContractForProduct {
    std::int64_t id = 0;
    std::string municipality_code;
};

// A contract to insert: the contracts row and its products (by code, each once).
struct NewContract {
    std::string kind;              // "framework" or "budget"
    std::int64_t provider_id = 0;  // the holder; of a budget contract its lead (penvoerder)
    std::string municipality_code;
    std::optional<std::int64_t> procedure_id;
    std::optional<std::int64_t> lot_id;
    std::optional<std::int64_t> application_id;
    std::string status;
    Period term;
    std::int64_t extension_options = 0;
    std::int64_t extension_months = 0;
    std::optional<std::int64_t> spending_ceiling_cents;
    std::vector<std::string> products;
};

class ContractStore {
  public:
    virtual ~ContractStore() = default;
    // The contract's kind, status and term, locked; nothing when unknown.
    virtual std::optional<ContractHead> lockContract(std::int64_t id) = 0;
    virtual ExtensionTerms extensionTerms(std::int64_t id) = 0;
    virtual void setStatus(std::int64_t id, const std::string& status) = 0;
    // Appends to the status history.
    virtual void recordStatus(std::int64_t id, const std::optional<std::string>& from,
                              const std::string& to, const std::string& reason,
                              const std::string& by, const std::string& at) = 0;
    // Moves the term's end and counts one extension used.
    virtual void extendTerm(std::int64_t id, Date new_end) = 0;
};

class MariaDbContracts : public ContractStore {
  public:
    explicit MariaDbContracts(db::Connection& db) : db_(db) {}
    std::optional<ContractHead> lockContract(std::int64_t id) override;
    ExtensionTerms extensionTerms(std::int64_t id) override;
    void setStatus(std::int64_t id, const std::string& status) override;
    void recordStatus(std::int64_t id, const std::optional<std::string>& from,
                      const std::string& to, const std::string& reason, const std::string& by,
                      const std::string& at) override;
    void extendTerm(std::int64_t id, Date new_end) override;

  private:
    db::Connection& db_;
};

// The contract (without products) if the provider may see it: its own, one where it is a
// coalition member, or any when provider_id is 0.
std::optional<ContractSummary> findVisibleContract(db::Connection& db, std::int64_t id,
                                                   std::int64_t provider_id);
// Which contracts a list shows ("" for any), visible to `provider_id` as above (0: all); with a
// scope, the contracts that serve at least one of those municipalities (contract_municipalities).
// `q` searches the provider's name and AGB and the contract's number; sorts: id (default),
// provider_name, term_start, term_end, status, municipality_code.
struct ContractListFilter {
    std::string status, kind, agb;
    std::int64_t provider_id = 0;
    db::MunicipalityScope scope;
    app::ListQuery list;
};

// A page of the contracts matching the filter, with products, and how many match.
app::ListPage<ContractSummary> contractPage(db::Connection& db, const ContractListFilter& f);
// The municipality that concluded the contract (contracts.municipality_code), if it exists.
std::optional<std::string> contractOwner(db::Connection& db, std::int64_t id);
// Whether the contract serves at least one of `codes` (contract_municipalities).
bool contractServesAny(db::Connection& db, std::int64_t id, const std::vector<std::string>& codes);
// The procedure's framework contracts an indexation from `from` reaches (not closed, term ending
// after it), locked, by id.
std::vector<std::int64_t> lockContractsToIndex(db::Connection& db, std::int64_t procedure_id,
                                               Date from);
// The contract's products, by code.
std::vector<std::string> contractProducts(db::Connection& db, std::int64_t id);
std::vector<StatusChange> statusHistory(db::Connection& db, std::int64_t id);
BudgetDetails budgetDetails(db::Connection& db, std::int64_t id);
// A page of the contract's advances by year and month, and how many it has.
app::ListPage<Advance> contractAdvances(db::Connection& db, std::int64_t id, std::int64_t limit,
                                        std::int64_t offset);
// Which contracts: active for the product on the date ("" municipality for any), a page.
struct EligibleQuery {
    std::string product;
    Date date;
    std::string municipality;
    std::int64_t limit = app::kDefaultPageSize;
    std::int64_t offset = 0;
};
// A page of those contracts with their providers, by provider name, and how many there are.
app::ListPage<EligibleProvider> eligibleProviders(db::Connection& db, const EligibleQuery& q);
// The provider's non-draft contracts for the product on the date, by id.
std::vector<ContractForProduct> contractsForProduct(db::Connection& db, const std::string& agb,
                                                    const std::string& product, Date date,
                                                    const std::string& municipality);

// Inserts the contract, its products and the municipalities it serves (its own and, for a central
// municipality, its region's members; no status history); returns its new id.
std::int64_t insertContract(db::Connection& db, const NewContract& c);
// Whether a provider, resp. a procedure, with this id exists.
bool providerExists(db::Connection& db, std::int64_t id);
bool procedureExists(db::Connection& db, std::int64_t id);
// The municipality of a procedure (the procedure exists).
std::string procedureMunicipality(db::Connection& db, std::int64_t procedure_id);
// The catalogue's unit name of the product, or nothing when it is not in the catalogue.
std::optional<std::string> catalogueUnit(db::Connection& db, const std::string& product_code);
void setSettlementRule(db::Connection& db, std::int64_t id, const std::string& rule);
// The coalition of a budget contract: its lead, then the other members (role "member").
void insertCoalition(db::Connection& db, std::int64_t id, std::int64_t lead,
                     const std::vector<std::int64_t>& members);
// A year's budget of a budget contract with its monthly advances.
void insertBudgetYear(db::Connection& db, std::int64_t id, std::int64_t year,
                      std::int64_t budget_cents, const std::vector<::zc::Advance>& advances);
// A performance agreement of a budget contract (its id is ignored).
void insertPerformanceAgreement(db::Connection& db, std::int64_t id, const PerformanceAgreement& a);

}  // namespace zc::contracting
