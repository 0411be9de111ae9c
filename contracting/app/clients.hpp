#pragma once
// Clients (cliënten) as use cases. A client's BSN is stored only encrypted (AES-256-GCM with
// AppConfig::bsn_key) and as an HMAC-SHA256 look-up hash (AppConfig::bsn_hmac_key); a record
// carries it in full only for access officers. Every read of a client through the API appends a
// "client.read" audit row. The input is validated by the caller (format rules); the use cases
// check what needs the database.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "contracting/kernel/list_query.hpp"
#include "contracting/kernel/request_context.hpp"

namespace zc::contracting {

// A client as the message layer needs it (WMO301 Client class). `bsn` is decrypted.
struct ClientView {
    std::int64_t id = 0;
    std::string bsn;
    std::string surname;
    std::string prefix;  // voorvoegsel, e.g. "van der"
    std::string given_names;
    std::string initials;
    Date birth_date;
    std::string gender;  // Geslacht: "0" unknown, "1" male, "2" female
    std::string street;
    std::string house_number;
    std::string postcode;
    std::string city;
    std::string municipality_code;
};

// The client with its decrypted BSN, or nothing. Writes no audit row: a caller that shows the
// data to a person records the read itself. Throws std::runtime_error when the stored BSN does
// not decrypt with the configured key.
std::optional<ClientView> loadClient(db::Connection& db, const app::AppConfig& config,
                                     std::int64_t id);
// The client with this BSN (looked up by its HMAC), or nothing (also for an invalid BSN).
std::optional<std::int64_t> findClientIdByBsn(db::Connection& db, const app::AppConfig& config,
                                              const std::string& bsn);

// A client to record; all fields already in their valid form (bsn a valid BSN).
struct NewClient {
    std::string bsn;
    std::string surname, prefix, given_names, initials;
    Date birth_date;
    std::string gender, street, house_number, postcode, city, municipality_code;
    std::optional<std::int64_t> district_id;
    std::optional<std::int64_t> team_id;  // sociaal wijkteam; nothing: unknown
};

// A client as shown to a user.
struct ClientRecord {
    std::int64_t id = 0;
    std::optional<std::string> bsn;  // in full: only for an access officer reading one client
    std::string bsn_masked;
    std::string surname, prefix, given_names, initials;
    std::string birth_date;  // YYYY-MM-DD
    std::string gender, street, house_number, postcode, city, municipality_code;
    std::optional<std::int64_t> district_id;
    std::optional<std::int64_t> team_id;  // the client's team; nothing: unknown
    std::string team_name;                // "" without a team
    std::string created_at;
    bool messages_withheld = false;  // OP003
    // Since when and why messages are withheld: only for access officers.
    std::optional<std::string> messages_withheld_since, messages_withheld_reason;
};

// Which clients to list: by BSN (a valid one), else a page of one municipality ("" for all).
struct ClientQuery {
    std::optional<std::string> bsn;
    std::string municipality;
    app::ListQuery list;
};

// POST /clients: UNKNOWN_MUNICIPALITY, UNKNOWN_DISTRICT, UNKNOWN_TEAM (the team is not a team
// of the client's municipality, or of its district when it has one), DUPLICATE_CLIENT; audited
// "client.create" (the record with the masked BSN only).
ClientRecord createClient(app::RequestContext& ctx, const NewClient& c);

// PATCH /clients/{id}: the client's district and team. A field that is not given stays as it
// is; a given null clears it (clearing the district clears the team too, unless a team is given).
struct ClientPlaceChange {
    std::int64_t id = 0;
    bool set_district = false;
    std::optional<std::int64_t> district_id;
    bool set_team = false;
    std::optional<std::int64_t> team_id;
};
// A client's district and team (nullopt: none).
struct ClientPlaceOf {
    std::optional<std::int64_t> district_id, team_id;
};
// The port through which a client's move is announced, in the caller's transaction: the budget
// figures count the client's care where the client now is (invoicing/app/budget_figures.hpp).
// Contracting owns it; invoicing implements it.
class ClientMovedPort {
  public:
    virtual ~ClientMovedPort() = default;
    virtual void clientMoved(std::int64_t client_id, const ClientPlaceOf& before,
                             const ClientPlaceOf& after) = 0;
};
// NOT_FOUND, OUT_OF_SCOPE (as GET /clients/{id}), UNKNOWN_DISTRICT, UNKNOWN_TEAM; audited
// "client.update" (before and after: district and team); a move is announced through `moved`.
// Answers the client's record.
ClientRecord changeClientPlace(app::RequestContext& ctx, ClientMovedPort& moved,
                               const ClientPlaceChange& change);
// GET /clients: never with a full BSN; one "client.read" row per client listed.
app::ListPage<ClientRecord> listClients(app::RequestContext& ctx, const ClientQuery& q);
// GET /clients/{id}: NOT_FOUND; the full BSN for an access officer; "client.read" row.
ClientRecord getClient(app::RequestContext& ctx, std::int64_t id);

// Appends one "client.read" row per client (after {"read": what}); the caller commits.
void auditClientReads(app::RequestContext& ctx, const std::vector<std::int64_t>& ids,
                      const char* what);
// Throws NOT_FOUND when the client does not exist (`lock`: FOR UPDATE).
void requireClient(db::Connection& db, std::int64_t id, bool lock);
// Throws NOT_FOUND when the client does not exist, OUT_OF_SCOPE (app::OutOfScope) when the
// actor may not serve it (contracting/kernel/staff_scope.hpp: own municipality, or placed care
// paid by a central municipality the actor serves regionally).
void requireClientInScope(app::RequestContext& ctx, std::int64_t id, bool lock);

}  // namespace zc::contracting
