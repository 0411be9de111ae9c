#pragma once
// Contracts over HTTP: JSON in, the use cases of contracting/app/contracts.hpp, JSON out.
// (Creating framework and budget contracts and adding a contract tariff are still in
// interfaces/app/contracts.hpp.)
#include "api_request.hpp"

namespace zc::http {

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
