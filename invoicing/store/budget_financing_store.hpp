#pragma once
// What the budget-financing use cases (invoicing/app/budget_financing.hpp) need of the
// database, as named rows: budget-financed contracts and their coalition, advances and the
// payables made of them, performance agreements and their quarterly realisation reports.
// Free functions in the caller's transaction.
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "contracting/kernel/civil_date.hpp"
#include "contracting/kernel/list_query.hpp"
#include "contracting/kernel/money.hpp"
#include "interfaces/mysql/scope_filter.hpp"

namespace zc::db {
class Connection;
}

namespace zc::invoicing {

// A contract as budget financing sees it.
struct FinancedContract {
    std::int64_t id = 0;
    std::int64_t lead_provider_id = 0;
    std::string status;
    Period term;
    std::string rule;               // settlement rule text
    std::string kind;               // "budget" for a budget-financed contract
    std::string municipality_code;  // the contracting municipality, which finances it
};

// An advance due and not yet settled.
struct AdvanceRow {
    std::int64_t id = 0;
    int year = 0;
    unsigned month = 0;
    std::string due_date;  // YYYY-MM-DD
    Money amount;
};

// A payable with its provider, as listed.
struct PayableListRow {
    std::int64_t id = 0;
    std::int64_t provider_id = 0;
    std::string provider_agb, provider_name;
    std::string source_type;
    std::int64_t source_id = 0;
    std::int64_t amount_cents = 0;
    std::string due_date;
    std::string created_at;  // DATETIME(6) text
    std::string status;      // open, in_run, paid
    std::optional<std::string> disputed_reason;
    std::string municipality_code;  // the municipality that owes it
};

struct PerformanceAgreementRow {
    std::int64_t id = 0;
    std::string indicator;
    std::int64_t target = 0;
    std::string unit;
    std::string kind = "count";       // count, percentage, amount
    std::string aggregation = "sum";  // sum, mean, last
};

struct RealisationRow {
    std::int64_t agreement_id = 0;
    int quarter = 0;
    std::int64_t realised = 0;
    std::string reported_by;
    std::string reported_at;  // DATETIME(6) text
};

// A year-end settlement (vaststelling) as stored.
struct SettlementRow {
    std::int64_t id = 0;
    std::int64_t contract_id = 0;
    int year = 0;
    std::string rule;
    std::int64_t budget_cents = 0;
    std::int64_t due_cents = 0;
    std::int64_t advances_paid_cents = 0;
    std::int64_t difference_cents = 0;
    std::string calculation;  // lines, each ended by '\n'
    std::string created_by;
    std::string created_at;  // DATETIME(6) text
};

// The advances of a year that became payables.
struct AdvancesPaid {
    std::int64_t count = 0;
    Money total;
};

// The contract (locked when `lock`); nothing when unknown.
std::optional<FinancedContract> findFinancedContract(db::Connection& db, std::int64_t id,
                                                     bool lock);
// Whether the provider is a member of the contract's coalition.
bool isCoalitionMember(db::Connection& db, std::int64_t contract_id, std::int64_t provider_id);
// Whether the contract's year is settled (the settlement locked when `lock`).
bool yearSettled(db::Connection& db, std::int64_t contract_id, int year, bool lock);

// An active budget-financed contract: its lead provider and the municipality that finances it.
struct ActiveFinancedContract {
    std::int64_t id = 0;
    std::int64_t lead_provider_id = 0;
    std::string municipality_code;
};
// Active budget-financed contracts, locked, by id.
std::vector<ActiveFinancedContract> lockActiveFinancedContracts(db::Connection& db);
// The contract's advances due on or before `date` of years not settled, by year and month.
std::vector<AdvanceRow> unsettledAdvancesDue(db::Connection& db, std::int64_t contract_id,
                                             Date date);
// The advances of the contract that are payables already (locked).
std::set<std::int64_t> postedAdvanceIds(db::Connection& db, std::int64_t contract_id);
// Payables of `provider` (0: all) and `own` provider (0: all) and `type` ("": all), by due
// date and id, paged, with their total; with a scope, of those municipalities only.
app::ListPage<PayableListRow> listPayables(db::Connection& db, std::int64_t provider,
                                           std::int64_t own, const std::string& type,
                                           std::int64_t limit, std::int64_t offset,
                                           const db::MunicipalityScope& scope = std::nullopt);

// The years the contract has a budget for, ascending.
std::vector<int> contractBudgetYears(db::Connection& db, std::int64_t contract_id);
// The contract's performance agreements by id.
std::vector<PerformanceAgreementRow> performanceAgreements(db::Connection& db,
                                                           std::int64_t contract_id);
// The realisation reports of the contract's year.
std::vector<RealisationRow> realisationReports(db::Connection& db, std::int64_t contract_id,
                                               int year);
// Whether the agreement's quarter has been reported (the report locked).
bool realisationReported(db::Connection& db, std::int64_t contract_id, int year,
                         std::int64_t quarter, std::int64_t agreement_id);
// Stores one realised value.
void insertRealisation(db::Connection& db, std::int64_t contract_id, int year, std::int64_t quarter,
                       std::int64_t agreement_id, std::int64_t realised,
                       const std::string& reported_by, const std::string& reported_at);

// The contract's budget for `year` in cents; nothing when it has none.
std::optional<std::int64_t> contractBudgetCents(db::Connection& db, std::int64_t contract_id,
                                                int year);
// The realised values of one agreement's year by quarter (quarter, realised).
std::vector<std::pair<int, std::int64_t>> agreementRealisation(db::Connection& db,
                                                               std::int64_t contract_id, int year,
                                                               std::int64_t agreement_id);
// The count and sum of the contract's advances of `year` that became payables.
AdvancesPaid advancesPaid(db::Connection& db, std::int64_t contract_id, int year);
// The product category of the contract's first product (by code); nothing without products.
std::optional<std::string> firstProductCategory(db::Connection& db, std::int64_t contract_id);
// Stores a settlement (its id is ignored); returns the new id.
std::int64_t insertSettlement(db::Connection& db, const SettlementRow& s);
// The settlement `id`; nothing when unknown.
std::optional<SettlementRow> findSettlement(db::Connection& db, std::int64_t id);
// A page of the contract's settlements by year, and how many it has.
app::ListPage<SettlementRow> contractSettlements(db::Connection& db, std::int64_t contract_id,
                                                 std::int64_t limit, std::int64_t offset);
// The payable (settlement or claw-back) made of the settlement; nothing when it is 0.00.
std::optional<PayableListRow> settlementPayable(db::Connection& db, std::int64_t settlement_id);

}  // namespace zc::invoicing
