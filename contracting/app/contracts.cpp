#include "contracts.hpp"

#include "contracting/kernel/errors.hpp"
#include "contracting/kernel/staff_scope.hpp"
#include "contracting/store/tariff_store.hpp"
#include "interfaces/mysql/connection.hpp"
#include "interfaces/security/audit_trail.hpp"

namespace zc::contracting {
namespace {

[[noreturn]] void contractNotFound(std::int64_t id) {
    throw ValidationError("NOT_FOUND", "Contract " + std::to_string(id) + " does not exist.", "id");
}

// A provider sees only its own contracts and its coalitions'; staff see every contract (0).
std::int64_t providerFilter(const app::RequestContext& ctx) {
    return ctx.actor.role == app::Role::Provider ? ctx.actor.provider_id : 0;
}

ContractHead lockHead(ContractStore& store, std::int64_t id) {
    auto head = store.lockContract(id);
    if (!head) contractNotFound(id);
    return *head;
}

bool isClosed(ContractStatus s) {
    return s == ContractStatus::Terminated || s == ContractStatus::Expired;
}

std::string textField(const char* key, const std::string& value) {
    return std::string("{\"") + key + "\":\"" + value + "\"}";
}

}  // namespace

ContractDetails getContract(app::RequestContext& ctx, std::int64_t id) {
    auto summary = findVisibleContract(ctx.db, id, providerFilter(ctx));
    if (!summary) contractNotFound(id);
    // A staff user reads the contracts that serve a municipality they work for.
    if (const auto own = app::ownMunicipalities(ctx.actor);
        own && !contractServesAny(ctx.db, id, *own)) {
        throw app::OutOfScope("contract", std::to_string(id), "Contract " + std::to_string(id));
    }
    ContractDetails d;
    d.summary = std::move(*summary);
    d.summary.products = contractProducts(ctx.db, id);
    d.tariffs = storedTariffs(ctx.db, TariffOwner::Contract, id);
    d.status_history = statusHistory(ctx.db, id);
    if (d.summary.kind == "budget") d.budget = budgetDetails(ctx.db, id);
    return d;
}

app::ListPage<ContractSummary> listContracts(app::RequestContext& ctx, const ContractFilter& f) {
    ContractListFilter filter;
    filter.status = f.status;
    filter.kind = f.kind;
    filter.agb = f.agb;
    filter.provider_id = providerFilter(ctx);
    filter.scope = app::ownMunicipalities(ctx.actor);
    filter.list = f.list;
    return contractPage(ctx.db, filter);
}

app::ListPage<Advance> listAdvances(app::RequestContext& ctx, std::int64_t id, std::int64_t limit,
                                    std::int64_t offset) {
    getContract(ctx, id);  // NOT_FOUND when unknown or not visible
    return contractAdvances(ctx.db, id, limit, offset);
}

void requireContractOwner(app::RequestContext& ctx, std::int64_t id) {
    if (!ctx.actor.scoped()) return;
    if (const auto owner = contractOwner(ctx.db, id)) {
        app::requireWorksFor(ctx.actor, *owner, "contract", std::to_string(id),
                             "Contract " + std::to_string(id));
    }
}

std::string changeStatus(ContractStore& store, const StatusChangeRequest& change, Date today) {
    if ((change.to == ContractStatus::Suspended || change.to == ContractStatus::Terminated) &&
        change.reason.empty()) {
        throw ValidationError("REASON_REQUIRED",
                              "Suspending or terminating a contract needs a reason.", "reason");
    }
    const auto head = lockHead(store, change.contract_id);
    checkTransition(head.status, change.to);
    if (change.to == ContractStatus::Expired && today < *head.term.end) {
        throw ValidationError("TERM_NOT_ENDED",
                              "A contract expires only after its term has ended (" +
                                  formatDate(*head.term.end) + ").",
                              "status");
    }
    const std::string from = contractStatusName(head.status);
    store.setStatus(change.contract_id, change.to_text);
    store.recordStatus(change.contract_id, from, change.to_text, change.reason, change.actor,
                       change.at);
    return from;
}

ContractDetails changeContractStatus(app::RequestContext& ctx, StatusChangeRequest change) {
    MariaDbContracts store(ctx.db);
    db::Transaction tx(ctx.db);
    requireContractOwner(ctx, change.contract_id);
    change.actor = ctx.actor.name;
    change.at = app::timestamp(ctx.clock);
    const auto from = changeStatus(store, change, ctx.today());
    security::appendAudit(ctx,
                          {"contract.status", "contract", std::to_string(change.contract_id), "ok",
                           textField("status", from), textField("status", change.to_text)});
    tx.commit();
    return getContract(ctx, change.contract_id);
}

TermExtension extendTerm(ContractStore& store, std::int64_t id) {
    const auto head = lockHead(store, id);
    if (head.status != ContractStatus::Active && head.status != ContractStatus::Suspended) {
        throw ValidationError("CONTRACT_CLOSED",
                              "Only an active or suspended contract can be extended.", "");
    }
    const auto terms = store.extensionTerms(id);
    if (terms.used >= terms.options || terms.months <= 0) {
        throw ValidationError("NO_EXTENSION_LEFT", "This contract has no extension option left.",
                              "");
    }
    const TermExtension ext{*head.term.end,
                            addMonths(*head.term.end, static_cast<int>(terms.months))};
    store.extendTerm(id, ext.new_end);
    return ext;
}

ContractDetails extendContract(app::RequestContext& ctx, std::int64_t id) {
    MariaDbContracts store(ctx.db);
    db::Transaction tx(ctx.db);
    requireContractOwner(ctx, id);
    const auto ext = extendTerm(store, id);
    security::appendAudit(ctx, {"contract.extend", "contract", std::to_string(id), "ok",
                                textField("term_end", formatDate(ext.old_end)),
                                textField("term_end", formatDate(ext.new_end))});
    tx.commit();
    return getContract(ctx, id);
}

int indexContractTariffs(db::Connection& db, std::int64_t contract_id, Percentage pct, Date from) {
    int n = 0;
    for (const auto& product : contractProducts(db, contract_id)) {
        auto schedule = loadTariffSchedule(db, TariffOwner::Contract, contract_id, product);
        auto next = schedule.indexation(pct, from);
        if (!next) continue;
        const auto& added = schedule.add(*next);
        insertTariff(db, TariffOwner::Contract, contract_id, product, added,
                     "indexation " + pct.toString() + "%");
        ++n;
    }
    return n;
}

ContractIndexation indexContract(app::RequestContext& ctx, std::int64_t id, Percentage pct,
                                 Date from) {
    MariaDbContracts store(ctx.db);
    db::Transaction tx(ctx.db);
    requireContractOwner(ctx, id);
    if (isClosed(lockHead(store, id).status)) {
        throw ValidationError("CONTRACT_CLOSED",
                              "Tariffs of a terminated or expired contract do not change.", "");
    }
    ContractIndexation out{id, pct, from, indexContractTariffs(ctx.db, id, pct, from), {}};
    if (out.new_versions == 0) {
        throw ValidationError("NO_TARIFF_TO_INDEX",
                              "No tariff is in force on " + formatDate(from) + " to index.",
                              "from");
    }
    out.tariffs = storedTariffs(ctx.db, TariffOwner::Contract, id);
    security::appendAudit(
        ctx, {"contract.indexation", "contract", std::to_string(id), "ok", std::nullopt,
              "{\"percentage\":\"" + pct.toString() + "\",\"from\":\"" + formatDate(from) + "\"}"});
    tx.commit();
    return out;
}

app::ListPage<EligibleProvider> findEligibleProviders(app::RequestContext& ctx,
                                                      const EligibleQuery& q) {
    return eligibleProviders(ctx.db, q);
}

TariffInForce tariffInForce(app::RequestContext& ctx, const std::string& agb,
                            const std::string& product, Date date,
                            const std::string& municipality) {
    const auto contracts = contractsForProduct(ctx.db, agb, product, date, municipality);
    if (contracts.empty()) {
        throw ValidationError("NO_CONTRACT",
                              "Provider " + agb + " has no contract for product " + product +
                                  " on " + formatDate(date) + ".",
                              "product");
    }
    if (contracts.size() > 1) {
        throw ValidationError("AMBIGUOUS_CONTRACT",
                              "Provider " + agb +
                                  " has contracts with several municipalities for this "
                                  "product; pass municipality.",
                              "municipality");
    }
    const auto contract_id = contracts[0].id;
    const auto v = loadTariffSchedule(ctx.db, TariffOwner::Contract, contract_id, product).at(date);
    if (!v) {
        throw ValidationError("NO_TARIFF",
                              "Contract " + std::to_string(contract_id) +
                                  " has no tariff for product " + product + " on " +
                                  formatDate(date) + ".",
                              "date");
    }
    return {product, *v, contract_id, contracts[0].municipality_code};
}

}  // namespace zc::contracting
