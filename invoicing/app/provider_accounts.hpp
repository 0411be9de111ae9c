#pragma once
// A provider's bank account (bankrekening) changes with four eyes (issue 15): a finance user
// proposes a new IBAN and account holder valid from a date; another finance user approves or
// rejects it. A payment run pays the account approved and valid on its execution date
// (invoicing/store/payment_run_store.cpp); a prepared run whose provider's account on that date
// changed since is stale (RUN_STALE) and is not approved. proposeProviderAccountIn /
// decideProviderAccountIn are the rules over a store (unit-tested in memory); the others are the
// use cases: one transaction each, audited.
#include <cstdint>
#include <string>
#include <vector>

#include "contracting/kernel/request_context.hpp"
#include "invoicing/store/provider_account_store.hpp"

namespace zc::invoicing {

// POST /providers/{id}/bank-accounts.
struct ProviderAccountProposal {
    std::int64_t provider_id = 0;
    std::string iban;         // as typed; checked with Iban::parse (INVALID_IBAN)
    std::string holder_name;  // not blank (MISSING_FIELD), at most 70 characters
    Date valid_from;          // today or later (VALID_FROM_PAST)
    std::string proposed_by;  // the finance user's name
    Date today;
};

// POST /provider-bank-accounts/{id}/approve and /reject.
struct ProviderAccountDecision {
    std::int64_t id = 0;
    bool approve = false;
    std::string reason;  // required to reject (REASON_REQUIRED)
    std::string decided_by;
    Date today;
};

// In this order: INVALID_IBAN, MISSING_FIELD (holder_name), VALID_FROM_PAST, NOT_FOUND (provider),
// BANK_ACCOUNT_PENDING (the provider has a proposal awaiting a decision). Records the
// registration account first when the provider has no history yet. Returns the proposal.
ProviderAccountRow proposeProviderAccountIn(ProviderAccountStore& store,
                                            const ProviderAccountProposal& p);
// In this order: REASON_REQUIRED (a rejection without reason), NOT_FOUND, BANK_ACCOUNT_DECIDED,
// FOUR_EYES (the proposer decides), VALID_FROM_PAST (approving an account whose start has
// passed: propose it again from today). Returns the decided entry.
ProviderAccountRow decideProviderAccountIn(ProviderAccountStore& store,
                                           const ProviderAccountDecision& d);

// The use cases, audited "provider_bank_account.propose" / ".approve" / ".reject".
ProviderAccountRow proposeProviderAccount(app::RequestContext& ctx, ProviderAccountProposal p);
ProviderAccountRow decideProviderAccount(app::RequestContext& ctx, ProviderAccountDecision d);

// GET /providers/{id}/bank-accounts: the provider's history, newest start first (a provider
// sees only its own: NOT_FOUND otherwise); a provider without any entry yet shows its
// registration account (id 0). `current` is the entry a run executed today pays.
struct ProviderAccountHistory {
    std::vector<ProviderAccountRow> entries;
    std::int64_t current_index = -1;  // index into entries, -1 when none
};
ProviderAccountHistory providerAccountHistory(app::RequestContext& ctx, std::int64_t provider_id);

}  // namespace zc::invoicing
