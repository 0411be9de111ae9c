#include "request_store.hpp"

#include "interfaces/mysql/connection.hpp"
#include "interfaces/mysql/list_sql.hpp"

namespace zc::contracting {
namespace {

constexpr const char* kRequestSelect =
    "SELECT r.id, r.kind, r.provider_id, p.agb, r.referentie_aanbieder, r.municipality_code,"
    " r.client_id, r.summary_json, r.status, r.received_at, r.answer_due, r.decision_due,"
    " r.decided_at, r.decided_by, r.reason_code, r.reason, r.bsn_hash";
constexpr const char* kRequestFrom =
    " FROM allocation_requests r JOIN providers p ON p.id = r.provider_id";
const std::string kRequestColumns = std::string(kRequestSelect) + kRequestFrom;

const db::SortSpec kRequestSort{{{"answer_due", "r.answer_due"},
                                 {"received_at", "r.received_at"},
                                 {"provider_agb", "p.agb"},
                                 {"kind", "r.kind"},
                                 {"status", "r.status"}},
                                "r.id",
                                "answer_due",
                                false};

RequestRow requestRow(const db::Row& r) {
    RequestRow q;
    q.id = r.i64(0);
    q.kind = r.str(1);
    q.provider_id = r.i64(2);
    q.provider_agb = r.str(3);
    q.referentie_aanbieder = r.str(4);
    q.municipality_code = r.str(5);
    q.client_id = r.optI64(6);
    q.summary_json = r.str(7);
    q.status = r.str(8);
    q.received_at = r.str(9);
    q.answer_due = r.str(10);
    q.decision_due = r.opt(11);
    q.decided_at = r.opt(12);
    q.decided_by = r.opt(13);
    q.reason_code = r.opt(14);
    q.reason = r.opt(15);
    q.bsn_hash = r.str(16);
    return q;
}

std::vector<RequestRow> requestRows(const std::vector<db::Row>& rows) {
    std::vector<RequestRow> out;
    for (const auto& r : rows) out.push_back(requestRow(r));
    return out;
}

// " AND <column> IN (own and regional municipalities)" for a scoped user; "" without a scope.
std::string addressedScope(const std::optional<StaffFilter>& scope, const std::string& column,
                           db::Params& params) {
    if (!scope) return "";
    std::vector<std::string> codes = scope->own;
    codes.insert(codes.end(), scope->regional.begin(), scope->regional.end());
    return municipalityScopeSql(codes, column, params);
}

}  // namespace

std::optional<RequestRow> requestById(db::Connection& db, std::int64_t id, bool lock) {
    auto r = db.queryOne(
        std::string(kRequestColumns) + " WHERE r.id = ?" + (lock ? " FOR UPDATE" : ""), {id});
    if (!r) return std::nullopt;
    return requestRow(*r);
}

app::ListPage<RequestRow> requestsPage(db::Connection& db, const RequestFilter& f) {
    db::Params params{f.status, f.status, f.provider_id, f.provider_id};
    std::string from_where = std::string(kRequestFrom) +
                             " WHERE (? = '' OR r.status = ?) AND (? = 0 OR r.provider_id = ?)";
    from_where += addressedScope(f.scope, "r.municipality_code", params);
    from_where += db::searchFilter(
        f.list.search, {"r.referentie_aanbieder", "p.agb", "p.name", "CAST(r.id AS CHAR)"}, params);
    const std::string order = db::orderBy(f.list, kRequestSort);
    app::ListPage<RequestRow> page;
    page.total = db::countRows(db, from_where, params);
    auto page_params = params;
    const auto limit = db::limitOffset(f.list, page_params);
    page.items = requestRows(db.query(kRequestSelect + from_where + order + limit, page_params));
    return page;
}

app::ListPage<RequestRow> overdueRequests(db::Connection& db, const std::string& today,
                                          std::int64_t limit, std::int64_t offset,
                                          const std::optional<StaffFilter>& scope) {
    db::Params params{today, today};
    std::string from_where = std::string(kRequestFrom) +
                             " WHERE ((r.status = 'open' AND r.answer_due < ?) OR"
                             " (r.status = 'in_onderzoek' AND r.decision_due < ?))";
    from_where += addressedScope(scope, "r.municipality_code", params);
    app::ListPage<RequestRow> page;
    page.total = db::countRows(db, from_where, params);
    auto page_params = params;
    page_params.emplace_back(limit);
    page_params.emplace_back(offset);
    page.items = requestRows(
        db.query(kRequestSelect + from_where + " ORDER BY r.answer_due, r.id LIMIT ? OFFSET ?",
                 page_params));
    return page;
}

app::ListPage<MissingRetourRow> missingRetours(db::Connection& db, const std::string& today,
                                               std::int64_t limit, std::int64_t offset,
                                               const std::optional<StaffFilter>& scope) {
    db::Params params{today};
    // A WMO325 (485) is itself an answer: no retour comes back for it.
    std::string from_where =
        " FROM outbox_messages o JOIN providers p ON p.id = o.provider_id"
        " WHERE o.retour_received_at IS NULL AND o.message_code <> '485' AND o.retour_due < ?";
    from_where += addressedScope(scope, "o.municipality_code", params);
    app::ListPage<MissingRetourRow> page;
    page.total = db::countRows(db, from_where, params);
    auto page_params = params;
    page_params.emplace_back(limit);
    page_params.emplace_back(offset);
    for (const auto& r : db.query(
             "SELECT o.id, o.message_code, o.identificatie, p.agb, o.created_at, o.retour_due" +
                 from_where + " ORDER BY o.retour_due, o.id LIMIT ? OFFSET ?",
             page_params)) {
        page.items.push_back({r.i64(0), r.str(1), r.str(2), r.str(3), r.str(4), r.str(5)});
    }
    return page;
}

std::optional<std::int64_t> clientByBsnHash(db::Connection& db, const std::string& bsn_hash) {
    auto r = db.queryOne("SELECT id FROM clients WHERE bsn_hash = ?", {bsn_hash});
    if (!r) return std::nullopt;
    return r->i64(0);
}

void linkRequestClient(db::Connection& db, std::int64_t id, std::int64_t client_id) {
    db.execute("UPDATE allocation_requests SET client_id = ? WHERE id = ?", {client_id, id});
}

void decideRequest(db::Connection& db, std::int64_t id, const std::string& status,
                   const std::string& decided_at, const std::string& decided_by,
                   const std::optional<std::string>& reason_code, const std::string& reason) {
    db.execute(
        "UPDATE allocation_requests SET status = ?, decided_at = ?, decided_by = ?,"
        " reason_code = ?, reason = ? WHERE id = ?",
        {status, decided_at, decided_by, reason_code ? db::Param(*reason_code) : db::Param(nullptr),
         reason, id});
}

void markInvestigating(db::Connection& db, std::int64_t id, const std::string& decision_due) {
    db.execute(
        "UPDATE allocation_requests SET status = 'in_onderzoek', decision_due = ? WHERE id = ?",
        {decision_due, id});
}

std::optional<std::pair<std::string, std::string>> grantedProductKind(db::Connection& db,
                                                                      std::int64_t id) {
    const auto r = db.queryOne(
        "SELECT g.product_code, p.category FROM granted_products g"
        " JOIN products p ON p.code = g.product_code WHERE g.id = ?",
        {id});
    if (!r) return std::nullopt;
    return std::make_pair(r->str(0), r->str(1));
}

}  // namespace zc::contracting
