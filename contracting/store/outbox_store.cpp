#include "outbox_store.hpp"

#include "interfaces/mysql/connection.hpp"
#include "interfaces/mysql/list_sql.hpp"

namespace zc::contracting {
namespace {

constexpr const char* kOutboxColumns =
    "SELECT id, message_code, identificatie, created_at, retour_due, fetched_at, acknowledged_at,"
    " retour_codes, municipality_code FROM outbox_messages";

OutboxRow outboxRow(const db::Row& r) {
    return {r.i64(0), r.str(1), r.str(2), r.str(3), r.str(4),
            r.opt(5), r.opt(6), r.opt(7), r.opt(8)};
}

}  // namespace

app::ListPage<OutboxRow> providerOutbox(db::Connection& db, std::int64_t provider_id, bool all,
                                        std::int64_t limit, std::int64_t offset) {
    // (provider_id, acknowledged_at) is indexed: both forms read one range of it.
    const std::string where =
        std::string(" WHERE provider_id = ?") + (all ? "" : " AND acknowledged_at IS NULL");
    app::ListPage<OutboxRow> page;
    page.total = db::countRows(db, "FROM outbox_messages" + where, {provider_id});
    for (const auto& r :
         db.query(std::string(kOutboxColumns) + where + " ORDER BY id LIMIT ? OFFSET ?",
                  {provider_id, limit, offset})) {
        page.items.push_back(outboxRow(r));
    }
    return page;
}

std::optional<std::string> outboxXml(db::Connection& db, std::int64_t id,
                                     std::int64_t provider_id) {
    auto r = db.queryOne("SELECT xml FROM outbox_messages WHERE id = ? AND provider_id = ?",
                         {id, provider_id});
    if (!r) return std::nullopt;
    return r->str(0);
}

void markFetched(db::Connection& db, std::int64_t id, const std::string& now) {
    db.execute("UPDATE outbox_messages SET fetched_at = COALESCE(fetched_at, ?) WHERE id = ?",
               {now, id});
}

std::optional<OutboxRow> lockOutboxMessage(db::Connection& db, std::int64_t id,
                                           std::int64_t provider_id) {
    auto r =
        db.queryOne(std::string(kOutboxColumns) + " WHERE id = ? AND provider_id = ? FOR UPDATE",
                    {id, provider_id});
    if (!r) return std::nullopt;
    return outboxRow(*r);
}

void markAcknowledged(db::Connection& db, std::int64_t id, const std::string& now) {
    db.execute(
        "UPDATE outbox_messages SET acknowledged_at = COALESCE(acknowledged_at, ?)"
        " WHERE id = ?",
        {now, id});
}

OutboxRow outboxMessage(db::Connection& db, std::int64_t id) {
    return outboxRow(*db.queryOne(std::string(kOutboxColumns) + " WHERE id = ?", {id}));
}

std::int64_t nextMessageNumber(db::Connection& db) {
    auto r = db.queryOne("SELECT last_value FROM message_sequence WHERE id = 1 FOR UPDATE");
    const std::int64_t next = r->i64(0) + 1;
    db.execute("UPDATE message_sequence SET last_value = ? WHERE id = 1", {next});
    return next;
}

std::int64_t insertOutgoing(db::Connection& db, const OutgoingRow& m) {
    db.execute(
        "INSERT INTO outbox_messages (provider_id, municipality_code, message_code,"
        " identificatie, client_id, request_id, xml, created_at, retour_due)"
        " VALUES (?,?,?,?,?,?,?,?,?)",
        {m.provider_id, m.municipality_code, m.message_code, m.identificatie,
         m.client_id ? db::Param(*m.client_id) : db::Param(nullptr),
         m.request_id ? db::Param(*m.request_id) : db::Param(nullptr),
         m.xml_stream ? db::LongText{nullptr, m.xml_stream} : db::LongText{m.xml}, m.created_at,
         m.retour_due});
    return db.lastInsertId();
}

std::set<std::int64_t> sentAllocationVersions(db::Connection& db, std::int64_t client_id,
                                              std::int64_t provider_id,
                                              const std::string& municipality) {
    std::set<std::int64_t> out;
    for (const auto& r :
         db.query("SELECT DISTINCT w.allocation_id FROM wmo301_allocations w"
                  " JOIN allocations a ON a.id = w.allocation_id"
                  " WHERE a.client_id = ? AND a.provider_id = ? AND a.is_current = 1"
                  " AND a.paying_municipality_code = ?",
                  {client_id, provider_id, municipality})) {
        out.insert(r.i64(0));
    }
    return out;
}

void recordWmo301Version(db::Connection& db, std::int64_t outbox_id, std::int64_t allocation_id) {
    db.execute("INSERT INTO wmo301_allocations (outbox_message_id, allocation_id) VALUES (?, ?)",
               {outbox_id, allocation_id});
}

}  // namespace zc::contracting
