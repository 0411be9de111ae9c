#include "procedures.hpp"

#include "contracting/app/contract_creation.hpp"
#include "contracting/app/contracts.hpp"
#include "contracting/kernel/codes.hpp"
#include "contracting/kernel/errors.hpp"
#include "contracting/kernel/staff_scope.hpp"
#include "contracting/kernel/unit.hpp"
#include "contracting/store/reference_store.hpp"
#include "contracting/store/tariff_store.hpp"
#include "interfaces/mysql/connection.hpp"
#include "interfaces/security/audit_trail.hpp"

namespace zc::contracting {
namespace {

[[noreturn]] void notFound(const std::string& what, const std::string& field) {
    throw ValidationError("NOT_FOUND", what + " does not exist.", field);
}

Procedure requireProcedure(ProcedureStore& store, std::int64_t id, bool lock) {
    auto p = store.procedure(id, lock);
    if (!p) notFound("Procedure " + std::to_string(id), "id");
    return *p;
}

Application requireApplication(db::Connection& db, std::int64_t id) {
    auto a = findApplication(db, id);
    if (!a) notFound("Application " + std::to_string(id), "id");
    return *a;
}

// A procedure is run by the staff of its municipality: another municipality's staff read it but
// are refused changing it (OUT_OF_SCOPE). Nothing when it does not exist (NOT_FOUND follows).
void requireOwnProcedure(app::RequestContext& ctx, std::int64_t id) {
    if (!ctx.actor.scoped()) return;
    if (const auto p = MariaDbProcedures(ctx.db).procedure(id, false)) {
        app::requireWorksFor(ctx.actor, p->municipality_code, "procedure", std::to_string(id),
                             "Procedure " + std::to_string(id));
    }
}

// The same for an application, through its procedure.
void requireOwnApplication(app::RequestContext& ctx, std::int64_t id) {
    if (!ctx.actor.scoped()) return;
    if (const auto a = findApplication(ctx.db, id)) requireOwnProcedure(ctx, a->procedure_id);
}

// The audit row's after: what the API answers.
std::string procedureAudit(const Procedure& p) {
    return security::AuditRecord()
        .set("id", p.id)
        .set("municipality_code", p.municipality_code)
        .set("kind", p.kind)
        .set("name", p.name)
        .set("term_start", formatDate(p.term_start))
        .set("term_end", formatDate(p.term_end))
        .set("applications_open", p.applications_open)
        .json();
}

void requireProduct(ProcedureStore& store, const std::string& code, const std::string& field) {
    if (!store.productExists(code)) {
        throw ValidationError("UNKNOWN_PRODUCT", "Product " + code + " is not in the catalogue.",
                              field);
    }
}

std::string tariffAudit(const AddedTariff& t) {
    const auto& v = t.version;
    return security::AuditRecord()
        .set("product_code", t.product_code)
        .set("unit", unitName(v.unit))
        .set("tariff_cents", v.tariff.cents())
        .set("tariff", v.tariff.toString())
        .set("valid_from", formatDate(v.valid_from))
        .set("valid_to", v.valid_to ? std::optional(formatDate(*v.valid_to)) : std::nullopt)
        .json();
}

// The audit row's after for an application: what the API answers.
std::string applicationAudit(const Application& a) {
    std::vector<security::AuditRecord> answers;
    for (const auto& an : a.answers) {
        answers.push_back(security::AuditRecord()
                              .set("requirement_id", an.requirement_id)
                              .set("answer", an.answer)
                              .set("assessment", an.assessment)
                              .set("remark", an.remark));
    }
    return security::AuditRecord()
        .set("id", a.id)
        .set("procedure_id", a.procedure_id)
        .set("provider_id", a.provider_id)
        .set("provider_agb", a.provider_agb)
        .set("provider_name", a.provider_name)
        .set("status", a.status)
        .set("submitted_at", a.submitted_at)
        .set("decided_at", a.decided_at)
        .set("decided_by", a.decided_by)
        .set("reason", a.reason)
        .set("lots", a.lots)
        .set("answers", std::move(answers))
        .set("contracts", a.contracts)
        .json();
}

std::string openFlag(bool open) {
    return std::string("{\"applications_open\":") + (open ? "true" : "false") + "}";
}

std::string assessmentAudit(std::int64_t requirement_id, const std::string& assessment) {
    return "{\"requirement_id\":" + std::to_string(requirement_id) + ",\"assessment\":\"" +
           assessment + "\"}";
}

}  // namespace

Procedure createProcedure(app::RequestContext& ctx, const Procedure& in) {
    db::Transaction tx(ctx.db);
    if (!municipalityExists(ctx.db, in.municipality_code)) {
        throw ValidationError("UNKNOWN_MUNICIPALITY",
                              "Municipality " + in.municipality_code + " is not known.",
                              "municipality_code");
    }
    app::requireWorksFor(ctx.actor, in.municipality_code, "municipality", in.municipality_code,
                         "Municipality " + in.municipality_code);
    const auto id = insertProcedure(ctx.db, in);
    MariaDbProcedures store(ctx.db);
    const auto stored = *store.procedure(id, false);
    security::appendAudit(ctx, {"procedure.create", "procedure", std::to_string(id), "ok",
                                std::nullopt, procedureAudit(stored)});
    tx.commit();
    return stored;
}

app::ListPage<Procedure> listProcedures(app::RequestContext& ctx, std::int64_t limit,
                                        std::int64_t offset) {
    return procedures(ctx.db, limit, offset);
}

ProcedureDetails getProcedure(app::RequestContext& ctx, std::int64_t id) {
    MariaDbProcedures store(ctx.db);
    ProcedureDetails d;
    d.procedure = requireProcedure(store, id, false);
    d.lots = procedureLots(ctx.db, id);
    d.requirements = procedureRequirements(ctx.db, id);
    d.tariffs = storedTariffs(ctx.db, TariffOwner::Procedure, id);
    return d;
}

bool changeApplicationsOpen(ProcedureStore& store, std::int64_t id, bool open) {
    const auto p = requireProcedure(store, id, true);
    if (open && p.kind != "open") {
        throw ValidationError(
            "NOT_OPEN_PROCEDURE",
            "Only an open procedure (bestuurlijke aanbesteding) takes applications.", "open");
    }
    store.setApplicationsOpen(id, open);
    return p.applications_open;
}

Procedure setApplicationsOpen(app::RequestContext& ctx, std::int64_t id, bool open) {
    MariaDbProcedures store(ctx.db);
    db::Transaction tx(ctx.db);
    requireOwnProcedure(ctx, id);
    const bool before = changeApplicationsOpen(store, id, open);
    security::appendAudit(ctx, {"procedure.applications_open", "procedure", std::to_string(id),
                                "ok", openFlag(before), openFlag(open)});
    tx.commit();
    return *store.procedure(id, false);
}

Lot createLot(ProcedureStore& store, const NewLot& in) {
    requireProcedure(store, in.procedure_id, true);
    for (const auto& p : in.products) {
        requireProduct(store, ProductCode::parse(p, "products").str(), "products");
    }
    Lot lot{0, in.name, in.products};
    lot.id = store.insertLot(in.procedure_id, lot);
    return lot;
}

Lot addLot(app::RequestContext& ctx, const NewLot& in) {
    MariaDbProcedures store(ctx.db);
    db::Transaction tx(ctx.db);
    requireOwnProcedure(ctx, in.procedure_id);
    const auto lot = createLot(store, in);
    security::appendAudit(
        ctx, {"procedure.add_lot", "procedure", std::to_string(in.procedure_id), "ok", std::nullopt,
              security::AuditRecord()
                  .set("id", lot.id)
                  .set("procedure_id", in.procedure_id)
                  .set("name", lot.name)
                  .set("products", lot.products)
                  .json()});
    tx.commit();
    return lot;
}

AddedTariff addProcedureTariff(app::RequestContext& ctx, std::int64_t procedure_id,
                               const std::string& product, const TariffReader& read) {
    MariaDbProcedures store(ctx.db);
    db::Transaction tx(ctx.db);
    requireOwnProcedure(ctx, procedure_id);
    requireProcedure(store, procedure_id, true);
    requireProduct(store, product, "product_code");
    const auto v = read(productUnit(ctx.db, product));
    auto schedule = loadTariffSchedule(ctx.db, TariffOwner::Procedure, procedure_id, product);
    const AddedTariff added{product, schedule.add(v)};
    insertTariff(ctx.db, TariffOwner::Procedure, procedure_id, product, added.version, "published");
    security::appendAudit(ctx, {"procedure.add_tariff", "procedure", std::to_string(procedure_id),
                                "ok", std::nullopt, tariffAudit(added)});
    tx.commit();
    return added;
}

AddedRequirement addRequirement(app::RequestContext& ctx, std::int64_t procedure_id,
                                const std::string& text) {
    MariaDbProcedures store(ctx.db);
    db::Transaction tx(ctx.db);
    requireOwnProcedure(ctx, procedure_id);
    requireProcedure(store, procedure_id, true);
    const AddedRequirement added{insertRequirement(ctx.db, procedure_id, text), procedure_id, text};
    security::appendAudit(ctx, {"procedure.add_requirement", "procedure",
                                std::to_string(procedure_id), "ok", std::nullopt,
                                security::AuditRecord()
                                    .set("id", added.id)
                                    .set("procedure_id", added.procedure_id)
                                    .set("text", added.text)
                                    .json()});
    tx.commit();
    return added;
}

ProcedureIndexation indexProcedure(app::RequestContext& ctx, std::int64_t id, Percentage pct,
                                   Date from) {
    MariaDbProcedures store(ctx.db);
    db::Transaction tx(ctx.db);
    requireOwnProcedure(ctx, id);
    requireProcedure(store, id, true);
    ProcedureIndexation out{id, pct, from, 0, 0};
    for (const auto& product : tariffProducts(ctx.db, TariffOwner::Procedure, id)) {
        auto schedule = loadTariffSchedule(ctx.db, TariffOwner::Procedure, id, product);
        auto next = schedule.indexation(pct, from);
        if (!next) continue;
        const auto& added = schedule.add(*next);
        insertTariff(ctx.db, TariffOwner::Procedure, id, product, added,
                     "indexation " + pct.toString() + "%");
        ++out.procedure_tariff_versions;
    }
    for (const auto contract_id : lockContractsToIndex(ctx.db, id, from)) {
        out.contract_tariff_versions += indexContractTariffs(ctx.db, contract_id, pct, from);
    }
    security::appendAudit(
        ctx, {"procedure.indexation", "procedure", std::to_string(id), "ok", std::nullopt,
              security::AuditRecord()
                  .set("procedure_id", id)
                  .set("percentage", pct.toString())
                  .set("from", formatDate(from))
                  .set("procedure_tariff_versions", out.procedure_tariff_versions)
                  .set("contract_tariff_versions", out.contract_tariff_versions)
                  .json()});
    tx.commit();
    return out;
}

Application submitApplication(app::RequestContext& ctx, const NewApplication& in) {
    MariaDbProcedures store(ctx.db);
    db::Transaction tx(ctx.db);
    const auto p = requireProcedure(store, in.procedure_id, true);
    const auto wide = [](const std::vector<std::int64_t>& v) {
        return std::vector<long long>(v.begin(), v.end());
    };
    checkNewApplication(p.applications_open, Period{p.term_start, p.term_end}, ctx.today(),
                        wide(in.lots), wide(procedureLotIds(ctx.db, in.procedure_id)),
                        wide(procedureRequirementIds(ctx.db, in.procedure_id)), in.answers);
    const auto provider = ctx.actor.provider_id;
    if (hasPendingApplication(ctx.db, in.procedure_id, provider)) {
        throw ValidationError("APPLICATION_PENDING",
                              "This provider has an application for this procedure that is still "
                              "being assessed.",
                              "");
    }
    for (const auto lot : in.lots) {
        if (holdsLotContract(ctx.db, provider, lot)) {
            throw ValidationError(
                "ALREADY_CONTRACTED",
                "This provider holds a contract for lot " + std::to_string(lot) + " already.",
                "lots");
        }
    }
    std::vector<std::pair<std::int64_t, std::string>> answers;
    for (const auto& a : in.answers) answers.emplace_back(a.requirement_id, a.answer);
    const auto id = insertApplication(ctx.db, in.procedure_id, provider, app::timestamp(ctx.clock),
                                      in.lots, answers);
    const auto out = requireApplication(ctx.db, id);
    security::appendAudit(ctx, {"application.submit", "application", std::to_string(id), "ok",
                                std::nullopt, applicationAudit(out)});
    tx.commit();
    return out;
}

app::ListPage<Application> listApplications(app::RequestContext& ctx, ApplicationFilter filter) {
    filter.provider_id = ctx.actor.role == app::Role::Provider ? ctx.actor.provider_id : 0;
    db::Transaction tx(ctx.db);  // the page and its applications as one read
    const auto ids = applicationIds(ctx.db, filter);
    app::ListPage<Application> out;
    out.total = ids.total;
    for (const auto id : ids.items) out.items.push_back(requireApplication(ctx.db, id));
    tx.commit();
    return out;
}

Application getApplication(app::RequestContext& ctx, std::int64_t id) {
    if (ctx.actor.role == app::Role::Provider) {
        const auto owner = applicationProvider(ctx.db, id);
        if (!owner || *owner != ctx.actor.provider_id) {
            notFound("Application " + std::to_string(id), "id");
        }
    }
    return requireApplication(ctx.db, id);
}

std::string assessAnswer(ProcedureStore& store, const AnswerAssessment& in) {
    if (!in.met && in.remark.empty()) {
        throw ValidationError("REASON_REQUIRED", "Say why a requirement is not met (remark).",
                              "remark");
    }
    const auto status = store.lockApplicationStatus(in.application_id);
    if (!status) notFound("Application " + std::to_string(in.application_id), "id");
    if (*status != "submitted") {
        throw ValidationError("APPLICATION_DECIDED", "This application has been decided already.",
                              "");
    }
    const auto before = store.answerAssessment(in.application_id, in.requirement_id);
    if (!before) {
        notFound("Requirement " + std::to_string(in.requirement_id) + " in this application",
                 "requirement_id");
    }
    store.assessAnswer(in.application_id, in.requirement_id, in.met ? "met" : "not_met", in.remark,
                       in.assessor);
    return *before;
}

Application assessRequirement(app::RequestContext& ctx, const AnswerAssessment& in) {
    MariaDbProcedures store(ctx.db);
    db::Transaction tx(ctx.db);
    requireOwnApplication(ctx, in.application_id);
    const auto before = assessAnswer(store, in);
    security::appendAudit(
        ctx, {"application.assess", "application", std::to_string(in.application_id), "ok",
              assessmentAudit(in.requirement_id, before),
              assessmentAudit(in.requirement_id, in.met ? "met" : "not_met")});
    tx.commit();
    return requireApplication(ctx.db, in.application_id);
}

std::string decisionName(Decision d) { return d == Decision::Admit ? "admit" : "reject"; }

std::optional<Admission> decide(ApplicationDecisionStore& store, const ApplicationDecision& in,
                                const Clock& clock) {
    const auto id = in.application_id;
    const auto a = store.lockApplication(id);
    if (!a) notFound("Application " + std::to_string(id), "id");
    const auto answers = store.answers(id);
    const bool admit = in.decision == Decision::Admit;
    if (admit) {
        checkAdmission(a->status, answers);
    } else {
        checkRejection(a->status, in.reason);
    }
    store.recordDecision(id, admit ? "admitted" : "rejected", app::timestamp(clock), in.decided_by,
                         in.reason);
    if (!admit) return std::nullopt;
    const auto p = store.lockProcedure(a->procedure_id);
    if (!p) notFound("Procedure " + std::to_string(a->procedure_id), "id");
    const Period term = contractTermOnAdmission(Period{p->term_start, p->term_end}, clock.today());
    if (!term.isValid()) {
        throw ValidationError("PROCEDURE_ENDED",
                              "The procedure's term has ended; no contract can start now.",
                              "decision");
    }
    Admission out{a->provider_id, p->id, term, {}};
    for (const auto lot : store.applicationLots(id)) {
        out.lots.push_back({lot, store.lotProducts(lot)});
    }
    return out;
}

Application decideApplication(app::RequestContext& ctx, ApplicationDecision in) {
    MariaDbApplicationDecisions store(ctx.db);
    db::Transaction tx(ctx.db);
    requireOwnApplication(ctx, in.application_id);
    in.decided_by = ctx.actor.name;
    const auto id = in.application_id;
    if (const auto admission = decide(store, in, ctx.clock)) {
        for (const auto& lot : admission->lots) {
            createFrameworkContractFromProcedure(ctx, admission->provider_id,
                                                 admission->procedure_id, lot.lot_id, id,
                                                 lot.products, admission->term);
        }
    }
    const auto out = requireApplication(ctx.db, id);
    security::appendAudit(
        ctx, {"application." + decisionName(in.decision), "application", std::to_string(id), "ok",
              "{\"status\":\"submitted\"}", applicationAudit(out)});
    tx.commit();
    return out;
}

}  // namespace zc::contracting
