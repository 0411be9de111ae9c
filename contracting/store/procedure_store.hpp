#pragma once
// Procurement procedures (aanbestedingen), their lots and requirements, and providers'
// applications (inschrijvingen) in the database, as named rows. ProcedureStore is what the
// checked use cases need (contracting/app/procedures.hpp); MariaDbProcedures implements it in
// the caller's transaction and the unit tests with a fake in memory. The free functions are the
// plain reads and inserts.
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "contracting/domain/application_rules.hpp"
#include "contracting/kernel/civil_date.hpp"
#include "contracting/kernel/list_query.hpp"

namespace zc::db {
class Connection;
}

namespace zc::contracting {

struct Procedure {
    std::int64_t id = 0;
    std::string municipality_code;
    std::string kind;  // "open" (bestuurlijke aanbesteding), "negotiated", "continuation"
    std::string name;
    Date term_start;
    Date term_end;
    bool applications_open = false;
};

struct Lot {
    std::int64_t id = 0;
    std::string name;
    std::vector<std::string> products;  // by code
};

struct Requirement {
    std::int64_t id = 0;
    std::string text;
};

struct ApplicationAnswer {
    std::int64_t requirement_id = 0;
    std::string answer;
    std::string assessment;  // "pending", "met", "not_met"
    std::string remark;
};

// An application as the API shows it, with its lots, answers and resulting contracts.
struct Application {
    std::int64_t id = 0;
    std::int64_t procedure_id = 0;
    std::int64_t provider_id = 0;
    std::string provider_agb;
    std::string provider_name;
    std::string status;        // "submitted", "admitted", "rejected"
    std::string submitted_at;  // "YYYY-MM-DD HH:MM:SS"
    std::optional<std::string> decided_at;
    std::optional<std::string> decided_by;
    std::optional<std::string> reason;
    std::vector<std::int64_t> lots;
    std::vector<ApplicationAnswer> answers;
    std::vector<std::int64_t> contracts;
};

class ProcedureStore {
  public:
    virtual ~ProcedureStore() = default;
    // The procedure (locked FOR UPDATE when `lock`), or nothing.
    virtual std::optional<Procedure> procedure(std::int64_t id, bool lock) = 0;
    virtual void setApplicationsOpen(std::int64_t id, bool open) = 0;
    // The application's status, locked; nothing when unknown.
    virtual std::optional<std::string> lockApplicationStatus(std::int64_t id) = 0;
    // The assessment of one answer of the application; nothing when it has no such answer.
    virtual std::optional<std::string> answerAssessment(std::int64_t application_id,
                                                        std::int64_t requirement_id) = 0;
    virtual void assessAnswer(std::int64_t application_id, std::int64_t requirement_id,
                              const std::string& assessment, const std::string& remark,
                              const std::string& assessed_by) = 0;
    // Whether the product is in the catalogue.
    virtual bool productExists(const std::string& code) = 0;
    // Inserts the lot (id ignored) with its products; returns its new id.
    virtual std::int64_t insertLot(std::int64_t procedure_id, const Lot& lot) = 0;
};

class MariaDbProcedures : public ProcedureStore {
  public:
    explicit MariaDbProcedures(db::Connection& db) : db_(db) {}
    std::optional<Procedure> procedure(std::int64_t id, bool lock) override;
    void setApplicationsOpen(std::int64_t id, bool open) override;
    std::optional<std::string> lockApplicationStatus(std::int64_t id) override;
    std::optional<std::string> answerAssessment(std::int64_t application_id,
                                                std::int64_t requirement_id) override;
    void assessAnswer(std::int64_t application_id, std::int64_t requirement_id,
                      const std::string& assessment, const std::string& remark,
                      const std::string& assessed_by) override;
    bool productExists(const std::string& code) override;
    std::int64_t insertLot(std::int64_t procedure_id, const Lot& lot) override;

  private:
    db::Connection& db_;
};

// What deciding an application reads of it, locked: its status and parties.
struct ApplicationToDecide {
    std::string status;  // "submitted", "admitted", "rejected"
    std::int64_t procedure_id = 0;
    std::int64_t provider_id = 0;
};

// What deciding an application (admit or reject) reads and writes; MariaDbApplicationDecisions
// implements it in the caller's transaction, the unit tests with a fake in memory.
class ApplicationDecisionStore {
  public:
    virtual ~ApplicationDecisionStore() = default;
    // The application, locked FOR UPDATE; nothing when unknown.
    virtual std::optional<ApplicationToDecide> lockApplication(std::int64_t id) = 0;
    // Its answers with their assessments, by requirement.
    virtual std::vector<RequirementAnswer> answers(std::int64_t application_id) = 0;
    virtual void recordDecision(std::int64_t id, const std::string& status,
                                const std::string& decided_at, const std::string& decided_by,
                                const std::string& reason) = 0;
    // The procedure, locked FOR UPDATE; nothing when unknown.
    virtual std::optional<Procedure> lockProcedure(std::int64_t id) = 0;
    // The lots applied for, by id; a lot's products, by code.
    virtual std::vector<std::int64_t> applicationLots(std::int64_t application_id) = 0;
    virtual std::vector<std::string> lotProducts(std::int64_t lot_id) = 0;
};

class MariaDbApplicationDecisions : public ApplicationDecisionStore {
  public:
    explicit MariaDbApplicationDecisions(db::Connection& db) : db_(db) {}
    std::optional<ApplicationToDecide> lockApplication(std::int64_t id) override;
    std::vector<RequirementAnswer> answers(std::int64_t application_id) override;
    void recordDecision(std::int64_t id, const std::string& status, const std::string& decided_at,
                        const std::string& decided_by, const std::string& reason) override;
    std::optional<Procedure> lockProcedure(std::int64_t id) override;
    std::vector<std::int64_t> applicationLots(std::int64_t application_id) override;
    std::vector<std::string> lotProducts(std::int64_t lot_id) override;

  private:
    db::Connection& db_;
};

// Inserts the procedure (id ignored); returns its new id.
std::int64_t insertProcedure(db::Connection& db, const Procedure& p);
// A page of the procedures by id, and how many there are.
app::ListPage<Procedure> procedures(db::Connection& db, std::int64_t limit, std::int64_t offset);
// The procedure's lots with their products, by id.
std::vector<Lot> procedureLots(db::Connection& db, std::int64_t procedure_id);
// The procedure's requirements, by id.
std::vector<Requirement> procedureRequirements(db::Connection& db, std::int64_t procedure_id);
// Inserts a requirement; returns its new id.
std::int64_t insertRequirement(db::Connection& db, std::int64_t procedure_id,
                               const std::string& text);
// The product's unit name (the product exists).
std::string productUnit(db::Connection& db, const std::string& product_code);

// The application with its lots, answers and contracts, or nothing.
std::optional<Application> findApplication(db::Connection& db, std::int64_t id);
// Which applications a list shows: with this status ("" for any), of this provider and this
// procedure (0 for any), a page of them by id.
struct ApplicationFilter {
    std::string status;
    std::int64_t provider_id = 0;
    std::int64_t procedure_id = 0;
    std::int64_t limit = app::kDefaultPageSize;
    std::int64_t offset = 0;
};
// The ids of a page of the applications, and how many match the filter.
app::ListPage<std::int64_t> applicationIds(db::Connection& db, const ApplicationFilter& f);
// The ids of the procedure's lots and of its requirements (database order).
std::vector<std::int64_t> procedureLotIds(db::Connection& db, std::int64_t procedure_id);
std::vector<std::int64_t> procedureRequirementIds(db::Connection& db, std::int64_t procedure_id);
// Whether the provider has an application for the procedure that is still submitted.
bool hasPendingApplication(db::Connection& db, std::int64_t procedure_id, std::int64_t provider_id);
// Whether the provider holds a draft, active or suspended contract for the lot.
bool holdsLotContract(db::Connection& db, std::int64_t provider_id, std::int64_t lot_id);
// Inserts a submitted application with its lots (each once) and its answers (requirement id,
// answer); returns its new id.
std::int64_t insertApplication(db::Connection& db, std::int64_t procedure_id,
                               std::int64_t provider_id, const std::string& submitted_at,
                               const std::vector<std::int64_t>& lots,
                               const std::vector<std::pair<std::int64_t, std::string>>& answers);
// The provider that submitted the application, or nothing.
std::optional<std::int64_t> applicationProvider(db::Connection& db, std::int64_t id);

}  // namespace zc::contracting
