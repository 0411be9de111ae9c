#include "received_request_store.hpp"

#include "interfaces/mysql/connection.hpp"

namespace zc::contracting {

bool MariaDbReceivedRequests::referenceUsed(std::int64_t provider_id,
                                            const std::string& reference) {
    return db_
        .queryOne(
            "SELECT id FROM allocation_requests WHERE provider_id = ? AND referentie_aanbieder = ?",
            {provider_id, reference})
        .has_value();
}

bool MariaDbReceivedRequests::lockOpenRequest(std::int64_t provider_id,
                                              const std::string& bsn_hash) {
    return db_
        .queryOne(
            "SELECT id FROM allocation_requests WHERE provider_id = ? AND bsn_hash = ?"
            " AND status IN ('open','in_onderzoek') FOR UPDATE",
            {provider_id, bsn_hash})
        .has_value();
}

std::set<std::int64_t> MariaDbReceivedRequests::currentNumbers(std::int64_t client_id,
                                                               std::int64_t provider_id,
                                                               const std::string& municipality,
                                                               Date today) {
    std::set<std::int64_t> out;
    for (const auto& r : db_.query("SELECT number FROM allocations WHERE client_id = ? AND "
                                   "provider_id = ? AND paying_municipality_code = ?"
                                   " AND is_current = 1 AND (end_date IS NULL OR end_date > ?)",
                                   {client_id, provider_id, municipality, formatDate(today)})) {
        out.insert(r.i64(0));
    }
    return out;
}

std::optional<AllocationStartTerms> MariaDbReceivedRequests::allocationTerms(std::int64_t number) {
    const auto a = db_.queryOne(
        "SELECT start_date, frequency FROM allocations WHERE number = ? AND is_current = 1",
        {number});
    if (!a) return std::nullopt;
    return AllocationStartTerms{parseDate(a->str(0)), a->str(1)};
}

std::optional<NamedAllocation> MariaDbReceivedRequests::allocation(std::int64_t number) {
    return findNamedAllocation(db_, number);
}

void MariaDbReceivedRequests::insertRequest(const NewRequest& r) {
    db_.execute(
        "INSERT INTO allocation_requests (kind, provider_id, referentie_aanbieder,"
        " municipality_code, client_id, bsn_hash, summary_json, inbox_message_id, status,"
        " received_at, answer_due) VALUES (?,?,?,?,?,?,?,?,'open',?,?)",
        {r.kind, r.provider_id, r.reference, r.municipality_code,
         r.client_id ? db::Param(*r.client_id) : db::Param(nullptr), r.bsn_hash, r.summary_json,
         r.inbox_id, r.received_at, formatDate(r.answer_due)});
}

}  // namespace zc::contracting
