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
    auto row = db.queryOne(
        "SELECT content_sha256, retour_xml, outcome FROM inbox_messages"
        " WHERE sender_agb = ? AND message_code = ? AND identificatie = ?",
        {key.sender_agb, key.message_code, key.identificatie});
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

void recordInboxOutcome(db::Connection& db, std::int64_t inbox_id,
                        std::optional<std::int64_t> outbox_id, const std::string& outcome) {
    db.execute(
        "UPDATE inbox_messages SET outcome = ?, retour_code = ?,"
        " retour_xml = (SELECT xml FROM outbox_messages WHERE id = ?) WHERE id = ?",
        {outcome, outbox_id ? db::Param(std::string("485")) : db::Param(nullptr),
         outbox_id ? db::Param(*outbox_id) : db::Param(nullptr), inbox_id});
}

void answerInbox(db::Connection& db, std::int64_t inbox_id, const std::string& retour_xml) {
    db.execute(
        "UPDATE inbox_messages SET outcome = 'answered', retour_code = '485', retour_xml = ?"
        " WHERE id = ?",
        {retour_xml, inbox_id});
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
