#pragma once
// Budgets and monitoring (issue 4): yearly budgets per municipality (optionally per district or
// team), product category and financing kind; their exhaustion report with the year-end
// forecast; the controllers' monthly overview; providers' spending ceilings (bestedingsplafond).
// The arithmetic lives in invoicing/domain (exhaustion, spending_ceiling); these use cases
// gather its inputs through invoicing/store/budget_store.hpp. "Paid" is accepted care whose
// payable the bank booked (camt.053); the rest of the accepted care is accepted-unpaid.
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "contracting/domain/tariff_schedule.hpp"
#include "contracting/kernel/list_query.hpp"
#include "contracting/kernel/money.hpp"
#include "contracting/kernel/request_context.hpp"
#include "contracting/kernel/rounding.hpp"
#include "invoicing/domain/exhaustion.hpp"
#include "invoicing/domain/spending_ceiling.hpp"
#include "invoicing/store/budget_store.hpp"

namespace zc::invoicing {

// The figures of one budget on one report date (the state at the end of that day).
struct BudgetFigures {
    Money amount;
    Money paid;             // net accepted claims whose payable the bank booked by the report date
    Money accepted_unpaid;  // the other net accepted claims of the year received by the report date
    Money committed;        // what the allocations in scope may still cost until the year end
    std::vector<Money> monthly_realised;  // 12 entries, January first (by service month)
    std::int64_t allocations_counted = 0;
    std::int64_t allocations_without_tariff = 0;  // no contract tariff on the date: not committed
    ExhaustionReport report;
};

// A budget with its figures.
struct BudgetWithFigures {
    BudgetRow budget;
    BudgetFigures figures;
};

// The tariff versions of a contract's product (contracting's published query, or a fake).
using TariffLookup =
    std::function<contracting::TariffSchedule(std::int64_t contract_id, const std::string&)>;

// The commitments of a municipality's allocations per product category on one report date
// (per district and team), read or computed once and shared by the budgets of that municipality
// and category (the overview's municipality-wide, district and team budgets).
// With `basis_version` (contracting's commitmentBasisVersion), they are read from and kept by
// the store; without, computed each time.
struct CommitmentCache {
    std::function<std::int64_t(const std::string& municipality, const std::string& category)>
        basis_version;
    std::map<std::pair<std::string, std::string>, std::vector<CommitmentPart>> parts;
    // The accepted and paid figures per district and team, read once per municipality and
    // category.
    std::map<std::pair<std::string, std::string>, FigureParts> figures;
};

// The figures of a budget on `report_date`, read through `store`. The committed part is the
// store's kept commitment when it is current, else computed for the whole municipality and
// category and kept; with `cache`, shared by the calls of one report date.
BudgetFigures figuresOf(BudgetStore& store, const TariffLookup& tariffs, const BudgetRow& b,
                        Date report_date, Percentage signal_threshold,
                        CommitmentCache* cache = nullptr);

// Compares every kept commitment that is still current (its versions are) with a fresh
// computation; answers one line per district and team that differs ("0193 02 2025 2025-05-31
// district 3 team 7: kept X, computed Y"). `checked` counts the current kept commitments; the
// out-of-date ones, which no report reads again, and those computed more than 35 days ago are
// forgotten and counted in `discarded`. With
// `discard`, every kept commitment is forgotten afterwards (computed again when read).
std::vector<std::string> checkKeptCommitments(app::RequestContext& ctx, bool discard,
                                              std::size_t& checked, std::size_t& discarded);

// `text` (percent, 0..100) or the configured default when empty; INVALID_PERCENTAGE otherwise
// (field "threshold").
Percentage signalThreshold(const app::RequestContext& ctx, const std::string& text);
// A budget year 2000..2999 (INVALID_QUERY naming `field`).
int parseBudgetYear(const std::string& text, const std::string& field);
// `text` as a budget year, or the current year when empty.
int budgetYearOrCurrent(const app::RequestContext& ctx, const std::string& text);
// The overview's report date: the last day of month `month_text` (1..12) of `year`, or today
// when `month_text` is empty; INVALID_QUERY (field "month") otherwise.
Date overviewReportDate(const app::RequestContext& ctx, const std::string& month_text, int year);

// A budget to record (POST /budgets); the body's checks are the adapter's.
struct NewBudget {
    int year = 0;
    std::string municipality;
    std::optional<std::int64_t> district_id, team_id, holder;
    std::string category, financing, name;
    Money amount;
};

// Records the budget in its own transaction (UNKNOWN_MUNICIPALITY, UNKNOWN_DISTRICT,
// UNKNOWN_TEAM, UNKNOWN_BUDGET_HOLDER, DUPLICATE_BUDGET), audited "budget.create".
BudgetRow createBudget(app::RequestContext& ctx, NewBudget n);
// Budgets of `year` (0: all) and `municipality` ("": all), paged.
app::ListPage<BudgetRow> listBudgets(app::RequestContext& ctx, std::int64_t year,
                                     const std::string& municipality, std::int64_t limit,
                                     std::int64_t offset);
// The budget with its figures on `report_date` (NOT_FOUND, field "id").
BudgetWithFigures budgetExhaustion(app::RequestContext& ctx, std::int64_t id, Date report_date,
                                   Percentage signal_threshold);
// Which budgets the overview lists: of `year`, and of `municipality`, `district`, `team` when
// given ("" / 0: any); one page of them.
struct OverviewSelection {
    int year = 0;
    std::string municipality;
    std::int64_t district = 0, team = 0;
    std::int64_t limit = 100, offset = 0;
};
// One page of the selection's budgets (in the report order) with their figures on
// `report_date`, and the number of budgets in the selection.
app::ListPage<BudgetWithFigures> budgetOverview(app::RequestContext& ctx,
                                                const OverviewSelection& selection,
                                                Date report_date, Percentage signal_threshold);

// One contract's use of its spending ceiling in a year.
struct CeilingUse {
    CeilingContract contract;
    Money accepted;
    SpendingCeilingUse use;
};
struct SpendingCeilingReport {
    std::int64_t provider_id = 0;
    int year = 0;
    std::vector<CeilingUse> contracts;
};
// A provider's spending ceilings in the year `year_text` ("": this year): a provider may read
// only its own (FORBIDDEN, checked before the year), then the year (INVALID_QUERY), NOT_FOUND.
SpendingCeilingReport providerSpendingCeiling(app::RequestContext& ctx, std::int64_t provider_id,
                                              const std::string& year_text);
// "within", "warning", "exceeded".
std::string ceilingStatusName(CeilingStatus s);

}  // namespace zc::invoicing
