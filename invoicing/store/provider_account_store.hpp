#pragma once
// What the bank-account use cases (invoicing/app/provider_accounts.hpp) need of the database: a
// provider's bank accounts over time (provider_bank_accounts, migration 0039). The store is the
// interface they call; MariaDbProviderAccounts implements it in the caller's transaction, a
// fake in memory in the unit tests.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "contracting/kernel/civil_date.hpp"
#include "contracting/kernel/request_context.hpp"

namespace zc::invoicing {

// One entry of a provider's account history (rekening met ingangsdatum).
struct ProviderAccountRow {
    std::int64_t id = 0;  // 0: the registration account (providers.iban), not yet in the history
    std::int64_t provider_id = 0;
    std::string iban;         // normalised
    std::string holder_name;  // the account holder (tenaamstelling), the transfer's creditor name
    Date valid_from;
    std::string status;  // "proposed", "approved" or "rejected"
    std::string proposed_by;
    std::string proposed_at;  // timestamp (DATETIME(6) text)
    std::optional<std::string> decided_by, decided_at, decision_reason;
};

// What a proposal records.
struct NewProviderAccount {
    std::int64_t provider_id = 0;
    std::string iban, holder_name;
    Date valid_from;
    std::string proposed_by;
};

// The provider as the proposal needs it.
struct ProviderForAccount {
    std::string name;
    std::string registered_iban;  // providers.iban
    Date recorded_on;             // providers.created_at
};

class ProviderAccountStore {
  public:
    virtual ~ProviderAccountStore() = default;
    // The provider, locked until the transaction ends (so that proposals and decisions of one
    // provider follow each other); nothing when there is no such provider.
    virtual std::optional<ProviderForAccount> lockProvider(std::int64_t provider_id) = 0;
    // The provider's proposal awaiting a decision, if any.
    virtual std::optional<std::int64_t> pendingProposal(std::int64_t provider_id) = 0;
    // Records the proposal (status proposed, now) and returns its id.
    virtual std::int64_t insertProposal(const NewProviderAccount& a) = 0;
    // Records the registration account as the first approved entry when the provider has none
    // (a provider registered after migration 0039), so that the history is complete.
    virtual void ensureRegistrationEntry(std::int64_t provider_id, const ProviderForAccount& p) = 0;
    // The entry; locked when `lock`; nothing when there is none.
    virtual std::optional<ProviderAccountRow> find(std::int64_t id, bool lock) = 0;
    // The proposal is approved or rejected by `by` now, with the reason (may be empty).
    virtual void recordDecision(std::int64_t id, bool approve, const std::string& by,
                                const std::string& reason) = 0;
    // The provider's entries, newest valid_from first (then newest proposal first).
    virtual std::vector<ProviderAccountRow> history(std::int64_t provider_id) = 0;
};

class MariaDbProviderAccounts final : public ProviderAccountStore {
  public:
    explicit MariaDbProviderAccounts(app::RequestContext& ctx) : ctx_(ctx) {}

    std::optional<ProviderForAccount> lockProvider(std::int64_t provider_id) override;
    std::optional<std::int64_t> pendingProposal(std::int64_t provider_id) override;
    std::int64_t insertProposal(const NewProviderAccount& a) override;
    void ensureRegistrationEntry(std::int64_t provider_id, const ProviderForAccount& p) override;
    std::optional<ProviderAccountRow> find(std::int64_t id, bool lock) override;
    void recordDecision(std::int64_t id, bool approve, const std::string& by,
                        const std::string& reason) override;
    std::vector<ProviderAccountRow> history(std::int64_t provider_id) override;

  private:
    app::RequestContext& ctx_;
};

// SQL of the creditor account a run pays provider `v.id` on the date `date_sql` (a column such
// as "i.execution_date", or "?"): the approved entry with the latest valid_from on or before it,
// else providers.iban and name. For use in a SELECT over `providers v`; `date_sql` is program
// text, never input.
std::string accountIbanOn(const char* date_sql);
std::string accountHolderOn(const char* date_sql);

}  // namespace zc::invoicing
