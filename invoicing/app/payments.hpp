#pragma once
// Payment runs (issue 5), finance role, as whole use cases: the municipality's debtor account,
// providers' balances, preparing and approving a run (the rules in payment_run_preparation and
// payment_run_approval, here with their transaction and audit row) and reading runs and their
// pain.001.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "contracting/kernel/list_query.hpp"
#include "contracting/kernel/request_context.hpp"
#include "invoicing/app/payment_run_approval.hpp"
#include "invoicing/app/payment_run_cancellation.hpp"
#include "invoicing/app/payment_run_preparation.hpp"
#include "invoicing/store/debtor_account_store.hpp"
#include "invoicing/store/payment_read_store.hpp"

namespace zc::invoicing {

// PUT /municipalities/{code}/debtor-account: the account runs pay from (IBAN checked by the
// adapter).
struct DebtorAccountChange {
    std::string municipality_code;
    std::string iban;
    std::optional<std::string> bic;
    std::string name;
};
// It becomes the municipality's default debtor account (recorded when new; the former default
// stays as a further account). NOT_FOUND (field "code") for an unknown municipality,
// DEBTOR_ACCOUNT_TAKEN (field "iban") when the IBAN is another municipality's account; audited
// "municipality.debtor_account".
void setDebtorAccount(app::RequestContext& ctx, const DebtorAccountChange& change);

// POST /municipalities/{code}/debtor-accounts: a further account (or, with `is_default`, the
// new default; the municipality's first account is its default anyway). Refuses like
// setDebtorAccount; audited "municipality.debtor_account". Returns the account as recorded.
struct NewDebtorAccount {
    DebtorAccountChange account;
    std::optional<std::string> label;
    bool is_default = false;
};
DebtorAccountRow addDebtorAccount(app::RequestContext& ctx, const NewDebtorAccount& account);

// GET /municipalities/{code}/debtor-accounts: its accounts, the default first; NOT_FOUND
// (field "code") for an unknown municipality.
// A page of them, and how many there are.
app::ListPage<DebtorAccountRow> listDebtorAccounts(app::RequestContext& ctx,
                                                   const std::string& code, std::int64_t limit,
                                                   std::int64_t offset);

// GET /provider-balances, paged.
app::ListPage<ProviderBalanceRow> providerBalances(app::RequestContext& ctx, std::int64_t limit,
                                                   std::int64_t offset);

// A run with its transfers and items.
struct RunDetail {
    RunRow run;
    std::vector<RunTransferRow> transfers;
    std::vector<RunItemRow> items;
    std::vector<RunAccountRow> accounts = {};  // per municipality of the run, its account
    // A prepared run that can no longer be approved as it is (RUN_STALE): why. Nothing for a
    // run that is fine, approved or cancelled.
    std::optional<std::string> stale_reason;
};

// POST /payment-runs: prepares the run in its own transaction, audited "payment_run.prepare".
RunDetail prepareRun(app::RequestContext& ctx, const RunRequest& request);
// POST /payment-runs/{id}/approve: approves the run with `writer` writing its file, audited
// "payment_run.approve".
RunDetail approveRun(app::RequestContext& ctx, std::int64_t run_id, PaymentFileWriter& writer);
// POST /payment-runs/{id}/cancel: cancels a prepared run with the reason (cancelPaymentRun),
// audited "payment_run.cancel".
RunDetail cancelRun(app::RequestContext& ctx, std::int64_t run_id, const std::string& reason);
// GET /payment-runs, newest first unless sorted otherwise, paged (RunFilter); a staff user sees
// the runs whose every municipality they work for, whatever the filter's scope says.
app::ListPage<RunRow> listRuns(app::RequestContext& ctx, RunFilter filter);
// GET /payment-runs/{id} (NOT_FOUND).
RunDetail runDetail(app::RequestContext& ctx, std::int64_t run_id);
// GET /payment-runs/{id}/pain001: the stored file (NOT_FOUND, RUN_NOT_APPROVED).
std::string runPain001File(app::RequestContext& ctx, std::int64_t run_id);

}  // namespace zc::invoicing
