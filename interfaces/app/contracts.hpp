#pragma once
// Framework contracts (raamovereenkomsten), their status, tariff versions and indexation;
// budget-financed contracts (dagbesteding) with coalition, budgets, performance agreements and
// the monthly advance schedule. Still here: creating contracts and adding a contract tariff; the
// rest is contracting/app/contracts.hpp behind interfaces/http/contracts_api.hpp.
#include <optional>

#include "context.hpp"
#include "contracting/domain/tariff_schedule.hpp"

namespace zc::app {

ApiResponse createContract(RequestContext& ctx, const ApiRequest& req);
ApiResponse addContractTariff(RequestContext& ctx, const ApiRequest& req);
ApiResponse createBudgetContract(RequestContext& ctx, const ApiRequest& req);

// Used by admission: creates an active framework contract with the given products and copies
// the procedure's tariffs for them, clipped to the term. Returns the contract id.
std::int64_t createFrameworkContractFromProcedure(RequestContext& ctx, std::int64_t provider_id,
                                                  std::int64_t procedure_id, std::int64_t lot_id,
                                                  std::int64_t application_id,
                                                  const std::vector<std::string>& products,
                                                  const Period& term);

}  // namespace zc::app
