#include "message_body_store.hpp"

#include "interfaces/mysql/connection.hpp"

namespace zc::contracting {

std::vector<StoredBody> unsealedBodies(db::Connection& db, StoredBodyKind kind,
                                       std::int64_t after_id, std::int64_t limit,
                                       const std::string& sealed_prefix) {
    const char* sql =
        kind == StoredBodyKind::OutboxXml
            ? "SELECT id, xml FROM outbox_messages WHERE id > ? AND LEFT(xml, ?) <> ?"
              " ORDER BY id LIMIT ? FOR UPDATE"
            : "SELECT id, retour_xml FROM inbox_messages WHERE id > ? AND retour_xml IS NOT NULL"
              // A retour kept in the outbox (inbox_store.hpp, kOutboxRetourPrefix) is no body here.
              " AND LEFT(retour_xml, ?) <> ? AND retour_xml NOT LIKE 'zcout1:%'"
              " ORDER BY id LIMIT ? FOR UPDATE";
    std::vector<StoredBody> out;
    for (const auto& r : db.query(sql, {after_id, static_cast<std::int64_t>(sealed_prefix.size()),
                                        sealed_prefix, limit})) {
        out.push_back({r.i64(0), r.str(1)});
    }
    return out;
}

void replaceBody(db::Connection& db, StoredBodyKind kind, std::int64_t id,
                 const std::string& sealed) {
    db.execute(kind == StoredBodyKind::OutboxXml
                   ? "UPDATE outbox_messages SET xml = ? WHERE id = ?"
                   : "UPDATE inbox_messages SET retour_xml = ? WHERE id = ?",
               {db::LongText{&sealed}, id});
}

}  // namespace zc::contracting
