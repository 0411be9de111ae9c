#include "payment_run_preparation.hpp"

#include "contracting/kernel/errors.hpp"

namespace zc::invoicing {

std::int64_t preparePaymentRun(PaymentRunStore& store, const RunRequest& request) {
    const Date execution = request.execution_date.value_or(request.today);
    if (execution < request.today) {
        throw ValidationError("EXECUTION_DATE_PAST", "The execution date cannot lie in the past.",
                              "execution_date");
    }
    const DebtorAccount debtor = store.debtorAccount(request.municipality_code);
    const std::int64_t run_id = store.insertRun(
        {request.municipality_code, request.due_until, execution, request.preparer});
    const PaymentRunInput input =
        store.runInput(run_id, request.municipality_code, request.due_until, request.provider_ids);
    store.storeRun(composePaymentRun(input), debtor, execution, input);
    return run_id;
}

}  // namespace zc::invoicing
