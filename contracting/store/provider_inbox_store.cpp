#include "provider_inbox_store.hpp"

#include "interfaces/mysql/connection.hpp"

namespace zc::contracting {
namespace {

// The WHERE of both the page and the count; `identificatie` matched as a substring (LIKE with
// its wildcards escaped).
constexpr const char* kWhere =
    " WHERE provider_id = ? AND (? = '' OR message_code = ?)"
    " AND (? = '' OR identificatie LIKE CONCAT('%', ?, '%') ESCAPE '!')";

std::string likeEscaped(const std::string& text) {
    std::string out;
    for (char c : text) {
        if (c == '%' || c == '_' || c == '!') out += '!';
        out += c;
    }
    return out;
}

std::vector<db::Param> whereParams(const InboxQuery& q) {
    const std::string like = likeEscaped(q.identificatie);
    return {q.provider_id, q.message_code, q.message_code, q.identificatie, like};
}

}  // namespace

std::vector<OutboxRow> inboxPage(db::Connection& db, const InboxQuery& q) {
    auto params = whereParams(q);
    params.emplace_back(q.limit);
    params.emplace_back(q.offset);
    std::vector<OutboxRow> out;
    for (const auto& r :
         db.query("SELECT id, message_code, identificatie, created_at, retour_due, fetched_at,"
                  " acknowledged_at, retour_codes, municipality_code FROM outbox_messages" +
                      std::string(kWhere) + " ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?",
                  params)) {
        out.push_back({r.i64(0), r.str(1), r.str(2), r.str(3), r.str(4), r.opt(5), r.opt(6),
                       r.opt(7), r.opt(8)});
    }
    return out;
}

std::int64_t inboxCount(db::Connection& db, const InboxQuery& q) {
    return db
        .queryOne("SELECT COUNT(*) FROM outbox_messages" + std::string(kWhere), whereParams(q))
        ->i64(0);
}

}  // namespace zc::contracting
