#pragma once
// A provider's bank accounts over HTTP (finance, four eyes): JSON in, the use cases of
// invoicing/app/provider_accounts.hpp, JSON out.
#include "api_request.hpp"

namespace zc::http {

// GET /providers/{id}/bank-accounts: the account history, newest start first, `current` marking
// the account a run executed today pays (a provider sees its own only).
ApiResponse listProviderAccounts(RequestContext& ctx, const ApiRequest& req);
// POST /providers/{id}/bank-accounts {iban, holder_name, valid_from}: propose a new account
// (201, status "proposed").
ApiResponse proposeProviderAccount(RequestContext& ctx, const ApiRequest& req);
// POST /provider-bank-accounts/{id}/approve {} and /reject {reason}: another finance user
// decides.
ApiResponse approveProviderAccount(RequestContext& ctx, const ApiRequest& req);
ApiResponse rejectProviderAccount(RequestContext& ctx, const ApiRequest& req);

}  // namespace zc::http
