#include "message_log_store.hpp"

#include "interfaces/mysql/connection.hpp"
#include "interfaces/mysql/list_sql.hpp"
#include "interfaces/mysql/scope_filter.hpp"

namespace zc::contracting {

namespace {

// A scoped user's incoming messages: those linked to a request, a declaration or a care start or
// stop of the user's municipalities (the request's municipality, the declaration's recipient, the
// allocation's paying municipality).
std::string inboxScope(const db::MunicipalityScope& scope, db::Params& params) {
    if (!scope) return "";
    std::string sql =
        " AND (i.id IN (SELECT inbox_message_id FROM allocation_requests"
        " WHERE municipality_code IN " +
        db::inList(*scope, params) + ")";
    sql +=
        " OR i.id IN (SELECT inbox_message_id FROM declarations WHERE inbox_message_id IS NOT"
        " NULL AND municipality_code IN " +
        db::inList(*scope, params) + ")";
    for (const char* column : {"c.start_message_id", "c.stop_message_id"}) {
        sql += std::string(" OR i.id IN (SELECT ") + column +
               " FROM care_starts c JOIN allocations a ON a.number = c.allocation_number"
               " WHERE a.paying_municipality_code IN " +
               db::inList(*scope, params) + ")";
    }
    return sql + ")";
}

// The incoming and the outgoing half of the log as FROM ... WHERE, each with its parameters.
struct LogSources {
    std::string inbox_from, inbox_where, outbox;
    db::Params inbox_params, outbox_params;
};

LogSources logSources(const MessageLogFilter& f) {
    LogSources s;
    s.inbox_params = {f.agb, f.agb, f.client_id, f.client_id, f.client_id, f.client_id};
    s.inbox_from = " FROM inbox_messages i JOIN providers p ON p.id = i.provider_id";
    s.inbox_where =
        " WHERE (? = '' OR p.agb = ?) AND (? = 0"
        " OR i.id IN (SELECT inbox_message_id FROM allocation_requests WHERE client_id = ?)"
        " OR i.id IN (SELECT c.start_message_id FROM care_starts c JOIN allocations a"
        "   ON a.number = c.allocation_number WHERE a.client_id = ?)"
        " OR i.id IN (SELECT c.stop_message_id FROM care_starts c JOIN allocations a"
        "   ON a.number = c.allocation_number WHERE a.client_id = ?))" +
        inboxScope(f.municipalities, s.inbox_params);
    s.outbox_params = {f.agb, f.agb, f.client_id, f.client_id};
    s.outbox =
        " FROM outbox_messages o JOIN providers p ON p.id = o.provider_id"
        " LEFT JOIN chain_envelopes e ON e.outbox_message_id = o.id"
        " WHERE (? = '' OR p.agb = ?) AND (? = 0 OR o.client_id = ?)" +
        db::municipalityFilter(f.municipalities, "o.municipality_code", s.outbox_params);
    return s;
}

std::vector<MessageLogRow> logPage(db::Connection& db, const LogSources& s,
                                   const MessageLogFilter& f) {
    db::Params params = s.inbox_params;
    params.insert(params.end(), s.outbox_params.begin(), s.outbox_params.end());
    params.emplace_back(f.limit);
    params.emplace_back(f.offset);
    // The incoming half's chain columns join one row each (the newest): they add no rows.
    std::vector<MessageLogRow> out;
    for (const auto& r : db.query(
             "SELECT 'in', i.message_code, i.identificatie, p.agb, i.received_at, i.outcome,"
             " i.retour_code, r.referentienummer, IF(r.id IS NULL, NULL, COALESCE(e.state,"
             " 'received')), IF(e.state = 'failed', CONCAT(e.fault_code, ': ', e.fault_text),"
             " NULL), i.id" +
                 s.inbox_from +
                 " LEFT JOIN chain_received r ON r.id = (SELECT MAX(x.id) FROM chain_received x"
                 "   WHERE x.iwmo_sender = i.sender_agb AND x.iwmo_code = i.message_code"
                 "   AND x.iwmo_identificatie = i.identificatie)"
                 " LEFT JOIN chain_envelopes e ON e.id = (SELECT MAX(y.id) FROM chain_envelopes y"
                 "   WHERE y.inbox_message_id = i.id)" +
                 s.inbox_where +
                 " UNION ALL SELECT 'out', o.message_code, o.identificatie, p.agb, o.created_at,"
                 " IF(o.acknowledged_at IS NULL, 'waiting', 'acknowledged'), o.retour_codes,"
                 " e.referentienummer, e.state, IF(e.state = 'failed', CONCAT(e.fault_code,"
                 " ': ', e.fault_text), NULL), o.id" +
                 s.outbox + " ORDER BY 5 DESC, 1, 11 DESC LIMIT ? OFFSET ?",
             params)) {
        out.push_back({r.str(0), r.str(1), r.str(2), r.str(3), r.str(4), r.str(5), r.opt(6),
                       r.opt(7), r.opt(8), r.opt(9)});
    }
    return out;
}

}  // namespace

app::ListPage<MessageLogRow> messageLogRows(db::Connection& db, const MessageLogFilter& f) {
    const auto sources = logSources(f);
    app::ListPage<MessageLogRow> page;
    page.total = db::countRows(db, sources.inbox_from + sources.inbox_where, sources.inbox_params) +
                 db::countRows(db, sources.outbox, sources.outbox_params);
    page.items = logPage(db, sources, f);
    return page;
}

}  // namespace zc::contracting
