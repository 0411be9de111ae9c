#pragma once
// What the payment-run use cases need of the database, as named rows. PaymentRunStore is the
// interface the use cases call (invoicing/app/payment_run_approval.hpp); MariaDbPaymentRuns
// implements it with prepared statements in the caller's transaction, and the unit tests with a
// fake in memory.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "contracting/kernel/civil_date.hpp"
#include "contracting/kernel/codes.hpp"
#include "contracting/kernel/money.hpp"
#include "contracting/kernel/request_context.hpp"
#include "invoicing/domain/ledger.hpp"
#include "invoicing/domain/payment_run.hpp"
#include "invoicing/domain/payment_run_status.hpp"

namespace zc::invoicing {

// A run as its approval sees it (locked).
struct RunForApproval {
    std::int64_t id = 0;
    PaymentRunStatus status = PaymentRunStatus::Prepared;
    std::string prepared_by;
    std::string municipality_code;
    Date execution_date;
    std::string message_id;  // MsgId of its pain.001
};

// An account of a municipality that runs pay from (pain.001 debtor; debtor_accounts).
struct DebtorAccount {
    std::string name;
    Iban iban;
    std::string bic;  // "" when not given
    std::int64_t id = 0;
    std::string municipality_code = {};  // whose account it is
};

// One transfer of a run (payment instruction): what the pain.001 carries.
struct RunTransfer {
    std::int64_t instruction_id = 0;
    std::int64_t provider_id = 0;
    std::string end_to_end_id;
    Money amount;
    std::string creditor_name;
    Iban creditor_iban;
    std::string remittance;
    std::string municipality_code = {};  // the municipality that pays it
    std::int64_t debtor_account_id = 0;  // the account it is paid from (0: none recorded)
};

// The approved run's file for the bank, as stored with the run.
struct PaymentFile {
    std::string content;  // the pain.001 XML
    std::string sha256;   // of content, hex
};

// A new run as its preparation records it, before its transfers are known.
struct NewRun {
    std::string municipality_code;  // the first of the run's municipalities
    Date due_until;
    Date execution_date;
    std::string prepared_by;
    std::vector<DebtorAccount> accounts =
        {};  // per municipality of the run, the account it pays from
};

class PaymentRunStore {
  public:
    virtual ~PaymentRunStore() = default;

    // -- preparing
    // Records the run (status prepared, no transfers yet) and returns its id.
    virtual std::int64_t insertRun(const NewRun& run) = 0;
    // The composer's input: the open payables due by `due_until` that the municipality owes
    // (claw-backs as receivables), and their providers with their blocks.
    virtual PaymentRunInput runInput(std::int64_t run_id, const std::string& municipality_code,
                                     Date due_until,
                                     std::optional<std::vector<std::int64_t>> provider_ids) = 0;
    // The composed run: one instruction per transfer, paid from the account of its
    // municipality among `accounts`, and per payable what happened to it.
    virtual void storeRun(const PaymentRun& run, const std::vector<DebtorAccount>& accounts,
                          Date execution_date, const PaymentRunInput& input) = 0;

    // -- approving
    // The run, locked until the transaction ends; nothing when there is none.
    virtual std::optional<RunForApproval> lockRun(std::int64_t run_id) = 0;
    // Why the run can no longer be paid as prepared (a payable of it was paid elsewhere,
    // disputed or changed; a provider of it was blocked), or nothing.
    virtual std::optional<std::string> staleReason(std::int64_t run_id) = 0;
    // The municipality's default account (or its active account `chosen`). NOT_FOUND when the
    // municipality does not exist, NO_DEBTOR_ACCOUNT when it has none, INVALID_FIELD
    // ("accounts.<code>") when `chosen` is not an active account of it.
    virtual DebtorAccount debtorAccount(const std::string& municipality_code,
                                        std::optional<std::int64_t> chosen) = 0;
    // The accounts the run pays from, one per municipality of it, by municipality.
    virtual std::vector<DebtorAccount> runAccounts(std::int64_t run_id) = 0;
    // The run's transfers, by provider.
    virtual std::vector<RunTransfer> transfers(std::int64_t run_id) = 0;
    // The instruction is sent, its payables are in the run, and `payment` is on the ledger.
    virtual void markSent(const RunTransfer& transfer, const JournalEntry& payment) = 0;
    // The run's offsets take effect: a claw-back used in part is split (the used part stays
    // with it, the rest becomes a new open 'remainder' payable), and the payables and
    // claw-backs settled without a transfer (FullyOffset) are paid by offset now.
    virtual void settleOffsets(std::int64_t run_id) = 0;
    // The run is approved by `approver` now, with its file.
    virtual void recordApproval(std::int64_t run_id, const std::string& approver,
                                const PaymentFile& file) = 0;

    // -- cancelling
    // The prepared run is cancelled by `by` now, with the reason; its transfers are cancelled
    // (its payables were never taken out of 'open').
    virtual void recordCancellation(std::int64_t run_id, const std::string& by,
                                    const std::string& reason) = 0;
};

class MariaDbPaymentRuns final : public PaymentRunStore {
  public:
    explicit MariaDbPaymentRuns(app::RequestContext& ctx) : ctx_(ctx) {}

    std::int64_t insertRun(const NewRun& run) override;
    PaymentRunInput runInput(std::int64_t run_id, const std::string& municipality_code,
                             Date due_until,
                             std::optional<std::vector<std::int64_t>> provider_ids) override;
    void storeRun(const PaymentRun& run, const std::vector<DebtorAccount>& accounts,
                  Date execution_date, const PaymentRunInput& input) override;

    std::optional<RunForApproval> lockRun(std::int64_t run_id) override;
    std::optional<std::string> staleReason(std::int64_t run_id) override;
    DebtorAccount debtorAccount(const std::string& municipality_code,
                                std::optional<std::int64_t> chosen) override;
    std::vector<DebtorAccount> runAccounts(std::int64_t run_id) override;
    std::vector<RunTransfer> transfers(std::int64_t run_id) override;
    void markSent(const RunTransfer& transfer, const JournalEntry& payment) override;
    void settleOffsets(std::int64_t run_id) override;
    void recordApproval(std::int64_t run_id, const std::string& approver,
                        const PaymentFile& file) override;
    void recordCancellation(std::int64_t run_id, const std::string& by,
                            const std::string& reason) override;

  private:
    app::RequestContext& ctx_;
};

}  // namespace zc::invoicing
