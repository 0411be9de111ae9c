#pragma once
// Creating contracts: a framework contract (raamovereenkomst) by a contract manager or by the
// admission to a procedure's lot, a budget contract (dagbesteding) with its coalition, budgets,
// advances and performance agreements, and a new tariff version of a contract. Each write runs
// in one transaction with its audit row ("contract.create", "contract.add_tariff").
//
// The request's fields that the old handlers read only after a look-up come through readers
// (TariffRequest, ContractRequest, BudgetContractRequest, implemented by the HTTP adapter), so
// that when several things are wrong the same error wins as before.
#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "contracting/app/contracts.hpp"
#include "contracting/domain/contract_status.hpp"
#include "contracting/domain/tariff_schedule.hpp"
#include "contracting/kernel/advance_schedule.hpp"
#include "contracting/kernel/indicator_kind.hpp"
#include "contracting/kernel/request_context.hpp"
#include "contracting/store/contract_store.hpp"

namespace zc::contracting {

// One tariff version of a request, read field by field as the checks reach it.
class TariffRequest {
  public:
    virtual ~TariffRequest() = default;
    // product_code, a valid product code.
    virtual std::string product() = 0;
    // unit (`product_unit` when absent), tariff_cents, valid_from, valid_to.
    virtual TariffVersion version(const std::string& product_unit) = 0;
    // reason ("tariff change" when absent).
    virtual std::string reason() = 0;
};

// What a new framework contract's request holds besides NewContract, read once the contract's
// parties are known (status) and once it is inserted (tariffs).
class ContractRequest {
  public:
    virtual ~ContractRequest() = default;
    // status ("draft" when absent).
    virtual std::string status() = 0;
    // How many tariffs the request has (none when absent), and the i-th one.
    virtual std::size_t tariffCount() = 0;
    virtual std::unique_ptr<TariffRequest> tariff(std::size_t i) = 0;
};

// One year's budget of a budget contract.
struct YearBudget {
    std::int64_t year = 0;
    Money budget;
};

// A performance agreement (prestatieafspraak) of a budget contract.
// Its target is in the kind's unit (a percentage in hundredths: 8000 = 80.00 %).
struct NewAgreement {
    std::string indicator;
    std::int64_t target = 0;
    std::string unit;
    IndicatorKind kind = IndicatorKind::Count;
    YearAggregation aggregation = YearAggregation::Sum;
};

// What a new budget contract's request holds besides NewContract, in the order it is read.
class BudgetContractRequest {
  public:
    virtual ~BudgetContractRequest() = default;
    // member_provider_ids (as sent).
    virtual std::vector<std::int64_t> members() = 0;
    // settlement_rule, when given.
    virtual std::optional<std::string> settlementRule() = 0;
    // budgets (required): their count and the i-th one.
    virtual std::size_t budgetCount() = 0;
    virtual YearBudget budget(std::size_t i) = 0;
    // performance_agreements (none when absent): their count and the i-th one.
    virtual std::size_t agreementCount() = 0;
    virtual NewAgreement agreement(std::size_t i) = 0;
};

// A tariff version added to a contract.
struct ContractTariff {
    std::string product_code;
    TariffVersion version;
};

// The status a new framework contract starts in: draft or active (ILLEGAL_STATUS_CHANGE;
// the status's own parse error first).
ContractStatus initialStatus(const std::string& status);
// The coalition's other members: each once, by id, without the lead.
std::vector<std::int64_t> coalitionMembers(std::int64_t lead,
                                           const std::vector<std::int64_t>& members);
// The monthly advances of one year's budget: INVALID_BUDGET (negative, or a year twice; `years`
// collects the years seen), BUDGET_OUTSIDE_TERM (the year outside the term).
std::vector<::zc::Advance> budgetAdvances(const YearBudget& b, const Period& term,
                                          std::set<std::int64_t>& years);

// A framework contract by a contract manager (`c` parsed, its kind and status filled in here):
// UNKNOWN_PROVIDER (provider_id), UNKNOWN_MUNICIPALITY, UNKNOWN_PROCEDURE, UNKNOWN_PRODUCT, the
// status, then per tariff as addContractTariff. Audited; returns the contract.
ContractDetails createContract(app::RequestContext& ctx, NewContract c, ContractRequest& rest);
// A budget contract, active, led by c.provider_id: the checks above (field lead_provider_id),
// UNKNOWN_PROVIDER (member_provider_ids), INVALID_SETTLEMENT_RULE, then per year the checks of
// budgetAdvances. Audited; returns the contract.
ContractDetails createBudgetContract(app::RequestContext& ctx, NewContract c,
                                     BudgetContractRequest& rest);
// A new tariff version of a contract: NOT_FOUND, CONTRACT_CLOSED, then the tariff's product
// (PRODUCT_NOT_IN_CONTRACT), its fields and the schedule's checks. Audited ("contract.add_tariff").
ContractTariff addContractTariff(app::RequestContext& ctx, std::int64_t contract_id,
                                 TariffRequest& tariff);

// Admission to a lot (in the caller's transaction): an active framework contract with the lot's
// products and the procedure's tariffs in force from the term's start, audited. Returns its id.
std::int64_t createFrameworkContractFromProcedure(app::RequestContext& ctx,
                                                  std::int64_t provider_id,
                                                  std::int64_t procedure_id, std::int64_t lot_id,
                                                  std::int64_t application_id,
                                                  const std::vector<std::string>& products,
                                                  const Period& term);

}  // namespace zc::contracting
