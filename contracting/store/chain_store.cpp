#include "chain_store.hpp"

#include <string_view>

#include "interfaces/mysql/list_sql.hpp"

namespace zc::contracting {
namespace {

db::Param opt(const std::optional<std::string>& v) {
    return v ? db::Param(*v) : db::Param(nullptr);
}
db::Param opt(const std::optional<std::int64_t>& v) {
    return v ? db::Param(*v) : db::Param(nullptr);
}

const char* kEnvelopeColumns =
    "SELECT e.id, e.referentienummer, e.envelope_kind, e.state, e.functie, e.provider_id, p.agb,"
    " e.municipality_code, e.outbox_message_id, e.inbox_message_id, e.cross_refnummer,"
    " e.envelope, e.attempts, e.next_attempt_at, e.created_at, e.last_error, e.delivered_at,"
    " e.acknowledged_at, e.failed_at, e.fault_code, e.fault_text, o.identificatie"
    " FROM chain_envelopes e LEFT JOIN providers p ON p.id = e.provider_id"
    " LEFT JOIN outbox_messages o ON o.id = e.outbox_message_id ";

ChainEnvelopeRow envelopeRow(const db::Row& r) {
    ChainEnvelopeRow e;
    e.id = r.i64(0);
    e.referentienummer = r.str(1);
    e.kind = r.str(2);
    e.state = r.str(3);
    e.functie = r.opt(4);
    e.provider_id = r.optI64(5);
    e.provider_agb = r.opt(6);
    e.municipality_code = r.opt(7);
    e.outbox_message_id = r.optI64(8);
    e.inbox_message_id = r.optI64(9);
    e.cross_refnummer = r.opt(10);
    e.envelope = r.opt(11);
    e.attempts = static_cast<int>(r.i64(12));
    e.next_attempt_at = r.str(13);
    e.created_at = r.str(14);
    e.last_error = r.opt(15);
    e.delivered_at = r.opt(16);
    e.acknowledged_at = r.opt(17);
    e.failed_at = r.opt(18);
    e.fault_code = r.opt(19);
    e.fault_text = r.opt(20);
    e.message_identificatie = r.opt(21);
    return e;
}

std::optional<ChainEnvelopeRow> oneEnvelope(db::Connection& db, const std::string& where,
                                            const db::Param& value) {
    auto row = db.queryOne(kEnvelopeColumns + where, {value});
    if (!row) return std::nullopt;
    return envelopeRow(*row);
}

}  // namespace

std::int64_t insertChainEnvelope(db::Connection& db, const NewChainEnvelope& e,
                                 const std::string& now) {
    db.execute(
        "INSERT INTO chain_envelopes (referentienummer, envelope_kind, functie, provider_id,"
        " municipality_code, outbox_message_id, inbox_message_id, cross_refnummer, order_key,"
        " envelope, state, next_attempt_at, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,'queued',?,?)",
        {e.referentienummer, e.kind, opt(e.functie), opt(e.provider_id), opt(e.municipality_code),
         opt(e.outbox_message_id), opt(e.inbox_message_id), opt(e.cross_refnummer),
         opt(e.order_key), e.envelope.empty() ? db::Param(nullptr) : db::Param(e.envelope), now,
         now});
    return db.lastInsertId();
}

std::optional<ChainEnvelopeRow> findChainEnvelope(db::Connection& db, std::int64_t id) {
    return oneEnvelope(db, "WHERE e.id = ?", id);
}

std::optional<ChainEnvelopeRow> findChainEnvelopeByReference(db::Connection& db,
                                                             const std::string& referentienummer) {
    return oneEnvelope(db, "WHERE e.referentienummer = ?", referentienummer);
}

namespace {

const db::SortSpec kChainSort{{{"id", "e.id"},
                               {"created_at", "e.created_at"},
                               {"state", "e.state"},
                               {"functie", "e.functie"},
                               {"attempts", "e.attempts"}},
                              "e.id",
                              "",
                              true};

const char* kChainFrom =
    " FROM chain_envelopes e LEFT JOIN providers p ON p.id = e.provider_id"
    " LEFT JOIN outbox_messages o ON o.id = e.outbox_message_id ";

// `params` starts with the state twice and the AGB twice.
std::string listWhere(const ChainEnvelopeFilter& f, db::Params& params) {
    // One statement each: the parameters must be appended in the order of their placeholders.
    std::string sql =
        std::string(kChainFrom) + "WHERE (? = '' OR e.state = ?) AND (? = '' OR p.agb = ?)";
    sql += db::municipalityFilter(f.scope, "e.municipality_code", params);
    sql += db::searchFilter(
        f.list.search, {"e.referentienummer", "e.functie", "o.identificatie", "p.agb"}, params);
    return sql;
}

}  // namespace

std::vector<ChainEnvelopeRow> chainEnvelopeRows(db::Connection& db, const ChainEnvelopeFilter& f) {
    db::Params params{f.state, f.state, f.agb, f.agb};
    const std::string where = listWhere(f, params);
    const std::string order = db::orderBy(f.list, kChainSort);
    const std::string page = db::limitOffset(f.list, params);
    std::vector<ChainEnvelopeRow> out;
    const std::string select(kEnvelopeColumns, std::string_view(kEnvelopeColumns).find(" FROM "));
    for (const auto& r : db.query(select + where + order + page, params)) {
        out.push_back(envelopeRow(r));
        out.back().envelope.reset();  // the sealed text stays in the database
    }
    return out;
}

std::int64_t chainEnvelopeCount(db::Connection& db, const ChainEnvelopeFilter& f) {
    db::Params params{f.state, f.state, f.agb, f.agb};
    return db::countRows(db, listWhere(f, params), params);
}

std::vector<std::int64_t> dueChainEnvelopes(db::Connection& db, const std::string& now, int limit) {
    std::vector<std::int64_t> ids;
    for (const auto& r :
         db.query("SELECT e.id FROM chain_envelopes e WHERE e.state = 'queued'"
                  " AND e.next_attempt_at <= ? AND (e.lease_until IS NULL OR e.lease_until < ?)"
                  " AND NOT EXISTS (SELECT 1 FROM chain_envelopes b WHERE b.order_key = e.order_key"
                  " AND b.id < e.id AND b.state = 'queued') ORDER BY e.id LIMIT ?",
                  {now, now, static_cast<std::int64_t>(limit)})) {
        ids.push_back(r.i64(0));
    }
    return ids;
}

bool leaseChainEnvelope(db::Connection& db, std::int64_t id, const std::string& now,
                        const std::string& lease_until) {
    return db.execute(
               "UPDATE chain_envelopes SET lease_until = ?, attempts = attempts + 1"
               " WHERE id = ? AND state = 'queued' AND (lease_until IS NULL OR lease_until < ?)",
               {lease_until, id, now}) == 1;
}

void releaseChainLeases(db::Connection& db) {
    db.execute("UPDATE chain_envelopes SET lease_until = NULL WHERE lease_until IS NOT NULL", {});
}

void storeChainEnvelopeText(db::Connection& db, std::int64_t id, const std::string& sealed,
                            const std::optional<std::string>& cross_refnummer,
                            const std::string& kind) {
    db.execute(
        "UPDATE chain_envelopes SET envelope = ?, cross_refnummer = ?, envelope_kind = ?"
        " WHERE id = ? AND envelope IS NULL",
        {sealed, opt(cross_refnummer), kind, id});
}

void markChainDelivered(db::Connection& db, std::int64_t id, const std::string& now) {
    db.execute(
        "UPDATE chain_envelopes SET state = 'delivered', delivered_at = ?, lease_until = NULL,"
        " last_error = NULL WHERE id = ? AND state = 'queued'",
        {now, id});
}

void markChainRetry(db::Connection& db, std::int64_t id, const std::string& next_attempt_at,
                    const std::string& error) {
    db.execute(
        "UPDATE chain_envelopes SET next_attempt_at = ?, last_error = ?, lease_until = NULL"
        " WHERE id = ? AND state = 'queued'",
        {next_attempt_at, error.substr(0, 400), id});
}

void markChainFailed(db::Connection& db, std::int64_t id, const std::string& now,
                     const std::string& code, const std::string& text) {
    db.execute(
        "UPDATE chain_envelopes SET state = 'failed', failed_at = ?, fault_code = ?,"
        " fault_text = ?, lease_until = NULL WHERE id = ? AND state IN ('queued','delivered')",
        {now, code.substr(0, 16), text.substr(0, 1000), id});
}

bool requeueChainEnvelope(db::Connection& db, std::int64_t id, const std::string& now) {
    return db.execute(
               "UPDATE chain_envelopes SET state = 'queued', attempts = 0, next_attempt_at = ?,"
               " failed_at = NULL, last_error = NULL WHERE id = ? AND state = 'failed'",
               {now, id}) == 1;
}

bool markChainAcknowledged(db::Connection& db, const std::string& referentienummer,
                           const std::string& now) {
    // The provider has the message (its retour came): as an acknowledgement on the direct path.
    db.execute(
        "UPDATE outbox_messages o JOIN chain_envelopes e ON e.outbox_message_id = o.id"
        " SET o.acknowledged_at = COALESCE(o.acknowledged_at, ?) WHERE e.referentienummer = ?",
        {now, referentienummer});
    return db.execute(
               "UPDATE chain_envelopes SET state = 'acknowledged', acknowledged_at = ?,"
               " delivered_at = COALESCE(delivered_at, ?), lease_until = NULL"
               " WHERE referentienummer = ? AND state IN ('queued','delivered')",
               {now, now, referentienummer}) == 1;
}

bool linkChainInbox(db::Connection& db, std::int64_t outbox_id, std::int64_t inbox_id) {
    db.execute("UPDATE chain_envelopes SET inbox_message_id = ? WHERE outbox_message_id = ?",
               {inbox_id, outbox_id});
    return db.queryOne("SELECT 1 FROM chain_envelopes WHERE outbox_message_id = ?", {outbox_id})
        .has_value();
}

std::optional<std::string> receivedReferenceOfInbox(db::Connection& db, std::int64_t inbox_id) {
    auto row = db.queryOne(
        "SELECT r.referentienummer FROM inbox_messages i JOIN chain_received r"
        " ON r.iwmo_sender = i.sender_agb AND r.iwmo_code = i.message_code"
        " AND r.iwmo_identificatie = i.identificatie WHERE i.id = ? ORDER BY r.id DESC LIMIT 1",
        {inbox_id});
    if (!row) return std::nullopt;
    return row->str(0);
}

std::optional<std::int64_t> insertChainReceived(db::Connection& db, const NewChainReceived& r,
                                                const std::string& now) {
    try {
        db.execute(
            "INSERT INTO chain_received (zender_organisatie, zender_applicatie, referentienummer,"
            " envelope_kind, functie, cross_refnummer, content_sha256, iwmo_sender, iwmo_code,"
            " iwmo_identificatie, received_at, outcome) VALUES (?,?,?,?,?,?,?,?,?,?,?,"
            "'processing')",
            {r.key.zender_organisatie, r.key.zender_applicatie, r.key.referentienummer, r.kind,
             opt(r.functie), opt(r.cross_refnummer), r.content_sha256, opt(r.iwmo_sender),
             opt(r.iwmo_code), opt(r.iwmo_identificatie), now});
        return db.lastInsertId();
    } catch (const db::DbError& e) {
        if (!e.isDuplicateKey()) throw;
    }
    return std::nullopt;
}

std::optional<ChainReceivedRow> findChainReceived(db::Connection& db, const ChainReceivedKey& key) {
    auto row = db.queryOne(
        "SELECT id, content_sha256, outcome FROM chain_received WHERE zender_organisatie = ?"
        " AND zender_applicatie = ? AND referentienummer = ?",
        {key.zender_organisatie, key.zender_applicatie, key.referentienummer});
    if (!row) return std::nullopt;
    return ChainReceivedRow{row->i64(0), row->str(1), row->str(2)};
}

bool finishChainReceived(db::Connection& db, std::int64_t id, const std::string& outcome,
                         std::optional<std::int64_t> provider_id,
                         std::optional<std::int64_t> inbox_id,
                         const std::optional<std::string>& fault_code,
                         const std::optional<std::string>& fault_text) {
    return db.execute(
               "UPDATE chain_received SET outcome = ?, provider_id = ?, inbox_message_id = ?,"
               " fault_code = ?, fault_text = ? WHERE id = ? AND outcome = 'processing'",
               {outcome, opt(provider_id), opt(inbox_id), opt(fault_code), opt(fault_text), id}) ==
           1;
}

std::optional<std::int64_t> inboxIdOf(db::Connection& db, const std::string& sender_agb,
                                      const std::string& message_code,
                                      const std::string& identificatie) {
    auto row = db.queryOne(
        "SELECT id FROM inbox_messages WHERE sender_agb = ? AND message_code = ?"
        " AND identificatie = ?",
        {sender_agb, message_code, identificatie});
    if (!row) return std::nullopt;
    return row->i64(0);
}

}  // namespace zc::contracting
