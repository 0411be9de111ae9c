#include "payment_run.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <string_view>
#include <utility>

#include "contracting/kernel/errors.hpp"

namespace zc::invoicing {
namespace {

// The payables and receivables of one provider in the run, each in ascending id.
struct ProviderItems {
    std::vector<const DuePayable*> payables;
    std::vector<const OpenReceivable*> receivables;
};

std::string indexed(const char* list, std::size_t i, const char* member) {
    return std::string(list) + "[" + std::to_string(i) + "]." + member;
}

void validateProviders(const std::vector<RunProvider>& providers) {
    std::set<std::int64_t> seen;
    for (std::size_t i = 0; i < providers.size(); ++i) {
        const std::int64_t id = providers[i].id;
        if (id < 1 || id > kMaxRunIdNumber) {
            throw ValidationError("INVALID_PROVIDER_ID",
                                  "A provider id in a payment run must be 1.." +
                                      std::to_string(kMaxRunIdNumber) + ".",
                                  indexed("providers", i, "id"));
        }
        if (!seen.insert(id).second) {
            throw ValidationError("DUPLICATE_PROVIDER",
                                  "Provider " + std::to_string(id) + " is listed twice.",
                                  indexed("providers", i, "id"));
        }
    }
}

void validateAmounts(const PaymentRunInput& input) {
    for (std::size_t i = 0; i < input.payables.size(); ++i) {
        if (input.payables[i].amount <= Money()) {
            throw ValidationError("INVALID_AMOUNT", "A payable must be above zero.",
                                  indexed("payables", i, "amount"));
        }
    }
    for (std::size_t i = 0; i < input.receivables.size(); ++i) {
        if (input.receivables[i].amount <= Money()) {
            throw ValidationError("INVALID_AMOUNT", "An open receivable must be above zero.",
                                  indexed("receivables", i, "amount"));
        }
    }
}

template <typename Item>
void requireUniqueIds(const std::vector<Item>& items, const char* code, const char* list) {
    std::set<std::int64_t> seen;
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (!seen.insert(items[i].id).second) {
            throw ValidationError(code, "Id " + std::to_string(items[i].id) + " is listed twice.",
                                  indexed(list, i, "id"));
        }
    }
}

std::map<std::int64_t, const RunProvider*> validate(const PaymentRunInput& input) {
    if (input.run_id < 1 || input.run_id > kMaxRunIdNumber) {
        throw ValidationError(
            "INVALID_RUN_ID",
            "A payment run id must be 1.." + std::to_string(kMaxRunIdNumber) + ".", "run_id");
    }
    if (input.payables.size() > kMaxRunPayables) {
        throw ValidationError("RUN_TOO_LARGE", "A payment run holds at most 1,000,000 payables.",
                              "payables");
    }
    validateProviders(input.providers);
    validateAmounts(input);
    requireUniqueIds(input.payables, "DUPLICATE_PAYABLE", "payables");
    requireUniqueIds(input.receivables, "DUPLICATE_RECEIVABLE", "receivables");
    std::map<std::int64_t, const RunProvider*> providers;
    for (const RunProvider& p : input.providers) providers.emplace(p.id, &p);
    for (std::size_t i = 0; i < input.payables.size(); ++i) {
        if (!providers.contains(input.payables[i].provider_id)) {
            throw ValidationError("UNKNOWN_PROVIDER",
                                  "Payable " + std::to_string(input.payables[i].id) +
                                      " names provider " +
                                      std::to_string(input.payables[i].provider_id) +
                                      ", which is not among the run's providers.",
                                  indexed("payables", i, "provider_id"));
        }
    }
    return providers;
}

bool providerSelected(const RunProvider& provider, const RunSelection& selection) {
    if (selection.municipality && provider.municipality.str() != selection.municipality->str()) {
        return false;
    }
    if (selection.provider_ids) {
        const auto& ids = *selection.provider_ids;
        return std::find(ids.begin(), ids.end(), provider.id) != ids.end();
    }
    return true;
}

// A provider's debts to one municipality: one transfer.
using TransferKey = std::pair<std::int64_t, std::string>;  // (provider id, municipality)

// The selected payables and the receivables of their providers, by provider and municipality.
std::map<TransferKey, ProviderItems> collect(
    const PaymentRunInput& input, const std::map<std::int64_t, const RunProvider*>& providers) {
    std::map<TransferKey, ProviderItems> items;
    for (const DuePayable& p : input.payables) {
        if (p.due > input.selection.due_on_or_before) continue;
        if (!providerSelected(*providers.at(p.provider_id), input.selection)) continue;
        items[{p.provider_id, p.municipality}].payables.push_back(&p);
    }
    for (const OpenReceivable& r : input.receivables) {
        auto it = items.find({r.provider_id, r.municipality});
        if (it != items.end()) it->second.receivables.push_back(&r);
    }
    for (auto& [id, provider_items] : items) {
        std::sort(provider_items.payables.begin(), provider_items.payables.end(),
                  [](const DuePayable* a, const DuePayable* b) { return a->id < b->id; });
        std::sort(provider_items.receivables.begin(), provider_items.receivables.end(),
                  [](const OpenReceivable* a, const OpenReceivable* b) { return a->id < b->id; });
    }
    return items;
}

bool isSepaCharacter(char c) {
    constexpr std::string_view kPunctuation = "/-?:().,'+ ";
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           kPunctuation.find(c) != std::string_view::npos;
}

std::string sepaReference(std::string_view reference) {
    std::string out(reference.substr(0, kMaxReferenceLength));
    for (char& c : out) {
        if (!isSepaCharacter(c)) c = '.';
    }
    return out;
}

// Distinct non-empty references in payable order, made SEPA-safe.
std::vector<std::string> distinctReferences(const std::vector<const DuePayable*>& payables) {
    std::vector<std::string> refs;
    for (const DuePayable* p : payables) {
        if (p->reference.empty()) continue;
        std::string ref = sepaReference(p->reference);
        if (std::find(refs.begin(), refs.end(), ref) == refs.end()) refs.push_back(ref);
    }
    return refs;
}

std::string moreText(std::size_t hidden) {
    return hidden == 0 ? "" : " +" + std::to_string(hidden) + " more";
}

// How many of `refs` fit in the remittance "Decl r1,r2 +n more<suffix>"; 0 when none does.
std::size_t referencesThatFit(const std::vector<std::string>& refs, std::size_t suffix_length) {
    constexpr std::size_t kPrefixLength = 5;              // "Decl "
    std::vector<std::size_t> joined(refs.size() + 1, 0);  // length of the first k joined by ","
    for (std::size_t k = 1; k <= refs.size(); ++k) {
        joined[k] = joined[k - 1] + refs[k - 1].size() + (k > 1 ? 1 : 0);
    }
    for (std::size_t shown = refs.size(); shown > 0; --shown) {
        const std::size_t length =
            kPrefixLength + joined[shown] + moreText(refs.size() - shown).size() + suffix_length;
        if (length <= kMaxRemittanceLength) return shown;
    }
    return 0;
}

// The remittance naming as many references as fit, see composePaymentRun.
std::string remittance(std::int64_t run_id, const std::vector<const DuePayable*>& payables,
                       Money offset_total) {
    const std::string offset =
        offset_total > Money() ? ", less offset " + offset_total.toString() : "";
    const std::vector<std::string> refs = distinctReferences(payables);
    if (refs.empty()) return "Payment run " + std::to_string(run_id) + offset;
    const std::size_t shown = referencesThatFit(refs, offset.size());
    std::string text = "Decl ";
    for (std::size_t i = 0; i < shown; ++i) text += (i > 0 ? "," : "") + refs[i];
    text += moreText(refs.size() - shown) + offset;
    // Even nothing shown fits: "Decl +1000000 more, less offset " and 21 characters of amount.
    ZC_ASSERT(text.size() <= kMaxRemittanceLength);
    return text;
}

std::string endToEndId(std::int64_t run_id, std::int64_t provider_id,
                       const std::string& municipality) {
    std::string id = "ZC-" + std::to_string(run_id) + "-" + std::to_string(provider_id);
    if (!municipality.empty()) id += "-" + municipality;
    ZC_ASSERT(id.size() <= kMaxEndToEndIdLength);
    return id;
}

void leaveOut(PaymentRun& run, const std::vector<const DuePayable*>& payables, LeftOutReason reason,
              const std::string& detail) {
    for (const DuePayable* p : payables) {
        run.left_out.push_back({p->id, p->provider_id, p->amount, reason, detail});
    }
}

// Uses the receivables oldest first until `payables_total` is covered; returns the uses.
std::vector<ReceivableUse> offsetsFor(const std::vector<const OpenReceivable*>& receivables,
                                      Money payables_total) {
    std::vector<ReceivableUse> uses;
    Money unpaid = payables_total;
    for (const OpenReceivable* r : receivables) {
        if (unpaid == Money()) break;
        const Money used = std::min(r->amount, unpaid);
        unpaid -= used;
        uses.push_back({r->id, r->provider_id, used, r->amount - used, r->municipality});
    }
    return uses;
}

void settleProvider(PaymentRun& run, const RunProvider& provider,
                    const std::vector<const DuePayable*>& payables,
                    const std::vector<const OpenReceivable*>& receivables) {
    Money total;
    for (const DuePayable* p : payables) total += p->amount;
    const std::vector<ReceivableUse> uses = offsetsFor(receivables, total);
    Money offset_total;
    for (const ReceivableUse& use : uses) offset_total += use.used;
    const Money amount = total - offset_total;
    if (amount > kMaxTransferAmount) {
        leaveOut(run, payables, LeftOutReason::AboveTransferLimit,
                 "The transfer of " + amount.toString() + " is above the SEPA limit of " +
                     kMaxTransferAmount.toString() + ".");
        return;
    }
    run.offsets.insert(run.offsets.end(), uses.begin(), uses.end());
    for (const DuePayable* p : payables) run.settled_payable_ids.push_back(p->id);
    if (amount == Money()) {
        leaveOut(run, payables, LeftOutReason::FullyOffset,
                 "Payables of " + total.toString() +
                     " are fully offset against open receivables; nothing to pay.");
        return;
    }
    Transfer t{provider.id,
               provider.name,
               provider.iban.str(),
               amount,
               total,
               offset_total,
               {},
               endToEndId(run.run_id, provider.id, payables.front()->municipality),
               remittance(run.run_id, payables, offset_total),
               payables.front()->municipality};
    for (const DuePayable* p : payables) t.payable_ids.push_back(p->id);
    run.control_sum += amount;
    run.transfers.push_back(std::move(t));
}

void composeProvider(PaymentRun& run, const RunProvider& provider, const ProviderItems& items) {
    if (provider.blocked) {
        const std::string blocked = "Provider " + std::to_string(provider.id) + " is blocked";
        leaveOut(run, items.payables, LeftOutReason::ProviderBlocked,
                 provider.blocked_reason.empty() ? blocked + "."
                                                 : blocked + ": " + provider.blocked_reason);
        return;
    }
    std::vector<const DuePayable*> payable;
    for (const DuePayable* p : items.payables) {
        if (p->disputed) {
            leaveOut(run, {p}, LeftOutReason::Disputed,
                     "Payable " + std::to_string(p->id) + " is disputed.");
        } else {
            payable.push_back(p);
        }
    }
    if (!payable.empty()) settleProvider(run, provider, payable, items.receivables);
}

}  // namespace

std::string leftOutReasonName(LeftOutReason reason) {
    switch (reason) {
        case LeftOutReason::ProviderBlocked:
            return "provider_blocked";
        case LeftOutReason::Disputed:
            return "disputed";
        case LeftOutReason::FullyOffset:
            return "fully_offset";
        case LeftOutReason::AboveTransferLimit:
            return "above_transfer_limit";
    }
    assertionFailed("unknown left-out reason", __FILE__, __LINE__);
}

PaymentRun composePaymentRun(const PaymentRunInput& input) {
    const auto providers = validate(input);
    PaymentRun run;
    run.run_id = input.run_id;
    for (const auto& [key, items] : collect(input, providers)) {
        composeProvider(run, *providers.at(key.first), items);
    }
    // Disputed payables are left out as they are met, so the list is ordered per provider
    // already; the settled ids come from several providers and are sorted once.
    std::sort(run.settled_payable_ids.begin(), run.settled_payable_ids.end());
    run.count = run.transfers.size();
    return run;
}

}  // namespace zc::invoicing
