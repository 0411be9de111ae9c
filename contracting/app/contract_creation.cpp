#include "contract_creation.hpp"

#include <algorithm>

#include "contracting/kernel/errors.hpp"
#include "contracting/kernel/settlement_rule.hpp"
#include "contracting/kernel/staff_scope.hpp"
#include "contracting/kernel/unit.hpp"
#include "contracting/store/reference_store.hpp"
#include "contracting/store/tariff_store.hpp"
#include "interfaces/mysql/connection.hpp"
#include "interfaces/security/audit_trail.hpp"

namespace zc::contracting {
namespace {

using security::AuditRecord;

AuditRecord tariffRecord(const std::string& product, const TariffVersion& v) {
    return AuditRecord()
        .set("product_code", product)
        .set("unit", unitName(v.unit))
        .set("tariff_cents", v.tariff.cents())
        .set("tariff", v.tariff.toString())
        .set("valid_from", formatDate(v.valid_from))
        .set("valid_to", v.valid_to ? std::optional(formatDate(*v.valid_to)) : std::nullopt);
}

// The performance agreements: a target above zero, a percentage at most 100.00 % (INVALID_TARGET),
// a percentage never summed over quarters (INVALID_AGGREGATION).
void addAgreements(db::Connection& db, std::int64_t id, BudgetContractRequest& rest) {
    const auto n = rest.agreementCount();
    for (std::size_t i = 0; i < n; ++i) {
        const auto a = rest.agreement(i);
        const std::string field = "performance_agreements[" + std::to_string(i) + "]";
        const bool percentage = a.kind == IndicatorKind::Percentage;
        if (a.target <= 0 || (percentage && a.target > kMaxPercentageHundredths)) {
            throw ValidationError("INVALID_TARGET",
                                  percentage ? "A percentage's target is given in hundredths, "
                                               "1..10000 (8000 = 80.00 %)."
                                             : "A performance indicator's target must be above "
                                               "zero.",
                                  field + ".target");
        }
        requireAggregationFits(a.kind, a.aggregation, field + ".aggregation");
        insertPerformanceAgreement(db, id,
                                   {0, a.indicator, a.target, a.unit, indicatorKindName(a.kind),
                                    yearAggregationName(a.aggregation)});
    }
}

void addBudgetRecord(const BudgetDetails& d, AuditRecord& r) {
    std::vector<AuditRecord> coalition, budgets, agreements;
    for (const auto& m : d.coalition) {
        coalition.push_back(AuditRecord()
                                .set("provider_id", m.provider_id)
                                .set("agb", m.agb)
                                .set("name", m.name)
                                .set("role", m.role));
    }
    for (const auto& b : d.budgets) {
        budgets.push_back(AuditRecord().set("year", b.year).set("budget_cents", b.budget_cents));
    }
    for (const auto& a : d.performance_agreements) {
        agreements.push_back(AuditRecord()
                                 .set("id", a.id)
                                 .set("indicator", a.indicator)
                                 .set("target", a.target)
                                 .set("unit", a.unit)
                                 .set("kind", a.kind)
                                 .set("aggregation", a.aggregation));
    }
    r.set("coalition", std::move(coalition))
        .set("budgets", std::move(budgets))
        .set("performance_agreements", std::move(agreements))
        .set("settlement_rule", d.settlement_rule);
}

// The audit row's after of a new contract: what the API answers.
std::string contractAudit(const ContractDetails& d) {
    const auto& c = d.summary;
    std::vector<AuditRecord> tariffs, history;
    for (const auto& t : d.tariffs) {
        tariffs.push_back(tariffRecord(t.product_code, t.version).set("reason", t.reason));
    }
    for (const auto& h : d.status_history) {
        history.push_back(AuditRecord()
                              .set("from", h.from)
                              .set("to", h.to)
                              .set("reason", h.reason)
                              .set("by", h.by)
                              .set("at", h.at));
    }
    AuditRecord r;
    r.set("id", c.id)
        .set("kind", c.kind)
        .set("provider_id", c.provider_id)
        .set("provider_agb", c.provider_agb)
        .set("provider_name", c.provider_name)
        .set("municipality_code", c.municipality_code)
        .set("procedure_id", c.procedure_id)
        .set("lot_id", c.lot_id)
        .set("status", c.status)
        .set("term_start", c.term_start)
        .set("term_end", c.term_end)
        .set("extension_options", c.extension_options)
        .set("extension_months", c.extension_months)
        .set("spending_ceiling_cents", c.spending_ceiling_cents)
        .set("application_id", c.application_id)
        .set("extensions_used", c.extensions_used)
        .set("products", c.products)
        .set("tariffs", std::move(tariffs))
        .set("status_history", std::move(history));
    if (d.budget) addBudgetRecord(*d.budget, r);
    return r.json();
}

// The contract as the API answers it, audited as created.
ContractDetails auditCreated(app::RequestContext& ctx, std::int64_t id) {
    auto out = getContract(ctx, id);
    security::appendAudit(ctx, {"contract.create", "contract", std::to_string(id), "ok",
                                std::nullopt, contractAudit(out)});
    return out;
}

// Inserts the contract with its products and the history's first row ("created").
std::int64_t insertCreated(app::RequestContext& ctx, const NewContract& c) {
    const auto id = insertContract(ctx.db, c);
    MariaDbContracts(ctx.db).recordStatus(id, std::nullopt, c.status, "created", ctx.actor.name,
                                          app::timestamp(ctx.clock));
    return id;
}

// The parties of a new contract exist, in this order; the municipality is one the actor works for
// (OUT_OF_SCOPE).
void checkParties(app::RequestContext& ctx, const NewContract& c,
                  const std::string& provider_field) {
    auto& db = ctx.db;
    if (!providerExists(db, c.provider_id)) {
        throw ValidationError("UNKNOWN_PROVIDER",
                              "Provider " + std::to_string(c.provider_id) + " is not known.",
                              provider_field);
    }
    if (!municipalityExists(db, c.municipality_code)) {
        throw ValidationError("UNKNOWN_MUNICIPALITY",
                              "Municipality " + c.municipality_code + " is not known.",
                              "municipality_code");
    }
    app::requireWorksFor(ctx.actor, c.municipality_code, "municipality", c.municipality_code,
                         "Municipality " + c.municipality_code);
    if (c.procedure_id && !procedureExists(db, *c.procedure_id)) {
        throw ValidationError("UNKNOWN_PROCEDURE",
                              "Procedure " + std::to_string(*c.procedure_id) + " is not known.",
                              "procedure_id");
    }
    for (const auto& p : c.products) {
        if (!productExists(db, p)) {
            throw ValidationError("UNKNOWN_PRODUCT", "Product " + p + " is not in the catalogue.",
                                  "products");
        }
    }
}

ContractTariff addTariffVersion(db::Connection& db, std::int64_t contract_id,
                                const std::vector<std::string>& products, TariffRequest& in) {
    const auto product = in.product();
    if (std::find(products.begin(), products.end(), product) == products.end()) {
        throw ValidationError("PRODUCT_NOT_IN_CONTRACT",
                              "Product " + product + " is not part of this contract.",
                              "product_code");
    }
    const auto v = in.version(catalogueUnit(db, product).value_or("hours"));
    auto schedule = loadTariffSchedule(db, TariffOwner::Contract, contract_id, product);
    const ContractTariff added{product, schedule.add(v)};
    insertTariff(db, TariffOwner::Contract, contract_id, product, added.version, in.reason());
    return added;
}

void addBudgets(db::Connection& db, std::int64_t id, const Period& term,
                BudgetContractRequest& rest) {
    std::set<std::int64_t> years;
    const auto n = rest.budgetCount();
    for (std::size_t i = 0; i < n; ++i) {
        const auto b = rest.budget(i);
        const auto advances = budgetAdvances(b, term, years);
        insertBudgetYear(db, id, b.year, b.budget.cents(), advances);
    }
}

}  // namespace

ContractStatus initialStatus(const std::string& status) {
    const auto s = parseContractStatus(status, "status");
    if (s != ContractStatus::Draft && s != ContractStatus::Active) {
        throw ValidationError("ILLEGAL_STATUS_CHANGE", "A new contract starts as draft or active.",
                              "status");
    }
    return s;
}

std::vector<std::int64_t> coalitionMembers(std::int64_t lead,
                                           const std::vector<std::int64_t>& members) {
    std::set<std::int64_t> unique(members.begin(), members.end());
    unique.erase(lead);
    return {unique.begin(), unique.end()};
}

std::vector<::zc::Advance> budgetAdvances(const YearBudget& b, const Period& term,
                                          std::set<std::int64_t>& years) {
    if (b.budget.cents() < 0 || !years.insert(b.year).second) {
        throw ValidationError("INVALID_BUDGET", "Each year needs one budget of zero or more cents.",
                              "budgets");
    }
    auto advances = monthlyAdvances(b.budget, static_cast<int>(b.year), term);
    if (advances.empty()) {
        throw ValidationError(
            "BUDGET_OUTSIDE_TERM",
            "Budget year " + std::to_string(b.year) + " lies outside the contract term.",
            "budgets");
    }
    return advances;
}

ContractDetails createContract(app::RequestContext& ctx, NewContract c, ContractRequest& rest) {
    db::Transaction tx(ctx.db);
    checkParties(ctx, c, "provider_id");
    c.kind = "framework";
    c.status = rest.status();
    initialStatus(c.status);
    const auto id = insertCreated(ctx, c);
    const auto n = rest.tariffCount();
    for (std::size_t i = 0; i < n; ++i) addTariffVersion(ctx.db, id, c.products, *rest.tariff(i));
    auto out = auditCreated(ctx, id);
    tx.commit();
    return out;
}

ContractDetails createBudgetContract(app::RequestContext& ctx, NewContract c,
                                     BudgetContractRequest& rest) {
    db::Transaction tx(ctx.db);
    checkParties(ctx, c, "lead_provider_id");
    c.kind = "budget";
    c.status = "active";
    const auto members = coalitionMembers(c.provider_id, rest.members());
    for (auto m : members) {
        if (!providerExists(ctx.db, m)) {
            throw ValidationError("UNKNOWN_PROVIDER",
                                  "Provider " + std::to_string(m) + " is not known.",
                                  "member_provider_ids");
        }
    }
    const auto id = insertCreated(ctx, c);
    if (auto rule = rest.settlementRule()) {
        parseSettlementRule(*rule);
        setSettlementRule(ctx.db, id, *rule);
    }
    insertCoalition(ctx.db, id, c.provider_id, members);
    addBudgets(ctx.db, id, c.term, rest);
    addAgreements(ctx.db, id, rest);
    auto out = auditCreated(ctx, id);
    tx.commit();
    return out;
}

ContractTariff addContractTariff(app::RequestContext& ctx, std::int64_t contract_id,
                                 TariffRequest& tariff) {
    MariaDbContracts store(ctx.db);
    db::Transaction tx(ctx.db);
    requireContractOwner(ctx, contract_id);
    const auto head = store.lockContract(contract_id);
    if (!head) {
        throw ValidationError("NOT_FOUND",
                              "Contract " + std::to_string(contract_id) + " does not exist.", "id");
    }
    if (head->status == ContractStatus::Terminated || head->status == ContractStatus::Expired) {
        throw ValidationError("CONTRACT_CLOSED",
                              "Tariffs of a terminated or expired contract do not change.", "");
    }
    const auto added =
        addTariffVersion(ctx.db, contract_id, contractProducts(ctx.db, contract_id), tariff);
    security::appendAudit(
        ctx, {"contract.add_tariff", "contract", std::to_string(contract_id), "ok", std::nullopt,
              tariffRecord(added.product_code, added.version).json()});
    tx.commit();
    return added;
}

std::int64_t createFrameworkContractFromProcedure(app::RequestContext& ctx,
                                                  std::int64_t provider_id,
                                                  std::int64_t procedure_id, std::int64_t lot_id,
                                                  std::int64_t application_id,
                                                  const std::vector<std::string>& products,
                                                  const Period& term) {
    NewContract c;
    c.kind = "framework";
    c.provider_id = provider_id;
    c.municipality_code = procedureMunicipality(ctx.db, procedure_id);
    c.procedure_id = procedure_id;
    c.lot_id = lot_id;
    c.application_id = application_id;
    c.status = "active";
    c.term = term;
    c.products = products;
    const auto id = insertCreated(ctx, c);
    for (const auto& product : products) {
        const auto published =
            loadTariffSchedule(ctx.db, TariffOwner::Procedure, procedure_id, product);
        TariffSchedule schedule;
        // The version in force when the contract starts, then every later one inside the term.
        if (auto first = published.at(term.begin)) {
            first->valid_from = term.begin;
            insertTariff(ctx.db, TariffOwner::Contract, id, product, schedule.add(*first),
                         "from procedure");
        }
        for (const auto& v : published.versions()) {
            if (term.begin < v.valid_from && v.valid_from < *term.end) {
                insertTariff(ctx.db, TariffOwner::Contract, id, product, schedule.add(v),
                             "from procedure");
            }
        }
    }
    auditCreated(ctx, id);
    return id;
}

}  // namespace zc::contracting
