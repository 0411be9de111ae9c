#include "client_store.hpp"

#include "contracting/store/commitment_basis_store.hpp"
#include "interfaces/mysql/connection.hpp"
#include "interfaces/mysql/list_sql.hpp"

namespace zc::contracting {
namespace {

// The team's name comes along (NULL team: "").
constexpr const char* kClientSelect =
    "SELECT clients.id, bsn_enc, surname, prefix, given_names, initials, birth_date, gender,"
    " street, house_number, postcode, city, municipality_code, clients.district_id, created_at,"
    " messages_withheld_since, messages_withheld_reason, clients.team_id, COALESCE(t.name, '')";
constexpr const char* kClientFrom = " FROM clients LEFT JOIN teams t ON t.id = clients.team_id";
const std::string kClientColumns = std::string(kClientSelect) + kClientFrom;

const db::SortSpec kClientSort{{{"id", "clients.id"},
                                {"surname", "clients.surname"},
                                {"birth_date", "clients.birth_date"},
                                {"municipality_code", "clients.municipality_code"},
                                {"postcode", "clients.postcode"}},
                               "clients.id",
                               "id",
                               false};

ClientRow clientRow(const db::Row& r) {
    ClientRow c;
    c.id = r.i64(0);
    c.bsn_enc = r.str(1);
    c.surname = r.str(2);
    c.prefix = r.str(3);
    c.given_names = r.str(4);
    c.initials = r.str(5);
    c.birth_date = r.str(6);
    c.gender = r.str(7);
    c.street = r.str(8);
    c.house_number = r.str(9);
    c.postcode = r.str(10);
    c.city = r.str(11);
    c.municipality_code = r.str(12);
    c.district_id = r.optI64(13);
    c.created_at = r.str(14);
    c.messages_withheld_since = r.opt(15);
    c.messages_withheld_reason = r.opt(16);
    c.team_id = r.optI64(17);
    c.team_name = r.str(18);
    return c;
}

std::vector<ClientRow> clientRows(const std::vector<db::Row>& rows) {
    std::vector<ClientRow> out;
    for (const auto& r : rows) out.push_back(clientRow(r));
    return out;
}

constexpr const char* kDecisionColumns =
    "SELECT id, client_id, number, decision_date, valid_from, valid_to FROM access_decisions";

DecisionRow decisionRow(const db::Row& r) {
    return {r.i64(0), r.i64(1), r.i64(2), r.str(3), r.str(4), r.opt(5)};
}

}  // namespace

std::optional<ClientRow> findClient(db::Connection& db, std::int64_t id) {
    auto r = db.queryOne(std::string(kClientColumns) + " WHERE clients.id = ?", {id});
    if (!r) return std::nullopt;
    return clientRow(*r);
}

bool clientExists(db::Connection& db, std::int64_t id, bool lock) {
    return db
        .queryOne(std::string("SELECT id FROM clients WHERE id = ?") + (lock ? " FOR UPDATE" : ""),
                  {id})
        .has_value();
}

std::vector<ClientRow> clientsByBsnHash(db::Connection& db, const std::string& hash,
                                        const std::optional<StaffFilter>& scope) {
    db::Params params{hash};
    std::string sql = std::string(kClientColumns) + " WHERE bsn_hash = ?";
    if (scope) sql += clientScopeSql(*scope, "clients.id", "clients.municipality_code", params);
    return clientRows(db.query(sql, params));
}

std::optional<std::int64_t> clientIdByBsnHash(db::Connection& db, const std::string& hash) {
    auto r = db.queryOne("SELECT id FROM clients WHERE bsn_hash = ?", {hash});
    if (!r) return std::nullopt;
    return r->i64(0);
}

app::ListPage<ClientRow> clientPage(db::Connection& db, const std::string& municipality,
                                    const app::ListQuery& q,
                                    const std::optional<StaffFilter>& scope) {
    db::Params params{municipality, municipality};
    std::string from_where =
        std::string(kClientFrom) + " WHERE (? = '' OR clients.municipality_code = ?)";
    if (scope) {
        from_where += clientScopeSql(*scope, "clients.id", "clients.municipality_code", params);
    }
    from_where += db::searchFilter(q.search,
                                   {"clients.surname", "clients.given_names", "clients.initials",
                                    "clients.postcode", "clients.city", "CAST(clients.id AS CHAR)"},
                                   params);
    const std::string order = db::orderBy(q, kClientSort);
    app::ListPage<ClientRow> page;
    page.total = db::countRows(db, from_where, params);
    auto page_params = params;
    const auto limit = db::limitOffset(q, page_params);
    page.items = clientRows(db.query(kClientSelect + from_where + order + limit, page_params));
    return page;
}

std::vector<std::string> placedPayersOfClient(db::Connection& db, std::int64_t client_id) {
    std::vector<std::string> out;
    for (const auto& r : db.query(
             "SELECT DISTINCT g.paying_municipality_code FROM access_decisions d"
             " JOIN granted_products g ON g.decision_id = d.id JOIN products p"
             " ON p.code = g.product_code JOIN regional_placements rp"
             " ON rp.central_code = g.paying_municipality_code AND rp.product_category = p.category"
             " WHERE d.client_id = ? ORDER BY 1",
             {client_id})) {
        out.push_back(r.str(0));
    }
    return out;
}

bool placedWith(db::Connection& db, const std::string& payer, const std::string& product_code) {
    return db
        .queryOne(
            "SELECT 1 FROM products p JOIN regional_placements rp"
            " ON rp.product_category = p.category WHERE p.code = ? AND rp.central_code = ?"
            " LIMIT 1",
            {product_code, payer})
        .has_value();
}

std::string clientMunicipality(db::Connection& db, std::int64_t id) {
    return db.queryOne("SELECT municipality_code FROM clients WHERE id = ?", {id})->str(0);
}

std::optional<std::string> districtMunicipality(db::Connection& db, std::int64_t district_id) {
    auto r = db.queryOne("SELECT municipality_code FROM districts WHERE id = ?", {district_id});
    if (!r) return std::nullopt;
    return r->str(0);
}

std::int64_t insertClient(db::Connection& db, const NewClientRow& c) {
    db.execute(
        "INSERT INTO clients (bsn_hash, bsn_enc, surname, prefix, given_names, initials,"
        " birth_date, gender, street, house_number, postcode, city, municipality_code,"
        " district_id, team_id, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        {c.bsn_hash, c.bsn_enc, c.surname, c.prefix, c.given_names, c.initials, c.birth_date,
         c.gender, c.street, c.house_number, c.postcode, c.city, c.municipality_code,
         c.district_id ? db::Param(*c.district_id) : db::Param(nullptr),
         c.team_id ? db::Param(*c.team_id) : db::Param(nullptr), c.created_at});
    return db.lastInsertId();
}

void updateClientPlace(db::Connection& db, std::int64_t id, std::optional<std::int64_t> district,
                       std::optional<std::int64_t> team) {
    db.execute("UPDATE clients SET district_id = ?, team_id = ? WHERE id = ?",
               {district ? db::Param(*district) : db::Param(nullptr),
                team ? db::Param(*team) : db::Param(nullptr), id});
    noteClientMoved(db, id);
}

std::optional<TeamOwner> teamOwner(db::Connection& db, std::int64_t team_id) {
    auto r = db.queryOne(
        "SELECT t.district_id, d.municipality_code FROM teams t"
        " JOIN districts d ON d.id = t.district_id WHERE t.id = ?",
        {team_id});
    if (!r) return std::nullopt;
    return TeamOwner{r->i64(0), r->str(1)};
}

std::optional<ProductUnitKind> productUnitKind(db::Connection& db, const std::string& code) {
    auto p = db.queryOne("SELECT unit, kind FROM products WHERE code = ?", {code});
    if (!p) return std::nullopt;
    return ProductUnitKind{p->str(0), p->str(1)};
}

bool decisionNumberExists(db::Connection& db, std::int64_t number) {
    return db.queryOne("SELECT id FROM access_decisions WHERE number = ?", {number}).has_value();
}

std::int64_t insertDecision(db::Connection& db, const DecisionRow& d, const std::string& created_by,
                            const std::string& created_at) {
    db.execute(
        "INSERT INTO access_decisions (client_id, number, decision_date, valid_from, valid_to,"
        " created_by, created_at) VALUES (?,?,?,?,?,?,?)",
        {d.client_id, d.number, d.decision_date, d.valid_from,
         d.valid_to ? db::Param(*d.valid_to) : db::Param(nullptr), created_by, created_at});
    return db.lastInsertId();
}

void insertGrant(db::Connection& db, std::int64_t decision_id, const GrantRow& g) {
    db.execute(
        "INSERT INTO granted_products (decision_id, product_code, volume, unit, frequency,"
        " financing, pgb_budget_cents, paying_municipality_code) VALUES (?,?,?,?,?,?,?,?)",
        {decision_id, g.product_code, g.volume, g.unit, g.frequency, g.financing,
         g.pgb_budget_cents ? db::Param(*g.pgb_budget_cents) : db::Param(nullptr),
         g.paying_municipality});
}

std::optional<DecisionRow> findDecision(db::Connection& db, std::int64_t id) {
    auto r = db.queryOne(std::string(kDecisionColumns) + " WHERE id = ?", {id});
    if (!r) return std::nullopt;
    return decisionRow(*r);
}

app::ListPage<DecisionRow> decisionsOfClient(db::Connection& db, std::int64_t client_id,
                                             std::int64_t limit, std::int64_t offset) {
    app::ListPage<DecisionRow> page;  // in the caller's transaction
    page.total = db::countRows(db, "FROM access_decisions WHERE client_id = ?", {client_id});
    for (const auto& r :
         db.query(std::string(kDecisionColumns) +
                      " WHERE client_id = ? ORDER BY valid_from, id LIMIT ? OFFSET ?",
                  {client_id, limit, offset})) {
        page.items.push_back(decisionRow(r));
    }
    return page;
}

std::vector<GrantRow> grantsOfDecision(db::Connection& db, std::int64_t decision_id) {
    std::vector<GrantRow> out;
    for (const auto& r :
         db.query("SELECT id, product_code, volume, unit, frequency, financing, pgb_budget_cents,"
                  " paying_municipality_code FROM granted_products WHERE decision_id = ?"
                  " ORDER BY id",
                  {decision_id})) {
        out.push_back(
            {r.i64(0), r.str(1), r.i64(2), r.str(3), r.str(4), r.str(5), r.optI64(6), r.str(7)});
    }
    return out;
}

}  // namespace zc::contracting
