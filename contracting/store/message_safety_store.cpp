#include "message_safety_store.hpp"

#include "interfaces/mysql/connection.hpp"

namespace zc::contracting {

bool messagesWithheld(db::Connection& db, std::int64_t client_id) {
    const auto r = db.queryOne(
        "SELECT messages_withheld_since IS NOT NULL FROM clients WHERE id = ?", {client_id});
    return r && r->i64(0) != 0;
}

std::optional<bool> MariaDbMessageSafety::lockWithheld(std::int64_t client_id) {
    const auto row = db_.queryOne(
        "SELECT messages_withheld_since IS NOT NULL FROM clients WHERE id = ? FOR UPDATE",
        {client_id});
    if (!row) return std::nullopt;
    return row->i64(0) != 0;
}

void MariaDbMessageSafety::withhold(std::int64_t client_id, const std::string& now,
                                    const std::string& reason) {
    db_.execute(
        "UPDATE clients SET messages_withheld_since = COALESCE(messages_withheld_since, ?),"
        " messages_withheld_reason = ? WHERE id = ?",
        {now, reason, client_id});
}

void MariaDbMessageSafety::release(std::int64_t client_id) {
    db_.execute(
        "UPDATE clients SET messages_withheld_since = NULL, messages_withheld_reason = NULL"
        " WHERE id = ?",
        {client_id});
}

std::vector<ProviderToInform> MariaDbMessageSafety::providersWithAllocations(
    std::int64_t client_id) {
    std::vector<ProviderToInform> out;
    for (const auto& r :
         db_.query("SELECT DISTINCT provider_id, paying_municipality_code FROM allocations"
                   " WHERE client_id = ? AND is_current = 1"
                   " ORDER BY provider_id, paying_municipality_code",
                   {client_id})) {
        out.push_back({r.i64(0), r.str(1)});
    }
    return out;
}

}  // namespace zc::contracting
