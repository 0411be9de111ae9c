#pragma once
// Contract use cases (framework contracts: raamovereenkomsten; budget contracts: dagbesteding):
// reading contracts and their advances, status changes, extensions and indexation, and the
// queries later flows use (eligible providers, the tariff in force). Writes run in one
// transaction with their audit row. changeStatus and extendTerm are the rules over a store
// (unit-tested in memory). Creating contracts and adding a contract tariff:
// contracting/app/contract_creation.hpp.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "contracting/domain/tariff_schedule.hpp"
#include "contracting/kernel/list_query.hpp"
#include "contracting/kernel/request_context.hpp"
#include "contracting/kernel/rounding.hpp"
#include "contracting/store/contract_store.hpp"

namespace zc::contracting {

// A contract with its tariff versions, status history and, for a budget contract, its
// coalition, budgets and agreements.
struct ContractDetails {
    ContractSummary summary;
    std::vector<StoredTariff> tariffs;
    std::vector<StatusChange> status_history;
    std::optional<BudgetDetails> budget;  // budget contracts only
};

// NOT_FOUND when unknown, or when a provider is neither its holder nor a coalition member.
ContractDetails getContract(app::RequestContext& ctx, std::int64_t id);

struct ContractFilter {
    std::string status, kind, agb;  // "" for any
    app::ListQuery list;
};
// A page of the contracts the actor may see (a provider: its own and its coalitions'), by id
// unless sorted otherwise, and how many there are.
app::ListPage<ContractSummary> listContracts(app::RequestContext& ctx, const ContractFilter& f);
// A page of the advance schedule of a contract the actor may see (NOT_FOUND otherwise).
app::ListPage<Advance> listAdvances(app::RequestContext& ctx, std::int64_t id, std::int64_t limit,
                                    std::int64_t offset);

struct StatusChangeRequest {
    std::int64_t contract_id = 0;
    ContractStatus to = ContractStatus::Draft;
    std::string to_text;  // as asked, stored as is
    std::string reason;   // required to suspend or terminate
    std::string actor;    // filled in by changeContractStatus
    std::string at;       // timestamp of the change, likewise
};
// A contract is changed (status, term, tariffs) only by staff of the municipality that concluded
// it: a region member's staff read the central municipality's framework contract that serves
// them, but refused changing it with OUT_OF_SCOPE. Nothing for an unknown contract (the caller
// answers NOT_FOUND) or an unscoped actor.
void requireContractOwner(app::RequestContext& ctx, std::int64_t id);

// REASON_REQUIRED, NOT_FOUND, ILLEGAL_STATUS_CHANGE, TERM_NOT_ENDED (expiry before the term's
// end), in that order; records the change in the history. Returns the status before.
std::string changeStatus(ContractStore& store, const StatusChangeRequest& change, Date today);
// The rule above in its own transaction by the actor, now, audited ("contract.status"); the
// contract afterwards.
ContractDetails changeContractStatus(app::RequestContext& ctx, StatusChangeRequest change);

// An extension used: the term's end before and after.
struct TermExtension {
    Date old_end;
    Date new_end;
};
// Only an active or suspended contract (CONTRACT_CLOSED) with an option left
// (NO_EXTENSION_LEFT; NOT_FOUND when unknown): the term ends extension_months later.
TermExtension extendTerm(ContractStore& store, std::int64_t id);
// The rule above in its own transaction, audited ("contract.extend"); the contract afterwards.
ContractDetails extendContract(app::RequestContext& ctx, std::int64_t id);

// Indexes every product of a contract by `pct` from `from` (in the caller's transaction);
// returns the new versions' count.
int indexContractTariffs(db::Connection& db, std::int64_t contract_id, Percentage pct, Date from);

struct ContractIndexation {
    std::int64_t contract_id = 0;
    Percentage percentage = Percentage::fromMillionths(0);
    Date from;
    int new_versions = 0;
    std::vector<StoredTariff> tariffs;  // all versions afterwards
};
// NOT_FOUND, CONTRACT_CLOSED (terminated or expired), NO_TARIFF_TO_INDEX; audited
// ("contract.indexation").
ContractIndexation indexContract(app::RequestContext& ctx, std::int64_t id, Percentage pct,
                                 Date from);

// Providers with an active contract for the product on the date ("" municipality for any), a
// page of them and how many there are.
app::ListPage<EligibleProvider> findEligibleProviders(app::RequestContext& ctx,
                                                      const EligibleQuery& q);

// The tariff in force for a provider's product on a date, and the contract it comes from.
struct TariffInForce {
    std::string product;
    TariffVersion version;
    std::int64_t contract_id = 0;
    std::string municipality_code;
};
// NO_CONTRACT, AMBIGUOUS_CONTRACT (several municipalities: pass one), NO_TARIFF.
TariffInForce tariffInForce(app::RequestContext& ctx, const std::string& agb,
                            const std::string& product, Date date, const std::string& municipality);

}  // namespace zc::contracting
