#pragma once
// Procurement procedure use cases (aanbestedingen: open = bestuurlijke aanbesteding, negotiated,
// continuation): creating and reading procedures, opening them for applications, requirements,
// and reading and assessing providers' applications (inschrijvingen). Writes run in one
// transaction with their audit row. changeApplicationsOpen, assessAnswer and createLot are the
// rules over a store (unit-tested in memory), and so is decide (deciding an application).
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "contracting/domain/application_rules.hpp"
#include "contracting/domain/tariff_schedule.hpp"
#include "contracting/kernel/list_query.hpp"
#include "contracting/kernel/request_context.hpp"
#include "contracting/kernel/rounding.hpp"
#include "contracting/store/procedure_store.hpp"

namespace zc::contracting {

// A procedure with what applicants read: lots, requirements and published tariffs.
struct ProcedureDetails {
    Procedure procedure;
    std::vector<Lot> lots;
    std::vector<Requirement> requirements;
    std::vector<StoredTariff> tariffs;
};

// The fields are valid already (kind, term_start < term_end); UNKNOWN_MUNICIPALITY. Returns the
// stored procedure (audited "procedure.create").
Procedure createProcedure(app::RequestContext& ctx, const Procedure& in);
app::ListPage<Procedure> listProcedures(app::RequestContext& ctx, std::int64_t limit,
                                        std::int64_t offset);
// NOT_FOUND when unknown.
ProcedureDetails getProcedure(app::RequestContext& ctx, std::int64_t id);

// Opens or closes the procedure for applications: only an open procedure opens
// (NOT_OPEN_PROCEDURE; NOT_FOUND when unknown). Returns whether it was open before.
bool changeApplicationsOpen(ProcedureStore& store, std::int64_t id, bool open);
// The rule above in its own transaction, audited ("procedure.applications_open"); returns the
// procedure as it is afterwards.
Procedure setApplicationsOpen(app::RequestContext& ctx, std::int64_t id, bool open);

// A lot (perceel) to add: its products as sent, sorted and without doubles, not yet checked.
struct NewLot {
    std::int64_t procedure_id = 0;
    std::string name;
    std::vector<std::string> products;
};
// NOT_FOUND (procedure), then per product its code (INVALID_PRODUCT_CODE...) and UNKNOWN_PRODUCT,
// field products, in that order; inserts the lot and returns it with its new id.
Lot createLot(ProcedureStore& store, const NewLot& in);
// The rule above with the procedure locked, audited ("procedure.add_lot").
Lot addLot(app::RequestContext& ctx, const NewLot& in);

// Reads the tariff version from the request once the product is known; `product_unit` is the
// unit when the request names none. Throws the request's validation errors.
using TariffReader = std::function<TariffVersion(const std::string& product_unit)>;
// A tariff version published for the procedure.
struct AddedTariff {
    std::string product_code;
    TariffVersion version;
};
// NOT_FOUND (procedure), UNKNOWN_PRODUCT (product_code), then what `read` refuses, then the
// schedule's own checks; audited ("procedure.add_tariff").
AddedTariff addProcedureTariff(app::RequestContext& ctx, std::int64_t procedure_id,
                               const std::string& product, const TariffReader& read);

// A requirement added to the procedure.
struct AddedRequirement {
    std::int64_t id = 0;
    std::int64_t procedure_id = 0;
    std::string text;
};
// NOT_FOUND when the procedure is unknown; audited ("procedure.add_requirement").
AddedRequirement addRequirement(app::RequestContext& ctx, std::int64_t procedure_id,
                                const std::string& text);

// An indexation of a procedure's published tariffs and of its framework contracts' tariffs.
struct ProcedureIndexation {
    std::int64_t procedure_id = 0;
    Percentage percentage = Percentage::fromMillionths(0);
    Date from;
    int procedure_tariff_versions = 0;  // new versions of the procedure's tariffs
    int contract_tariff_versions = 0;   // new versions of its contracts' tariffs
};
// Indexes every product of the procedure and of its framework contracts that run past `from`
// (NOT_FOUND when unknown; a procedure without tariffs adds nothing); audited
// ("procedure.indexation").
ProcedureIndexation indexProcedure(app::RequestContext& ctx, std::int64_t id, Percentage pct,
                                   Date from);

// A provider's application (inschrijving) for some lots of a procedure, with its answers.
struct NewApplication {
    std::int64_t procedure_id = 0;
    std::vector<std::int64_t> lots;
    std::vector<RequirementAnswer> answers;
};
// The acting provider applies: NOT_FOUND (procedure), the checks of checkNewApplication,
// APPLICATION_PENDING, ALREADY_CONTRACTED (field lots), in that order; audited
// ("application.submit"). Returns the application as stored.
Application submitApplication(app::RequestContext& ctx, const NewApplication& in);

// A page of the applications with the filter's status and procedure, and how many match; a
// provider sees only its own (the filter's provider is set from the actor).
app::ListPage<Application> listApplications(app::RequestContext& ctx, ApplicationFilter filter);
// NOT_FOUND when unknown, or when a provider asks for another provider's application.
Application getApplication(app::RequestContext& ctx, std::int64_t id);

// A contract manager's assessment of one answer of an application.
struct AnswerAssessment {
    std::int64_t application_id = 0;
    std::int64_t requirement_id = 0;
    bool met = false;
    std::string remark;  // required when not met
    std::string assessor;
};
// REASON_REQUIRED (not met without a remark), NOT_FOUND (application), APPLICATION_DECIDED (no
// longer submitted), NOT_FOUND (requirement, field requirement_id), in that order. Returns the
// answer's assessment before.
std::string assessAnswer(ProcedureStore& store, const AnswerAssessment& in);
// The rule above in its own transaction, audited ("application.assess"); returns the
// application as it is afterwards.
Application assessRequirement(app::RequestContext& ctx, const AnswerAssessment& in);

// A contract manager's decision on a submitted application.
enum class Decision { Admit, Reject };
// "admit" or "reject": the audit row's action is "application.<name>".
std::string decisionName(Decision d);

struct ApplicationDecision {
    std::int64_t application_id = 0;
    Decision decision = Decision::Reject;
    std::string reason;      // required to reject
    std::string decided_by;  // filled in by decideApplication
};

// A lot an admission awards, with its products.
struct LotAward {
    std::int64_t lot_id = 0;
    std::vector<std::string> products;
};
// What an admission leads to: one framework contract per lot, for the contract term.
struct Admission {
    std::int64_t provider_id = 0;
    std::int64_t procedure_id = 0;
    Period term;
    std::vector<LotAward> lots;
};

// NOT_FOUND (application), then checkRejection or checkAdmission (APPLICATION_DECIDED,
// REASON_REQUIRED, REQUIREMENTS_NOT_MET); records the decision at the clock's now; an admission
// then locks the procedure (NOT_FOUND) and needs a contract term left from today
// (PROCEDURE_ENDED, field decision). Returns the admission, nothing for a rejection.
std::optional<Admission> decide(ApplicationDecisionStore& store, const ApplicationDecision& in,
                                const Clock& clock);
// The rule above in one transaction by the actor, now, with the framework contracts of an
// admission (contract.create each), audited ("application.admit"/"application.reject"); the
// application afterwards.
Application decideApplication(app::RequestContext& ctx, ApplicationDecision in);

}  // namespace zc::contracting
