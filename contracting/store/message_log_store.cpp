#include "message_log_store.hpp"

#include "interfaces/mysql/connection.hpp"

namespace zc::contracting {

std::vector<MessageLogRow> messageLogRows(db::Connection& db, const MessageLogFilter& f) {
    std::vector<MessageLogRow> out;
    for (const auto& r : db.query(
             "SELECT 'in', i.message_code, i.identificatie, p.agb, i.received_at, i.outcome,"
             " i.retour_code FROM inbox_messages i JOIN providers p ON p.id = i.provider_id"
             " WHERE (? = '' OR p.agb = ?) AND (? = 0"
             " OR i.id IN (SELECT inbox_message_id FROM allocation_requests WHERE client_id = ?)"
             " OR i.id IN (SELECT c.start_message_id FROM care_starts c JOIN allocations a"
             "   ON a.number = c.allocation_number WHERE a.client_id = ?)"
             " OR i.id IN (SELECT c.stop_message_id FROM care_starts c JOIN allocations a"
             "   ON a.number = c.allocation_number WHERE a.client_id = ?))"
             " UNION ALL SELECT 'out', o.message_code, o.identificatie, p.agb, o.created_at,"
             " IF(o.acknowledged_at IS NULL, 'waiting', 'acknowledged'), o.retour_codes"
             " FROM outbox_messages o JOIN providers p ON p.id = o.provider_id"
             " WHERE (? = '' OR p.agb = ?) AND (? = 0 OR o.client_id = ?)"
             " ORDER BY 5 DESC LIMIT ? OFFSET ?",
             {f.agb, f.agb, f.client_id, f.client_id, f.client_id, f.client_id, f.agb, f.agb,
              f.client_id, f.client_id, f.limit, f.offset})) {
        out.push_back({r.str(0), r.str(1), r.str(2), r.str(3), r.str(4), r.str(5), r.opt(6)});
    }
    return out;
}

}  // namespace zc::contracting
