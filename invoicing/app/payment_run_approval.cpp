#include "payment_run_approval.hpp"

#include <algorithm>

#include "contracting/kernel/errors.hpp"

namespace zc::invoicing {
namespace {

RunForApproval approvableRun(PaymentRunStore& store, const RunApproval& approval) {
    const std::string name = "Payment run " + std::to_string(approval.run_id);
    auto run = store.lockRun(approval.run_id);
    if (!run) throw ValidationError("NOT_FOUND", name + " does not exist.", "id");
    if (run->status != PaymentRunStatus::Prepared) {
        throw ValidationError("RUN_NOT_PREPARED",
                              name + " is " + std::string(paymentRunStatusName(run->status)) + ".",
                              "id");
    }
    if (run->prepared_by == approval.approver) {
        throw ValidationError("FOUR_EYES",
                              "A payment run is approved by a finance user other than the one "
                              "who prepared it.",
                              "approved_by");
    }
    if (auto why = store.staleReason(approval.run_id)) {
        throw ValidationError("RUN_STALE", *why, "id");
    }
    return *run;
}

}  // namespace

PaymentFile approvePaymentRun(PaymentRunStore& store, PaymentFileWriter& writer,
                              const RunApproval& approval) {
    const RunForApproval run = approvableRun(store, approval);
    const std::vector<DebtorAccount> accounts = store.runAccounts(run.id);
    const std::vector<RunTransfer> transfers = store.transfers(run.id);
    std::vector<PaymentOrderBlock> blocks;
    for (const DebtorAccount& a : accounts) blocks.push_back({a, {}});
    for (const RunTransfer& t : transfers) {
        auto block = std::find_if(blocks.begin(), blocks.end(), [&](const PaymentOrderBlock& b) {
            return b.debtor.id == t.debtor_account_id;
        });
        if (block == blocks.end()) {
            throw ValidationError("NO_DEBTOR_ACCOUNT",
                                  "The account transfer " + t.end_to_end_id +
                                      " is paid from is not recorded; prepare a new run.",
                                  "id");
        }
        // Nothing of municipality A is paid from an account of B.
        ZC_ASSERT(block->debtor.municipality_code == t.municipality_code);
        block->transfers.push_back(t);
    }
    std::erase_if(blocks, [](const PaymentOrderBlock& b) { return b.transfers.empty(); });
    if (blocks.empty()) {
        // Nothing to transfer (every provider's claw-backs covered what it was owed, or
        // nothing was selected): the offsets take effect, and there is no file for the bank.
        store.settleOffsets(run.id);
        store.recordApproval(run.id, approval.approver, PaymentFile{});
        return PaymentFile{};
    }
    PaymentOrder order{
        run.message_id, approval.created_at, blocks.front().debtor, run.execution_date, {}, {}};
    const std::string source = "instruction:";
    for (const PaymentOrderBlock& b : blocks) {
        for (const RunTransfer& t : b.transfers) {
            auto sent = postPaymentSent(t.provider_id, b.debtor.iban, t.amount,
                                        source + std::to_string(t.instruction_id), approval.today);
            sent.municipality = t.municipality_code;  // in the books of the paying municipality
            store.markSent(t, sent);
            order.transfers.push_back(t);
        }
    }
    store.settleOffsets(run.id);
    order.blocks = std::move(blocks);
    PaymentFile file = writer.write(order);
    store.recordApproval(run.id, approval.approver, file);
    return file;
}

}  // namespace zc::invoicing
