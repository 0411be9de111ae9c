#include "payment_run_approval.hpp"

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
    PaymentOrder order{run.message_id,
                       approval.created_at,
                       store.debtorAccount(run.municipality_code),
                       run.execution_date,
                       {}};
    const std::string source = "instruction:";
    for (const RunTransfer& t : store.transfers(run.id)) {
        auto sent = postPaymentSent(t.provider_id, order.debtor.iban, t.amount,
                                    source + std::to_string(t.instruction_id), approval.today);
        sent.municipality = run.municipality_code;  // in the books of the paying municipality
        store.markSent(t, sent);
        order.transfers.push_back(t);
    }
    PaymentFile file = writer.write(order);
    store.recordApproval(run.id, approval.approver, file);
    return file;
}

}  // namespace zc::invoicing
