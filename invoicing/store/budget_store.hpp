#pragma once
// What the budget use cases (invoicing/app/budgets.hpp, budget_reallocations.hpp) need of the
// database, as named rows: budgets, the claims and allocations their figures count, and the
// reallocations between them. BudgetStore is the interface the figures and the reallocation
// rules call; MariaDbBudgets implements it in the caller's transaction, the unit tests in memory.
// The free functions below serve the reads and the creation that need no fake.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "contracting/kernel/civil_date.hpp"
#include "contracting/kernel/list_query.hpp"
#include "contracting/kernel/money.hpp"
#include "contracting/kernel/request_context.hpp"
#include "interfaces/mysql/scope_filter.hpp"
#include "invoicing/domain/ledger.hpp"
#include "invoicing/store/commitment_store.hpp"

namespace zc::invoicing {

// One row of `budgets` with the names of its district and team ("" when none).
struct BudgetRow {
    std::int64_t id = 0;
    int year = 0;
    std::string municipality;
    std::optional<std::int64_t> district_id, team_id;  // a team's budget has its district too
    std::string category;                              // product category, "02"
    std::string financing;                             // ZIN, budget, PGB
    Money amount;
    std::string name;
    std::optional<std::int64_t> holder;  // budget holder's user id
    std::string district_name, team_name;
};

// What a budget's claims and allocations are selected by.
struct BudgetScope {
    std::string category;
    std::string municipality;
    std::int64_t district = 0;  // 0: the whole municipality
    std::int64_t team = 0;      // 0: every team (and clients without one)
    Date year_begin;
    Date year_end;
    Date from;             // the day after the report date: what is still to come starts here
    std::string received;  // claims received before this timestamp (the report date's end)
};

// Accepted volume of one allocation in one unit, net of credits: from each cap window's anchor
// (day, week, month) to the year end, and over the whole validity (total).
struct AcceptedVolume {
    std::int64_t from_day = 0, from_week = 0, from_month = 0, total = 0;
};
using VolumeByUnit = std::map<std::string, AcceptedVolume>;  // unit text -> volume

// The accepted amounts of a municipality and category per district, team (0: none) and service
// month (1..12), and the paid ones per district and team: what acceptedByMonth and paid sum for
// one scope, read once for all the budgets of the municipality and category.
struct FigureParts {
    std::map<std::tuple<std::int64_t, std::int64_t, int>, Money> accepted;
    std::map<std::pair<std::int64_t, std::int64_t>, Money> paid;
};

// A current allocation in a budget's scope.
struct ScopedAllocation {
    std::int64_t number = 0;
    std::int64_t contract_id = 0;
    std::string product_code;
    Period period;
    std::int64_t volume = 0;
    std::string unit, frequency;          // their text forms
    std::int64_t district = 0, team = 0;  // the client's (0: none)
};

// One row of `budget_reallocations` (timestamps as stored, DATETIME(6) text).
struct ReallocationRow {
    std::int64_t id = 0;
    std::int64_t from_budget_id = 0, to_budget_id = 0;
    Money amount;
    std::string reason;
    std::string status;  // requested, approved, rejected
    std::int64_t requested_by = 0;
    std::string requested_at;
    std::optional<std::int64_t> decided_by;
    std::optional<std::string> decided_at, decision_reason;
};

struct NewReallocationRow {
    std::int64_t from_budget_id = 0, to_budget_id = 0;
    Money amount;
    std::string reason;
    std::int64_t requested_by = 0;
    std::string requested_at;
};

// What a budget-financed budget spent: advances and settlement differences, and of those what
// the bank booked.
struct FinancedSpending {
    Money spent, paid;
};

class BudgetStore {
  public:
    virtual ~BudgetStore() = default;
    // The budget, locked until the transaction ends when `for_update`; nothing when unknown.
    virtual std::optional<BudgetRow> findBudget(std::int64_t id, bool for_update) = 0;
    // Net accepted amounts of the scope per service month (12 entries, January first).
    virtual std::vector<Money> acceptedByMonth(const BudgetScope& s) = 0;
    // Of those, the net accepted amount whose payable the bank booked by the report date.
    virtual Money paid(const BudgetScope& s) = 0;
    // The figure parts of the scope's municipality and category (its district and team are
    // not used). MariaDbBudgets reuses those this process read before while the figures'
    // versions are unchanged (figureVersion below, figure_parts_memo.hpp).
    virtual FigureParts figureParts(const BudgetScope& s) = 0;
    // PGB: the granted personal budgets of the scope whose decision overlaps the year.
    virtual Money pgbGranted(const BudgetScope& s) = 0;
    // Budget financing: the year's advances and settlement differences of the municipality's
    // contracts of the category (not split by district or team).
    virtual FinancedSpending budgetFinanced(const BudgetScope& s) = 0;
    // Accepted volumes of the scope per allocation number and unit.
    virtual std::map<std::int64_t, VolumeByUnit> acceptedVolumes(const BudgetScope& s) = 0;
    // Current allocations of the scope not ended by `report_date`, beginning before the year end.
    virtual std::vector<ScopedAllocation> allocations(const BudgetScope& s, Date report_date) = 0;
    // The versions of what the commitments of the scope's municipality and category on its
    // report date depend on (`basis_version`, contracting's, and the lines version), and the
    // parts kept for them (commitment_store.hpp); read BEFORE the allocations and volumes a
    // computation uses. A store that keeps nothing answers nothing.
    virtual KeptCommitments keptCommitments(const BudgetScope&, std::int64_t /*basis_version*/) {
        return {};
    }
    // Keeps the parts of `kept`, computed after its versions were read.
    virtual void keepCommitments(const BudgetScope&, const KeptCommitments&) {}
    // Inserts a requested reallocation; returns its id.
    virtual std::int64_t insertReallocation(const NewReallocationRow& r) = 0;
    // The reallocation, locked when `for_update`; nothing when unknown.
    virtual std::optional<ReallocationRow> findReallocation(std::int64_t id, bool for_update) = 0;
    // Moves `amount` from one budget's amount to the other's.
    virtual void moveAmount(std::int64_t from_id, std::int64_t to_id, Money amount) = 0;
    // Posts a journal on the ledger (invoicing/store/ledger_store.hpp).
    virtual void postJournal(const JournalEntry& entry) = 0;
    // Records the decision (status approved or rejected) on the reallocation.
    virtual void recordDecision(std::int64_t id, const std::string& status, std::int64_t decided_by,
                                const std::string& decided_at, const std::string& reason) = 0;
};

// The version of the claim and paid figures of a municipality and category (migrations 0051
// and 0052: each figure table's writers give theirs a new value in the transaction of every
// change), "claim<v>,paid<v>" ("none" when no figure was ever written); and the key under which
// MariaDbBudgets keeps a scope's figure parts with it (figure_parts_memo.hpp).
std::string figureVersion(db::Connection& db, const std::string& municipality,
                          const std::string& category);
std::string figurePartsKey(const BudgetScope& s);

class MariaDbBudgets final : public BudgetStore {
  public:
    explicit MariaDbBudgets(app::RequestContext& ctx) : ctx_(ctx) {}

    std::optional<BudgetRow> findBudget(std::int64_t id, bool for_update) override;
    std::vector<Money> acceptedByMonth(const BudgetScope& s) override;
    Money paid(const BudgetScope& s) override;
    FigureParts figureParts(const BudgetScope& s) override;
    Money pgbGranted(const BudgetScope& s) override;
    FinancedSpending budgetFinanced(const BudgetScope& s) override;
    std::map<std::int64_t, VolumeByUnit> acceptedVolumes(const BudgetScope& s) override;
    std::vector<ScopedAllocation> allocations(const BudgetScope& s, Date report_date) override;
    KeptCommitments keptCommitments(const BudgetScope& s, std::int64_t basis_version) override;
    void keepCommitments(const BudgetScope& s, const KeptCommitments& kept) override;
    std::int64_t insertReallocation(const NewReallocationRow& r) override;
    std::optional<ReallocationRow> findReallocation(std::int64_t id, bool for_update) override;
    void moveAmount(std::int64_t from_id, std::int64_t to_id, Money amount) override;
    void postJournal(const JournalEntry& entry) override;
    void recordDecision(std::int64_t id, const std::string& status, std::int64_t decided_by,
                        const std::string& decided_at, const std::string& reason) override;

  private:
    app::RequestContext& ctx_;
};

// A budget to insert (dimensions checked by the use case).
struct NewBudgetRow {
    int year = 0;
    std::string municipality;
    std::optional<std::int64_t> district_id, team_id, holder;
    std::string category, financing, name;
    Money amount;
    std::string created_at, created_by;
};

// Budgets of `year` (0: all) and `municipality` ("": all) in the report order, paged; with a
// scope, of those municipalities only; with the total of those filters.
app::ListPage<BudgetRow> listBudgets(db::Connection& db, std::int64_t year,
                                     const std::string& municipality, std::int64_t limit,
                                     std::int64_t offset,
                                     const db::MunicipalityScope& scope = std::nullopt);
// Budgets of `year` and `municipality` ("": all), of `district` and `team` when given (0: any),
// one page in the report order, with how many there are; with a scope, of those municipalities
// only.
app::ListPage<BudgetRow> budgetsOfYear(db::Connection& db, int year,
                                       const std::string& municipality, std::int64_t district,
                                       std::int64_t team, std::int64_t limit, std::int64_t offset,
                                       const db::MunicipalityScope& scope);
// Whether the municipality is recorded.
bool municipalityExists(db::Connection& db, const std::string& code);
// The municipality of the district; nothing when unknown.
std::optional<std::string> districtMunicipality(db::Connection& db, std::int64_t district_id);
// The team's district and that district's municipality; nothing when unknown.
struct TeamPlace {
    std::int64_t district_id = 0;
    std::string municipality;
};
std::optional<TeamPlace> teamPlace(db::Connection& db, std::int64_t team_id);
// The user's role text; nothing when unknown.
std::optional<std::string> userRole(db::Connection& db, std::int64_t user_id);
// Whether a budget with the same year, municipality, district, team, category and financing
// kind exists.
bool budgetExists(db::Connection& db, const NewBudgetRow& b);
// Inserts the budget; returns its id.
std::int64_t insertBudget(db::Connection& db, const NewBudgetRow& b);
// Reallocations with `status` ("": all), newest first, paged.
// With a scope: the reallocations from budgets of those municipalities only. With the total.
app::ListPage<ReallocationRow> listReallocations(db::Connection& db, const std::string& status,
                                                 std::int64_t limit, std::int64_t offset,
                                                 const db::MunicipalityScope& scope = std::nullopt);

// A contract of a provider with a spending ceiling, its term cut to the year.
struct CeilingContract {
    std::int64_t id = 0;
    std::string municipality;
    std::string status;
    std::string term_begin, term_end;  // dates as text, cut to the year
    Money ceiling;
};
// Whether the provider is recorded.
bool providerExists(db::Connection& db, std::int64_t provider_id);
// The provider's contracts with a spending ceiling whose term overlaps [begin, end).
std::vector<CeilingContract> ceilingContracts(db::Connection& db, std::int64_t provider_id,
                                              Date begin, Date end);
// Net accepted claims of the provider on the contract's products with a service period
// beginning in the contract's (cut) term.
Money acceptedOnContract(db::Connection& db, std::int64_t provider_id, const CeilingContract& c);

}  // namespace zc::invoicing
