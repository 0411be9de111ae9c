#include "access_decisions.hpp"

#include "clients.hpp"
#include "contracting/domain/unit_frequency.hpp"
#include "contracting/kernel/errors.hpp"
#include "contracting/kernel/staff_scope.hpp"
#include "contracting/kernel/unit.hpp"
#include "contracting/store/care_queries.hpp"
#include "contracting/store/client_store.hpp"
#include "interfaces/mysql/connection.hpp"
#include "interfaces/security/audit_trail.hpp"

namespace zc::contracting {
namespace {

// Product known, decided per client, in the product's own unit.
void checkGrantProduct(db::Connection& db, const GrantInput& g) {
    const auto p = productUnitKind(db, g.product_code);
    if (!p) {
        throw ValidationError("UNKNOWN_PRODUCT", "Product " + g.product_code + " is not known.",
                              "product_code");
    }
    if (p->kind == "general_provision") {
        throw ValidationError(
            "GENERAL_PROVISION",
            "Product " + g.product_code + " is a general provision; it needs no access decision.",
            "product_code");
    }
    if (p->unit != unitName(g.cap.unit)) {
        throw ValidationError("UNIT_MISMATCH",
                              "Product " + g.product_code + " is granted in " + p->unit + ".",
                              "unit");
    }
}

// A PGB may not cost more than the same care in kind at the contracted tariff, and may not
// overlap an allocation in kind of the same product.
void checkPgbGrant(db::Connection& db, std::int64_t client_id,
                   const std::string& paying_municipality, const GrantInput& g,
                   const Period& validity) {
    if (!validity.end && g.cap.frequency != Frequency::TotalInValidity) {
        throw ValidationError("END_DATE_REQUIRED",
                              "A PGB grant per day, week or month needs a decision with an end "
                              "date (valid_to) to compare its cost with care in kind.",
                              "valid_to");
    }
    const auto tariff = highestContractedTariff(db, paying_municipality, g.product_code,
                                                unitName(g.cap.unit), validity.begin);
    if (!tariff) {
        throw ValidationError("NO_TARIFF_TO_COMPARE",
                              "No active contract has a tariff for product " + g.product_code +
                                  " on " + formatDate(validity.begin) + " to compare the PGB with.",
                              "products");
    }
    checkPgbCost(*g.pgb_budget, zinCost(g.cap, validity, *tariff));
    checkPgbDoesNotOverlapAllocations(validity,
                                      currentAllocationPeriods(db, client_id, g.product_code));
}

DecisionRecord decisionRecord(db::Connection& db, const DecisionRow& r) {
    DecisionRecord d{r.id, r.client_id, r.number, r.decision_date, r.valid_from, r.valid_to, {}};
    for (const auto& g : grantsOfDecision(db, r.id)) {
        d.products.push_back({g.id, g.product_code, g.volume, g.unit, g.frequency,
                              iwmoFrequencyCode(parseFrequency(g.frequency)), g.financing,
                              g.pgb_budget_cents, g.paying_municipality});
    }
    return d;
}

// The audit row's after: what the API answers.
std::string auditAfter(const DecisionRecord& d) {
    std::vector<security::AuditRecord> products;
    for (const auto& g : d.products) {
        products.push_back(security::AuditRecord()
                               .set("id", g.id)
                               .set("product_code", g.product_code)
                               .set("volume", g.volume)
                               .set("unit", g.unit)
                               .set("frequency", g.frequency)
                               .set("iwmo_frequency", g.iwmo_frequency)
                               .set("financing", g.financing)
                               .set("pgb_budget_cents", g.pgb_budget_cents)
                               .set("paying_municipality_code", g.paying_municipality_code));
    }
    return security::AuditRecord()
        .set("id", d.id)
        .set("client_id", d.client_id)
        .set("number", d.number)
        .set("decision_date", d.decision_date)
        .set("valid_from", d.valid_from)
        .set("valid_to", d.valid_to)
        .set("products", std::move(products))
        .json();
}

// Each grant is care of the user's own clients and municipalities, or placed care of a central
// municipality the user serves regionally (OUT_OF_SCOPE).
void checkGrantInScope(app::RequestContext& ctx, std::int64_t client_id, app::CareScope care,
                       const std::string& product_code) {
    if (!ctx.actor.scoped()) return;
    care.placed = placedWith(ctx.db, care.paying_municipality, product_code);
    if (!app::mayChangeCare(ctx.actor, care)) {
        throw app::OutOfScope("client", std::to_string(client_id),
                              "Product " + product_code + " for client " +
                                  std::to_string(client_id) + ", paid by municipality " +
                                  care.paying_municipality + ",");
    }
}

}  // namespace

DecisionRecord createDecision(app::RequestContext& ctx, const NewDecision& d) {
    db::Transaction tx(ctx.db);
    requireClient(ctx.db, d.client_id, true);
    if (decisionNumberExists(ctx.db, d.number)) {
        throw ValidationError("DUPLICATE_DECISION",
                              "Decision number " + std::to_string(d.number) + " exists already.",
                              "number");
    }
    const auto client_municipality = clientMunicipality(ctx.db, d.client_id);
    if (d.grants.empty()) requireClientInScope(ctx, d.client_id, false);
    std::vector<std::string> paying;  // per grant
    for (const auto& g : d.grants) {
        checkGrantProduct(ctx.db, g);
        paying.push_back(payingMunicipalityOf(ctx.db, client_municipality, g.product_code));
        checkGrantInScope(ctx, d.client_id, {client_municipality, paying.back(), false},
                          g.product_code);
        // CS338/CS343 and etmalen within calendar days, over the decision's validity.
        checkUnitAndFrequency(g.cap, d.validity);
        if (g.financing == Financing::Pgb) {
            checkPgbGrant(ctx.db, d.client_id, paying.back(), g, d.validity);
        }
    }
    const std::optional<std::string> valid_to =
        d.validity.end ? std::optional<std::string>(formatDate(*d.validity.end)) : std::nullopt;
    const auto id = insertDecision(ctx.db,
                                   {0, d.client_id, d.number, formatDate(d.decision_date),
                                    formatDate(d.validity.begin), valid_to},
                                   ctx.actor.name, app::timestamp(ctx.clock));
    for (std::size_t i = 0; i < d.grants.size(); ++i) {
        const auto& g = d.grants[i];
        insertGrant(
            ctx.db, id,
            {0, g.product_code, g.cap.volume, unitName(g.cap.unit), frequencyName(g.cap.frequency),
             financingName(g.financing),
             g.pgb_budget ? std::optional<std::int64_t>(g.pgb_budget->cents()) : std::nullopt,
             paying[i]});
    }
    auto out = decisionRecord(ctx.db, *findDecision(ctx.db, id));
    security::appendAudit(ctx, {"decision.create", "decision", std::to_string(id), "ok",
                                std::nullopt, auditAfter(out)});
    tx.commit();
    return out;
}

app::ListPage<DecisionRecord> listDecisions(app::RequestContext& ctx, std::int64_t client_id,
                                            std::int64_t limit, std::int64_t offset) {
    db::Transaction tx(ctx.db);
    requireClientInScope(ctx, client_id, false);
    const auto rows = decisionsOfClient(ctx.db, client_id, limit, offset);
    app::ListPage<DecisionRecord> out;
    out.total = rows.total;
    for (const auto& r : rows.items) out.items.push_back(decisionRecord(ctx.db, r));
    auditClientReads(ctx, {client_id}, "decisions");
    tx.commit();
    return out;
}

}  // namespace zc::contracting
