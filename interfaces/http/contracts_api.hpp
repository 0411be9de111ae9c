#pragma once
// Contracts over HTTP: JSON in, the use cases of contracting/app/contracts.hpp and
// contracting/app/contract_creation.hpp, JSON out.
#include "api_request.hpp"

namespace zc::http {

// POST /contracts {provider_id, municipality_code, procedure_id?, term_start, term_end,
// extension_options?, extension_months?, spending_ceiling_cents?, products, status?, tariffs?}
ApiResponse createContract(RequestContext& ctx, const ApiRequest& req);
// POST /budget-contracts {lead_provider_id, member_provider_ids, the fields above but status and
// tariffs, settlement_rule?, budgets: [{year, budget_cents}], performance_agreements?:
// [{indicator, target, unit}]}
ApiResponse createBudgetContract(RequestContext& ctx, const ApiRequest& req);
// POST /contracts/{id}/tariffs {product_code, unit?, tariff_cents, valid_from, valid_to?, reason?}
ApiResponse addContractTariff(RequestContext& ctx, const ApiRequest& req);

// GET /contracts?status=&kind=&agb=&limit=&offset= (a provider: its own and its coalitions')
ApiResponse listContracts(RequestContext& ctx, const ApiRequest& req);
// GET /contracts/{id}: with products, tariffs, status history (and budget details).
ApiResponse getContract(RequestContext& ctx, const ApiRequest& req);
// POST /contracts/{id}/status {status, reason?}
ApiResponse changeContractStatus(RequestContext& ctx, const ApiRequest& req);
// POST /contracts/{id}/indexations {percentage, from}
ApiResponse indexContract(RequestContext& ctx, const ApiRequest& req);
// POST /contracts/{id}/extensions: uses one extension option (the term ends extension_months
// later).
ApiResponse extendContract(RequestContext& ctx, const ApiRequest& req);
// GET /contracts/{id}/advances
ApiResponse listAdvances(RequestContext& ctx, const ApiRequest& req);

// GET /queries/eligible-providers?product=&date=[&municipality=]
ApiResponse eligibleProviders(RequestContext& ctx, const ApiRequest& req);
// GET /queries/tariff?agb=&product=&date=[&municipality=]
ApiResponse tariffQuery(RequestContext& ctx, const ApiRequest& req);

}  // namespace zc::http
