#include "inbox_store.hpp"

#include "interfaces/mysql/connection.hpp"

namespace zc::contracting {

std::optional<std::int64_t> insertInboxMessage(db::Connection& db, const InboxKey& key,
                                               std::int64_t provider_id, const std::string& sha,
                                               const std::string& received_at) {
    try {
        db.execute(
            "INSERT INTO inbox_messages (sender_agb, provider_id, message_code, identificatie,"
            " dagtekening, content_sha256, received_at, outcome) VALUES "
            "(?,?,?,?,?,?,?,'processing')",
            {key.sender_agb, provider_id, key.message_code, key.identificatie,
             formatDate(key.dagtekening), sha, received_at});
        return db.lastInsertId();
    } catch (const db::DbError& e) {
        if (!e.isDuplicateKey()) throw;
    }
    return std::nullopt;
}

std::optional<InboxRow> findInboxMessage(db::Connection& db, const InboxKey& key) {
    // A retour kept in the outbox is read from there (outbox_messages.xml, sealed as well).
    auto row = db.queryOne(
        "SELECT i.content_sha256, COALESCE(o.xml, i.retour_xml), i.outcome FROM inbox_messages i"
        " LEFT JOIN outbox_messages o ON LEFT(i.retour_xml, ?) = ?"
        "  AND o.id = CAST(SUBSTRING(i.retour_xml, ?) AS UNSIGNED)"
        " WHERE i.sender_agb = ? AND i.message_code = ? AND i.identificatie = ?",
        {static_cast<std::int64_t>(kOutboxRetourPrefix.size()), std::string(kOutboxRetourPrefix),
         static_cast<std::int64_t>(kOutboxRetourPrefix.size() + 1), key.sender_agb,
         key.message_code, key.identificatie});
    if (!row) return std::nullopt;
    return InboxRow{row->str(0), row->opt(1), row->str(2)};
}

void finishInboxMessage(db::Connection& db, std::int64_t inbox_id, const std::string& outcome,
                        const std::optional<std::string>& retour_code,
                        const std::optional<std::string>& retour_xml) {
    const auto text = [](const std::optional<std::string>& v) {
        return v ? db::Param(*v) : db::Param(nullptr);
    };
    db.execute(
        "UPDATE inbox_messages SET outcome = ?, retour_code = ?, retour_xml = ? WHERE id = ?",
        {outcome, text(retour_code), text(retour_xml), inbox_id});
}

namespace {

db::Param outboxRetour(std::int64_t outbox_id) {
    return std::string(kOutboxRetourPrefix) + std::to_string(outbox_id);
}

}  // namespace

void recordInboxOutcome(db::Connection& db, std::int64_t inbox_id,
                        std::optional<std::int64_t> outbox_id, const std::string& outcome) {
    db.execute(
        "UPDATE inbox_messages SET outcome = ?, retour_code = ?, retour_xml = ? WHERE id = ?",
        {outcome, outbox_id ? db::Param(std::string("485")) : db::Param(nullptr),
         outbox_id ? outboxRetour(*outbox_id) : db::Param(nullptr), inbox_id});
}

void answerInbox(db::Connection& db, std::int64_t inbox_id, std::int64_t outbox_id) {
    db.execute(
        "UPDATE inbox_messages SET outcome = 'answered', retour_code = '485', retour_xml = ?"
        " WHERE id = ?",
        {outboxRetour(outbox_id), inbox_id});
}

std::int64_t recordRetourOnOutbox(db::Connection& db, const std::string& message_code,
                                  const std::string& identificatie, std::int64_t provider_id,
                                  const std::string& codes, const std::string& at) {
    return db.execute(
        "UPDATE outbox_messages SET retour_received_at = ?, retour_codes = ?"
        " WHERE message_code = ? AND identificatie = ? AND provider_id = ?",
        {at, codes, message_code, identificatie, provider_id});
}

}  // namespace zc::contracting
