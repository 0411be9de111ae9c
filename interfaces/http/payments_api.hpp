#pragma once
// Payment runs over HTTP (issue 5), finance role: the municipality's debtor account, providers'
// balances, runs prepared by one finance user and approved by another, exported as a SEPA
// pain.001.001.03 file. JSON in, the use cases of invoicing/app/payments.hpp, JSON out.
#include "api_request.hpp"

namespace zc::http {

// POST /municipalities/{code}/debtor-account {iban, bic, name}: the default account runs pay from.
ApiResponse setDebtorAccount(RequestContext& ctx, const ApiRequest& req);
// POST /municipalities/{code}/debtor-accounts {iban, bic?, name, label?, is_default?}: 201 with
// the account; GET lists the municipality's accounts, the default first.
ApiResponse addDebtorAccount(RequestContext& ctx, const ApiRequest& req);
ApiResponse listDebtorAccounts(RequestContext& ctx, const ApiRequest& req);
// POST /payment-runs {municipality_codes | municipality_code, due_until, execution_date?,
// provider_ids?}: prepares a run of the open payables due by then that those municipalities
// owe, each paid from its own default account (nothing is paid or locked yet).
ApiResponse preparePaymentRun(RequestContext& ctx, const ApiRequest& req);
// GET /provider-balances: per provider what is owed (open, disputed), in a run not yet booked
// and paid, in cents (claw-backs count negative), and its integrity block.
ApiResponse providerBalances(RequestContext& ctx, const ApiRequest& req);
// GET /payment-runs and /payment-runs/{id}: runs, their transfers, offsets and what was left out.
ApiResponse listPaymentRuns(RequestContext& ctx, const ApiRequest& req);
ApiResponse getPaymentRun(RequestContext& ctx, const ApiRequest& req);
// POST /payment-runs/{id}/approve: by a finance user other than the preparer (403 FOUR_EYES).
// Locks the run, marks its payables in_run, posts the payments to the ledger and stores the
// pain.001. 409 RUN_STALE when a payable of the run changed since it was prepared.
ApiResponse approvePaymentRun(RequestContext& ctx, const ApiRequest& req);
// POST /payment-runs/{id}/cancel {reason}: cancels a prepared run (RUN_NOT_PREPARED otherwise);
// its payables are open for the next run. Audited.
ApiResponse cancelPaymentRun(RequestContext& ctx, const ApiRequest& req);
// GET /payment-runs/{id}/pain001: the stored file, the same bytes every time.
ApiResponse downloadPain001(RequestContext& ctx, const ApiRequest& req);

}  // namespace zc::http
