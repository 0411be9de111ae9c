#pragma once
// What the payment use cases (invoicing/app/payments.hpp) read and write besides the run's
// preparation and approval (payment_run_store.hpp), as named rows: a municipality's debtor
// account, providers' balances, stored runs with their transfers and items, the stored pain.001.
// Free functions in the caller's transaction.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "contracting/kernel/list_query.hpp"
#include "interfaces/mysql/scope_filter.hpp"
#include "invoicing/domain/run_bank_status.hpp"

namespace zc::invoicing {

// One row of `payment_runs` (timestamps as stored, DATETIME(6) text).
struct RunRow {
    std::int64_t id = 0;
    std::string municipality_code, due_until, execution_date, status, prepared_by, prepared_at;
    std::optional<std::string> approved_by, approved_at;
    std::string message_id;
    std::int64_t control_sum_cents = 0, transactions = 0;
    std::optional<std::string> pain001_sha256;
    // Every municipality the run pays for (payment_run_accounts), ascending;
    // municipality_code is the first of them.
    std::vector<std::string> municipality_codes = {};
    // Its transfers by status after the bank statements (invoicing/domain/run_bank_status.hpp).
    RunTransferCounts transfer_counts = {};
};

// The account a run pays one municipality's transfers from.
struct RunAccountRow {
    std::string municipality_code;
    std::optional<std::int64_t> debtor_account_id;  // nothing: an old run's unrecorded account
    std::string iban, name;                         // "" when not recorded
};

// A transfer (payment instruction) of a run.
struct RunTransferRow {
    std::int64_t id = 0, provider_id = 0;
    std::string end_to_end_id;
    std::int64_t amount_cents = 0;
    std::string creditor_name, creditor_iban, remittance, status;
    std::optional<std::string> return_reason;
    std::string municipality_code = {};                  // the municipality it pays for
    std::optional<std::int64_t> debtor_account_id = {};  // the account it is paid from
    std::string debtor_iban = {};
};

// A payable considered by a run and its outcome.
struct RunItemRow {
    std::int64_t payable_id = 0, provider_id = 0;
    std::optional<std::int64_t> instruction_id;
    std::int64_t amount_cents = 0;
    std::string outcome;
    std::optional<std::string> reason;
};

// A provider's payables by status, in cents (claw-backs negative), and its integrity block.
struct ProviderBalanceRow {
    std::int64_t provider_id = 0;
    std::string agb, name;
    std::optional<std::string> blocked_reason, blocked_at;
    std::int64_t open_cents = 0, disputed_cents = 0, in_run_cents = 0, paid_cents = 0;
};

// Whether the municipality is recorded.
bool municipalityRecorded(db::Connection& db, const std::string& code);
// Balances by provider name and id, paged; with a scope, of the payables of those
// municipalities only; the total counts every provider (each has a row).
app::ListPage<ProviderBalanceRow> providerBalances(
    db::Connection& db, std::int64_t limit, std::int64_t offset,
    const db::MunicipalityScope& scope = std::nullopt);
// The run; nothing when unknown.
std::optional<RunRow> findRun(db::Connection& db, std::int64_t id);
// Every municipality a run pays for (a run may span several), ascending.
std::vector<std::string> runMunicipalities(db::Connection& db, std::int64_t run_id);
// Which runs a list shows: with a scope, those whose every municipality is in it; with
// `municipality` (not ""), those that pay for it (any of a run's municipalities); with `status`
// (not ""), those in it. `q` searches the run's number, message id, preparer and approver;
// sorts: prepared_at (default, newest first), execution_date, due_until, control_sum_cents,
// transactions, status.
struct RunFilter {
    db::MunicipalityScope scope;
    std::string municipality;
    std::string status;
    app::ListQuery list;
};

// A page of the runs matching the filter, and how many match.
app::ListPage<RunRow> listRuns(db::Connection& db, const RunFilter& f);
// The accounts the run pays from, by municipality.
std::vector<RunAccountRow> runAccountRows(db::Connection& db, std::int64_t run_id);
// The run's transfers by provider.
std::vector<RunTransferRow> runTransfers(db::Connection& db, std::int64_t run_id);
// The run's items in the order considered.
std::vector<RunItemRow> runItems(db::Connection& db, std::int64_t run_id);
// The run's stored pain.001: nothing when there is no such run; an empty optional inside when
// the run has no file (not approved).
std::optional<std::optional<std::string>> runPain001(db::Connection& db, std::int64_t run_id);

}  // namespace zc::invoicing
