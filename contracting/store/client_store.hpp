#pragma once
// Clients (cliënten) and their access decisions (toegangsbesluiten) with granted products in the
// database. The BSN is stored only encrypted (bsn_enc) and as a look-up hash (bsn_hash); this
// store neither encrypts nor decrypts.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "contracting/kernel/list_query.hpp"
#include "scope_sql.hpp"

namespace zc::db {
class Connection;
}

namespace zc::contracting {

// A row of `clients`, as stored.
struct ClientRow {
    std::int64_t id = 0;
    std::string bsn_enc;
    std::string surname, prefix, given_names, initials;
    std::string birth_date;  // YYYY-MM-DD
    std::string gender, street, house_number, postcode, city, municipality_code;
    std::optional<std::int64_t> district_id;
    std::string created_at;
    std::optional<std::string> messages_withheld_since;
    std::optional<std::string> messages_withheld_reason;
    std::optional<std::int64_t> team_id;  // the client's team (sociaal wijkteam); NULL: unknown
    std::string team_name;                // "" without a team
};

// A client to insert (bsn_hash and bsn_enc computed by the caller).
struct NewClientRow {
    std::string bsn_hash, bsn_enc;
    std::string surname, prefix, given_names, initials;
    std::string birth_date;
    std::string gender, street, house_number, postcode, city, municipality_code;
    std::optional<std::int64_t> district_id;
    std::optional<std::int64_t> team_id;
    std::string created_at;
};

// The client, or nothing.
std::optional<ClientRow> findClient(db::Connection& db, std::int64_t id);
// Whether the client exists (`lock`: FOR UPDATE).
bool clientExists(db::Connection& db, std::int64_t id, bool lock);
// The clients with this BSN look-up hash (within the staff scope, when given).
std::vector<ClientRow> clientsByBsnHash(db::Connection& db, const std::string& hash,
                                        const std::optional<StaffFilter>& scope = std::nullopt);
// The id of the client with this BSN look-up hash, or nothing.
std::optional<std::int64_t> clientIdByBsnHash(db::Connection& db, const std::string& hash);
// A page of clients of one municipality ("" for all), within the staff scope (if any), and how
// many match: `q` searches the surname, given names, initials, postcode, city and the client's
// number (never the BSN, which is stored encrypted: ?bsn= looks one up); sorts: id (default),
// surname, birth_date, municipality_code, postcode.
app::ListPage<ClientRow> clientPage(db::Connection& db, const std::string& municipality,
                                    const app::ListQuery& q,
                                    const std::optional<StaffFilter>& scope = std::nullopt);
// The paying municipalities of the client's placed care (granted products whose category is
// placed with the municipality that pays them), for the staff scope.
std::vector<std::string> placedPayersOfClient(db::Connection& db, std::int64_t client_id);
// Whether the product's category is placed with `payer` (some region placed it there).
bool placedWith(db::Connection& db, const std::string& payer, const std::string& product_code);
// The client's municipality code (the client must exist).
std::string clientMunicipality(db::Connection& db, std::int64_t id);
// The municipality of the district, or nothing when the district is unknown.
std::optional<std::string> districtMunicipality(db::Connection& db, std::int64_t district_id);
// Inserts the client; returns its id.
std::int64_t insertClient(db::Connection& db, const NewClientRow& c);
// Sets the client's district and team (nothing: NULL).
void updateClientPlace(db::Connection& db, std::int64_t id, std::optional<std::int64_t> district,
                       std::optional<std::int64_t> team);
// The team's district and that district's municipality, or nothing when the team is unknown.
struct TeamOwner {
    std::int64_t district_id = 0;
    std::string municipality;
};
std::optional<TeamOwner> teamOwner(db::Connection& db, std::int64_t team_id);

// A row of `access_decisions`.
struct DecisionRow {
    std::int64_t id = 0, client_id = 0, number = 0;
    std::string decision_date, valid_from;  // YYYY-MM-DD
    std::optional<std::string> valid_to;
};

// A row of `granted_products`.
struct GrantRow {
    std::int64_t id = 0;
    std::string product_code;
    std::int64_t volume = 0;
    std::string unit, frequency, financing;  // their text forms
    std::optional<std::int64_t> pgb_budget_cents;
    std::string paying_municipality;  // the municipality that pays for it (code)
};

// A product's unit and kind ("general_provision", ...), or nothing when unknown.
struct ProductUnitKind {
    std::string unit, kind;
};
std::optional<ProductUnitKind> productUnitKind(db::Connection& db, const std::string& code);

// Whether a decision with this number exists.
bool decisionNumberExists(db::Connection& db, std::int64_t number);
// Inserts the decision (without products); returns its id.
std::int64_t insertDecision(db::Connection& db, const DecisionRow& d, const std::string& created_by,
                            const std::string& created_at);
// Inserts a granted product of the decision (g.id is ignored).
void insertGrant(db::Connection& db, std::int64_t decision_id, const GrantRow& g);
// The decision, or nothing.
std::optional<DecisionRow> findDecision(db::Connection& db, std::int64_t id);
// The client's decisions by valid_from, id.
// A page of the client's decisions by start and id, and how many it has.
app::ListPage<DecisionRow> decisionsOfClient(db::Connection& db, std::int64_t client_id,
                                             std::int64_t limit, std::int64_t offset);
// The decision's granted products by id.
std::vector<GrantRow> grantsOfDecision(db::Connection& db, std::int64_t decision_id);

}  // namespace zc::contracting
