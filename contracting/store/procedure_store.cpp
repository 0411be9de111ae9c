#include "procedure_store.hpp"

#include <set>

#include "interfaces/mysql/connection.hpp"
#include "interfaces/mysql/list_sql.hpp"

namespace zc::contracting {
namespace {

constexpr const char* kProcedureColumns =
    "SELECT id, municipality_code, kind, name, term_start, term_end, applications_open"
    " FROM procedures";

Procedure procedureFrom(const db::Row& r) {
    return {r.i64(0),     r.str(1), r.str(2), r.str(3), parseDate(r.str(4)), parseDate(r.str(5)),
            r.i64(6) != 0};
}

std::vector<std::int64_t> ids(db::Connection& db, const std::string& sql, std::int64_t key) {
    std::vector<std::int64_t> out;
    for (const auto& r : db.query(sql, {key})) out.push_back(r.i64(0));
    return out;
}

std::vector<ApplicationAnswer> answersOf(db::Connection& db, std::int64_t application_id) {
    std::vector<ApplicationAnswer> out;
    for (const auto& a :
         db.query("SELECT requirement_id, answer, assessment, remark FROM application_answers"
                  " WHERE application_id = ? ORDER BY requirement_id",
                  {application_id})) {
        out.push_back({a.i64(0), a.str(1), a.str(2), a.str(3)});
    }
    return out;
}

}  // namespace

std::optional<Procedure> MariaDbProcedures::procedure(std::int64_t id, bool lock) {
    auto r = db_.queryOne(
        std::string(kProcedureColumns) + " WHERE id = ?" + (lock ? " FOR UPDATE" : ""), {id});
    if (!r) return std::nullopt;
    return procedureFrom(*r);
}

void MariaDbProcedures::setApplicationsOpen(std::int64_t id, bool open) {
    db_.execute("UPDATE procedures SET applications_open = ? WHERE id = ?",
                {std::int64_t{open ? 1 : 0}, id});
}

std::optional<std::string> MariaDbProcedures::lockApplicationStatus(std::int64_t id) {
    auto a = db_.queryOne("SELECT status FROM applications WHERE id = ? FOR UPDATE", {id});
    if (!a) return std::nullopt;
    return a->str(0);
}

std::optional<std::string> MariaDbProcedures::answerAssessment(std::int64_t application_id,
                                                               std::int64_t requirement_id) {
    auto before = db_.queryOne(
        "SELECT assessment, remark FROM application_answers WHERE application_id = ? AND "
        "requirement_id = ?",
        {application_id, requirement_id});
    if (!before) return std::nullopt;
    return before->str(0);
}

void MariaDbProcedures::assessAnswer(std::int64_t application_id, std::int64_t requirement_id,
                                     const std::string& assessment, const std::string& remark,
                                     const std::string& assessed_by) {
    db_.execute(
        "UPDATE application_answers SET assessment = ?, remark = ?, assessed_by = ?"
        " WHERE application_id = ? AND requirement_id = ?",
        {assessment, remark, assessed_by, application_id, requirement_id});
}

std::int64_t insertProcedure(db::Connection& db, const Procedure& p) {
    db.execute(
        "INSERT INTO procedures (municipality_code, kind, name, term_start, term_end, "
        "applications_open)"
        " VALUES (?,?,?,?,?,?)",
        {p.municipality_code, p.kind, p.name, formatDate(p.term_start), formatDate(p.term_end),
         std::int64_t{p.applications_open ? 1 : 0}});
    return db.lastInsertId();
}

app::ListPage<Procedure> procedures(db::Connection& db, std::int64_t limit, std::int64_t offset) {
    app::ListPage<Procedure> page;
    page.total = db::countRows(db, "FROM procedures", {});
    for (const auto& r : db.query(std::string(kProcedureColumns) + " ORDER BY id LIMIT ? OFFSET ?",
                                  {limit, offset})) {
        page.items.push_back(procedureFrom(r));
    }
    return page;
}

std::vector<Lot> procedureLots(db::Connection& db, std::int64_t procedure_id) {
    std::vector<Lot> out;
    for (const auto& r :
         db.query("SELECT id, name FROM lots WHERE procedure_id = ? ORDER BY id", {procedure_id})) {
        Lot lot{r.i64(0), r.str(1), {}};
        for (const auto& p : db.query(
                 "SELECT product_code FROM lot_products WHERE lot_id = ? ORDER BY product_code",
                 {lot.id})) {
            lot.products.push_back(p.str(0));
        }
        out.push_back(std::move(lot));
    }
    return out;
}

std::vector<Requirement> procedureRequirements(db::Connection& db, std::int64_t procedure_id) {
    std::vector<Requirement> out;
    for (const auto& q :
         db.query("SELECT id, text FROM requirements WHERE procedure_id = ? ORDER BY id",
                  {procedure_id})) {
        out.push_back({q.i64(0), q.str(1)});
    }
    return out;
}

std::int64_t insertRequirement(db::Connection& db, std::int64_t procedure_id,
                               const std::string& text) {
    db.execute("INSERT INTO requirements (procedure_id, text) VALUES (?, ?)", {procedure_id, text});
    return db.lastInsertId();
}

bool MariaDbProcedures::productExists(const std::string& code) {
    return db_.queryOne("SELECT code FROM products WHERE code = ?", {code}).has_value();
}

std::int64_t MariaDbProcedures::insertLot(std::int64_t procedure_id, const Lot& lot) {
    db_.execute("INSERT INTO lots (procedure_id, name) VALUES (?, ?)", {procedure_id, lot.name});
    const auto lot_id = db_.lastInsertId();
    for (const auto& p : lot.products) {
        db_.execute("INSERT INTO lot_products (lot_id, product_code) VALUES (?, ?)", {lot_id, p});
    }
    return lot_id;
}

std::string productUnit(db::Connection& db, const std::string& product_code) {
    return db.queryOne("SELECT unit FROM products WHERE code = ?", {product_code})->str(0);
}

std::optional<Application> findApplication(db::Connection& db, std::int64_t id) {
    auto r = db.queryOne(
        "SELECT a.id, a.procedure_id, a.provider_id, p.agb, p.name, a.status, a.submitted_at,"
        " a.decided_at, a.decided_by, a.reason FROM applications a"
        " JOIN providers p ON p.id = a.provider_id WHERE a.id = ?",
        {id});
    if (!r) return std::nullopt;
    Application a;
    a.id = r->i64(0);
    a.procedure_id = r->i64(1);
    a.provider_id = r->i64(2);
    a.provider_agb = r->str(3);
    a.provider_name = r->str(4);
    a.status = r->str(5);
    a.submitted_at = r->str(6).substr(0, 19);
    if (r->opt(7)) a.decided_at = r->str(7).substr(0, 19);
    a.decided_by = r->opt(8);
    a.reason = r->opt(9);
    a.lots =
        ids(db, "SELECT lot_id FROM application_lots WHERE application_id = ? ORDER BY lot_id", id);
    a.answers = answersOf(db, id);
    a.contracts = ids(db, "SELECT id FROM contracts WHERE application_id = ? ORDER BY id", id);
    return a;
}

std::vector<std::int64_t> procedureLotIds(db::Connection& db, std::int64_t procedure_id) {
    return ids(db, "SELECT id FROM lots WHERE procedure_id = ?", procedure_id);
}

std::vector<std::int64_t> procedureRequirementIds(db::Connection& db, std::int64_t procedure_id) {
    return ids(db, "SELECT id FROM requirements WHERE procedure_id = ?", procedure_id);
}

bool hasPendingApplication(db::Connection& db, std::int64_t procedure_id,
                           std::int64_t provider_id) {
    return db
        .queryOne(
            "SELECT a.id FROM applications a JOIN application_lots l ON l.application_id = a.id"
            " WHERE a.procedure_id = ? AND a.provider_id = ? AND a.status = 'submitted' LIMIT 1",
            {procedure_id, provider_id})
        .has_value();
}

bool holdsLotContract(db::Connection& db, std::int64_t provider_id, std::int64_t lot_id) {
    return db
        .queryOne(
            "SELECT id FROM contracts WHERE provider_id = ? AND lot_id = ?"
            " AND status IN ('draft','active','suspended') LIMIT 1",
            {provider_id, lot_id})
        .has_value();
}

std::int64_t insertApplication(db::Connection& db, std::int64_t procedure_id,
                               std::int64_t provider_id, const std::string& submitted_at,
                               const std::vector<std::int64_t>& lots,
                               const std::vector<std::pair<std::int64_t, std::string>>& answers) {
    db.execute(
        "INSERT INTO applications (procedure_id, provider_id, submitted_at) VALUES (?, ?, ?)",
        {procedure_id, provider_id, submitted_at});
    const auto app_id = db.lastInsertId();
    for (auto lot : std::set<std::int64_t>(lots.begin(), lots.end())) {
        db.execute("INSERT INTO application_lots (application_id, lot_id) VALUES (?, ?)",
                   {app_id, lot});
    }
    for (const auto& [requirement_id, answer] : answers) {
        db.execute(
            "INSERT INTO application_answers (application_id, requirement_id, answer) VALUES "
            "(?,?,?)",
            {app_id, requirement_id, answer});
    }
    return app_id;
}

app::ListPage<std::int64_t> applicationIds(db::Connection& db, const ApplicationFilter& f) {
    db::Params params;
    std::string from_where = "FROM applications WHERE 1 = 1";
    from_where += db::equalsFilter("status", f.status, params);
    for (const auto& [column, id] : {std::pair{" AND provider_id = ?", f.provider_id},
                                     std::pair{" AND procedure_id = ?", f.procedure_id}}) {
        if (id == 0) continue;
        from_where += column;
        params.emplace_back(id);
    }
    app::ListPage<std::int64_t> page;
    page.total = db::countRows(db, from_where, params);
    auto page_params = params;
    page_params.emplace_back(f.limit);
    page_params.emplace_back(f.offset);
    for (const auto& r :
         db.query("SELECT id " + from_where + " ORDER BY id LIMIT ? OFFSET ?", page_params)) {
        page.items.push_back(r.i64(0));
    }
    return page;
}

std::optional<std::int64_t> applicationProvider(db::Connection& db, std::int64_t id) {
    auto r = db.queryOne("SELECT provider_id FROM applications WHERE id = ?", {id});
    if (!r) return std::nullopt;
    return r->i64(0);
}

std::optional<ApplicationToDecide> MariaDbApplicationDecisions::lockApplication(std::int64_t id) {
    auto a = db_.queryOne(
        "SELECT status, procedure_id, provider_id FROM applications WHERE id = ? FOR UPDATE", {id});
    if (!a) return std::nullopt;
    return ApplicationToDecide{a->str(0), a->i64(1), a->i64(2)};
}

std::vector<RequirementAnswer> MariaDbApplicationDecisions::answers(std::int64_t application_id) {
    std::vector<RequirementAnswer> out;
    for (const auto& r :
         db_.query("SELECT requirement_id, answer, assessment FROM application_answers"
                   " WHERE application_id = ? ORDER BY requirement_id",
                   {application_id})) {
        const std::string a = r.str(2);
        out.push_back({r.i64(0), r.str(1),
                       a == "met" ? Assessment::Met
                                  : (a == "not_met" ? Assessment::NotMet : Assessment::Pending)});
    }
    return out;
}

void MariaDbApplicationDecisions::recordDecision(std::int64_t id, const std::string& status,
                                                 const std::string& decided_at,
                                                 const std::string& decided_by,
                                                 const std::string& reason) {
    db_.execute(
        "UPDATE applications SET status = ?, decided_at = ?, decided_by = ?, reason = ? WHERE id = "
        "?",
        {status, decided_at, decided_by, reason, id});
}

std::optional<Procedure> MariaDbApplicationDecisions::lockProcedure(std::int64_t id) {
    return MariaDbProcedures(db_).procedure(id, true);
}

std::vector<std::int64_t> MariaDbApplicationDecisions::applicationLots(
    std::int64_t application_id) {
    return ids(db_, "SELECT lot_id FROM application_lots WHERE application_id = ? ORDER BY lot_id",
               application_id);
}

std::vector<std::string> MariaDbApplicationDecisions::lotProducts(std::int64_t lot_id) {
    std::vector<std::string> out;
    for (const auto& r :
         db_.query("SELECT product_code FROM lot_products WHERE lot_id = ? ORDER BY product_code",
                   {lot_id})) {
        out.push_back(r.str(0));
    }
    return out;
}

}  // namespace zc::contracting
