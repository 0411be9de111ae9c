#pragma once
// Budget financing (dagbesteding), issue 4: the monthly advances become payables on their
// schedule, the coalition reports its realisation per quarter and performance agreement, and
// finance settles each contract year (vaststelling) with zc::invoicing::settleBudget.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "contracting/kernel/list_query.hpp"
#include "contracting/kernel/request_context.hpp"
#include "invoicing/store/budget_financing_store.hpp"

namespace zc::invoicing {

struct AdvancePostingResult {
    Date date;
    std::int64_t created = 0;  // payables created by this run (0 on a rerun)
    std::int64_t total_cents = 0;
};

// For every active budget-financed contract, turns each advance due on or before `date` into a
// payable of the lead provider (source_type 'advance', source_id = advances.id), exactly once:
// what exists already is left alone, so a rerun creates nothing. Advances of 0.00 and advances
// of a year that has been settled already are skipped (the settlement accounted for them).
// `date` after today is refused (INVALID_DATE). Audited: one row per payable created. Runs in
// its own transaction.
AdvancePostingResult postDueAdvances(app::RequestContext& ctx, Date date);

// GET /payables: `provider` (0: all), `type` ("": all); a provider sees only its own.
app::ListPage<PayableListRow> listPayables(app::RequestContext& ctx, std::int64_t provider,
                                           const std::string& type, std::int64_t limit,
                                           std::int64_t offset);

// The budget-financed contract as the caller may see it: NOT_FOUND when unknown, not budget
// financed, or (for a provider) not one of its coalition's contracts.
FinancedContract visibleFinancedContract(app::RequestContext& ctx, std::int64_t id, bool lock);

// One quarter of one agreement.
struct QuarterRealisation {
    int quarter = 0;
    bool in_term = false;
    std::optional<RealisationRow> report;  // nothing when not reported
};

// One agreement's year: its target, the four quarters and the year total.
struct AgreementRealisation {
    PerformanceAgreementRow agreement;
    std::vector<QuarterRealisation> quarters;  // 1..4
    int reported_quarters = 0;
    std::int64_t total_realised = 0;  // the year's value by the agreement's aggregation
    std::string calculation;          // how: "Tevredenheid 2025, mean of the quarters ..."
    std::optional<std::string> percentage_of_target;  // nothing for a target of 0 or less
};

struct YearRealisation {
    int year = 0;
    bool settled = false;
    std::vector<AgreementRealisation> agreements;
};

struct ContractRealisations {
    std::int64_t contract_id = 0;
    std::vector<YearRealisation> years;
};

// POST /contracts/{id}/realisations: one quarter's values (checked by the adapter: 1..4, each
// agreement once, realised >= 0).
struct RealisedValue {
    std::int64_t agreement_id = 0;
    std::int64_t realised = 0;
};
struct RealisationReport {
    std::int64_t contract_id = 0;
    int year = 0;
    std::int64_t quarter = 0;
    std::vector<RealisedValue> values;
};

// Stores the report in its own transaction: NOT_FOUND, QUARTER_OUTSIDE_TERM, QUARTER_NOT_ENDED,
// SETTLED_ALREADY, then per value UNKNOWN_AGREEMENT / REPORTED_ALREADY / INVALID_REALISED (a
// percentage above 10000 hundredths); audited
// "realisation.report". Returns the contract's realisation of that year.
ContractRealisations reportRealisation(app::RequestContext& ctx, const RealisationReport& r);
// GET /contracts/{id}/realisations?year=: the contract first (NOT_FOUND), then `year_text`
// ("" for all years; INVALID_QUERY unless four digits).
ContractRealisations listRealisations(app::RequestContext& ctx, std::int64_t contract_id,
                                      const std::string& year_text);

// POST /contracts/{id}/settlements: settle one contract year (year checked by the adapter).
struct SettlementRequest {
    std::int64_t contract_id = 0;
    int year = 0;
    bool allow_incomplete = false;  // count quarters not reported as 0
};

// A settlement as the API shows it: the stored row, its calculation by line and the payable
// made of the difference (nothing when the difference is 0.00).
struct SettlementResult {
    SettlementRow row;
    std::string direction;  // payable_to_provider, receivable_from_provider, settled
    std::vector<std::string> calculation;
    std::optional<PayableListRow> payable;
};

// Settles the year in its own transaction: NOT_FOUND, NO_BUDGET, YEAR_NOT_ENDED,
// SETTLED_ALREADY, REALISATION_INCOMPLETE (unless allowed), in that order. Creates one payable
// of the difference (negative: a claw-back) with its journal; audited "payable.create" and
// "settlement.create" (after: the whole answer).
SettlementResult settleContractYear(app::RequestContext& ctx, const SettlementRequest& r);
// GET /contracts/{id}/settlements: the contract's settlements by year (NOT_FOUND as above).
// A page of them, and how many there are.
app::ListPage<SettlementResult> listSettlements(app::RequestContext& ctx, std::int64_t contract_id,
                                                std::int64_t limit, std::int64_t offset);

}  // namespace zc::invoicing
