#pragma once
// What the request work queue (contracting/app/allocation_requests.hpp) needs of the database:
// the requests for (changes of) allocations received as WMO315/WMO317 (`allocation_requests`),
// their decisions, the client they concern, and our messages still waiting for a retour.
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "contracting/kernel/list_query.hpp"
#include "scope_sql.hpp"

namespace zc::db {
class Connection;
}

namespace zc::contracting {

// A row of `allocation_requests` with the provider's AGB.
struct RequestRow {
    std::int64_t id = 0;
    std::string kind;  // "315" or "317"
    std::int64_t provider_id = 0;
    std::string provider_agb;
    std::string referentie_aanbieder;
    std::string municipality_code;
    std::optional<std::int64_t> client_id;
    std::string summary_json;  // the request's content as the intake stored it (JSON text)
    std::string status;        // "open", "in_onderzoek", "granted", "rejected"
    std::string received_at;   // DATETIME(6) text, UTC
    std::string answer_due;    // "YYYY-MM-DD"
    std::optional<std::string> decision_due, decided_at, decided_by, reason_code, reason;
    std::string bsn_hash;
};

// One of our messages without a retour after its due date.
struct MissingRetourRow {
    std::int64_t outbox_id = 0;
    std::string message_code, identificatie, provider_agb;
    std::string created_at;  // DATETIME(6) text, UTC
    std::string retour_due;
};

// The request (locked with `lock`), or nothing.
std::optional<RequestRow> requestById(db::Connection& db, std::int64_t id, bool lock = false);
// Which requests the work queue shows ("" / 0: any): with a staff scope only those addressed to
// a municipality the user works for or serves regionally. `q` searches the provider's reference,
// AGB and name and the request's number; sorts: answer_due (default), received_at,
// provider_agb, kind, status.
struct RequestFilter {
    std::string status;
    std::int64_t provider_id = 0;
    std::optional<StaffFilter> scope;
    app::ListQuery list;
};

// A page of the requests matching the filter, and how many match.
app::ListPage<RequestRow> requestsPage(db::Connection& db, const RequestFilter& f);
// Open requests whose answer is due before `today`, and those in onderzoek whose decision is,
// paged, with their total; with a staff scope only those addressed to the user's municipalities.
app::ListPage<RequestRow> overdueRequests(db::Connection& db, const std::string& today,
                                          std::int64_t limit, std::int64_t offset,
                                          const std::optional<StaffFilter>& scope = std::nullopt);
// Our messages (not WMO325) whose retour was due before `today` and has not come, paged, with
// their total; with a staff scope only those the user's municipalities sent.
app::ListPage<MissingRetourRow> missingRetours(
    db::Connection& db, const std::string& today, std::int64_t limit, std::int64_t offset,
    const std::optional<StaffFilter>& scope = std::nullopt);
// The client with this BSN hash, or nothing.
std::optional<std::int64_t> clientByBsnHash(db::Connection& db, const std::string& bsn_hash);
// Records the client the request concerns.
void linkRequestClient(db::Connection& db, std::int64_t id, std::int64_t client_id);
// Records the decision (reason_code nothing: NULL).
void decideRequest(db::Connection& db, std::int64_t id, const std::string& status,
                   const std::string& decided_at, const std::string& decided_by,
                   const std::optional<std::string>& reason_code, const std::string& reason);
// The request is "in onderzoek" until `decision_due`.
void markInvestigating(db::Connection& db, std::int64_t id, const std::string& decision_due);
// The product code and category of a granted product, or nothing.
std::optional<std::pair<std::string, std::string>> grantedProductKind(db::Connection& db,
                                                                      std::int64_t id);

}  // namespace zc::contracting
