#include "payment_run_preparation.hpp"

#include <algorithm>
#include <set>

#include "contracting/kernel/errors.hpp"

namespace zc::invoicing {
namespace {

// The run's municipalities, each once, in the order asked; MISSING_FIELD when there is none.
std::vector<std::string> municipalitiesOf(const RunRequest& request) {
    std::vector<std::string> codes;
    for (const std::string& code : request.municipality_codes) {
        if (std::find(codes.begin(), codes.end(), code) == codes.end()) codes.push_back(code);
    }
    if (codes.empty()) {
        throw ValidationError("MISSING_FIELD", "A payment run pays for one or more municipalities.",
                              "municipality_codes");
    }
    return codes;
}

// The composer's input of every municipality of the run: each payable and receivable carries
// the municipality whose selection found it, each provider is listed once.
PaymentRunInput runInputOf(PaymentRunStore& store, std::int64_t run_id,
                           const std::vector<std::string>& codes, const RunRequest& request) {
    PaymentRunInput all;
    all.run_id = 0;
    std::set<std::int64_t> providers;
    for (const std::string& code : codes) {
        PaymentRunInput in = store.runInput(run_id, code, request.due_until, request.provider_ids);
        if (all.run_id == 0) {
            all.run_id = in.run_id;
            all.selection = in.selection;
        }
        for (DuePayable& p : in.payables) {
            p.municipality = code;
            all.payables.push_back(std::move(p));
        }
        for (OpenReceivable& r : in.receivables) {
            r.municipality = code;
            all.receivables.push_back(std::move(r));
        }
        for (RunProvider& p : in.providers) {
            if (providers.insert(p.id).second) all.providers.push_back(std::move(p));
        }
    }
    return all;
}

}  // namespace

std::int64_t preparePaymentRun(PaymentRunStore& store, const RunRequest& request) {
    const Date execution = request.execution_date.value_or(request.today);
    if (execution < request.today) {
        throw ValidationError("EXECUTION_DATE_PAST", "The execution date cannot lie in the past.",
                              "execution_date");
    }
    const std::vector<std::string> codes = municipalitiesOf(request);
    for (const auto& [code, id] : request.accounts) {
        if (std::find(codes.begin(), codes.end(), code) == codes.end()) {
            throw ValidationError("INVALID_FIELD",
                                  "Account " + std::to_string(id) + " is chosen for " + code +
                                      ", which the run does not pay for.",
                                  "accounts." + code);
        }
    }
    std::vector<DebtorAccount> accounts;
    for (const std::string& code : codes) {
        const auto chosen = request.accounts.find(code);
        accounts.push_back(store.debtorAccount(
            code, chosen == request.accounts.end() ? std::nullopt : std::optional(chosen->second)));
    }
    const std::int64_t run_id =
        store.insertRun({codes.front(), request.due_until, execution, request.preparer, accounts});
    const PaymentRunInput input = runInputOf(store, run_id, codes, request);
    store.storeRun(composePaymentRun(input), accounts, execution, input);
    return run_id;
}

}  // namespace zc::invoicing
