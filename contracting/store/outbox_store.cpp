#include "outbox_store.hpp"

#include "interfaces/mysql/connection.hpp"

namespace zc::contracting {
namespace {

constexpr const char* kOutboxColumns =
    "SELECT id, message_code, identificatie, created_at, retour_due, fetched_at, acknowledged_at,"
    " retour_codes FROM outbox_messages";

OutboxRow outboxRow(const db::Row& r) {
    return {r.i64(0), r.str(1), r.str(2), r.str(3), r.str(4), r.opt(5), r.opt(6), r.opt(7)};
}

}  // namespace

std::vector<OutboxRow> providerOutbox(db::Connection& db, std::int64_t provider_id, bool all) {
    std::vector<OutboxRow> out;
    for (const auto& r :
         db.query(std::string(kOutboxColumns) +
                      " WHERE provider_id = ? AND (? = 1 OR acknowledged_at IS NULL)"
                      " ORDER BY id LIMIT 1000",
                  {provider_id, std::int64_t{all ? 1 : 0}})) {
        out.push_back(outboxRow(r));
    }
    return out;
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

}  // namespace zc::contracting
