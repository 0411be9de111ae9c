#pragma once
// Approving a payment run (four eyes): a finance user other than the one who prepared it
// releases it; its instructions are sent, their payables are in the run, each payment is on the
// ledger, and the run's pain.001 is written and stored. One transaction: the caller's.
#include <cstdint>
#include <string>
#include <vector>

#include "invoicing/store/payment_run_store.hpp"

namespace zc::invoicing {

// The transfers paid from one debtor account (one PmtInf of the pain.001): all of them of the
// account's municipality.
struct PaymentOrderBlock {
    DebtorAccount debtor;
    std::vector<RunTransfer> transfers;
};

// What the bank's file says: the run's transfers, per account they are paid from.
struct PaymentOrder {
    std::string message_id;
    std::string created_at;  // CreDtTm, "YYYY-MM-DDTHH:MM:SS"
    DebtorAccount debtor;    // the first account: the initiating party
    Date execution_date;
    std::vector<RunTransfer> transfers;          // all of them
    std::vector<PaymentOrderBlock> blocks = {};  // per account with transfers, by municipality
};

// Writes the file of an order (pain.001, checked against its schema: interfaces/iso20022).
class PaymentFileWriter {
  public:
    virtual ~PaymentFileWriter() = default;
    virtual PaymentFile write(const PaymentOrder& order) = 0;
};

struct RunApproval {
    std::int64_t run_id = 0;
    std::string approver;    // the finance user's name
    Date today;              // the payments' ledger date
    std::string created_at;  // the file's creation time
};

// Refuses with NOT_FOUND (no such run), RUN_NOT_PREPARED (approved or cancelled already),
// FOUR_EYES (the approver prepared it), RUN_STALE (a payable or provider of it changed since)
// or NO_DEBTOR_ACCOUNT (a run prepared before debtor accounts whose account is not recorded);
// then nothing is sent. Returns the stored file. The run's offsets take effect with the
// approval (PaymentRunStore::settleOffsets: a claw-back used in part is split, its rest stays
// open as a 'remainder' payable). A run without transfers has no file: an empty one is stored.
PaymentFile approvePaymentRun(PaymentRunStore& store, PaymentFileWriter& writer,
                              const RunApproval& approval);

}  // namespace zc::invoicing
